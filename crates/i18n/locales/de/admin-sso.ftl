# The console's Single sign-on tab.
admin-sso-title = Single Sign-on
admin-sso-saved = Gespeichert.
admin-sso-provider = Identitätsanbieter
admin-sso-not-configured = Nicht eingerichtet.
admin-sso-how-to-configure = Die [oidc]-Einstellungen in der Konfigurationsdatei setzen (siehe docs/ADMINISTRATION.md) und Hearth neu starten.
admin-sso-issuer = Aussteller
admin-sso-redirect-uri = Zu registrierende Weiterleitungs-URI
# Whether the provider's discovery document can be fetched.
admin-sso-discovery = Discovery
admin-sso-reachable = erreichbar
# $reason is a technical error message.
admin-sso-not-reachable = nicht erreichbar: { $reason }
admin-sso-linked = { $count ->
        [one] { $count } Person ist mit einem Konto beim Anbieter verknüpft.
       *[other] { $count } Personen sind mit einem Konto beim Anbieter verknüpft.
    }
admin-sso-first-sign-ins = Erste Anmeldungen über Single Sign-on
# $when is a relative time.
admin-sso-first-sign-in = { $name } <{ $email }>, { $when }
admin-sso-require-title = Single Sign-on verlangen
admin-sso-require-hint = Wenn verlangt, können sich Mitglieder und Compliance-Beauftragte nur über den Identitätsanbieter anmelden. Netzwerk-Admins behalten ihr Passwort, damit sich auch bei einem Ausfall des Anbieters noch jemand anmelden kann.
admin-sso-required-now = Derzeit verlangt.
admin-sso-not-required-now = Derzeit nicht verlangt.
admin-sso-allow-passwords = Anmeldung mit Passwort wieder erlauben
admin-sso-require = Single Sign-on verlangen
admin-sso-profile-title = Profile vom Anbieter
admin-sso-profile-hint = Ist der Anbieter maßgeblich, übernimmt jede Anmeldung über ihn Name, Abteilung und Position aus seinen Claims und ersetzt, was in Hearth geändert wurde. Ein Claim, den der Anbieter nicht sendet, lässt sein Feld unverändert.
admin-sso-profile-from-provider-now = Name, Abteilung und Position kommen bei jeder Anmeldung vom Anbieter.
admin-sso-profile-from-hearth-now = Name, Abteilung und Position werden in Hearth gepflegt; die Claims des Anbieters füllen sie nur beim Anlegen eines Kontos.
admin-sso-profile-take-from-provider = Vom Anbieter übernehmen
admin-sso-profile-keep-in-hearth = In Hearth pflegen
