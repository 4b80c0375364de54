attachments-image-named = Image: { $name }
attachments-download = Download
attachments-download-named = Download { $name }
attachments-add-files = Attach files
attachments-alt-label = Image description (optional)
attachments-alt-placeholder = Describe this image for people who cannot see it
attachments-form-too-large = The form is too large to send.
