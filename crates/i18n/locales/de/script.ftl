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
