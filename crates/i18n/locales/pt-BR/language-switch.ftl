language-title = Idioma
language-label = Idioma
language-switch = Mudar
language-follow-browser = Como meu navegador pedir
language-hint = As páginas e os e-mails do Hearth são escritos neste idioma.
language-save = Salvar idioma
