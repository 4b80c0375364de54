language-title = Language
language-label = Language
language-switch = Change
language-follow-browser = As my browser asks
language-hint = Pages and e-mails from Hearth are written in this language.
language-save = Save language
