# Polls: the composer's fields, a poll inside a post card, and who voted.
polls-add = Umfrage hinzufügen
polls-options-label = Antwortmöglichkeiten
polls-options-hint = Eine Möglichkeit pro Zeile, 2 bis 10.
polls-choice = Abstimmende wählen
polls-choice-single = eine Möglichkeit
polls-choice-multiple = beliebig viele Möglichkeiten
polls-results = Ergebnisse sichtbar
polls-results-after-vote = nach der Abstimmung
polls-results-at-close = wenn die Umfrage endet
polls-votes = Stimmen sind
polls-votes-anonymous = anonym
polls-votes-named = namentlich
polls-votes-only-named = Stimmen sind in diesem Netzwerk namentlich.
polls-votes-only-anonymous = Stimmen sind in diesem Netzwerk anonym.
polls-closes = Endet
polls-label = Umfrage
polls-options = Möglichkeiten
polls-pick-one = Eine Möglichkeit wählen
polls-pick-any = Beliebig viele wählen
polls-your-vote = Ihre Stimme
polls-option-votes = { $count ->
    [one] 1 Stimme ({ $share } %)
   *[other] { $count } Stimmen ({ $share } %)
}
polls-vote = Abstimmen
polls-change-vote = Stimme ändern
polls-voters = { $count ->
    [0] Noch hat niemand abgestimmt
    [one] 1 Person hat abgestimmt
   *[other] { $count } Personen haben abgestimmt
}
polls-closed-at = beendet am { $when }
polls-closed = beendet
polls-closes-at = endet am { $when }
polls-open = offen
polls-results-hidden-until-close = Ergebnisse nach dem Ende
polls-results-hidden-until-vote = abstimmen, um die Ergebnisse zu sehen
polls-named = Stimmen sind namentlich
polls-anonymous = Stimmen sind anonym
polls-who-voted = Wer abgestimmt hat
polls-withdraw = Meine Stimme zurückziehen
polls-close = Umfrage jetzt beenden
polls-close-confirm = Diese Umfrage jetzt beenden? Danach kann niemand mehr abstimmen.
polls-back-to-post = Zurück zum Beitrag
polls-option-heading = { $count ->
    [one] { $option }: 1 Stimme
   *[other] { $option }: { $count } Stimmen
}
polls-nobody-chose = Niemand hat diese Möglichkeit gewählt.
