# The console's Audit log tab.
admin-audit-title = Registro de auditoria
admin-audit-intro = Todas as ações administrativas e de moderação, das mais recentes para as mais antigas. As entradas nunca são alteradas nem removidas.
# Label of the filter's list of actions (machine names such as retention.set).
admin-audit-action = Ação
admin-audit-any-action = Qualquer
admin-audit-by = Por (ID do usuário)
admin-audit-about = Sobre (ID)
admin-audit-from = De
admin-audit-until = Até
admin-audit-filter = Filtrar
# Followed by a choice of file formats.
admin-audit-download-as = Baixar estas entradas como
admin-audit-format-csv = CSV
admin-audit-format-jsonl = JSON Lines
admin-audit-download = Baixar
admin-audit-empty = Nenhuma entrada corresponde. Limpe o filtro para ver todas as entradas.
admin-audit-col-when = Quando
admin-audit-col-who = Quem
admin-audit-col-what = O quê
admin-audit-col-target = Alvo
admin-audit-col-reason = Motivo
# The network address the act came from.
admin-audit-col-address = Endereço
admin-audit-older = Entradas mais antigas
