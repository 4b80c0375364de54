# Pages that explain why a page could not be shown.
page-error-no-page-title = Page not found
page-error-no-page = There is nothing at this address. It may have moved, or the link may be mistyped.
page-error-form-expired-title = Form expired
page-error-form-expired = This form was open too long or came from another site. Go back, reload the page and try again.
page-error-not-set-up-title = Hearth is not set up yet
page-error-not-set-up = Open the one-time set-up link that the server printed when it started. Restart the server to print a fresh one.
page-error-policy-pending-title = Usage policy not accepted
page-error-policy-pending = Accept the network's usage policy first, on the Usage policy page.
page-error-signed-out-title = Signed out
page-error-signed-out = Your session has ended. Sign in again, then repeat what you were doing.
page-error-bad-form-title = Form not understood
page-error-malformed-form = The form sent was incomplete or malformed. Go back, reload the page and try again.
# $field is the name of a form field, as the page's HTML names it.
page-error-bad-form-field = The form's { $field } is not one this page offers. Reload the page and try again.
page-error-not-found-title = Not found
# $what is one of the error-thing-… words, or a technical name.
page-error-bad-address = This address does not name a { $what }.
page-error-no-such-thing = There is no such { $what }, or you may not see it.
page-error-forbidden-title = Not allowed
page-error-refused-title = That did not work
page-error-rate-limited-title = Slow down
page-error-rate-limited = You are doing this faster than this network allows. Nothing was saved; try again in { $seconds } seconds.
page-error-sign-in-again-title = Sign in again
page-error-internal-title = Something went wrong
