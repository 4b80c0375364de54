# The search page: a form, tabs for each kind of result, and the results.
search-title = Search
# The page title while showing results; $query is what was typed.
search-title-for = Search: { $query }
search-label = Search
search-submit = Search
search-syntax = Use "quotes" for an exact phrase, word* for words that begin so, -word to leave a word out, from:@handle, in:community-name and #topic.
search-filters = Filters and order
search-sort = Order
search-sort-relevance = Best match
search-sort-newest = Newest first
search-kind = Kind of post
search-kind-any = Any
search-kind-question = Questions
search-kind-unanswered = Unanswered questions
search-kind-announcement = Announcements
search-from = Written from
search-until = Written until
# The tabs, one for each kind of result.
search-tabs = Kinds of result
search-tab-all = All
search-tab-posts = Posts
search-tab-people = People
search-tab-communities = Communities
search-tab-topics = Topics
search-tab-messages = Messages
# Under each kind on the All tab; $kind is the tab's name.
search-see-all = See all: { $kind }
search-nothing = Nothing found for { $query }
search-nothing-hint = Try other words, fewer words, or a word's beginning.
# $all is a link reading search-tab-all.
search-nothing-elsewhere = Look under { $all } for other kinds of result.
search-more = More results
search-company-wide = the whole company
# A post found; $name is its author, $place a community's name or search-company-wide.
search-post-by = Post by { $name } in { $place }
search-article-by = { $title }: an article by { $name } in { $place }
search-reply-by = Reply by { $name } in { $place }
# A chat message found; $conversation is a group's title or the other person's name.
search-message-in = { $name } in the conversation { $conversation }
search-topic-posts = { $count ->
    [one] { $count } post
   *[other] { $count } posts
}
