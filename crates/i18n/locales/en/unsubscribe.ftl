# One-click unsubscribe from e-mail. $description names the e-mail, such as
# "e-mail about mentions" or "the weekly digest".
unsubscribe-invalid-title = Unsubscribe link not valid
unsubscribe-title = Unsubscribe
unsubscribe-question = Unsubscribe from { $description }?
unsubscribe-still-in-hearth = You will still see these notifications in Hearth.
unsubscribe-submit = Unsubscribe
unsubscribe-settings-link = Choose how you hear from Hearth
unsubscribe-done-title = Unsubscribed
unsubscribe-done-heading = You are unsubscribed
unsubscribe-done = You will no longer get { $description }. You still see notifications in Hearth.
