# Sentences the page script writes into pages as things happen.
# A form sent in the background failed and the server gave no reason.
script-did-not-work = That did not work.
# The time shown on a chat message that has just arrived.
script-just-now = just now
# On a chat message that has just arrived, for its author.
script-edit = Edit
script-delete = Delete
script-delete-confirm = Delete this message?
# After a chat message's time once its author changed it.
script-edited = (edited)
script-deleted = This message was deleted.
# Who is typing, when the page does not know their name.
script-someone = Someone
script-typing-one = { $name } is typing…
script-typing-two = { $first } and { $second } are typing…
script-typing-several = Several people are typing…
# The home feed's link to posts that arrived since the page was opened.
script-new-posts = { $count ->
    [one] 1 new post
   *[other] { $count } new posts
}
# Suggestions while typing @name or #topic in a composer: the list's name, and
# what a screen reader announces when it changes.
script-suggestions-label = Suggestions
script-no-suggestions = No suggestions
script-suggestions = { $count ->
    [one] 1 suggestion
   *[other] { $count } suggestions
}
script-attach-remove = Remove
script-attach-remove-named = Remove { $name }
script-attach-alt = Alt text
script-attach-alt-placeholder = Describe this image for people who cannot see it
script-attach-uploading = Uploading { $name }…
script-attach-uploaded = { $name } attached.
script-attach-removed = { $name } removed.
script-attach-failed = { $name } could not be attached: { $reason }
script-attach-too-large = { $name } is too large.
script-article-saved = Saved
script-article-save-failed = Not saved; your words stay here. Save again.
script-article-file-inserted = { $name } is in the body where the cursor was.
# The mark beside the name of a guest on a chat message that just arrived.
script-guest = Guest
