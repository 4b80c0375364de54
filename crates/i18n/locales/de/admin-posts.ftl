# /admin/posts: how the network's posts may be written.
admin-posts-title = Beiträge
admin-posts-saved = Gespeichert. Neue Umfragen folgen der Einstellung; offene Umfragen behalten ihre Art der Stimmabgabe.
admin-posts-polls = Umfragen
admin-posts-votes = Welche Stimmen dürfen Umfragen haben?
admin-posts-votes-any = Anonym oder namentlich: die Person, die fragt, entscheidet
admin-posts-votes-anonymous = Nur anonym
admin-posts-votes-named = Nur namentlich: wer die Ergebnisse sieht, sieht, wer wofür gestimmt hat
admin-posts-votes-hint = Hearth zeigt niemandem, wer in einer anonymen Umfrage abgestimmt hat, auch der Administration nicht; der Export des Netzwerks enthält nur die Zahlen.
admin-posts-save = Speichern
