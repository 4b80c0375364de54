search-title = Busca
search-title-for = Busca: { $query }
search-label = Buscar
search-submit = Buscar
search-syntax = Use "aspas" para uma frase exata, palavra* para palavras que começam assim, -palavra para deixar uma palavra de fora, from:@usuario, in:nome-da-comunidade e #tema.
search-filters = Filtros e ordem
search-sort = Ordem
search-sort-relevance = Mais relevantes
search-sort-newest = Mais recentes primeiro
search-kind = Tipo de post
search-kind-any = Qualquer
search-kind-question = Perguntas
search-kind-unanswered = Perguntas sem resposta
search-kind-announcement = Comunicados
search-from = Escrito a partir de
search-until = Escrito até
search-tabs = Tipos de resultado
search-tab-all = Tudo
search-tab-posts = Posts
search-tab-people = Pessoas
search-tab-communities = Comunidades
search-tab-topics = Temas
search-tab-messages = Mensagens
search-see-all = Ver tudo: { $kind }
search-nothing = Nada encontrado para { $query }
search-nothing-hint = Tente outras palavras, menos palavras, ou o começo de uma palavra.
search-nothing-elsewhere = Veja em { $all } outros tipos de resultado.
search-more = Mais resultados
search-company-wide = a empresa toda
search-post-by = Post de { $name } em { $place }
search-article-by = { $title }: um artigo de { $name } em { $place }
search-reply-by = Resposta de { $name } em { $place }
search-message-in = { $name } na conversa { $conversation }
search-topic-posts = { $count ->
    [one] { $count } post
   *[other] { $count } posts
}
