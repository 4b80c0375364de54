# Analytics dashboards: the network's in the admin console, a community's for its
# managers. Days are UTC days.
analytics-title = Analytics
analytics-community-title = Analytics of { $community }
# $day is the last day counted, $people the smallest group shown alone (5).
analytics-intro = Counts of what people did, day by day (UTC), up to the end of { $day }. No figure here is about one person: departments, locations and communities of fewer than { $people } people are shown together as "Other".
analytics-not-counted = These days are not counted yet: a day is counted within the hour after it ends.
analytics-community-too-small = A community needs at least { $people } members for its figures to be shown: with fewer, they would be about individual people.
analytics-back-to-community = Back to the community
analytics-number = { $n }
analytics-period = Period
analytics-last-days = Last { $days } days
analytics-custom = Or choose the days
analytics-from = From
analytics-to = To
analytics-show = Show
analytics-compared = { $first } to { $last }, compared with { $before_first } to { $before_last }.
analytics-totals = Totals
analytics-active-per-day = Active people per day
analytics-posts = Posts
analytics-replies = Replies
analytics-reactions = Reactions
analytics-shares = Shares
analytics-messages = Chat messages
analytics-change-up = up { $percent } %
analytics-change-down = down { $percent } %
analytics-change-none = no change
analytics-change-new = new
analytics-before = before: { $count }
analytics-people = Active people
# $share is a whole percentage.
analytics-active-share = On an average day, { $share } % of the { $people } people with an account posted, replied, shared, reacted or wrote a message.
analytics-active-chart = Active people per day
analytics-active-people = Active people
analytics-weeks = Active people per week
analytics-months = Active people per month
analytics-span-from = From
analytics-partial = (so far)
analytics-activity = Activity
analytics-activity-chart = Posts, replies, reactions and messages per day
analytics-figures = Show the figures
analytics-work-social = Work and social
analytics-work = Work communities
analytics-social = Social communities
analytics-this-period = This period
analytics-period-before = Period before
analytics-work-share = { $share } % of what people wrote and reacted in communities was in work communities ({ $before } % in the period before).
analytics-work-share-new = { $share } % of what people wrote and reacted in communities was in work communities.
analytics-questions = Questions
analytics-asked = Asked
analytics-answered = Answered by someone else
analytics-best-answer = With a best answer
analytics-median-wait = Median time to a first reply
analytics-minutes = { $minutes } min
analytics-unanswered = { $count ->
    [one] { $count } question unanswered for more than two days
   *[other] { $count } questions unanswered for more than two days
}
analytics-unanswered-none = Every question of the period got a reply within two days, or is younger.
analytics-communities = Most active communities
analytics-communities-none = No community with at least five members was active in this period.
analytics-other-communities = Other communities (fewer than { $people } members each)
analytics-quiet = Gone quiet
analytics-quiet-none = No community went quiet: each one active in the period before was active in this one.
analytics-departments = Who answers whom, by department
analytics-locations = Who answers whom, by location
analytics-matrix-intro = Replies and reactions from people of a row's group to posts of people of a column's group. Groups of fewer than { $people } people are together in "Other", or left out when even together they are fewer.
analytics-matrix-none = Nobody replied or reacted to someone of a group large enough to show in this period.
analytics-other = Other
analytics-group-unset = Not set
analytics-cell = { $replies } ↩ · { $reactions } ♥
analytics-download-days = Days as CSV
analytics-download-weeks = Weeks as CSV
analytics-download-months = Months as CSV
analytics-download-communities = Communities as CSV
analytics-download-departments = Departments as CSV
analytics-download-locations = Locations as CSV
# The admin's choice of the weekly "network health" e-mail, below the dashboard.
health-title = Weekly e-mail
health-on = You get these figures for the last week by e-mail with the weekly digest, with the questions left unanswered.
health-off = Get the last week's key figures and the questions left unanswered by e-mail, with the weekly digest.
health-start = E-mail me every week
health-stop = Stop the weekly e-mail
# The e-mail itself.
health-subject = Network health, week from { $first }: { $active } active people a day
health-greeting = Hello { $name },
health-period = { $first } to { $last }, compared with the week before:
# $figure is a count, $change how it moved ("up 12 %").
health-figure = { $figure } ({ $change })
health-whole-dashboard = The whole dashboard
health-text-stop = You asked for this e-mail in the admin console. Stop it: { $link }
health-html-why = You asked for this e-mail in the admin console.
health-html-stop = Stop it
