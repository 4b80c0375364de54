# The page an invited person opens to create their account.
invitation-title = Join Hearth
invitation-heading = You are invited
# $email is the invited address, in bold.
invitation-intro = Create your account for { $email }.
invitation-name = Your name
invitation-password = Choose a password
invitation-password-hint = At least 10 characters.
invitation-submit = Create account
invitation-invalid-title = Invitation not valid
invitation-already-member-title = Already a member
