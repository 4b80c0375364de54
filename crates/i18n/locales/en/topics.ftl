# Topic pages: every post tagged with a #topic.
# $topic is the tag with its #, as in "#budget".
topics-empty-title = No posts about { $topic } yet
# $home is a link reading topics-home-page; $topic is the tag with its #.
topics-empty-hint = Write one on the { $home } and mention { $topic } in it.
topics-home-page = home page
