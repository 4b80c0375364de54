# /admin/posts: how the network's posts may be written.
admin-posts-title = Publicações
admin-posts-saved = Salvo.
admin-posts-polls = Enquetes
admin-posts-votes = Que votos as enquetes podem ter?
admin-posts-votes-any = Anônimos ou nominais: quem cria a enquete escolhe
admin-posts-votes-anonymous = Só anônimos
admin-posts-votes-named = Só nominais: quem vê os resultados vê quem votou em quê
admin-posts-votes-hint = Uma mudança vale para novas enquetes; enquetes abertas mantêm seu tipo de voto. O Hearth não mostra a ninguém quem votou em uma enquete anônima, nem aos administradores, e a exportação da rede traz só as contagens.
admin-posts-save = Salvar
admin-posts-praise = Elogios
admin-posts-praise-managers = Avisar os gestores das pessoas elogiadas
admin-posts-praise-managers-hint = O gestor é o indicado no perfil (definido por um administrador, ou pelo login único e provisionamento). Ele só é avisado quando pode ler o elogio.
