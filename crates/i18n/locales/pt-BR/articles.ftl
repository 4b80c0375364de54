articles-title = Artigos
articles-kicker = Artigo
articles-reading-minutes = { $minutes } min de leitura
articles-write = Escrever um artigo
articles-subscribe-company = Avise-me de novos artigos para toda a empresa
articles-subscribe-author = Avise-me de novos artigos de { $name }
articles-subscribe-community = Avise-me de novos artigos em { $community }
articles-drafts = Seus rascunhos
articles-untitled = Rascunho sem título
articles-scheduled = Agendado
articles-none-yet = Nenhum artigo ainda. Textos longos, a coluna da liderança, as notícias da semana: escreva o primeiro.
articles-edit-title = Editar artigo
articles-draft-private = Um rascunho: só você o vê. Ele é salvo enquanto você digita.
articles-published-edit = Publicado: ao salvar, a versão anterior fica guardada para os administradores.
articles-field-title = Título
articles-field-summary = Resumo (mostrado nos cartões e nos e-mails)
articles-field-place = Publicar em
articles-field-body = Artigo
articles-body-hint = Markdown: títulos com # formam o sumário; tabelas, links, código e @menções funcionam como nas publicações.
articles-save = Salvar
articles-preview = Pré-visualizar
articles-publish-now = Publicar agora
articles-publish-at = Publicar em
articles-schedule = Agendar
articles-unschedule = Voltar para rascunho
articles-delete = Excluir rascunho
articles-delete-confirm = Excluir este rascunho de vez?
articles-contents = Sumário
articles-in = em { $community }
articles-reads = { $count ->
    [one] lido por 1 pessoa
   *[other] lido por { $count } pessoas
}
articles-not-published = Ainda não publicado: só você vê esta página.
articles-edit = Editar artigo
articles-liked-by = { $count ->
    [one] 1 colega curtiu:
   *[other] { $count } colegas curtiram:
}
articles-subscriptions = Novos artigos que você segue
articles-subscription-company = Artigos para toda a empresa
articles-subscription-author = Artigos de { $name }
articles-subscription-community = Artigos em { $community }
articles-subscriptions-hint = Você é avisado como indicado acima em "Um novo artigo que assinei é publicado".
articles-unsubscribe = Parar
articles-feeds = Feeds de artigos para leitores de feed
articles-feeds-hint = Acompanhe artigos em um leitor de feed. Cada link contém sua chave pessoal: quem a tiver lê os artigos que você pode ler, então guarde-a para você. Uma nova chave encerra os links antigos.
articles-feed-all = Todos os artigos que você pode ler:
articles-feeds-start = Ativar feeds de artigos
articles-feeds-renew = Nova chave (encerra os links antigos)
articles-feeds-end = Desativar feeds
articles-cover = Imagem de capa
articles-cover-current = A capa atual
articles-cover-choose = Uma imagem para o topo do artigo e o seu cartão
articles-cover-upload = Usar como capa
articles-cover-remove = Remover a capa
articles-files = Imagens e arquivos no texto
articles-files-choose = Adicionar imagens ou arquivos
articles-files-hint = Cada um entra no texto como uma linha: uma imagem aparece onde sua linha está, outro arquivo como um link para baixá-lo. Sem o script da página, eles vão para o fim do texto quando você salva.
