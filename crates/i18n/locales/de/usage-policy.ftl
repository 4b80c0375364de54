usage-policy-title = Nutzungsrichtlinie
usage-policy-none = Für dieses Netzwerk gibt es noch keine Nutzungsrichtlinie.
usage-policy-version = Version { $version }, veröffentlicht { $published }
usage-policy-accepted = Diese Version wurde akzeptiert.
usage-policy-please-accept = Zur weiteren Nutzung von { $network } die Richtlinie bitte lesen und akzeptieren.
usage-policy-accept = Akzeptieren
usage-policy-sign-out = Abmelden
