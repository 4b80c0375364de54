# /admin/posts: how the network's posts may be written.
admin-posts-title = Beiträge
admin-posts-saved = Gespeichert.
admin-posts-polls = Umfragen
admin-posts-votes = Welche Stimmen dürfen Umfragen haben?
admin-posts-votes-any = Anonym oder namentlich: die Person, die fragt, entscheidet
admin-posts-votes-anonymous = Nur anonym
admin-posts-votes-named = Nur namentlich: wer die Ergebnisse sieht, sieht, wer wofür gestimmt hat
admin-posts-votes-hint = Eine Änderung gilt für neue Umfragen; offene Umfragen behalten ihre Art der Stimmabgabe. Hearth zeigt niemandem, wer in einer anonymen Umfrage abgestimmt hat, auch der Administration nicht; der Export des Netzwerks enthält nur die Zahlen.
admin-posts-save = Speichern
admin-posts-praise = Lob
admin-posts-praise-managers = Die Führungskräfte der gelobten Personen benachrichtigen
admin-posts-praise-managers-hint = Die Führungskraft ist die im Profil genannte (von der Administration gesetzt, oder über Single Sign-on und Provisionierung). Sie wird nur benachrichtigt, wenn sie das Lob lesen darf.
