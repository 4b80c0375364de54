# A post's pages: the composer, the thread, who reacted, sharing and editing.
posts-write-label = Write a post
posts-write-placeholder = Share an update, ask a question… Markdown, @mentions and #topics work.
# Chooses where a post goes: the whole network or one of the reader's communities.
posts-post-to = Post to
# The choice that posts to the whole network; $network is its name.
posts-everyone-at = Everyone at { $network }
posts-kind = Kind
posts-kind-discussion = Discussion
posts-kind-question = Question
posts-kind-announcement = Announcement
# The composer's button.
posts-post = Post
# The title of a post's page; $name is the author's name.
posts-title = Post by { $name }
# $link is a link reading posts-whole-discussion.
posts-is-reply = This is a reply. { $link }
posts-whole-discussion = See the whole discussion
posts-answered = Answered
posts-jump-to-answer = Jump to the best answer
posts-locked = This thread is locked by a moderator: it takes no new replies.
posts-no-replies = No replies yet
posts-replies = Replies
posts-referenced-by = Referenced by
posts-best-answer = Best answer
# Opens the form to answer a reply; $name is its author's name.
posts-reply-to = Reply to { $name }
posts-mark-best-answer = Mark as best answer
posts-reply-deleted = This reply was deleted.
posts-continue-thread = Continue this thread
posts-more-replies = More replies
posts-earlier-replies = Earlier replies are on the previous pages.
posts-your-reply = Your reply
posts-reply = Reply
posts-who-reacted = Who reacted
posts-back-to-post = Back to the post
posts-no-reactions = No reactions yet
posts-no-reactions-hint = Be the first to react.
# A heading over the people who gave one reaction; $reaction is its name
# (parts-reaction-like…), $count how many gave it.
posts-reaction-count = { $reaction } ({ $count })
posts-share-title = Share a post
posts-share-comment = Add a comment (optional)
posts-share-to = Share to
posts-share = Share
posts-share-original = The post you are sharing
posts-edit-title = Edit post
# The label of the post's text when editing it.
posts-edit-text = Text
posts-save = Save
posts-cancel = Cancel
posts-subscribe = Subscribe to this discussion
posts-subscribed = You hear of every reply.
posts-unsubscribe = Unsubscribe
