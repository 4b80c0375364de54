# The console's Usage policy tab.
admin-usage-policy-title = Política de uso
admin-usage-policy-published-note = A nova versão foi publicada. Todas as outras pessoas serão solicitadas a aceitá-la na próxima página que abrirem.
admin-usage-policy-none = Nenhuma política ainda
admin-usage-policy-none-hint = Depois que você publicar uma, todos precisarão aceitá-la antes de usar a rede.
admin-usage-policy-version = Versão { $version }
# $when is a relative time; $share is admin-usage-policy-share, in bold; $people is the number of people.
admin-usage-policy-published = Publicada { $when }. { $people ->
        [one] { $share } pessoa aceitou.
       *[other] { $share } pessoas aceitaram.
    }
admin-usage-policy-share = { $accepted } de { $people }
admin-usage-policy-publish-title = Publicar uma nova versão
admin-usage-policy-publish-hint = Markdown. Ao publicar, todos precisam aceitar a nova versão antes de continuar.
admin-usage-policy-text = Texto da política
admin-usage-policy-publish = Publicar
