# Benachrichtigungs-E-Mails. $sentence: was die Benachrichtigung sagt; $link: eine vollständige URL.
mail-text-headline = { $sentence }.
mail-text-open-post = In Hearth öffnen: { $link }
mail-text-open-conversation = Unterhaltung öffnen: { $link }
mail-open-post = In Hearth öffnen
mail-open-conversation = Unterhaltung öffnen
mail-why = Sie erhalten diese E-Mail aufgrund Ihrer Benachrichtigungseinstellungen.
mail-text-preferences = Festlegen, wie Hearth Sie benachrichtigt: { $link }
mail-text-unsubscribe = Diese E-Mails abbestellen: { $link }
mail-html-footer = Sie erhalten diese E-Mail aufgrund Ihrer Benachrichtigungseinstellungen. { $preferences } oder { $unsubscribe }.
mail-html-preferences = Festlegen, wie Hearth Sie benachrichtigt
mail-html-unsubscribe = diese E-Mails abbestellen
mail-unsubscribe-mention = E-Mails zu Erwähnungen
mail-unsubscribe-reply = E-Mails zu Antworten
mail-unsubscribe-thread-reply = E-Mails zu Antworten in Unterhaltungen
mail-unsubscribe-reaction = E-Mails zu Reaktionen
mail-unsubscribe-share = E-Mails zu geteilten Beiträgen
mail-unsubscribe-reference = E-Mails zu Verlinkungen
mail-unsubscribe-best-answer = E-Mails zu besten Antworten
mail-unsubscribe-direct-message = E-Mails zu Direktnachrichten
mail-unsubscribe-moderation = E-Mails zu Moderationsentscheidungen
mail-unsubscribe-community-post = E-Mails zu Community-Beiträgen
mail-unsubscribe-announcement = E-Mails zu Ankündigungen
mail-unsubscribe-poll-closed = E-Mails zum Ende Ihrer Umfragen
mail-unsubscribe-praise = E-Mails zu Lob, das Sie erhalten
mail-unsubscribe-praise-for-report = E-Mails zu Lob für Ihr Team
mail-unsubscribe-article-published = E-Mails zu neuen Artikeln
mail-unsubscribe-daily-digest = die tägliche Zusammenfassung
mail-unsubscribe-weekly-digest = die wöchentliche Zusammenfassung
mail-unsubscribe-community = E-Mails zu neuen Beiträgen in dieser Community
mail-unsubscribe-network-health = die wöchentliche E-Mail zum Zustand des Netzwerks
mail-unsubscribe-all = alle E-Mails von Hearth
mail-attached-files = { $count ->
    [one] Angehängt
   *[other] { $count } Dateien angehängt
}: { $names }

## Guests of external networks: the invitation e-mail and the sponsor's reminder.
guest-mail-subject = { $inviter } hat Sie zu { $network } auf Hearth eingeladen
guest-mail-accept = Einladung annehmen
guest-mail-valid = Der Link funktioniert einmal, 7 Tage lang. Ihr Zugang gilt { $days } Tage, sofern er nicht verlängert wird.
guest-reminder-subject = Der Zugang von { $guest } zu { $network } endet am { $date }
guest-reminder-open = Verlängern oder beenden
mail-subject-in-network = [{ $network }] { $subject }
