# /admin/posts: how the network's posts may be written.
admin-posts-title = Posts
admin-posts-saved = Saved. New polls follow it; open polls keep their kind of vote.
admin-posts-polls = Polls
admin-posts-votes = Which votes may polls have?
admin-posts-votes-any = Anonymous or named: the author chooses
admin-posts-votes-anonymous = Anonymous only
admin-posts-votes-named = Named only: readers who see the results see who voted for what
admin-posts-votes-hint = Hearth shows nobody who voted in an anonymous poll, not even administrators, and the network's export holds its counts only.
admin-posts-save = Save
