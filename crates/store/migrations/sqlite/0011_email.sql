-- E-mail: how each person wants to hear of each kind of notification and of each
-- community's new posts, the outbox every e-mail goes through, and the secret that
-- signs one-click unsubscribe links.

-- Channels: 'app' (the centre only), 'email' (by e-mail soon after, unless read
-- meanwhile), 'daily' or 'weekly' (in that digest), 'off'. A missing row means the
-- kind's default (see domain::notification).
CREATE TABLE notification_preferences (
    user_id  BIGINT NOT NULL REFERENCES users (id),
    kind     TEXT   NOT NULL,
    channel  TEXT   NOT NULL CHECK (channel IN ('app', 'email', 'daily', 'weekly', 'off')),
    PRIMARY KEY (user_id, kind)
);

-- "Notify me of every new post here".
CREATE TABLE community_subscriptions (
    user_id       BIGINT NOT NULL REFERENCES users (id),
    community_id  BIGINT NOT NULL REFERENCES communities (id),
    channel       TEXT   NOT NULL CHECK (channel IN ('app', 'email', 'daily', 'weekly', 'off')),
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (user_id, community_id)
);
CREATE INDEX community_subscriptions_community_id ON community_subscriptions (community_id, user_id);

-- When a notification went out by e-mail or in a digest, so nothing is told twice.
ALTER TABLE notifications ADD COLUMN emailed_at BIGINT;
ALTER TABLE notifications ADD COLUMN digested_at BIGINT;

-- Every e-mail, written in the transaction that decides to send it and sent by a
-- worker that claims it; the idempotency key makes enqueueing the same e-mail twice
-- a no-op, and a claim expires, so a crashed worker's e-mail is sent by another.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    network_id       BIGINT NOT NULL REFERENCES networks (id),
    user_id          BIGINT NOT NULL REFERENCES users (id),
    idempotency_key  TEXT   NOT NULL,
    -- 'notification' or 'digest'.
    kind             TEXT   NOT NULL,
    -- What it tells about, for skipping it when already read: a notification's id.
    notification_id  BIGINT,
    subject          TEXT   NOT NULL,
    body_text        TEXT   NOT NULL,
    body_html        TEXT   NOT NULL,
    state            TEXT   NOT NULL CHECK (state IN ('pending', 'sent', 'skipped', 'parked')),
    attempts         BIGINT NOT NULL DEFAULT 0,
    -- Not before this time: a notification's e-mail waits a little, a retry backs off.
    send_after       BIGINT NOT NULL,
    claimed_until    BIGINT,
    claimed_by       TEXT,
    last_error       TEXT   NOT NULL DEFAULT '',
    created_at       BIGINT NOT NULL,
    sent_at          BIGINT
);
CREATE UNIQUE INDEX outbox_idempotency_key ON outbox (idempotency_key);
CREATE INDEX outbox_due ON outbox (state, send_after);
CREATE INDEX outbox_user_id ON outbox (user_id, created_at);
CREATE INDEX outbox_network_id ON outbox (network_id, state, id);

-- Secrets the servers share, made on first use (e.g. the key of unsubscribe links).
CREATE TABLE server_secrets (
    name        TEXT   NOT NULL PRIMARY KEY,
    value       TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
