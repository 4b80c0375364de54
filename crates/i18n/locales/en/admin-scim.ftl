# The console's Provisioning tab (SCIM).
admin-scim-title = Provisioning
admin-scim-heading = Provisioning (SCIM)
admin-scim-revoked = The token was revoked; its client is refused from now on.
admin-scim-connect = Connect your identity provider
# $url is the base URL, as code.
admin-scim-base-url = SCIM 2.0 base URL: { $url }
admin-scim-how = Authenticate with a SCIM token as a bearer token. Users are people's accounts; Groups are communities. Deactivating or deleting a User deactivates the account at once.
admin-scim-new-token = New SCIM token
admin-scim-copy-now = Copy it now into your identity provider: it will not be shown again.
admin-scim-create-title = Create a token
admin-scim-token-name = Name (e.g. the identity provider)
admin-scim-create = Create token
admin-scim-tokens = Tokens
admin-scim-no-tokens = No SCIM token has been created yet.
admin-scim-col-name = Name
admin-scim-col-created = Created
admin-scim-col-last-used = Last used
admin-scim-col-state = State
# A token that was never used.
admin-scim-never = never
admin-scim-state-revoked = revoked
admin-scim-state-active = active
admin-scim-revoke = Revoke
admin-scim-events = Last provisioning events
admin-scim-no-events = The identity provider has not changed anything yet.
admin-scim-col-when = When
admin-scim-col-request = Request
admin-scim-col-status = Status
admin-scim-col-what = What
