# The console's Invitations tab.
admin-invitations-title = Invitations
admin-invitations-revoked = The invitation was revoked; its link no longer works.
admin-invitations-link-for = Invitation link for { $email }
admin-invitations-copy-now = Copy it now and send it to them: it will not be shown again. It works once, for { $days ->
        [one] 1 day
       *[other] { $days } days
    }.
admin-invitations-invite = Invite someone
admin-invitations-email = E-mail address
admin-invitations-role = Role
admin-invitations-role-member = Member
admin-invitations-role-admin = Network admin
admin-invitations-role-compliance = Compliance officer
admin-invitations-create = Create invitation link
admin-invitations-all = All invitations
admin-invitations-none = Nobody has been invited yet.
admin-invitations-col-email = E-mail
admin-invitations-col-role = Role
admin-invitations-col-state = State
admin-invitations-col-invited = Invited
# Roles and states in the list of invitations.
admin-invitations-list-member = member
admin-invitations-list-admin = admin
admin-invitations-list-compliance = compliance
admin-invitations-state-open = open
admin-invitations-state-accepted = accepted
admin-invitations-state-expired = expired
admin-invitations-state-revoked = revoked
admin-invitations-revoke = Revoke
# An error message, shown as a sentence.
admin-invitations-choose-role = choose member, network admin or compliance officer
