people-title = Pessoas
people-search-label = Buscar pessoas
people-name = Nome
people-department = Departamento
people-search = Buscar
people-clear-search = Limpar a busca
people-no-match = Ninguém corresponde a “{ $terms }”
people-no-match-hint = Confira a ortografia ou { $clear } para ver todos.
people-no-match-clear = limpe a busca
people-empty-title = Ninguém aqui ainda
people-empty-hint = Os colegas aparecem aqui quando tiverem uma conta.
people-more = Mais pessoas
people-posts = Publicações
people-no-posts = { $name } ainda não publicou nada
people-first-post = { $link } na página inicial.
people-first-post-link = Escreva sua primeira publicação
people-posts-will-show = As publicações dessa pessoa que você puder ler aparecerão aqui.
people-former-member = Ex-membro
people-location = Local
people-time-zone = Fuso horário local
people-manager = Gestor
people-manager-link = Ver o perfil do gestor
people-followers = { $count ->
    [one] { $number } seguidor
   *[other] { $number } seguidores
}
people-following = seguindo { $number }
people-edit-profile = Editar seu perfil
people-follow = Seguir
people-unfollow = Deixar de seguir
people-message = Mensagem
