time-just-now = gerade eben
time-minutes-ago = { $count ->
    [one] vor 1 Minute
   *[other] vor { $count } Minuten
}
time-hours-ago = { $count ->
    [one] vor 1 Stunde
   *[other] vor { $count } Stunden
}
time-yesterday = gestern
time-days-ago = { $count ->
    [one] vor 1 Tag
   *[other] vor { $count } Tagen
}
