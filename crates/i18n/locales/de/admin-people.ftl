# The console's People tab and each account's page.
admin-people-title = Personen
admin-people-search = Name oder E-Mail
# Label of the status filter.
admin-people-status = Status
admin-people-status-any = Alle
admin-people-status-active = Aktiv
admin-people-status-suspended = Gesperrt
admin-people-status-deactivated = Deaktiviert
admin-people-status-deleted = Gelöscht
admin-people-filter = Filtern
admin-people-empty = Kein Konto passt. Filter zurücksetzen oder im Tab „Einladungen“ jemanden einladen.
admin-people-col-name = Name
admin-people-col-email = E-Mail
admin-people-col-role = Rolle
admin-people-col-status = Status
admin-people-more = Mehr
admin-people-all = ← Alle Personen
# $date is the date and time the suspension ends.
admin-people-suspended-until = bis { $date }
admin-people-deleted = Dieses Konto wurde gelöscht und anonymisiert. Damit ist nichts weiter möglich.
admin-people-deactivate = Deaktivieren
admin-people-deactivate-hint = Für Personen, die das Unternehmen verlassen haben. Sie werden sofort überall abgemeldet, ihre API-Tokens funktionieren nicht mehr, und ihre Beiträge bleiben erhalten, angezeigt als die eines ehemaligen Mitglieds.
admin-people-suspend = Sperren
admin-people-suspend-until = Bis (ein Datum in der Zukunft)
admin-people-reactivate = Reaktivieren
admin-people-role = Rolle
admin-people-change-role = Rolle ändern
admin-people-delete = Löschen
admin-people-delete-hint = Das Löschen kann nicht rückgängig gemacht werden. Name, E-Mail-Adresse und Profil werden entfernt, und Erwähnungen werden zu „ein ehemaliges Mitglied“.
admin-people-delete-content = Beiträge und Nachrichten der Person
admin-people-delete-keep = Behalten, angezeigt als von „Gelöschtes Konto“
admin-people-delete-remove = Entfernen
admin-people-delete-confirm = Mir ist bewusst, dass dies nicht rückgängig gemacht werden kann
admin-people-delete-account = Konto löschen
admin-people-reason = Grund (wird im Audit-Protokoll festgehalten)
admin-people-done-deactivate = Deaktiviert. Sitzungen, Tokens und Live-Verbindungen wurden beendet.
admin-people-done-suspend = Gesperrt. Sitzungen, Tokens und Live-Verbindungen wurden beendet.
admin-people-done-reactivate = Reaktiviert. Die Person kann sich wieder anmelden.
admin-people-done-role = Rolle geändert.
admin-people-done-delete = Gelöscht und anonymisiert.
admin-people-done = Erledigt.
admin-people-role-admin = Netzwerk-Admin
admin-people-role-compliance = Compliance-Beauftragte
admin-people-role-member = Mitglied
# An account's status, as a badge.
admin-people-label-active = Aktiv
admin-people-label-suspended = Gesperrt
admin-people-label-deactivated = Ehemaliges Mitglied
admin-people-label-deleted = Gelöscht
admin-people-label-unknown = Unbekannt
# Error messages, shown as sentences.
admin-people-suspend-until-missing = das Datum wählen, an dem die Sperre endet
admin-people-delete-unconfirmed = das Kästchen ankreuzen, um zu bestätigen, dass das Löschen nicht rückgängig gemacht werden kann
