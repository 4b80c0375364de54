# O que uma notificação diz. $actors: quem agiu; $count: quantas pessoas são
# (para a concordância do verbo).
notification-mention = { $count ->
    [one] { $actors } mencionou você
   *[other] { $actors } mencionaram você
}
notification-reply = { $count ->
    [one] { $actors } respondeu à sua publicação
   *[other] { $actors } responderam à sua publicação
}
notification-thread-reply = { $count ->
    [one] { $actors } respondeu em uma conversa da qual você participou
   *[other] { $actors } responderam em uma conversa da qual você participou
}
notification-reaction = { $count ->
    [one] { $actors } reagiu à sua publicação
   *[other] { $actors } reagiram à sua publicação
}
notification-share = { $count ->
    [one] { $actors } compartilhou sua publicação
   *[other] { $actors } compartilharam sua publicação
}
notification-reference = { $count ->
    [one] { $actors } fez um link para sua publicação
   *[other] { $actors } fizeram um link para sua publicação
}
notification-best-answer = { $count ->
    [one] { $actors } marcou sua resposta como a melhor resposta
   *[other] { $actors } marcaram sua resposta como a melhor resposta
}
notification-direct-message = { $count ->
    [one] { $actors } enviou uma mensagem para você
   *[other] { $actors } enviaram uma mensagem para você
}
notification-moderation = { $count ->
    [one] { $actors } moderou sua publicação
   *[other] { $actors } moderaram sua publicação
}
notification-community-post = { $count ->
    [one] { $actors } publicou em uma comunidade que você segue
   *[other] { $actors } publicaram em uma comunidade que você segue
}
notification-announcement = { $count ->
    [one] { $actors } fez um anúncio
   *[other] { $actors } fizeram um anúncio
}
notification-poll-closed = Sua enquete foi encerrada: os resultados saíram
notification-praise = { $count ->
    [one] { $actors } elogiou você
   *[other] { $actors } elogiaram você
}
notification-praise-for-report = { $count ->
    [one] { $actors } elogiou alguém da sua equipe
   *[other] { $actors } elogiaram pessoas da sua equipe
}
notification-article-published = { $count ->
    [one] { $actors } publicou um artigo
   *[other] { $actors } publicaram artigos
}
notification-article-published-in = { $count ->
    [one] { $actors } publicou um artigo em { $community }
   *[other] { $actors } publicaram artigos em { $community }
}
notification-someone = Alguém
notification-actors-two = { $first } e { $second }
notification-actors-more = { $others ->
    [one] { $first } e mais 1 pessoa
   *[other] { $first } e mais { $others } pessoas
}
