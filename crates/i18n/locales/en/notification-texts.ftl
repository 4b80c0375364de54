# What a notification says, in the centre, the API and e-mails. $actors is who
# acted ("Ana", "Ana and Ben", "Ana and 4 others"); $count is how many people that
# phrase names, for languages whose verb agrees with it.
notification-mention = { $count ->
    [one] { $actors } mentioned you
   *[other] { $actors } mentioned you
}
notification-reply = { $count ->
    [one] { $actors } replied to your post
   *[other] { $actors } replied to your post
}
notification-thread-reply = { $count ->
    [one] { $actors } replied in a thread you took part in
   *[other] { $actors } replied in a thread you took part in
}
notification-reaction = { $count ->
    [one] { $actors } reacted to your post
   *[other] { $actors } reacted to your post
}
notification-share = { $count ->
    [one] { $actors } shared your post
   *[other] { $actors } shared your post
}
notification-reference = { $count ->
    [one] { $actors } linked to your post
   *[other] { $actors } linked to your post
}
notification-best-answer = { $count ->
    [one] { $actors } marked your reply as the best answer
   *[other] { $actors } marked your reply as the best answer
}
notification-direct-message = { $count ->
    [one] { $actors } sent you a message
   *[other] { $actors } sent you a message
}
notification-moderation = { $count ->
    [one] { $actors } moderated your post
   *[other] { $actors } moderated your post
}
notification-community-post = { $count ->
    [one] { $actors } posted in a community you follow
   *[other] { $actors } posted in a community you follow
}
notification-announcement = { $count ->
    [one] { $actors } made an announcement
   *[other] { $actors } made an announcement
}
# Who acted, when no name is known any more.
notification-poll-closed = Your poll has closed: the results are in
notification-praise = { $count ->
    [one] { $actors } praised you
   *[other] { $actors } praised you
}
notification-praise-for-report = { $count ->
    [one] { $actors } praised someone on your team
   *[other] { $actors } praised people on your team
}
notification-article-published = { $count ->
    [one] { $actors } published an article
   *[other] { $actors } published articles
}
notification-article-published-in = { $count ->
    [one] { $actors } published an article in { $community }
   *[other] { $actors } published articles in { $community }
}
notification-someone = Someone
notification-actors-two = { $first } and { $second }
# $others is how many more people acted besides $first.
notification-actors-more = { $others ->
    [one] { $first } and 1 other
   *[other] { $first } and { $others } others
}
