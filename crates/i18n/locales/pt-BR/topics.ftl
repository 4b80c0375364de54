topics-empty-title = Ainda não há publicações sobre { $topic }
topics-empty-hint = Escreva uma na { $home } e mencione { $topic } nela.
topics-home-page = página inicial
