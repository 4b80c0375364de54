# The console's People tab and each account's page.
admin-people-title = People
admin-people-search = Name or e-mail
# Label of the status filter.
admin-people-status = Status
admin-people-status-any = Any
admin-people-status-active = Active
admin-people-status-suspended = Suspended
admin-people-status-deactivated = Deactivated
admin-people-status-deleted = Deleted
admin-people-filter = Filter
admin-people-empty = No account matches. Clear the filter, or invite someone from the Invitations tab.
admin-people-col-name = Name
admin-people-col-email = E-mail
admin-people-col-role = Role
admin-people-col-status = Status
admin-people-more = More
admin-people-all = ← All people
# $date is the date and time the suspension ends.
admin-people-suspended-until = until { $date }
admin-people-deleted = This account was deleted and anonymized. Nothing more can be done with it.
admin-people-deactivate = Deactivate
admin-people-deactivate-hint = For someone who left the company. They are signed out everywhere at once, their API tokens stop working, and their posts stay, shown as a former member’s.
admin-people-suspend = Suspend
admin-people-suspend-until = Until (a future date)
admin-people-reactivate = Reactivate
admin-people-role = Role
admin-people-change-role = Change role
admin-people-delete = Delete
admin-people-delete-hint = Deleting cannot be undone. Their name, e-mail and profile are removed, and mentions of them become “a former member”.
admin-people-delete-content = Their posts and messages
admin-people-delete-keep = Keep them, shown as by “Deleted user”
admin-people-delete-remove = Remove them
admin-people-delete-confirm = I understand this cannot be undone
admin-people-delete-account = Delete account
admin-people-reason = Reason (kept in the audit log)
admin-people-done-deactivate = Deactivated. Their sessions, tokens and live connections were ended.
admin-people-done-suspend = Suspended. Their sessions, tokens and live connections were ended.
admin-people-done-reactivate = Reactivated. They can sign in again.
admin-people-done-role = Role changed.
admin-people-done-delete = Deleted and anonymized.
admin-people-done = Done.
admin-people-role-admin = Network admin
admin-people-role-compliance = Compliance officer
admin-people-role-member = Member
# An account's status, as a badge.
admin-people-label-active = Active
admin-people-label-suspended = Suspended
admin-people-label-deactivated = Former member
admin-people-label-deleted = Deleted
admin-people-label-unknown = Unknown
# Error messages, shown as sentences.
admin-people-suspend-until-missing = choose the date the suspension ends
admin-people-delete-unconfirmed = tick the box to confirm that the deletion cannot be undone
