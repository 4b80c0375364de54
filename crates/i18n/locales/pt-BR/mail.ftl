# E-mails de notificação. $sentence: o que a notificação diz; $link: um URL completo.
mail-text-headline = { $sentence }.
mail-text-open-post = Abrir no Hearth: { $link }
mail-text-open-conversation = Abrir a conversa: { $link }
mail-open-post = Abrir no Hearth
mail-open-conversation = Abrir a conversa
mail-why = Você recebe este e-mail por causa das suas configurações de notificação.
mail-text-preferences = Escolha como o Hearth avisa você: { $link }
mail-text-unsubscribe = Cancelar a inscrição nestes e-mails: { $link }
mail-html-footer = Você recebe este e-mail por causa das suas configurações de notificação. { $preferences } ou { $unsubscribe }.
mail-html-preferences = Escolha como o Hearth avisa você
mail-html-unsubscribe = cancele a inscrição nestes e-mails
mail-unsubscribe-mention = e-mails sobre menções
mail-unsubscribe-reply = e-mails sobre respostas
mail-unsubscribe-thread-reply = e-mails sobre respostas em conversas
mail-unsubscribe-reaction = e-mails sobre reações
mail-unsubscribe-share = e-mails sobre compartilhamentos
mail-unsubscribe-reference = e-mails sobre links para suas publicações
mail-unsubscribe-best-answer = e-mails sobre melhores respostas
mail-unsubscribe-direct-message = e-mails sobre mensagens diretas
mail-unsubscribe-moderation = e-mails sobre moderação
mail-unsubscribe-community-post = e-mails sobre publicações em comunidades
mail-unsubscribe-announcement = e-mails sobre anúncios
mail-unsubscribe-poll-closed = e-mails sobre o encerramento das suas enquetes
mail-unsubscribe-praise = e-mails sobre elogios que você recebe
mail-unsubscribe-praise-for-report = e-mails sobre elogios à sua equipe
mail-unsubscribe-article-published = e-mails sobre novos artigos
mail-unsubscribe-daily-digest = o resumo diário
mail-unsubscribe-weekly-digest = o resumo semanal
mail-unsubscribe-community = e-mails sobre novas publicações nesta comunidade
mail-unsubscribe-network-health = o e-mail semanal sobre a saúde da rede
mail-unsubscribe-all = todos os e-mails do Hearth
mail-attached-files = { $count ->
    [one] Anexo
   *[other] { $count } arquivos anexados
}: { $names }

## Guests of external networks: the invitation e-mail and the sponsor's reminder.
guest-mail-subject = { $inviter } convidou você para { $network } no Hearth
guest-mail-accept = Aceitar o convite
guest-mail-valid = O link funciona uma vez, por 7 dias. Seu acesso dura { $days } dias, a menos que seja prorrogado.
guest-reminder-subject = O acesso de { $guest } a { $network } termina em { $date }
guest-reminder-open = Prorrogar ou encerrar
mail-subject-in-network = [{ $network }] { $subject }
