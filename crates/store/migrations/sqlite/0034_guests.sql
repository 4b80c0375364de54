-- Guests: people from outside the company in an external network. A guest's row is
-- their own sign-in (a password; no single sign-on, no SCIM), and this row says who
-- answers for them and until when they may use it.
CREATE TABLE guests (
    user_id          BIGINT NOT NULL PRIMARY KEY REFERENCES users (id),
    network_id       BIGINT NOT NULL REFERENCES networks (id),
    -- The employee (a home row) who invited them or took them over.
    sponsor_id       BIGINT NOT NULL REFERENCES users (id),
    access_until     BIGINT NOT NULL,
    -- When the sponsor was told that this access ends within a week; cleared when it
    -- is extended, so the next end is told again.
    reminded_at      BIGINT,
    -- When the sponsor left the company: the guest waits for a new sponsor, then goes.
    sponsor_left_at  BIGINT,
    -- When their access ended (expired, ended by hand, or no new sponsor in time).
    ended_at         BIGINT
);
CREATE INDEX guests_network_id ON guests (network_id, user_id);
CREATE INDEX guests_sponsor_id ON guests (sponsor_id);
-- The rounds that end access and remind sponsors look only at guests still in.
CREATE INDEX guests_access_until ON guests (access_until) WHERE ended_at IS NULL;
CREATE INDEX guests_sponsor_left_at ON guests (sponsor_left_at)
    WHERE sponsor_left_at IS NOT NULL AND ended_at IS NULL;

-- An e-mail to someone without an account yet (a guest's invitation): sent to this
-- address; `user_id` is then the person who asked for it to be sent.
ALTER TABLE outbox ADD COLUMN to_address TEXT;
