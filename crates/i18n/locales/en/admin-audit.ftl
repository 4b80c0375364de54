# The console's Audit log tab.
admin-audit-title = Audit log
admin-audit-intro = Every administrative and moderation act, newest first. Entries are never changed or removed.
# Label of the filter's list of actions (machine names such as retention.set).
admin-audit-action = Action
admin-audit-any-action = Any
admin-audit-by = By (user id)
admin-audit-about = About (id)
admin-audit-from = From
admin-audit-until = Until
admin-audit-filter = Filter
# Followed by a choice of file formats.
admin-audit-download-as = Download these entries as
admin-audit-format-csv = CSV
admin-audit-format-jsonl = JSON lines
admin-audit-download = Download
admin-audit-empty = No entry matches. Clear the filter to see every entry.
admin-audit-col-when = When
admin-audit-col-who = Who
admin-audit-col-what = What
admin-audit-col-target = Target
admin-audit-col-reason = Reason
# The network address the act came from.
admin-audit-col-address = Address
admin-audit-older = Older entries
