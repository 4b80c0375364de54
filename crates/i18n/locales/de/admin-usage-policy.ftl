# The console's Usage policy tab.
admin-usage-policy-title = Nutzungsrichtlinie
admin-usage-policy-published-note = Die neue Version ist veröffentlicht. Alle anderen werden auf ihrer nächsten Seite gebeten, sie anzunehmen.
admin-usage-policy-none = Noch keine Richtlinie
admin-usage-policy-none-hint = Sobald eine veröffentlicht ist, müssen alle sie annehmen, bevor sie das Netzwerk nutzen.
admin-usage-policy-version = Version { $version }
# $when is a relative time; $share is admin-usage-policy-share, in bold; $people is the number of people.
admin-usage-policy-published = Veröffentlicht { $when }. { $people ->
        [one] { $share } Person hat sie angenommen.
       *[other] { $share } Personen haben sie angenommen.
    }
admin-usage-policy-share = { $accepted } von { $people }
admin-usage-policy-publish-title = Neue Version veröffentlichen
admin-usage-policy-publish-hint = Markdown. Nach dem Veröffentlichen müssen alle die neue Version annehmen, bevor sie weitermachen können.
admin-usage-policy-text = Text der Richtlinie
admin-usage-policy-publish = Veröffentlichen
