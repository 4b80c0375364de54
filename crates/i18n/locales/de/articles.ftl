articles-title = Artikel
articles-kicker = Artikel
articles-reading-minutes = { $minutes } Min. Lesezeit
articles-write = Artikel schreiben
articles-subscribe-company = Über neue Artikel für das ganze Unternehmen informieren
articles-subscribe-author = Über neue Artikel von { $name } informieren
articles-subscribe-community = Über neue Artikel in { $community } informieren
articles-drafts = Ihre Entwürfe
articles-untitled = Entwurf ohne Titel
articles-scheduled = Geplant
articles-none-yet = Noch keine Artikel. Lange Texte, die Kolumne der Geschäftsführung, die Wochennachrichten: Schreiben Sie den ersten.
articles-edit-title = Artikel bearbeiten
articles-draft-private = Ein Entwurf: Nur Sie sehen ihn. Er wird beim Tippen gespeichert.
articles-published-edit = Veröffentlicht: Beim Speichern bleibt die frühere Fassung für Admins erhalten.
articles-field-title = Titel
articles-field-summary = Zusammenfassung (auf Karten und in E-Mails)
articles-field-place = Veröffentlichen in
articles-field-body = Artikel
articles-body-hint = Markdown: #-Überschriften bilden das Inhaltsverzeichnis; Tabellen, Links, Code und @Erwähnungen funktionieren wie in Beiträgen.
articles-save = Speichern
articles-preview = Vorschau
articles-publish-now = Jetzt veröffentlichen
articles-publish-at = Veröffentlichen am
articles-schedule = Planen
articles-unschedule = Zurück zum Entwurf
articles-delete = Entwurf löschen
articles-delete-confirm = Diesen Entwurf endgültig löschen?
articles-contents = Inhalt
articles-in = in { $community }
articles-reads = { $count ->
    [one] von 1 Person gelesen
   *[other] von { $count } Personen gelesen
}
articles-not-published = Noch nicht veröffentlicht: Nur Sie sehen diese Seite.
articles-edit = Artikel bearbeiten
articles-liked-by = { $count ->
    [one] 1 Person gefällt das:
   *[other] { $count } Personen gefällt das:
}
articles-subscriptions = Neue Artikel, denen Sie folgen
articles-subscription-company = Artikel für das ganze Unternehmen
articles-subscription-author = Artikel von { $name }
articles-subscription-community = Artikel in { $community }
articles-subscriptions-hint = Sie erfahren davon, wie oben bei „Ein abonnierter neuer Artikel erscheint“ eingestellt.
articles-unsubscribe = Beenden
articles-feeds = Artikel-Feeds für Feedreader
articles-feeds-hint = Folgen Sie Artikeln in einem Feedreader. Jeder Link enthält Ihren persönlichen Schlüssel: Wer ihn hat, liest die Artikel, die Sie lesen dürfen – behalten Sie ihn für sich. Ein neuer Schlüssel beendet die alten Links.
articles-feed-all = Alle Artikel, die Sie lesen dürfen:
articles-feeds-start = Artikel-Feeds einschalten
articles-feeds-renew = Neuer Schlüssel (beendet die alten Links)
articles-feeds-end = Feeds ausschalten
articles-cover = Titelbild
articles-cover-current = Das aktuelle Titelbild
articles-cover-choose = Ein Bild für den Kopf des Artikels und seine Karte
articles-cover-upload = Als Titelbild verwenden
articles-cover-remove = Titelbild entfernen
articles-files = Bilder und Dateien im Text
articles-files-choose = Bilder oder Dateien hinzufügen
articles-files-hint = Jede kommt als eine Zeile in den Text: Ein Bild erscheint dort, wo seine Zeile steht, eine andere Datei als Link zum Herunterladen. Ohne das Seitenskript kommen sie beim Speichern ans Ende des Textes.
