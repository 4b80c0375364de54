# Chat: the list of conversations, a conversation, editing a message, a group's people.
chat-title = Chat
chat-empty-title = No conversations yet
# $people is a link reading chat-empty-people-link, $group one reading chat-empty-group-link.
chat-empty-hint = To write to a colleague, open their profile from { $people } and choose Message. To talk with several people at once, { $group }.
chat-empty-people-link = People
chat-empty-group-link = start a new group
chat-more-conversations = More conversations
chat-older-conversations = Older conversations
# On a conversation in the list.
chat-unread = { $count } unread
# The count stops at $count.
chat-unread-capped = { $count }+ unread
chat-muted = Muted
# Before the last message's text in the list of conversations.
chat-preview-you = You:
chat-preview-author = { $name }:
chat-no-messages = No messages yet
chat-new-group = New group
chat-new-group-title = Title
chat-new-group-placeholder = For example, Launch team
chat-people = People
chat-no-colleagues = No colleagues have an account yet. You can start the group and add them later.
chat-picker-first = The first { $count } people by name are listed. Add anyone else from the group’s People page.
chat-create-group = Create group
# The list of messages, for screen readers.
chat-messages = Messages
chat-earlier-messages = Earlier messages
chat-newer-messages = Newer messages
chat-back-to-newest = Back to the newest messages
chat-write-first = Write the first one below.
chat-all-conversations = All conversations
# Before the list of a group's people.
chat-member-count = { $count ->
    [one] { $count } person:
   *[other] { $count } people:
}
# After the reader's own name in the list of a group's people.
chat-member-you = (you)
# $handle is a link to the other person's profile.
chat-direct-with = { $handle } · direct conversation
chat-mute = Mute
chat-unmute = Unmute
chat-group-settings = Group settings
chat-group-title = Group title
chat-rename = Rename
chat-add-or-remove = Add or remove people
chat-leave-confirm = Leave this group? You will no longer see its messages.
chat-leave = Leave group
# Marks the first message the reader has not seen yet.
chat-new-divider = New
chat-edited = (edited)
chat-deleted = This message was deleted.
chat-edit = Edit
chat-delete = Delete
chat-delete-confirm = Delete this message?
# The composer's label, and the label of the message being edited.
chat-message = Message
# $title is the conversation's title.
chat-write-to = Write to { $title }…
chat-send = Send
chat-enter-hint = Enter sends, Shift+Enter starts a new line. Markdown and @mentions work.
chat-edit-title = Edit message
chat-save = Save
chat-cancel = Cancel
# $title is the conversation's title.
chat-members-title = People in { $title }
chat-back-to-conversation = Back to the conversation
# Next to the reader's own name among a group's people.
chat-members-you = you
chat-members-starter = started the group
chat-remove-confirm = Remove { $name } from the group?
# A button; $name is only read out by screen readers.
chat-remove = Remove { $name }
# $group is a link reading chat-direct-hint-link.
chat-direct-hint = A direct conversation stays between its two people. To include others, { $group }.
chat-direct-hint-link = start a group
chat-add-people = Add people
chat-find-colleagues = Find colleagues to add
chat-find-by-name = Find by name
chat-search = Search
chat-not-in-group = Colleagues not in the group
chat-more-match = More people match: search by name to find them.
chat-add-to-group = Add to group
chat-everyone-in = Everyone is already in this group.
chat-no-match = No one else matches “{ $search }”.
