attachments-image-named = Imagem: { $name }
attachments-download = Baixar
attachments-download-named = Baixar { $name }
attachments-add-files = Anexar arquivos
attachments-alt-label = Descrição da imagem (opcional)
attachments-alt-placeholder = Descreva esta imagem para quem não pode vê-la
attachments-form-too-large = O formulário é grande demais para ser enviado.
