sign-in-title = Anmelden
sign-in-email = E-Mail-Adresse
sign-in-password = Passwort
sign-in-submit = Anmelden
sign-in-with-provider = Anmelden mit { $provider }
