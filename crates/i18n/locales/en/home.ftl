# The home feed.
home-title = Home
# The heading of the empty feed; $name is the reader's name.
home-welcome = Welcome, { $name }
# $communities is a link reading home-join-communities, $people one reading
# home-follow-colleagues.
home-empty-feed = Your feed is empty. Write the first post above, { $communities } or { $people } to see what they share.
home-join-communities = join communities
home-follow-colleagues = follow colleagues
# For screen readers: the side column listing the reader's communities.
home-your-communities = Your communities
home-articles = Articles: long reads and columns, or write one
