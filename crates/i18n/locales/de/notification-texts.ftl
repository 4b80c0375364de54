# Was eine Benachrichtigung sagt. $actors: wer gehandelt hat; $count: wie viele
# Personen das sind (für die Verbform).
notification-mention = { $count ->
    [one] { $actors } hat Sie erwähnt
   *[other] { $actors } haben Sie erwähnt
}
notification-reply = { $count ->
    [one] { $actors } hat auf Ihren Beitrag geantwortet
   *[other] { $actors } haben auf Ihren Beitrag geantwortet
}
notification-thread-reply = { $count ->
    [one] { $actors } hat in einer Unterhaltung geantwortet, an der Sie teilgenommen haben
   *[other] { $actors } haben in einer Unterhaltung geantwortet, an der Sie teilgenommen haben
}
notification-reaction = { $count ->
    [one] { $actors } hat auf Ihren Beitrag reagiert
   *[other] { $actors } haben auf Ihren Beitrag reagiert
}
notification-share = { $count ->
    [one] { $actors } hat Ihren Beitrag geteilt
   *[other] { $actors } haben Ihren Beitrag geteilt
}
notification-reference = { $count ->
    [one] { $actors } hat auf Ihren Beitrag verlinkt
   *[other] { $actors } haben auf Ihren Beitrag verlinkt
}
notification-best-answer = { $count ->
    [one] { $actors } hat Ihre Antwort als beste Antwort markiert
   *[other] { $actors } haben Ihre Antwort als beste Antwort markiert
}
notification-direct-message = { $count ->
    [one] { $actors } hat Ihnen eine Nachricht gesendet
   *[other] { $actors } haben Ihnen eine Nachricht gesendet
}
notification-moderation = { $count ->
    [one] { $actors } hat Ihren Beitrag moderiert
   *[other] { $actors } haben Ihren Beitrag moderiert
}
notification-community-post = { $count ->
    [one] { $actors } hat in einer Community gepostet, der Sie folgen
   *[other] { $actors } haben in einer Community gepostet, der Sie folgen
}
notification-announcement = { $count ->
    [one] { $actors } hat eine Ankündigung veröffentlicht
   *[other] { $actors } haben eine Ankündigung veröffentlicht
}
notification-poll-closed = Ihre Umfrage ist beendet: Die Ergebnisse liegen vor
notification-praise = { $count ->
    [one] { $actors } hat Sie gelobt
   *[other] { $actors } haben Sie gelobt
}
notification-praise-for-report = { $count ->
    [one] { $actors } hat jemanden aus Ihrem Team gelobt
   *[other] { $actors } haben Personen aus Ihrem Team gelobt
}
notification-article-published = { $count ->
    [one] { $actors } hat einen Artikel veröffentlicht
   *[other] { $actors } haben Artikel veröffentlicht
}
notification-article-published-in = { $count ->
    [one] { $actors } hat einen Artikel in { $community } veröffentlicht
   *[other] { $actors } haben Artikel in { $community } veröffentlicht
}
notification-someone = Jemand
notification-actors-two = { $first } und { $second }
notification-actors-more = { $others ->
    [one] { $first } und 1 weitere Person
   *[other] { $first } und { $others } weitere Personen
}
