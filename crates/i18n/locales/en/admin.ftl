# The admin console's frame: its tabs.
admin-console = Admin console
admin-tab-people = People
admin-tab-invitations = Invitations
admin-tab-moderation = Moderation
admin-tab-watch-list = Watch list
admin-tab-usage-policy = Usage policy
admin-tab-posts = Posts
admin-tab-analytics = Analytics
admin-tab-audit = Audit log
admin-tab-data = Data
admin-tab-sso = Single sign-on
admin-tab-scim = Provisioning
admin-tab-embedding = Embedding
