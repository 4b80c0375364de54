# The console's Data tab: retention and compliance exports.
admin-data-title = Dados
admin-data-retention = Retenção
admin-data-retention-saved = A política de retenção foi salva.
admin-data-retention-applied = Retenção aplicada: { $posts ->
        [one] { $posts } publicação ou resposta
       *[other] { $posts } publicações e respostas
    }, { $reactions ->
        [one] { $reactions } reação
       *[other] { $reactions } reações
    } e { $messages ->
        [one] { $messages } mensagem de chat
       *[other] { $messages } mensagens de chat
    } foram excluídas.
# An error message, shown as a sentence; $raw is what was typed, in quotes.
admin-data-days-not-a-number = digite um número inteiro de dias, não { $raw }
# $limit is admin-data-days, in bold.
admin-data-retention-on = O conteúdo com mais de { $limit } é excluído a cada hora.
admin-data-days = { $days ->
        [one] { $days } dia
       *[other] { $days } dias
    }
admin-data-retention-off = A retenção está desativada: a rede guarda tudo.
admin-data-retention-hint = Uma conversa é excluída quando sua publicação ou resposta mais recente passa do limite; as mensagens de chat são excluídas uma a uma. O registro de auditoria nunca é excluído.
admin-data-keep-for = Manter o conteúdo por (dias; vazio guarda tudo)
admin-data-save = Salvar
# Followed by a field for a number of days.
admin-data-dry-run-days = Dias a contar
admin-data-dry-run = Simulação
admin-data-dry-run-report = Com { $days ->
        [one] { $days } dia
       *[other] { $days } dias
    }, { $posts ->
        [one] { $posts } publicação ou resposta
       *[other] { $posts } publicações e respostas
    }, { $reactions ->
        [one] { $reactions } reação
       *[other] { $reactions } reações
    } e { $messages ->
        [one] { $messages } mensagem de chat
       *[other] { $messages } mensagens de chat
    } seriam excluídas agora. Nada foi alterado.
admin-data-apply-confirm = Excluir agora tudo o que passou do limite de retenção? Isso não pode ser desfeito.
admin-data-apply = Aplicar agora
admin-data-exports = Exportações
admin-data-exports-intro = Arquivos JSON Lines em um zip, para fins de conformidade. Toda exportação fica registrada no registro de auditoria.
admin-data-export-network = Baixar a rede inteira
admin-data-export-person = Uma pessoa (endereço de e-mail ou ID do usuário)
admin-data-export-person-download = Baixar os dados dessa pessoa
# An error message, shown as a sentence.
admin-data-export-person-missing = digite o endereço de e-mail ou o ID do usuário da pessoa
