oidc-no-account = Hearth ist noch nicht eingerichtet, oder das mit dieser Anmeldung verknüpfte Konto existiert nicht mehr.
oidc-busy = Hearth ist gerade ausgelastet; bitte gleich noch einmal versuchen.
oidc-internal = Bei Hearth ist ein Fehler aufgetreten; er wurde protokolliert.
oidc-not-configured = Single Sign-on ist für dieses Hearth nicht eingerichtet. Stattdessen mit E-Mail-Adresse und Passwort anmelden.
oidc-failed-title = Single Sign-on hat nicht funktioniert
oidc-try-again = Erneut versuchen
oidc-back-to-sign-in = Zurück zur Anmeldeseite
