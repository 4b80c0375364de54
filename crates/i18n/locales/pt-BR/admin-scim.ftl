# The console's Provisioning tab (SCIM).
admin-scim-title = Provisionamento
admin-scim-heading = Provisionamento (SCIM)
admin-scim-revoked = O token foi revogado; o cliente dele passa a ser recusado.
admin-scim-connect = Conecte seu provedor de identidade
# $url is the base URL, as code.
admin-scim-base-url = URL base do SCIM 2.0: { $url }
admin-scim-how = Autentique-se com um token SCIM como token bearer. Users são as contas das pessoas; Groups são as comunidades. Desativar ou excluir um User desativa a conta imediatamente.
admin-scim-new-token = Novo token SCIM
admin-scim-copy-now = Copie agora para o seu provedor de identidade: ele não será mostrado novamente.
admin-scim-create-title = Criar um token
admin-scim-token-name = Nome (por exemplo, o provedor de identidade)
admin-scim-create = Criar token
admin-scim-tokens = Tokens
admin-scim-no-tokens = Nenhum token SCIM foi criado ainda.
admin-scim-col-name = Nome
admin-scim-col-created = Criado
admin-scim-col-last-used = Último uso
admin-scim-col-state = Situação
# A token that was never used.
admin-scim-never = nunca
admin-scim-state-revoked = revogado
admin-scim-state-active = ativo
admin-scim-revoke = Revogar
admin-scim-events = Últimos eventos de provisionamento
admin-scim-no-events = O provedor de identidade ainda não alterou nada.
admin-scim-col-when = Quando
admin-scim-col-request = Requisição
admin-scim-col-status = Status
admin-scim-col-what = O quê
