# Moderation: the queue, the keyword watch list and the report form.
admin-moderation-title = Moderação
admin-moderation-done = Pronto. O autor foi avisado, e o registro de auditoria guarda isso.
admin-moderation-back-to-community = Voltar para a comunidade
admin-moderation-queue = Fila de moderação
admin-moderation-queue-empty = Nada para revisar
admin-moderation-queue-empty-hint = Publicações e mensagens denunciadas aparecem aqui.
# $author is the author's name in bold; $post is a link reading admin-moderation-this-post.
admin-moderation-wrote-post = { $author } escreveu { $post }
admin-moderation-this-post = esta publicação
# A post outside any thread.
admin-moderation-wrote-unthreaded = { $author } escreveu esta mensagem
admin-moderation-wrote-message = { $author } escreveu esta mensagem em um chat
admin-moderation-badge-hidden = Oculta
admin-moderation-badge-held = Retida para revisão
admin-moderation-badge-removed = Removida
admin-moderation-badge-locked = Trancada
admin-moderation-badge-pinned = Fixada
admin-moderation-reports = { $count ->
        [one] { $count } denúncia
       *[other] { $count } denúncias
    }
# One report: who made it, why, and when ($when is a relative time).
admin-moderation-report = { $reporter }: { $reason } · { $when }
# Who made a report the keyword watch list made.
admin-moderation-watch-list-reporter = A lista de observação
admin-moderation-reason = Motivo (o autor é avisado)
admin-moderation-action-hide = Ocultar
admin-moderation-action-remove = Remover
admin-moderation-action-restore = Restaurar
admin-moderation-action-lock = Trancar conversa
admin-moderation-action-unlock = Destrancar conversa
admin-moderation-action-pin = Fixar
admin-moderation-action-unpin = Desafixar
admin-moderation-dismiss-reason = Por que nada precisa ser feito
admin-moderation-dismiss = Descartar
admin-moderation-reported = Denunciado
admin-moderation-thank-you = Obrigado
admin-moderation-report-received = Sua denúncia está na fila de moderação. Um moderador vai analisá-la.
admin-moderation-back-to-post = Voltar para a publicação
admin-moderation-watch-updated = A lista de observação foi atualizada.
admin-moderation-watch-title = Lista de observação
admin-moderation-watch-heading = Lista de palavras observadas
admin-moderation-watch-intro = Publicações e respostas que contêm uma palavra ou expressão observada (palavras inteiras, sem diferenciar maiúsculas e minúsculas) são enviadas à fila de moderação. As retidas ficam visíveis só para o autor e os moderadores até que um moderador as restaure.
admin-moderation-watch-term = Palavra ou expressão
admin-moderation-watch-mode = Quando uma publicação contiver
admin-moderation-watch-flag = Enviar para a fila
admin-moderation-watch-hold = Reter para revisão
admin-moderation-watch = Observar
admin-moderation-watch-empty = Nenhum termo observado
admin-moderation-watch-empty-hint = Adicione uma palavra ou expressão acima.
admin-moderation-col-term = Termo
admin-moderation-col-mode = Modo
admin-moderation-col-added = Adicionado
# A watched term's mode in the list.
admin-moderation-mode-flag = denunciar
admin-moderation-mode-hold = reter
admin-moderation-remove-term = Remover
