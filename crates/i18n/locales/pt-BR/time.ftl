time-just-now = agora mesmo
time-minutes-ago = { $count ->
    [one] há 1 minuto
   *[other] há { $count } minutos
}
time-hours-ago = { $count ->
    [one] há 1 hora
   *[other] há { $count } horas
}
time-yesterday = ontem
time-days-ago = { $count ->
    [one] há 1 dia
   *[other] há { $count } dias
}
time-date = { $day } de { $month ->
        [1] jan.
        [2] fev.
        [3] mar.
        [4] abr.
        [5] mai.
        [6] jun.
        [7] jul.
        [8] ago.
        [9] set.
        [10] out.
        [11] nov.
       *[12] dez.
    } de { $year }
# A day and a time of day, e.g. when a poll closes.
time-date-time = { $date } às { $time }
