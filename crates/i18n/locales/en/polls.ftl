# Polls: the composer's fields, a poll inside a post card, and who voted.
polls-add = Add a poll
polls-options-label = Poll options
polls-options-hint = One option per line, 2 to 10 of them.
polls-choice = Voters choose
polls-choice-single = one option
polls-choice-multiple = any number of options
polls-results = Results show
polls-results-after-vote = after voting
polls-results-at-close = when the poll closes
polls-votes = Votes are
polls-votes-anonymous = anonymous
polls-votes-named = named
polls-votes-only-named = Votes are named in this network.
polls-votes-only-anonymous = Votes are anonymous in this network.
polls-closes = Closes
# The accessible name of a poll inside a post.
polls-label = Poll
polls-options = Options
polls-pick-one = Choose one
polls-pick-any = Choose any
polls-your-vote = your vote
# $share is a whole percentage of the people who voted.
polls-option-votes = { $count ->
    [one] 1 vote ({ $share }%)
   *[other] { $count } votes ({ $share }%)
}
polls-vote = Vote
polls-change-vote = Change vote
polls-voters = { $count ->
    [0] Nobody has voted yet
    [one] 1 person voted
   *[other] { $count } people voted
}
# $when is a day and a time, e.g. "3 Feb 2026, 17:00".
polls-closed-at = closed { $when }
polls-closed = closed
polls-closes-at = closes { $when }
polls-open = open
polls-results-hidden-until-close = results when it closes
polls-results-hidden-until-vote = vote to see the results
polls-named = votes are named
polls-anonymous = votes are anonymous
polls-who-voted = Who voted
polls-withdraw = Take my vote back
polls-close = Close the poll now
polls-close-confirm = Close this poll now? Nobody can vote after that.
polls-back-to-post = Back to the post
# $option is the option's label.
polls-option-heading = { $count ->
    [one] { $option }: 1 vote
   *[other] { $option }: { $count } votes
}
polls-nobody-chose = Nobody chose this option.
