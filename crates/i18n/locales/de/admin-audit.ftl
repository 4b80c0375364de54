# The console's Audit log tab.
admin-audit-title = Audit-Protokoll
admin-audit-intro = Alle Verwaltungs- und Moderationsvorgänge, die neuesten zuerst. Einträge werden nie geändert oder entfernt.
# Label of the filter's list of actions (machine names such as retention.set).
admin-audit-action = Aktion
admin-audit-any-action = Alle
admin-audit-by = Von (Benutzer-ID)
admin-audit-about = Betrifft (ID)
admin-audit-from = Von Datum
admin-audit-until = Bis
admin-audit-filter = Filtern
# Followed by a choice of file formats.
admin-audit-download-as = Diese Einträge herunterladen als
admin-audit-format-csv = CSV
admin-audit-format-jsonl = JSON Lines
admin-audit-download = Herunterladen
admin-audit-empty = Kein Eintrag passt. Filter zurücksetzen, um alle Einträge zu sehen.
admin-audit-col-when = Wann
admin-audit-col-who = Wer
admin-audit-col-what = Was
admin-audit-col-target = Ziel
admin-audit-col-reason = Grund
# The network address the act came from.
admin-audit-col-address = Adresse
admin-audit-older = Ältere Einträge
