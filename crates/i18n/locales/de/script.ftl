script-did-not-work = Das hat nicht geklappt.
script-just-now = gerade eben
script-edit = Bearbeiten
script-delete = Löschen
script-delete-confirm = Diese Nachricht löschen?
script-edited = (bearbeitet)
script-deleted = Diese Nachricht wurde gelöscht.
script-someone = Jemand
script-typing-one = { $name } schreibt…
script-typing-two = { $first } und { $second } schreiben…
script-typing-several = Mehrere Personen schreiben…
script-new-posts = { $count ->
    [one] 1 neuer Beitrag
   *[other] { $count } neue Beiträge
}
script-suggestions-label = Vorschläge
script-no-suggestions = Keine Vorschläge
script-suggestions = { $count ->
    [one] 1 Vorschlag
   *[other] { $count } Vorschläge
}
script-attach-remove = Entfernen
script-attach-remove-named = { $name } entfernen
script-attach-alt = Alternativtext
script-attach-alt-placeholder = Beschreibe dieses Bild für Menschen, die es nicht sehen können
script-attach-uploading = { $name } wird hochgeladen …
script-attach-uploaded = { $name } angehängt.
script-attach-removed = { $name } entfernt.
script-attach-failed = { $name } konnte nicht angehängt werden: { $reason }
script-attach-too-large = { $name } ist zu groß.
script-article-saved = Gespeichert
script-article-save-failed = Nicht gespeichert; Ihr Text bleibt hier. Speichern Sie erneut.
script-article-file-inserted = { $name } steht im Text an der Stelle des Cursors.
# The mark beside the name of a guest on a chat message that just arrived.
script-guest = Gast
