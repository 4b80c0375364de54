articles-title = Articles
articles-kicker = Article
articles-reading-minutes = { $minutes } min read
articles-write = Write an article
articles-subscribe-company = Tell me of new company-wide articles
articles-subscribe-author = Tell me of new articles by { $name }
articles-subscribe-community = Tell me of new articles in { $community }
articles-drafts = Your drafts
articles-untitled = Untitled draft
articles-scheduled = Scheduled
articles-none-yet = No articles yet. Long reads, the leadership column, the weekly news: write the first.
articles-edit-title = Edit article
articles-draft-private = A draft: only you see it. It is saved as you type.
articles-published-edit = Published: saving keeps the earlier version for admins.
articles-field-title = Title
articles-field-summary = Summary (shown on cards and in e-mails)
articles-field-place = Publish to
articles-field-body = Article
articles-body-hint = Markdown: # headings make the table of contents; tables, links, code and @mentions work as in posts.
articles-save = Save
articles-preview = Preview
articles-publish-now = Publish now
articles-publish-at = Publish at
articles-schedule = Schedule
articles-unschedule = Back to draft
articles-delete = Delete draft
articles-delete-confirm = Delete this draft for good?
articles-contents = Contents
articles-in = in { $community }
articles-reads = { $count ->
    [one] read by 1 person
   *[other] read by { $count } people
}
articles-not-published = Not published yet: only you see this page.
articles-edit = Edit article
articles-liked-by = { $count ->
    [one] 1 colleague likes this:
   *[other] { $count } colleagues like this:
}
articles-subscriptions = New articles you follow
articles-subscription-company = Company-wide articles
articles-subscription-author = Articles by { $name }
articles-subscription-community = Articles in { $community }
articles-subscriptions-hint = You hear of them as "A new article I subscribed to is published" says above.
articles-unsubscribe = Stop
articles-feeds = Article feeds for feed readers
articles-feeds-hint = Follow articles in a feed reader. Each link holds your personal key: whoever has it reads the articles you may read, so keep it to yourself. A new key ends the old links.
articles-feed-all = Every article you may read:
articles-feeds-start = Turn on article feeds
articles-feeds-renew = New key (ends the old links)
articles-feeds-end = Turn feeds off
articles-cover = Cover image
articles-cover-current = The current cover
articles-cover-choose = An image for the top of the article and its card
articles-cover-upload = Use as cover
articles-cover-remove = Remove the cover
articles-files = Images and files in the body
articles-files-choose = Add images or files
articles-files-hint = Each goes into the body as a line: an image shows where its line stands, another file as a link to download it. Without the page script they go at the end of the body when you save.
