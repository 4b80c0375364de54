# Communities: the directory, creating one, a community's page and its members.
# The home page's side column.
communities-yours-side = Your communities
# $link is a link reading communities-find.
communities-none-joined = You have not joined any yet. { $link }
communities-find = Find communities
communities-all = All communities
# Who can find and read a community, on its card in the directory.
communities-public = Public
communities-private = Private
communities-secret = Secret
# The same, at the top of the community's page.
communities-public-community = Public community
communities-private-community = Private community
communities-secret-community = Secret community
communities-leave = Leave
communities-request-sent = Request sent, waiting for approval
communities-withdraw-request = Withdraw request
communities-archived = Archived
communities-accept-invitation = Accept invitation
communities-join = Join
communities-ask-to-join = Ask to join
communities-by-invitation = By invitation only
# The kind of community.
communities-work = Work
communities-social = Social
communities-members-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
communities-title = Communities
communities-new = New community
# The directory's section with the reader's own communities.
communities-yours = Yours
communities-yours-empty = You are in no community yet
communities-yours-empty-hint = Join one below, or start your own.
communities-discover = Discover
communities-discover-empty = Nothing else to discover
# $link is a link reading communities-start-new.
communities-discover-empty-hint = You are in every community you can see. { $link }.
communities-start-new = Start a new one
communities-name = Name
communities-description = What is it about?
communities-who-can-read = Who can find and read it
communities-public-choice = Public: everyone can read and join
communities-private-choice = Private: listed, members read, joining needs approval
communities-secret-choice = Secret: unlisted, by invitation only
communities-kind = Kind
communities-create = Create community
# After the member count at the top of an archived community's page.
communities-archived-note = archived
communities-moderation-queue = Moderation queue
communities-change-cover = Change cover
communities-analytics = Analytics
communities-members-only = Only members can read this community
communities-members-only-hint = Ask to join above; a manager of the community will approve your request.
communities-pinned = Pinned
communities-no-posts = No posts here yet
communities-no-posts-member = Start the conversation with the first post.
communities-no-posts-join = Join to start the conversation.
# A member's role in the community.
communities-role-owner = Owner
communities-role-admin = Admin
communities-role-member = Member
# $community is the community's name.
communities-members-of = Members of { $community }
communities-back-to = Back to { $community }
# People asking to become members; $count is how many.
communities-requests = Asking to join ({ $count })
communities-approve = Approve
communities-decline = Decline
communities-members = Members
communities-invited = Invited
communities-remove = Remove
