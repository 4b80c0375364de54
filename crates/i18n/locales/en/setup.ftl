# The first-run page.
setup-title = Set up Hearth
setup-welcome = Welcome to Hearth
setup-intro = Name your company's network and create the first administrator account. You can invite everyone else once you are in.
setup-company = Company name
setup-name = Your name
setup-email = Your e-mail address
setup-password = Choose a password
setup-password-hint = At least 10 characters.
setup-submit = Create network
setup-already-title = Already set up
setup-already = This Hearth network is already set up. Sign in instead.
setup-link-invalid-title = Set-up link not valid
