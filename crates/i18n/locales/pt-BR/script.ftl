script-did-not-work = Isso não funcionou.
script-just-now = agora mesmo
script-edit = Editar
script-delete = Excluir
script-delete-confirm = Excluir esta mensagem?
script-edited = (editada)
script-deleted = Esta mensagem foi excluída.
script-someone = Alguém
script-typing-one = { $name } está digitando…
script-typing-two = { $first } e { $second } estão digitando…
script-typing-several = Várias pessoas estão digitando…
script-new-posts = { $count ->
    [one] { $count } nova publicação
   *[other] { $count } novas publicações
}
script-suggestions-label = Sugestões
script-no-suggestions = Nenhuma sugestão
script-suggestions = { $count ->
    [one] 1 sugestão
   *[other] { $count } sugestões
}
script-attach-remove = Remover
script-attach-remove-named = Remover { $name }
script-attach-alt = Texto alternativo
script-attach-alt-placeholder = Descreva esta imagem para quem não pode vê-la
script-attach-uploading = Enviando { $name }…
script-attach-uploaded = { $name } anexado.
script-attach-removed = { $name } removido.
script-attach-failed = Não foi possível anexar { $name }: { $reason }
script-attach-too-large = { $name } é grande demais.
script-article-saved = Salvo
script-article-save-failed = Não salvo; seu texto continua aqui. Salve novamente.
script-article-file-inserted = { $name } está no texto onde estava o cursor.
# The mark beside the name of a guest on a chat message that just arrived.
script-guest = Convidado
