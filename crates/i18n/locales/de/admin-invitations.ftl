# The console's Invitations tab.
admin-invitations-title = Einladungen
admin-invitations-revoked = Die Einladung wurde widerrufen; ihr Link funktioniert nicht mehr.
admin-invitations-link-for = Einladungslink für { $email }
admin-invitations-copy-now = Jetzt kopieren und der Person schicken: Der Link wird nicht noch einmal angezeigt. Er funktioniert einmal, { $days ->
        [one] 1 Tag
       *[other] { $days } Tage
    } lang.
admin-invitations-invite = Jemanden einladen
admin-invitations-email = E-Mail-Adresse
admin-invitations-role = Rolle
admin-invitations-role-member = Mitglied
admin-invitations-role-admin = Netzwerk-Admin
admin-invitations-role-compliance = Compliance-Beauftragte
admin-invitations-create = Einladungslink erstellen
admin-invitations-all = Alle Einladungen
admin-invitations-none = Bisher wurde niemand eingeladen.
admin-invitations-col-email = E-Mail
admin-invitations-col-role = Rolle
admin-invitations-col-state = Status
admin-invitations-col-invited = Eingeladen
# Roles and states in the list of invitations.
admin-invitations-list-member = Mitglied
admin-invitations-list-admin = Admin
admin-invitations-list-compliance = Compliance
admin-invitations-state-open = offen
admin-invitations-state-accepted = angenommen
admin-invitations-state-expired = abgelaufen
admin-invitations-state-revoked = widerrufen
admin-invitations-revoke = Widerrufen
# An error message, shown as a sentence.
admin-invitations-choose-role = Mitglied, Netzwerk-Admin oder Compliance-Beauftragte wählen
