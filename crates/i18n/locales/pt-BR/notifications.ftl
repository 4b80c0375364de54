notifications-title = Notificações
notifications-settings = Configurações
notifications-mark-all-read = Marcar todas como lidas
notifications-empty-title = Nada ainda
notifications-empty-hint = Quando alguém mencionar você, responder a você, reagir às suas publicações ou enviar uma mensagem, você verá aqui.
notifications-older = Notificações mais antigas
notifications-unread = Não lida:
