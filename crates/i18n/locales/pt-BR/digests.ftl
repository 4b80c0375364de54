# Os resumos diário e semanal por e-mail.
digest-subject-daily = Seu resumo diário: { $summary }
digest-subject-weekly = Seu resumo semanal: { $summary }
digest-summary-posts = { $posts ->
    [one] 1 publicação
   *[other] { $posts } publicações
}
digest-summary-notifications = { $notifications ->
    [one] 1 notificação
   *[other] { $notifications } notificações
}
digest-summary-posts-and-notifications = { $posts ->
    [one] 1 publicação
   *[other] { $posts } publicações
} e { $notifications ->
    [one] 1 notificação
   *[other] { $notifications } notificações
}
digest-text-greeting = Olá, { $name },
digest-text-missed = veja o que você perdeu.
digest-html-greeting = Olá, { $name }, veja o que você perdeu.
digest-text-for-you = PARA VOCÊ
digest-for-you = Para você
digest-text-popular = EM ALTA NAS SUAS COMUNIDADES E DE PESSOAS QUE VOCÊ SEGUE
digest-popular = Em alta nas suas comunidades e de pessoas que você segue
digest-more = { $count ->
    [one] …e mais 1 nas suas notificações
   *[other] …e mais { $count } nas suas notificações
}
digest-post-in = { $author } em { $community }
digest-engagement = { $reactions ->
    [0] 0 reações
    [one] 1 reação
   *[other] { $reactions } reações
} · { $replies ->
    [0] 0 respostas
    [one] 1 resposta
   *[other] { $replies } respostas
}
digest-read = Ler
digest-text-why-daily = Você recebe este resumo diário por causa das suas configurações de notificação: { $link }
digest-text-why-weekly = Você recebe este resumo semanal por causa das suas configurações de notificação: { $link }
digest-text-stop = Cancele este resumo com um clique: { $link }
digest-html-why-daily = Você recebe este resumo diário por causa das suas { $settings }. { $unsubscribe }.
digest-html-why-weekly = Você recebe este resumo semanal por causa das suas { $settings }. { $unsubscribe }.
digest-html-settings = configurações de notificação
digest-html-unsubscribe = Cancelar este resumo
digest-text-articles = ARTIGOS MAIS LIDOS E DISCUTIDOS
digest-articles = Artigos mais lidos e discutidos
digest-article-by = { $title }, de { $author }
digest-article-engagement = { $reads ->
    [one] lido por 1 pessoa
   *[other] lido por { $reads } pessoas
} · { $replies ->
    [one] 1 resposta
   *[other] { $replies } respostas
}
