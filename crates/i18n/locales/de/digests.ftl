# Die tägliche und wöchentliche Zusammenfassung per E-Mail.
digest-subject-daily = Ihre tägliche Zusammenfassung: { $summary }
digest-subject-weekly = Ihre wöchentliche Zusammenfassung: { $summary }
digest-summary-posts = { $posts ->
    [one] 1 Beitrag
   *[other] { $posts } Beiträge
}
digest-summary-notifications = { $notifications ->
    [one] 1 Benachrichtigung
   *[other] { $notifications } Benachrichtigungen
}
digest-summary-posts-and-notifications = { $posts ->
    [one] 1 Beitrag
   *[other] { $posts } Beiträge
} und { $notifications ->
    [one] 1 Benachrichtigung
   *[other] { $notifications } Benachrichtigungen
}
digest-text-greeting = Hallo { $name },
digest-text-missed = hier ist, was Sie verpasst haben.
digest-html-greeting = Hallo { $name }, hier ist, was Sie verpasst haben.
digest-text-for-you = FÜR SIE
digest-for-you = Für Sie
digest-text-popular = BELIEBT IN IHREN COMMUNITYS UND VON PERSONEN, DENEN SIE FOLGEN
digest-popular = Beliebt in Ihren Communitys und von Personen, denen Sie folgen
digest-more = { $count ->
    [one] …und 1 weitere in Ihren Benachrichtigungen
   *[other] …und { $count } weitere in Ihren Benachrichtigungen
}
digest-post-in = { $author } in { $community }
digest-engagement = { $reactions ->
    [one] 1 Reaktion
   *[other] { $reactions } Reaktionen
} · { $replies ->
    [one] 1 Antwort
   *[other] { $replies } Antworten
}
digest-read = Lesen
digest-text-why-daily = Sie erhalten diese tägliche Zusammenfassung aufgrund Ihrer Benachrichtigungseinstellungen: { $link }
digest-text-why-weekly = Sie erhalten diese wöchentliche Zusammenfassung aufgrund Ihrer Benachrichtigungseinstellungen: { $link }
digest-text-stop = Diese Zusammenfassung mit einem Klick abbestellen: { $link }
digest-html-why-daily = Sie erhalten diese tägliche Zusammenfassung aufgrund Ihrer { $settings }. { $unsubscribe }.
digest-html-why-weekly = Sie erhalten diese wöchentliche Zusammenfassung aufgrund Ihrer { $settings }. { $unsubscribe }.
digest-html-settings = Benachrichtigungseinstellungen
digest-html-unsubscribe = Diese Zusammenfassung abbestellen
digest-text-articles = MEISTGELESENE UND MEISTDISKUTIERTE ARTIKEL
digest-articles = Meistgelesene und meistdiskutierte Artikel
digest-article-by = { $title }, von { $author }
digest-article-engagement = { $reads ->
    [one] von 1 Person gelesen
   *[other] von { $reads } Personen gelesen
} · { $replies ->
    [one] 1 Antwort
   *[other] { $replies } Antworten
}
