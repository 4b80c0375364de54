search-title = Suche
search-title-for = Suche: { $query }
search-label = Suchen
search-submit = Suchen
search-syntax = "Anführungszeichen" für eine genaue Wortgruppe, wort* für Wörter, die so beginnen, -wort um ein Wort auszuschließen, from:@name, in:community-name und #thema.
search-filters = Filter und Reihenfolge
search-sort = Reihenfolge
search-sort-relevance = Beste Treffer
search-sort-newest = Neueste zuerst
search-kind = Art des Beitrags
search-kind-any = Alle
search-kind-question = Fragen
search-kind-unanswered = Unbeantwortete Fragen
search-kind-announcement = Ankündigungen
search-from = Geschrieben ab
search-until = Geschrieben bis
search-tabs = Arten von Ergebnissen
search-tab-all = Alle
search-tab-posts = Beiträge
search-tab-people = Personen
search-tab-communities = Communities
search-tab-topics = Themen
search-tab-messages = Nachrichten
search-see-all = Alle anzeigen: { $kind }
search-nothing = Nichts gefunden für { $query }
search-nothing-hint = Andere oder weniger Wörter versuchen, oder den Anfang eines Worts.
search-nothing-elsewhere = Unter { $all } nach anderen Arten von Ergebnissen sehen.
search-more = Weitere Ergebnisse
search-company-wide = dem ganzen Unternehmen
search-post-by = Beitrag von { $name } in { $place }
search-article-by = { $title }: ein Artikel von { $name } in { $place }
search-reply-by = Antwort von { $name } in { $place }
search-message-in = { $name } in der Unterhaltung { $conversation }
search-topic-posts = { $count ->
    [one] { $count } Beitrag
   *[other] { $count } Beiträge
}
