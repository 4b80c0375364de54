# Notification e-mails. $sentence is what the notification says; $link a full URL.
mail-text-headline = { $sentence }.
mail-text-open-post = Open it in Hearth: { $link }
mail-text-open-conversation = Open the conversation: { $link }
mail-open-post = Open it in Hearth
mail-open-conversation = Open the conversation
mail-why = You get this e-mail because of your notification settings.
mail-text-preferences = Choose how you hear from Hearth: { $link }
mail-text-unsubscribe = Unsubscribe from these e-mails: { $link }
# $preferences and $unsubscribe are links with the two texts below.
mail-html-footer = You get this e-mail because of your notification settings. { $preferences } or { $unsubscribe }.
mail-html-preferences = Choose how you hear from Hearth
mail-html-unsubscribe = unsubscribe from these e-mails
# What an unsubscribe link stops, as in "Unsubscribe from e-mail about mentions?"
mail-unsubscribe-mention = e-mail about mentions
mail-unsubscribe-reply = e-mail about replies
mail-unsubscribe-thread-reply = e-mail about thread replies
mail-unsubscribe-reaction = e-mail about reactions
mail-unsubscribe-share = e-mail about shares
mail-unsubscribe-reference = e-mail about references
mail-unsubscribe-best-answer = e-mail about best answers
mail-unsubscribe-direct-message = e-mail about direct messages
mail-unsubscribe-moderation = e-mail about moderations
mail-unsubscribe-community-post = e-mail about community posts
mail-unsubscribe-announcement = e-mail about announcements
mail-unsubscribe-poll-closed = e-mail about your polls closing
mail-unsubscribe-praise = e-mail about praise you receive
mail-unsubscribe-praise-for-report = e-mail about praise for your team
mail-unsubscribe-article-published = e-mail about new articles
mail-unsubscribe-daily-digest = the daily digest
mail-unsubscribe-weekly-digest = the weekly digest
mail-unsubscribe-community = e-mail about new posts in this community
mail-unsubscribe-network-health = the weekly network health e-mail
mail-unsubscribe-all = all e-mail from Hearth
# What a notification about a post with files says of them: their names, never the files.
mail-attached-files = { $count ->
    [one] Attached
   *[other] { $count } files attached
}: { $names }

## Guests of external networks: the invitation e-mail and the sponsor's reminder.
# $inviter is an employee's name, $network the external network's name.
guest-mail-subject = { $inviter } invited you to { $network } on Hearth
guest-mail-accept = Accept the invitation
# $days is the network's guest period.
guest-mail-valid = The link works once, for 7 days. Your access lasts { $days } days unless it is extended.
# $guest is the guest's name, $date the day their access ends.
guest-reminder-subject = { $guest }'s access to { $network } ends on { $date }
guest-reminder-open = Extend or end it
# An e-mail from an external network: $network is its name, $subject the usual subject.
mail-subject-in-network = [{ $network }] { $subject }
