# The console's Invitations tab.
admin-invitations-title = Convites
admin-invitations-revoked = O convite foi revogado; o link dele não funciona mais.
admin-invitations-link-for = Link de convite para { $email }
admin-invitations-copy-now = Copie agora e envie para a pessoa: ele não será mostrado novamente. Funciona uma vez, por { $days ->
        [one] { $days } dia
       *[other] { $days } dias
    }.
admin-invitations-invite = Convidar alguém
admin-invitations-email = Endereço de e-mail
admin-invitations-role = Função
admin-invitations-role-member = Membro
admin-invitations-role-admin = Administrador da rede
admin-invitations-role-compliance = Responsável por conformidade
admin-invitations-create = Criar link de convite
admin-invitations-all = Todos os convites
admin-invitations-none = Ninguém foi convidado ainda.
admin-invitations-col-email = E-mail
admin-invitations-col-role = Função
admin-invitations-col-state = Situação
admin-invitations-col-invited = Convidado
# Roles and states in the list of invitations.
admin-invitations-list-member = membro
admin-invitations-list-admin = administrador
admin-invitations-list-compliance = conformidade
admin-invitations-state-open = aberto
admin-invitations-state-accepted = aceito
admin-invitations-state-expired = expirado
admin-invitations-state-revoked = revogado
admin-invitations-revoke = Revogar
# An error message, shown as a sentence.
admin-invitations-choose-role = escolha membro, administrador da rede ou responsável por conformidade
