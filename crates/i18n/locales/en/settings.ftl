# The reader's own settings page.
settings-title = Settings
settings-saved-profile = Your profile was saved.
settings-saved-photo = Your photo was changed.
settings-saved-photo-removed = Your photo was removed. Colleagues see your initials again.
settings-saved-password = Your password was changed. You were signed out on your other devices.
settings-saved-session = That device was signed out.
settings-saved-language = Your language was saved.
settings-saved-token = The token was revoked. Scripts using it can no longer sign in.

settings-profile-title = Profile
# $profile is a link whose text is settings-profile-link.
settings-profile-intro = What colleagues see on { $profile } and in the directory.
settings-profile-link = your profile
settings-profile-name = Name
settings-profile-handle = Handle
settings-profile-handle-hint = 3 to 30 letters, digits or _, starting with a letter. Your profile’s address and how people @mention you.
settings-profile-job-title = Job title
settings-profile-department = Department
settings-profile-location = Location
settings-profile-time-zone = Time zone
settings-profile-time-zone-hint = A name such as Europe/Lisbon, America/New_York or UTC.
settings-profile-about = About you
settings-profile-save = Save profile

settings-password-title = Password
settings-password-current = Current password
settings-password-new = New password
settings-password-min = { $count ->
    [one] At least 1 character
   *[other] At least { $count } characters
}
settings-password-hint = Changing it signs you out on your other devices.
# The box under the password form and the "sign out everywhere" button.
settings-revoke-tokens = Also revoke my API tokens
settings-password-change = Change password

# A session's device, when its user agent is empty.
settings-device-unknown = Unknown device
# A session's device: browser and system names such as "Firefox" and "Linux".
settings-device-on = { $browser } on { $system }

settings-sessions-title = Where you are signed in
settings-sessions-this-device = This device
# $when is a relative time such as "5 minutes ago".
settings-sessions-last-seen = last seen { $when }
settings-sessions-sign-out = Sign out
settings-sessions-everywhere-confirm = Sign out on every device, this one included?
settings-sessions-everywhere = Sign out everywhere
settings-sessions-everywhere-hint = Ends every session, this one included. Your API tokens keep working unless you tick the box.

settings-tokens-title = API tokens
# $openapi is a link whose text is settings-tokens-openapi-link.
settings-tokens-intro = Scripts and tools use a token to act as you through the JSON API ({ $openapi }).
settings-tokens-openapi-link = its OpenAPI description
settings-tokens-none = You have no API tokens.
settings-tokens-created = created { $when }
settings-tokens-last-used = last used { $when }
settings-tokens-never-used = never used
settings-tokens-revoke-confirm = Revoke this token? Scripts using it will stop working.
settings-tokens-revoke = Revoke
settings-tokens-new = New token
settings-tokens-name = Name
settings-tokens-name-hint = What it is for, such as “Deploy script”.
settings-tokens-password = Current password
settings-tokens-password-hint = Not needed within 10 minutes of signing in. If you sign in with single sign-on, sign in again instead.
settings-tokens-create = Create token

settings-new-token-title = New API token
settings-new-token-heading = Your new API token
settings-new-token-copy-now = Copy it now and keep it somewhere safe: it will not be shown again.
# $name is the token's name, in bold.
settings-new-token-named = The token { $name }:
settings-new-token-quoted = “{ $name }”
# $header is "Authorization: Bearer <token>" as code.
settings-new-token-send = Send it with each request as { $header }. It acts as you until you revoke it.
settings-new-token-back = Back to settings
settings-new-token-reload = Reloading this page would send the form again and create a second token.
