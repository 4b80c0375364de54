home-title = Início
home-welcome = Boas-vindas, { $name }
home-empty-feed = Seu feed está vazio. Escreva a primeira publicação acima, { $communities } ou { $people } para ver o que compartilham.
home-join-communities = participe de comunidades
home-follow-colleagues = siga colegas
home-your-communities = Suas comunidades
home-articles = Artigos: textos longos e colunas, ou escreva um
