# Praise: thanking colleagues publicly.
praise-kind-thanks = Obrigado
praise-kind-teamwork = Ótimo trabalho em equipe
praise-kind-above-and-beyond = Muito além do esperado
praise-kind-welcome = Boas-vindas!
praise-add = Elogiar um colega
praise-people = Quem elogiar
praise-people-hint = Os identificadores, como @ben @cy (até 10). Escreva seu agradecimento acima.
praise-kind = Por
praise-banner = { $kind }: { $people }
praise-received = Elogios recebidos
praise-none-yet = Ainda não há elogios para { $name }.
praise-count = { $kind }: { $count }
praise-all = Todos os elogios recebidos
praise-all-title = Elogios que { $name } recebeu
praise-back-to-profile = Voltar ao perfil
