# The console's Usage policy tab.
admin-usage-policy-title = Usage policy
admin-usage-policy-published-note = The new version is published. Everyone else will be asked to accept it on their next page.
admin-usage-policy-none = No policy yet
admin-usage-policy-none-hint = Once you publish one, everyone must accept it before using the network.
admin-usage-policy-version = Version { $version }
# $when is a relative time; $share is admin-usage-policy-share, in bold; $people is the number of people.
admin-usage-policy-published = Published { $when }. { $people ->
        [one] { $share } person has accepted it.
       *[other] { $share } people have accepted it.
    }
admin-usage-policy-share = { $accepted } of { $people }
admin-usage-policy-publish-title = Publish a new version
admin-usage-policy-publish-hint = Markdown. Publishing asks everyone to accept the new version before they go on.
admin-usage-policy-text = Policy text
admin-usage-policy-publish = Publish
