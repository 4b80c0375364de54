topics-empty-title = Noch keine Beiträge zu { $topic }
topics-empty-hint = Schreiben Sie einen auf der { $home } und erwähnen Sie darin { $topic }.
topics-home-page = Startseite
