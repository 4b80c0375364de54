notifications-title = Benachrichtigungen
notifications-settings = Einstellungen
notifications-mark-all-read = Alle als gelesen markieren
notifications-empty-title = Noch nichts
notifications-empty-hint = Erwähnungen, Antworten, Reaktionen auf eigene Beiträge und Nachrichten erscheinen hier.
notifications-older = Ältere Benachrichtigungen
notifications-unread = Ungelesen:
