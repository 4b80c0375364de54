# The admin console's frame: its tabs.
admin-console = Console de administração
admin-tab-people = Pessoas
admin-tab-invitations = Convites
admin-tab-moderation = Moderação
admin-tab-watch-list = Lista de observação
admin-tab-usage-policy = Política de uso
admin-tab-posts = Publicações
admin-tab-analytics = Análises
admin-tab-audit = Registro de auditoria
admin-tab-data = Dados
admin-tab-sso = Login único
admin-tab-scim = Provisionamento
admin-tab-embedding = Incorporação
