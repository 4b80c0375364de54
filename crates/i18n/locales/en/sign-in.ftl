# The sign-in page.
sign-in-title = Sign in
sign-in-email = E-mail address
sign-in-password = Password
sign-in-submit = Sign in
# The single sign-on button; $provider is the label the administrator configured.
sign-in-with-provider = Sign in with { $provider }
