# Post cards, reactions, pagers: pieces that feeds and threads share.
# For screen readers: the post card's name.
parts-post-by = Post by { $name }
# $reason is what the moderator wrote.
parts-held-for-review = Held for review: { $reason }
parts-hidden-by-moderator = Hidden by a moderator: { $reason }
parts-shared-post = Shared post
parts-shared-unavailable = The shared post is no longer available.
parts-former-member = Former member
# Under the author's name; $community is a link to the community.
parts-in-community = in { $community }
parts-edited = edited
parts-kind-question = Question
parts-kind-announcement = Announcement
parts-reactions = Reactions
parts-reaction-like = Like
parts-reaction-celebrate = Celebrate
parts-reaction-insightful = Insightful
parts-reaction-funny = Funny
parts-reply = Reply
# The link to a post's replies, with how many it has (at least 1).
parts-reply-count = Reply ({ $count })
parts-share = Share
# The link to share a post, with how often it was shared (at least once).
parts-share-count = Share ({ $count })
parts-who-reacted = Who reacted
parts-edit = Edit
parts-delete-confirm = Delete this post?
parts-delete = Delete
parts-report = Report
parts-report-reason = What is wrong with it?
parts-send-report = Send report
parts-more-posts = More posts
parts-older-posts = Older posts
parts-commented-on = commented on { $page }
parts-guest = Guest
