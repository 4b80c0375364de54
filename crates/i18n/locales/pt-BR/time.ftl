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
