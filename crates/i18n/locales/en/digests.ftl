# The daily and weekly digest e-mails. $summary is one of the digest-summary messages.
digest-subject-daily = Your daily digest: { $summary }
digest-subject-weekly = Your weekly digest: { $summary }
digest-summary-posts = { $posts ->
    [one] 1 post
   *[other] { $posts } posts
}
digest-summary-notifications = { $notifications ->
    [one] 1 notification
   *[other] { $notifications } notifications
}
digest-summary-posts-and-notifications = { $posts ->
    [one] 1 post
   *[other] { $posts } posts
} and { $notifications ->
    [one] 1 notification
   *[other] { $notifications } notifications
}
digest-text-greeting = Hello { $name },
digest-text-missed = Here is what you missed.
digest-html-greeting = Hello { $name }, here is what you missed.
# Headings; the plain-text e-mail writes them in capitals.
digest-text-for-you = FOR YOU
digest-for-you = For you
digest-text-popular = POPULAR IN YOUR COMMUNITIES AND FROM PEOPLE YOU FOLLOW
digest-popular = Popular in your communities and from people you follow
# After the notifications listed, leading to the centre.
digest-more = { $count ->
    [one] …and 1 more in your notifications
   *[other] …and { $count } more in your notifications
}
# Who wrote a post and where.
digest-post-in = { $author } in { $community }
digest-engagement = { $reactions ->
    [one] 1 reaction
   *[other] { $reactions } reactions
} · { $replies ->
    [one] 1 reply
   *[other] { $replies } replies
}
digest-read = Read
digest-text-why-daily = You get this daily digest because of your notification settings: { $link }
digest-text-why-weekly = You get this weekly digest because of your notification settings: { $link }
digest-text-stop = Stop this digest with one click: { $link }
# $settings is a link reading digest-html-settings, $unsubscribe one reading digest-html-unsubscribe.
digest-html-why-daily = You get this daily digest because of your { $settings }. { $unsubscribe }.
digest-html-why-weekly = You get this weekly digest because of your { $settings }. { $unsubscribe }.
digest-html-settings = notification settings
digest-html-unsubscribe = Unsubscribe from this digest
digest-text-articles = MOST READ AND DISCUSSED ARTICLES
digest-articles = Most read and discussed articles
digest-article-by = { $title }, by { $author }
digest-article-engagement = { $reads ->
    [one] read by 1 person
   *[other] read by { $reads } people
} · { $replies ->
    [one] 1 reply
   *[other] { $replies } replies
}
