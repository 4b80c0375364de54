# Praise: thanking colleagues publicly.
praise-kind-thanks = Danke
praise-kind-teamwork = Tolle Teamarbeit
praise-kind-above-and-beyond = Weit über das Übliche hinaus
praise-kind-welcome = Willkommen!
praise-add = Kollegin oder Kollegen loben
praise-people = Wen loben
praise-people-hint = Ihre Handles, etwa @ben @cy (bis zu 10). Schreiben Sie Ihren Dank oben.
praise-kind = Wofür
praise-banner = { $kind }: { $people }
praise-received = Erhaltenes Lob
praise-none-yet = Noch kein Lob für { $name }.
praise-count = { $kind }: { $count }
praise-all = Alles erhaltene Lob
praise-all-title = Lob für { $name }
praise-back-to-profile = Zurück zum Profil
