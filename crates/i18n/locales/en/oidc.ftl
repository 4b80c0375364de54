# Signing in through the company's single sign-on provider.
oidc-no-account = Hearth has not been set up yet, or the account linked to this sign-in no longer exists.
oidc-busy = Hearth is busy right now; try again in a moment.
oidc-internal = Something went wrong on Hearth's side; it has been logged.
oidc-not-configured = Single sign-on is not set up on this Hearth. Sign in with your e-mail address and password instead.
oidc-failed-title = Single sign-on did not work
oidc-try-again = Try again
oidc-back-to-sign-in = Back to the sign-in page
