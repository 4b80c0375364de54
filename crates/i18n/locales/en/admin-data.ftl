# The console's Data tab: retention and compliance exports.
admin-data-title = Data
admin-data-retention = Retention
admin-data-retention-saved = The retention policy was saved.
admin-data-retention-applied = Retention applied: { $posts ->
        [one] 1 post or reply
       *[other] { $posts } posts and replies
    }, { $reactions ->
        [one] 1 reaction
       *[other] { $reactions } reactions
    } and { $messages ->
        [one] 1 chat message
       *[other] { $messages } chat messages
    } were deleted.
# An error message, shown as a sentence; $raw is what was typed, in quotes.
admin-data-days-not-a-number = enter a whole number of days, not { $raw }
# $limit is admin-data-days, in bold.
admin-data-retention-on = Content older than { $limit } is deleted every hour.
admin-data-days = { $days ->
        [one] 1 day
       *[other] { $days } days
    }
admin-data-retention-off = Retention is off: the network keeps everything.
admin-data-retention-hint = A thread goes when its newest post or reply is older than the limit; chat messages go one by one. The audit log is never deleted.
admin-data-keep-for = Keep content for (days; empty keeps everything)
admin-data-save = Save
# Followed by a field for a number of days.
admin-data-dry-run-days = Days to count for
admin-data-dry-run = Dry run
admin-data-dry-run-report = With { $days ->
        [one] 1 day
       *[other] { $days } days
    }, { $posts ->
        [one] 1 post or reply
       *[other] { $posts } posts and replies
    }, { $reactions ->
        [one] 1 reaction
       *[other] { $reactions } reactions
    } and { $messages ->
        [one] 1 chat message
       *[other] { $messages } chat messages
    } would be deleted now. Nothing was changed.
admin-data-apply-confirm = Delete now everything older than the retention limit? This cannot be undone.
admin-data-apply = Apply now
admin-data-exports = Exports
admin-data-exports-intro = JSON lines files in a zip, for compliance. Every export is recorded in the audit log.
admin-data-export-network = Download the whole network
admin-data-export-person = One person (e-mail address or user id)
admin-data-export-person-download = Download their data
# An error message, shown as a sentence.
admin-data-export-person-missing = enter the person's e-mail address or user id
