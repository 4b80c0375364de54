# The console's Data tab: retention and compliance exports.
admin-data-title = Daten
admin-data-retention = Aufbewahrung
admin-data-retention-saved = Die Aufbewahrungsrichtlinie wurde gespeichert.
admin-data-retention-applied = Aufbewahrung angewendet: { $posts ->
        [one] 1 Beitrag oder Antwort
       *[other] { $posts } Beiträge und Antworten
    }, { $reactions ->
        [one] 1 Reaktion
       *[other] { $reactions } Reaktionen
    } und { $messages ->
        [one] 1 Chatnachricht
       *[other] { $messages } Chatnachrichten
    } wurden gelöscht.
# An error message, shown as a sentence; $raw is what was typed, in quotes.
admin-data-days-not-a-number = eine ganze Zahl von Tagen eingeben, nicht { $raw }
# $limit is admin-data-days, in bold.
admin-data-retention-on = Inhalte, die älter als { $limit } sind, werden stündlich gelöscht.
admin-data-days = { $days ->
        [one] 1 Tag
       *[other] { $days } Tage
    }
admin-data-retention-off = Die Aufbewahrung ist ausgeschaltet: Das Netzwerk behält alles.
admin-data-retention-hint = Ein Thread wird gelöscht, wenn sein neuester Beitrag oder seine neueste Antwort älter als die Grenze ist; Chatnachrichten werden einzeln gelöscht. Das Audit-Protokoll wird nie gelöscht.
admin-data-keep-for = Inhalte aufbewahren für (Tage; leer bewahrt alles auf)
admin-data-save = Speichern
# Followed by a field for a number of days.
admin-data-dry-run-days = Zu zählende Tage
admin-data-dry-run = Probelauf
admin-data-dry-run-report = Bei { $days ->
        [one] 1 Tag
       *[other] { $days } Tagen
    } würden jetzt { $posts ->
        [one] 1 Beitrag oder Antwort
       *[other] { $posts } Beiträge und Antworten
    }, { $reactions ->
        [one] 1 Reaktion
       *[other] { $reactions } Reaktionen
    } und { $messages ->
        [one] 1 Chatnachricht
       *[other] { $messages } Chatnachrichten
    } gelöscht. Es wurde nichts geändert.
admin-data-apply-confirm = Jetzt alles löschen, was älter als die Aufbewahrungsgrenze ist? Dies kann nicht rückgängig gemacht werden.
admin-data-apply = Jetzt anwenden
admin-data-exports = Exporte
admin-data-exports-intro = JSON-Lines-Dateien in einem ZIP-Archiv, für Compliance-Zwecke. Jeder Export wird im Audit-Protokoll festgehalten.
admin-data-export-network = Das gesamte Netzwerk herunterladen
admin-data-export-person = Eine Person (E-Mail-Adresse oder Benutzer-ID)
admin-data-export-person-download = Ihre Daten herunterladen
# An error message, shown as a sentence.
admin-data-export-person-missing = die E-Mail-Adresse oder Benutzer-ID der Person eingeben
