# The console's People tab and each account's page.
admin-people-title = Pessoas
admin-people-search = Nome ou e-mail
# Label of the status filter.
admin-people-status = Situação
admin-people-status-any = Qualquer
admin-people-status-active = Ativas
admin-people-status-suspended = Suspensas
admin-people-status-deactivated = Desativadas
admin-people-status-deleted = Excluídas
admin-people-filter = Filtrar
admin-people-empty = Nenhuma conta corresponde. Limpe o filtro ou convide alguém na aba Convites.
admin-people-col-name = Nome
admin-people-col-email = E-mail
admin-people-col-role = Função
admin-people-col-status = Situação
admin-people-more = Mais
admin-people-all = ← Todas as pessoas
# $date is the date and time the suspension ends.
admin-people-suspended-until = até { $date }
admin-people-deleted = Esta conta foi excluída e anonimizada. Não é possível fazer mais nada com ela.
admin-people-deactivate = Desativar
admin-people-deactivate-hint = Para quem saiu da empresa. A pessoa é desconectada de todos os lugares de uma vez, os tokens de API dela deixam de funcionar e as publicações continuam, exibidas como de um ex-membro.
admin-people-suspend = Suspender
admin-people-suspend-until = Até (uma data futura)
admin-people-reactivate = Reativar
admin-people-role = Função
admin-people-change-role = Alterar função
admin-people-delete = Excluir
admin-people-delete-hint = A exclusão não pode ser desfeita. O nome, o e-mail e o perfil são removidos, e as menções à pessoa passam a ser “um ex-membro”.
admin-people-delete-content = As publicações e mensagens da pessoa
admin-people-delete-keep = Manter, exibidas como de “Usuário excluído”
admin-people-delete-remove = Remover
admin-people-delete-confirm = Entendo que isso não pode ser desfeito
admin-people-delete-account = Excluir conta
admin-people-reason = Motivo (fica no registro de auditoria)
admin-people-done-deactivate = Desativada. As sessões, os tokens e as conexões ativas foram encerrados.
admin-people-done-suspend = Suspensa. As sessões, os tokens e as conexões ativas foram encerrados.
admin-people-done-reactivate = Reativada. A pessoa pode entrar novamente.
admin-people-done-role = Função alterada.
admin-people-done-delete = Excluída e anonimizada.
admin-people-done = Pronto.
admin-people-role-admin = Administrador da rede
admin-people-role-compliance = Responsável por conformidade
admin-people-role-member = Membro
# An account's status, as a badge.
admin-people-label-active = Ativa
admin-people-label-suspended = Suspensa
admin-people-label-deactivated = Ex-membro
admin-people-label-deleted = Excluída
admin-people-label-unknown = Desconhecida
# Error messages, shown as sentences.
admin-people-suspend-until-missing = escolha a data em que a suspensão termina
admin-people-delete-unconfirmed = marque a caixa para confirmar que a exclusão não pode ser desfeita
