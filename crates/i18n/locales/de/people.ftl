people-title = Personen
people-search-label = Personen suchen
people-name = Name
people-department = Abteilung
people-search = Suchen
people-clear-search = Suche zurücksetzen
people-no-match = Niemand passt zu „{ $terms }“
people-no-match-hint = Schreibweise prüfen oder { $clear }, um alle zu sehen.
people-no-match-clear = die Suche zurücksetzen
people-empty-title = Noch niemand hier
people-empty-hint = Kolleginnen und Kollegen erscheinen hier, sobald sie ein Konto haben.
people-more = Weitere Personen
people-posts = Beiträge
people-no-posts = { $name } hat noch nichts veröffentlicht
people-first-post = { $link } auf der Startseite.
people-first-post-link = Den ersten Beitrag schreiben
people-posts-will-show = Beiträge dieser Person, die sichtbar sind, erscheinen hier.
people-former-member = Ehemaliges Mitglied
people-location = Standort
people-time-zone = Lokale Zeitzone
people-manager = Vorgesetzte Person
people-manager-link = Profil der vorgesetzten Person ansehen
people-followers = { $count ->
    [one] { $number } Follower
   *[other] { $number } Follower
}
people-following = folgt { $number }
people-edit-profile = Profil bearbeiten
people-follow = Folgen
people-unfollow = Nicht mehr folgen
people-message = Nachricht
