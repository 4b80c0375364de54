home-title = Start
home-welcome = Willkommen, { $name }
home-empty-feed = Ihr Feed ist leer. Schreiben Sie oben den ersten Beitrag, { $communities } oder { $people }, um zu sehen, was sie teilen.
home-join-communities = treten Sie Communitys bei
home-follow-colleagues = folgen Sie Kolleginnen und Kollegen
home-your-communities = Ihre Communitys
home-articles = Artikel: lange Texte und Kolumnen, oder selbst schreiben
