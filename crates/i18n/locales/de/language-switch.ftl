language-title = Sprache
language-label = Sprache
language-switch = Wechseln
language-follow-browser = Wie mein Browser es wünscht
language-hint = Seiten und E-Mails von Hearth erscheinen in dieser Sprache.
language-save = Sprache speichern
