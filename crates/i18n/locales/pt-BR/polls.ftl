# Polls: the composer's fields, a poll inside a post card, and who voted.
polls-add = Adicionar enquete
polls-options-label = Opções da enquete
polls-options-hint = Uma opção por linha, de 2 a 10.
polls-choice = Quem vota escolhe
polls-choice-single = uma opção
polls-choice-multiple = quantas opções quiser
polls-results = Resultados aparecem
polls-results-after-vote = depois de votar
polls-results-at-close = quando a enquete for encerrada
polls-votes = Os votos são
polls-votes-anonymous = anônimos
polls-votes-named = nominais
polls-votes-only-named = Os votos são nominais nesta rede.
polls-votes-only-anonymous = Os votos são anônimos nesta rede.
polls-closes = Encerra em
polls-label = Enquete
polls-options = Opções
polls-pick-one = Escolha uma
polls-pick-any = Escolha quantas quiser
polls-your-vote = seu voto
polls-option-votes = { $count ->
    [one] 1 voto ({ $share }%)
   *[other] { $count } votos ({ $share }%)
}
polls-vote = Votar
polls-change-vote = Mudar voto
polls-voters = { $count ->
    [0] Ninguém votou ainda
    [one] 1 pessoa votou
   *[other] { $count } pessoas votaram
}
polls-closed-at = encerrada em { $when }
polls-closed = encerrada
polls-closes-at = encerra em { $when }
polls-open = aberta
polls-results-hidden-until-close = resultados no encerramento
polls-results-hidden-until-vote = vote para ver os resultados
polls-named = votos nominais
polls-anonymous = votos anônimos
polls-who-voted = Quem votou
polls-withdraw = Retirar meu voto
polls-close = Encerrar a enquete agora
polls-close-confirm = Encerrar esta enquete agora? Ninguém poderá votar depois disso.
polls-back-to-post = Voltar à publicação
polls-option-heading = { $count ->
    [one] { $option }: 1 voto
   *[other] { $option }: { $count } votos
}
polls-nobody-chose = Ninguém escolheu esta opção.
