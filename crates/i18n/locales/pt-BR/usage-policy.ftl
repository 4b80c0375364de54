usage-policy-title = Política de uso
usage-policy-none = Sua rede ainda não tem política de uso.
usage-policy-version = Versão { $version }, publicada { $published }
usage-policy-accepted = Você aceitou esta versão.
usage-policy-please-accept = Leia a política e aceite-a para continuar usando { $network }.
usage-policy-accept = Eu aceito
usage-policy-sign-out = Sair
