# The console's Single sign-on tab.
admin-sso-title = Single sign-on
admin-sso-saved = Saved.
admin-sso-provider = Identity provider
admin-sso-not-configured = Not configured.
admin-sso-how-to-configure = Set the [oidc] settings in the configuration file (see docs/ADMINISTRATION.md) and restart Hearth.
admin-sso-issuer = Issuer
admin-sso-redirect-uri = Redirect URI to register
# Whether the provider's discovery document can be fetched.
admin-sso-discovery = Discovery
admin-sso-reachable = reachable
# $reason is a technical error message.
admin-sso-not-reachable = not reachable: { $reason }
admin-sso-linked = { $count ->
        [one] { $count } person is linked to an account at the provider.
       *[other] { $count } people are linked to an account at the provider.
    }
admin-sso-first-sign-ins = First sign-ins through single sign-on
# $when is a relative time.
admin-sso-first-sign-in = { $name } <{ $email }>, { $when }
admin-sso-require-title = Require single sign-on
admin-sso-require-hint = When required, members and compliance officers can only sign in through the identity provider. Network admins keep their password, so that someone can still sign in if the provider is down.
admin-sso-required-now = Required now.
admin-sso-not-required-now = Not required now.
admin-sso-allow-passwords = Allow password sign-in again
admin-sso-require = Require single sign-on
admin-sso-profile-title = Profiles from the provider
admin-sso-profile-hint = When the provider is the source of truth, every sign-in through it copies the name, department and job title from its claims, replacing what was changed in Hearth. A claim the provider does not send leaves its field as it is.
admin-sso-profile-from-provider-now = Name, department and job title come from the provider at each sign-in.
admin-sso-profile-from-hearth-now = Name, department and job title are kept in Hearth; the provider's claims fill them only when an account is created.
admin-sso-profile-take-from-provider = Take them from the provider
admin-sso-profile-keep-in-hearth = Keep them in Hearth
