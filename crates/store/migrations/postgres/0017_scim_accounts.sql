-- SCIM: the identity provider's own name for a person (`userName`: a login, an
-- employee number, a UPN), and its deletion of an account.

-- NULL means the e-mail address is the userName, as for accounts SCIM never named.
-- The key is the name in lower case: SCIM compares userName ignoring case, and no
-- two accounts of a network may share it.
ALTER TABLE users ADD COLUMN scim_user_name TEXT;
ALTER TABLE users ADD COLUMN scim_user_name_key TEXT;
CREATE UNIQUE INDEX users_scim_user_name ON users (network_id, scim_user_name_key)
    WHERE scim_user_name_key IS NOT NULL;

-- When the identity provider deleted the account (DELETE /Users/{id}). Hearth keeps
-- it, deactivated, for its content, but SCIM never shows it again.
ALTER TABLE users ADD COLUMN scim_deleted_at BIGINT;

-- Invitations and SCIM tokens are withdrawn when the admin who made them is shut out
-- or stops being an admin. Those made before that rule by people who no longer
-- stand are withdrawn now.
UPDATE invitations SET revoked_at = CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT)
    WHERE accepted_at IS NULL AND revoked_at IS NULL
      AND invited_by IN (SELECT id FROM users WHERE role <> 'admin' OR status <> 'active');
UPDATE scim_tokens SET revoked_at = CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT)
    WHERE revoked_at IS NULL
      AND created_by IN (SELECT id FROM users WHERE role <> 'admin' OR status <> 'active');
