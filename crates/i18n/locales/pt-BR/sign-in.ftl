sign-in-title = Entrar
sign-in-email = Endereço de e-mail
sign-in-password = Senha
sign-in-submit = Entrar
sign-in-with-provider = Entrar com { $provider }
