oidc-no-account = O Hearth ainda não foi configurado, ou a conta vinculada a este login não existe mais.
oidc-busy = O Hearth está ocupado agora; tente de novo em instantes.
oidc-internal = Algo deu errado no Hearth; o problema foi registrado.
oidc-not-configured = O login único não está configurado neste Hearth. Entre com seu endereço de e-mail e senha.
oidc-failed-title = O login único não funcionou
oidc-try-again = Tentar de novo
oidc-back-to-sign-in = Voltar à página de login
