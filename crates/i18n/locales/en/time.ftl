time-just-now = just now
time-minutes-ago = { $count ->
    [one] 1 minute ago
   *[other] { $count } minutes ago
}
time-hours-ago = { $count ->
    [one] 1 hour ago
   *[other] { $count } hours ago
}
time-yesterday = yesterday
time-days-ago = { $count ->
    [one] 1 day ago
   *[other] { $count } days ago
}
# A calendar day; $month is 1 to 12.
time-date = { $day } { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    } { $year }
# A day and a time of day, e.g. when a poll closes.
time-date-time = { $date }, { $time }
