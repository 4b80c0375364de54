# The console's Provisioning tab (SCIM).
admin-scim-title = Bereitstellung
admin-scim-heading = Bereitstellung (SCIM)
admin-scim-revoked = Das Token wurde widerrufen; sein Client wird ab sofort abgewiesen.
admin-scim-connect = Identitätsanbieter verbinden
# $url is the base URL, as code.
admin-scim-base-url = SCIM-2.0-Basis-URL: { $url }
admin-scim-how = Mit einem SCIM-Token als Bearer-Token authentifizieren. Users sind Personenkonten; Groups sind Communitys. Wird ein User deaktiviert oder gelöscht, wird das Konto sofort deaktiviert.
admin-scim-new-token = Neues SCIM-Token
admin-scim-copy-now = Jetzt in den Identitätsanbieter kopieren: Das Token wird nicht noch einmal angezeigt.
admin-scim-create-title = Token erstellen
admin-scim-token-name = Name (z. B. der Identitätsanbieter)
admin-scim-create = Token erstellen
admin-scim-tokens = Tokens
admin-scim-no-tokens = Bisher wurde kein SCIM-Token erstellt.
admin-scim-col-name = Name
admin-scim-col-created = Erstellt
admin-scim-col-last-used = Zuletzt verwendet
admin-scim-col-state = Status
# A token that was never used.
admin-scim-never = nie
admin-scim-state-revoked = widerrufen
admin-scim-state-active = aktiv
admin-scim-revoke = Widerrufen
admin-scim-events = Letzte Bereitstellungsereignisse
admin-scim-no-events = Der Identitätsanbieter hat bisher nichts geändert.
admin-scim-col-when = Wann
admin-scim-col-request = Anfrage
admin-scim-col-status = Status
admin-scim-col-what = Was
