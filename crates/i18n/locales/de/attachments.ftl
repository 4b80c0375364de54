attachments-image-named = Bild: { $name }
attachments-download = Herunterladen
attachments-download-named = { $name } herunterladen
attachments-add-files = Dateien anhängen
attachments-alt-label = Bildbeschreibung (optional)
attachments-alt-placeholder = Beschreibe dieses Bild für Menschen, die es nicht sehen können
attachments-form-too-large = Das Formular ist zu groß zum Senden.
