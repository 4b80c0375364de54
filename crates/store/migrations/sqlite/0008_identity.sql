-- Enterprise identity: sign-in through an OpenID Connect provider, and SCIM 2.0
-- provisioning by the company's identity provider.

-- A person's account at an OpenID Connect provider, matched by its issuer and the
-- subject it names them by.
CREATE TABLE external_identities (
    issuer      TEXT   NOT NULL,
    subject     TEXT   NOT NULL,
    user_id     BIGINT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX external_identities_user_id ON external_identities (user_id);

-- SCIM's own attributes of a person: the provider's id for them and their employee
-- number (department, title and manager are the profile's).
ALTER TABLE users ADD COLUMN external_id TEXT;
ALTER TABLE users ADD COLUMN employee_number TEXT NOT NULL DEFAULT '';
CREATE INDEX users_external_id ON users (network_id, external_id);
CREATE INDEX users_updated_at ON users (network_id, updated_at);

-- SCIM groups are communities; the provider's id for one.
ALTER TABLE communities ADD COLUMN external_id TEXT;
ALTER TABLE communities ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX communities_external_id ON communities (network_id, external_id);

-- Whether employees must sign in through the identity provider (password sign-in off).
ALTER TABLE networks ADD COLUMN sso_required BIGINT NOT NULL DEFAULT 0;

-- Bearer tokens of SCIM clients, stored hashed like API tokens.
CREATE TABLE scim_tokens (
    id            INTEGER PRIMARY KEY,
    network_id    BIGINT NOT NULL REFERENCES networks (id),
    name          TEXT   NOT NULL,
    secret_hash   TEXT   NOT NULL,
    created_by    BIGINT REFERENCES users (id),
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT,
    revoked_at    BIGINT
);
CREATE UNIQUE INDEX scim_tokens_secret_hash ON scim_tokens (secret_hash);
CREATE INDEX scim_tokens_network_id ON scim_tokens (network_id, id);
CREATE INDEX scim_tokens_created_by ON scim_tokens (created_by);

-- What SCIM clients asked for, newest last, for the console's "last provisioning
-- events" (changes themselves are in the audit log).
CREATE TABLE provisioning_events (
    id          INTEGER PRIMARY KEY,
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    token_id    BIGINT REFERENCES scim_tokens (id),
    method      TEXT   NOT NULL,
    path        TEXT   NOT NULL,
    status      BIGINT NOT NULL,
    summary     TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX provisioning_events_network_id ON provisioning_events (network_id, id);
CREATE INDEX provisioning_events_token_id ON provisioning_events (token_id);
