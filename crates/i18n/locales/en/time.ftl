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
