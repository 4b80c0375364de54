# The console's Single sign-on tab.
admin-sso-title = Login único
admin-sso-saved = Salvo.
admin-sso-provider = Provedor de identidade
admin-sso-not-configured = Não configurado.
admin-sso-how-to-configure = Defina as configurações [oidc] no arquivo de configuração (veja docs/ADMINISTRATION.md) e reinicie o Hearth.
admin-sso-issuer = Emissor
admin-sso-redirect-uri = URI de redirecionamento a registrar
# Whether the provider's discovery document can be fetched.
admin-sso-discovery = Descoberta
admin-sso-reachable = acessível
# $reason is a technical error message.
admin-sso-not-reachable = inacessível: { $reason }
admin-sso-linked = { $count ->
        [one] { $count } pessoa está vinculada a uma conta no provedor.
       *[other] { $count } pessoas estão vinculadas a uma conta no provedor.
    }
admin-sso-first-sign-ins = Primeiros logins pelo login único
# $when is a relative time.
admin-sso-first-sign-in = { $name } <{ $email }>, { $when }
admin-sso-require-title = Exigir login único
admin-sso-require-hint = Quando exigido, membros e responsáveis por conformidade só podem entrar pelo provedor de identidade. Os administradores da rede mantêm a senha, para que alguém ainda consiga entrar se o provedor estiver fora do ar.
admin-sso-required-now = Exigido agora.
admin-sso-not-required-now = Não exigido agora.
admin-sso-allow-passwords = Permitir novamente o login com senha
admin-sso-require = Exigir login único
admin-sso-profile-title = Perfis vindos do provedor
admin-sso-profile-hint = Quando o provedor é a fonte da verdade, cada login por ele copia o nome, o departamento e o cargo das declarações dele, substituindo o que foi alterado no Hearth. Uma declaração que o provedor não envia deixa o campo como está.
admin-sso-profile-from-provider-now = Nome, departamento e cargo vêm do provedor a cada login.
admin-sso-profile-from-hearth-now = Nome, departamento e cargo são mantidos no Hearth; as declarações do provedor só os preenchem quando uma conta é criada.
admin-sso-profile-take-from-provider = Usar os do provedor
admin-sso-profile-keep-in-hearth = Manter no Hearth
