# /admin/posts: how the network's posts may be written.
admin-posts-title = Posts
admin-posts-saved = Saved.
admin-posts-polls = Polls
admin-posts-votes = Which votes may polls have?
admin-posts-votes-any = Anonymous or named: the author chooses
admin-posts-votes-anonymous = Anonymous only
admin-posts-votes-named = Named only: readers who see the results see who voted for what
admin-posts-votes-hint = A change applies to new polls; open polls keep their kind of vote. Hearth shows nobody who voted in an anonymous poll, not even administrators, and the network's export holds its counts only.
admin-posts-save = Save
admin-posts-praise = Praise
admin-posts-praise-managers = Tell the managers of the people praised
admin-posts-praise-managers-hint = Their manager is the one on their profile (set by an admin, or by single sign-on and provisioning). They are told only when they may read the praise.
