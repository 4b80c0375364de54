settings-title = Configurações
settings-saved-profile = Seu perfil foi salvo.
settings-saved-photo = Sua foto foi alterada.
settings-saved-photo-removed = Sua foto foi removida. Seus colegas voltam a ver suas iniciais.
settings-saved-password = Sua senha foi alterada. Você saiu da conta nos seus outros dispositivos.
settings-saved-session = A sessão desse dispositivo foi encerrada.
settings-saved-language = Seu idioma foi salvo.
settings-saved-token = O token foi revogado. Scripts que o usam não conseguem mais entrar.

settings-profile-title = Perfil
settings-profile-intro = O que seus colegas veem no { $profile } e no diretório.
settings-profile-link = seu perfil
settings-profile-name = Nome
settings-profile-handle = Identificador
settings-profile-handle-hint = De 3 a 30 letras, dígitos ou _, começando com uma letra. É o endereço do seu perfil e como as pessoas mencionam você com @.
settings-profile-job-title = Cargo
settings-profile-department = Departamento
settings-profile-location = Local
settings-profile-time-zone = Fuso horário
settings-profile-time-zone-hint = Um nome como America/Sao_Paulo, Europe/Lisbon ou UTC.
settings-profile-about = Sobre você
settings-profile-save = Salvar perfil

settings-password-title = Senha
settings-password-current = Senha atual
settings-password-new = Nova senha
settings-password-min = { $count ->
    [one] Pelo menos 1 caractere
   *[other] Pelo menos { $count } caracteres
}
settings-password-hint = Ao alterá-la, você sai da conta nos seus outros dispositivos.
# The box under the password form and the "sign out everywhere" button.
settings-revoke-tokens = Revogar também meus tokens de API
settings-password-change = Alterar senha

settings-device-unknown = Dispositivo desconhecido
settings-device-on = { $browser } no { $system }

settings-sessions-title = Onde você está conectado
settings-sessions-this-device = Este dispositivo
settings-sessions-last-seen = visto por último { $when }
settings-sessions-sign-out = Sair
settings-sessions-everywhere-confirm = Sair em todos os dispositivos, inclusive neste?
settings-sessions-everywhere = Sair em todos os lugares
settings-sessions-everywhere-hint = Encerra todas as sessões, inclusive esta. Seus tokens de API continuam funcionando, a menos que você marque a caixa.

settings-tokens-title = Tokens de API
settings-tokens-intro = Scripts e ferramentas usam um token para agir em seu nome pela API JSON ({ $openapi }).
settings-tokens-openapi-link = sua descrição OpenAPI
settings-tokens-none = Você não tem tokens de API.
settings-tokens-created = criado { $when }
settings-tokens-last-used = usado por último { $when }
settings-tokens-never-used = nunca usado
settings-tokens-revoke-confirm = Revogar este token? Scripts que o usam vão parar de funcionar.
settings-tokens-revoke = Revogar
settings-tokens-new = Novo token
settings-tokens-name = Nome
settings-tokens-name-hint = Para que serve, como “Script de deploy”.
settings-tokens-password = Senha atual
settings-tokens-password-hint = Não é necessária nos primeiros 10 minutos após entrar. Se você entra com login único, entre novamente.
settings-tokens-create = Criar token

settings-new-token-title = Novo token de API
settings-new-token-heading = Seu novo token de API
settings-new-token-copy-now = Copie agora e guarde em um lugar seguro: ele não será mostrado novamente.
settings-new-token-named = O token { $name }:
settings-new-token-quoted = “{ $name }”
settings-new-token-send = Envie-o em cada requisição como { $header }. Ele age em seu nome até que você o revogue.
settings-new-token-back = Voltar às configurações
settings-new-token-reload = Recarregar esta página enviaria o formulário de novo e criaria um segundo token.
