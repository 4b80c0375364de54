# Moderation: the queue, the keyword watch list and the report form.
admin-moderation-title = Moderation
admin-moderation-done = Done. The author has been told, and the audit log records it.
admin-moderation-back-to-community = Back to the community
admin-moderation-queue = Moderation queue
admin-moderation-queue-empty = Nothing to review
admin-moderation-queue-empty-hint = Reported posts and messages appear here.
# $author is the author's name in bold; $post is a link reading admin-moderation-this-post.
admin-moderation-wrote-post = { $author } wrote { $post }
admin-moderation-this-post = this post
# A post outside any thread.
admin-moderation-wrote-unthreaded = { $author } wrote this message
admin-moderation-wrote-message = { $author } wrote in a chat this message
admin-moderation-badge-hidden = Hidden
admin-moderation-badge-held = Held for review
admin-moderation-badge-removed = Removed
admin-moderation-badge-locked = Locked
admin-moderation-badge-pinned = Pinned
admin-moderation-reports = { $count ->
        [one] { $count } report
       *[other] { $count } reports
    }
# One report: who made it, why, and when ($when is a relative time).
admin-moderation-report = { $reporter }: { $reason } · { $when }
# Who made a report the keyword watch list made.
admin-moderation-watch-list-reporter = The watch list
admin-moderation-reason = Reason (the author is told)
admin-moderation-action-hide = Hide
admin-moderation-action-remove = Remove
admin-moderation-action-restore = Restore
admin-moderation-action-lock = Lock thread
admin-moderation-action-unlock = Unlock thread
admin-moderation-action-pin = Pin
admin-moderation-action-unpin = Unpin
admin-moderation-dismiss-reason = Why nothing needs doing
admin-moderation-dismiss = Dismiss
admin-moderation-reported = Reported
admin-moderation-thank-you = Thank you
admin-moderation-report-received = Your report is in the moderation queue. A moderator will look at it.
admin-moderation-back-to-post = Back to the post
admin-moderation-watch-updated = The watch list is updated.
admin-moderation-watch-title = Watch list
admin-moderation-watch-heading = Keyword watch list
admin-moderation-watch-intro = Posts and replies containing a watched word or phrase (whole words, any case) are reported to the moderation queue. Held ones are seen only by their author and moderators until a moderator restores them.
admin-moderation-watch-term = Word or phrase
admin-moderation-watch-mode = When a post contains it
admin-moderation-watch-flag = Report it to the queue
admin-moderation-watch-hold = Hold it for review
admin-moderation-watch = Watch
admin-moderation-watch-empty = No watched terms
admin-moderation-watch-empty-hint = Add a word or phrase above.
admin-moderation-col-term = Term
admin-moderation-col-mode = Mode
admin-moderation-col-added = Added
# A watched term's mode in the list.
admin-moderation-mode-flag = flag
admin-moderation-mode-hold = hold
admin-moderation-remove-term = Remove
