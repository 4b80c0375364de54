# /admin/posts: how the network's posts may be written.
admin-posts-title = Publicações
admin-posts-saved = Salvo. Novas enquetes seguem a configuração; enquetes abertas mantêm seu tipo de voto.
admin-posts-polls = Enquetes
admin-posts-votes = Que votos as enquetes podem ter?
admin-posts-votes-any = Anônimos ou nominais: quem cria a enquete escolhe
admin-posts-votes-anonymous = Só anônimos
admin-posts-votes-named = Só nominais: quem vê os resultados vê quem votou em quê
admin-posts-votes-hint = O Hearth não mostra a ninguém quem votou em uma enquete anônima, nem aos administradores, e a exportação da rede traz só as contagens.
admin-posts-save = Salvar
