# The admin console's frame: its tabs.
admin-console = Verwaltungskonsole
admin-tab-people = Personen
admin-tab-invitations = Einladungen
admin-tab-moderation = Moderation
admin-tab-watch-list = Beobachtungsliste
admin-tab-usage-policy = Nutzungsrichtlinie
admin-tab-posts = Beiträge
admin-tab-analytics = Analysen
admin-tab-audit = Audit-Protokoll
admin-tab-data = Daten
admin-tab-sso = Single Sign-on
admin-tab-scim = Bereitstellung
admin-tab-embedding = Einbettung
