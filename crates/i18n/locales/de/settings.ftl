settings-title = Einstellungen
settings-saved-profile = Das Profil wurde gespeichert.
settings-saved-photo = Dein Foto wurde geändert.
settings-saved-photo-removed = Dein Foto wurde entfernt. Andere sehen wieder deine Initialen.
settings-saved-password = Das Passwort wurde geändert. Auf den anderen Geräten wurde die Anmeldung beendet.
settings-saved-session = Das Gerät wurde abgemeldet.
settings-saved-language = Die Sprache wurde gespeichert.
settings-saved-token = Das Token wurde widerrufen. Skripte, die es verwenden, können sich nicht mehr anmelden.

settings-profile-title = Profil
settings-profile-intro = Was Kolleginnen und Kollegen im { $profile } und im Verzeichnis sehen.
settings-profile-link = eigenen Profil
settings-profile-name = Name
settings-profile-handle = Kennung
settings-profile-handle-hint = 3 bis 30 Buchstaben, Ziffern oder _, beginnend mit einem Buchstaben. Die Adresse des Profils und der Name für @Erwähnungen.
settings-profile-job-title = Position
settings-profile-department = Abteilung
settings-profile-location = Standort
settings-profile-time-zone = Zeitzone
settings-profile-time-zone-hint = Ein Name wie Europe/Berlin, America/New_York oder UTC.
settings-profile-about = Über mich
settings-profile-save = Profil speichern

settings-password-title = Passwort
settings-password-current = Aktuelles Passwort
settings-password-new = Neues Passwort
settings-password-min = { $count ->
    [one] Mindestens 1 Zeichen
   *[other] Mindestens { $count } Zeichen
}
settings-password-hint = Eine Änderung beendet die Anmeldung auf allen anderen Geräten.
# The box under the password form and the "sign out everywhere" button.
settings-revoke-tokens = Auch meine API-Tokens widerrufen
settings-password-change = Passwort ändern

settings-device-unknown = Unbekanntes Gerät
settings-device-on = { $browser } unter { $system }

settings-sessions-title = Angemeldete Geräte
settings-sessions-this-device = Dieses Gerät
settings-sessions-last-seen = zuletzt aktiv { $when }
settings-sessions-sign-out = Abmelden
settings-sessions-everywhere-confirm = Auf allen Geräten abmelden, auch auf diesem?
settings-sessions-everywhere = Überall abmelden
settings-sessions-everywhere-hint = Beendet alle Sitzungen, auch diese. API-Tokens bleiben gültig, außer Sie setzen das Häkchen.

settings-tokens-title = API-Tokens
settings-tokens-intro = Skripte und Werkzeuge handeln mit einem Token im eigenen Namen über die JSON-API ({ $openapi }).
settings-tokens-openapi-link = ihre OpenAPI-Beschreibung
settings-tokens-none = Keine API-Tokens vorhanden.
settings-tokens-created = erstellt { $when }
settings-tokens-last-used = zuletzt verwendet { $when }
settings-tokens-never-used = nie verwendet
settings-tokens-revoke-confirm = Dieses Token widerrufen? Skripte, die es verwenden, funktionieren dann nicht mehr.
settings-tokens-revoke = Widerrufen
settings-tokens-new = Neues Token
settings-tokens-name = Name
settings-tokens-name-hint = Wofür es gedacht ist, z. B. „Deploy-Skript“.
settings-tokens-password = Aktuelles Passwort
settings-tokens-password-hint = In den ersten 10 Minuten nach der Anmeldung nicht nötig. Wenn Sie sich per Single Sign-on anmelden, melden Sie sich stattdessen erneut an.
settings-tokens-create = Token erstellen

settings-new-token-title = Neues API-Token
settings-new-token-heading = Das neue API-Token
settings-new-token-copy-now = Jetzt kopieren und sicher aufbewahren: Es wird nicht noch einmal angezeigt.
settings-new-token-named = Das Token { $name }:
settings-new-token-quoted = „{ $name }“
settings-new-token-send = Bei jeder Anfrage als { $header } mitsenden. Es handelt im eigenen Namen, bis es widerrufen wird.
settings-new-token-back = Zurück zu den Einstellungen
settings-new-token-reload = Ein Neuladen dieser Seite würde das Formular erneut senden und ein zweites Token erstellen.
