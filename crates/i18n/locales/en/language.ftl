# The language's own name, as the language switch shows it.
language-name = English
