-- Administration: the compliance role and deleted accounts, invitations, the usage
-- policy, the audit log, moderation, retention and orders to every node.

-- SQLite cannot alter a CHECK constraint; a column whose only constraint is its own
-- can be dropped, so each checked column is replaced by a new one.
ALTER TABLE users ADD COLUMN role_new TEXT NOT NULL DEFAULT 'member'
    CHECK (role_new IN ('member', 'admin', 'compliance'));
UPDATE users SET role_new = role;
ALTER TABLE users DROP COLUMN role;
ALTER TABLE users RENAME COLUMN role_new TO role;

ALTER TABLE users ADD COLUMN status_new TEXT NOT NULL DEFAULT 'active'
    CHECK (status_new IN ('active', 'suspended', 'deactivated', 'deleted'));
UPDATE users SET status_new = status;
ALTER TABLE users DROP COLUMN status;
ALTER TABLE users RENAME COLUMN status_new TO status;

-- Invitations: a single-use link, valid until it expires, that lets the person it
-- names create their account.
CREATE TABLE invitations (
    id             INTEGER PRIMARY KEY,
    network_id     BIGINT NOT NULL REFERENCES networks (id),
    email          TEXT   NOT NULL,
    role           TEXT   NOT NULL CHECK (role IN ('member', 'admin', 'compliance')),
    secret_hash    TEXT   NOT NULL,
    -- NULL when the operator invited from the command line.
    invited_by     BIGINT REFERENCES users (id),
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    accepted_at    BIGINT,
    accepted_by    BIGINT REFERENCES users (id),
    revoked_at     BIGINT
);
CREATE UNIQUE INDEX invitations_secret_hash ON invitations (secret_hash);
CREATE INDEX invitations_network_id ON invitations (network_id, id);
CREATE INDEX invitations_invited_by ON invitations (invited_by);
CREATE INDEX invitations_accepted_by ON invitations (accepted_by);

-- The usage policy every member accepts, by version, before using the network.
CREATE TABLE usage_policies (
    network_id     BIGINT NOT NULL REFERENCES networks (id),
    version        BIGINT NOT NULL,
    body_markdown  TEXT   NOT NULL,
    body_html      TEXT   NOT NULL,
    published_at   BIGINT NOT NULL,
    published_by   BIGINT REFERENCES users (id),
    PRIMARY KEY (network_id, version)
);
CREATE INDEX usage_policies_published_by ON usage_policies (published_by);

CREATE TABLE policy_acceptances (
    user_id      BIGINT NOT NULL REFERENCES users (id),
    version      BIGINT NOT NULL,
    accepted_at  BIGINT NOT NULL,
    PRIMARY KEY (user_id, version)
);

-- Every administrative and moderation act. Rows are only ever added: the triggers
-- below refuse any change or removal, whoever asks.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    network_id   BIGINT NOT NULL REFERENCES networks (id),
    -- 'user' (a person in the console or the API), 'operator' (the command line),
    -- 'scim' (an identity provider) or 'system' (Hearth itself, e.g. retention).
    actor_kind   TEXT   NOT NULL CHECK (actor_kind IN ('user', 'operator', 'scim', 'system')),
    actor_id     BIGINT,
    actor_name   TEXT   NOT NULL,
    action       TEXT   NOT NULL,
    target_kind  TEXT   NOT NULL,
    target_id    BIGINT,
    target_name  TEXT   NOT NULL,
    reason       TEXT   NOT NULL,
    client_ip    TEXT   NOT NULL,
    details      TEXT   NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX audit_log_network_id ON audit_log (network_id, id);
CREATE INDEX audit_log_action ON audit_log (network_id, action, id);
CREATE INDEX audit_log_actor_id ON audit_log (actor_id, id);
CREATE INDEX audit_log_target_id ON audit_log (target_id, id);

-- Reports of posts, replies and messages, by people or by the keyword watch list
-- (reporter_id NULL), waiting in the moderation queue until a moderator decides.
CREATE TABLE reports (
    id            INTEGER PRIMARY KEY,
    network_id    BIGINT NOT NULL REFERENCES networks (id),
    reporter_id   BIGINT REFERENCES users (id),
    target_kind   TEXT   NOT NULL CHECK (target_kind IN ('post', 'message')),
    target_id     BIGINT NOT NULL,
    -- The community of a reported post, so its managers see the report; NULL for
    -- company-wide posts and messages.
    community_id  BIGINT REFERENCES communities (id),
    reason        TEXT   NOT NULL,
    state         TEXT   NOT NULL CHECK (state IN ('open', 'resolved', 'dismissed')),
    created_at    BIGINT NOT NULL,
    resolved_by   BIGINT REFERENCES users (id),
    resolved_at   BIGINT,
    resolution    TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX reports_queue ON reports (network_id, state, id);
CREATE INDEX reports_community_id ON reports (community_id, state, id);
CREATE INDEX reports_target ON reports (target_kind, target_id);
CREATE INDEX reports_reporter_id ON reports (reporter_id);
CREATE INDEX reports_resolved_by ON reports (resolved_by);

-- Moderators' decisions on content, which its author is shown with the reason.
CREATE TABLE moderation_actions (
    id            INTEGER PRIMARY KEY,
    network_id    BIGINT NOT NULL REFERENCES networks (id),
    target_kind   TEXT   NOT NULL CHECK (target_kind IN ('post', 'message')),
    target_id     BIGINT NOT NULL,
    action        TEXT   NOT NULL,
    reason        TEXT   NOT NULL,
    moderator_id  BIGINT REFERENCES users (id),
    created_at    BIGINT NOT NULL
);
CREATE INDEX moderation_actions_target ON moderation_actions (target_kind, target_id, id);
CREATE INDEX moderation_actions_moderator_id ON moderation_actions (moderator_id);
CREATE INDEX moderation_actions_network_id ON moderation_actions (network_id, id);

-- Terms an admin watches for: a matching post is flagged into the queue, or held
-- there, unseen, until a moderator lets it through.
CREATE TABLE watch_terms (
    id          INTEGER PRIMARY KEY,
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    term        TEXT   NOT NULL,
    mode        TEXT   NOT NULL CHECK (mode IN ('flag', 'hold')),
    created_by  BIGINT REFERENCES users (id),
    created_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX watch_terms_term ON watch_terms (network_id, term);
CREATE INDEX watch_terms_created_by ON watch_terms (created_by);

-- 'hidden' and 'held' posts are seen only by their author and by moderators;
-- a locked thread takes no new replies; a pinned post stays above its feed.
ALTER TABLE posts ADD COLUMN moderation TEXT NOT NULL DEFAULT 'visible'
    CHECK (moderation IN ('visible', 'hidden', 'held'));
ALTER TABLE posts ADD COLUMN locked_at BIGINT;
ALTER TABLE posts ADD COLUMN pinned_at BIGINT;
CREATE INDEX posts_held ON posts (network_id, moderation) WHERE moderation <> 'visible';

-- Content older than this many days is deleted; NULL keeps everything.
ALTER TABLE networks ADD COLUMN retention_days BIGINT;

-- Orders to every node that must not be lost even when no bus joins the processes,
-- e.g. closing a deactivated person's connections from the command line. Each node
-- polls for orders it has not carried out yet.
CREATE TABLE node_orders (
    id          INTEGER PRIMARY KEY,
    payload     TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX node_orders_created_at ON node_orders (created_at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
