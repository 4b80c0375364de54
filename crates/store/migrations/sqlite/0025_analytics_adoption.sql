-- Adoption since launch, announcements read, conversations across departments and
-- the busiest topics, for the analytics dashboards.

-- When an account was first signed in to: set once, by the first session. Accounts
-- already in use take their oldest session's start, which is the best known.
ALTER TABLE users ADD COLUMN first_signed_in_at BIGINT;
UPDATE users SET first_signed_in_at =
    (SELECT MIN(s.created_at) FROM sessions s WHERE s.user_id = users.id);

-- The day (UTC) the rollup first counted something the person wrote: a post, a
-- reply or a share. Kept by the rollup, which counts days in order, so that "first
-- posts" per day need no search of everyone's history.
ALTER TABLE users ADD COLUMN first_wrote_day BIGINT;

-- Per day: accounts created, accounts signed in to for the first time and people who
-- wrote for the first time (network rows only), and the threads that had replies
-- that day, with how many of those had people from more than one department.
ALTER TABLE analytics_days ADD COLUMN new_accounts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE analytics_days ADD COLUMN first_sign_ins BIGINT NOT NULL DEFAULT 0;
ALTER TABLE analytics_days ADD COLUMN first_writers BIGINT NOT NULL DEFAULT 0;
ALTER TABLE analytics_days ADD COLUMN threads BIGINT NOT NULL DEFAULT 0;
ALTER TABLE analytics_days ADD COLUMN threads_across BIGINT NOT NULL DEFAULT 0;

-- Posts and replies carrying each #topic, per day, in the network (`community_id`
-- 0) and in each community.
CREATE TABLE analytics_topics (
    network_id    BIGINT NOT NULL REFERENCES networks (id),
    day           BIGINT NOT NULL,
    community_id  BIGINT NOT NULL,
    tag           TEXT   NOT NULL,
    posts         BIGINT NOT NULL,
    PRIMARY KEY (network_id, community_id, day, tag)
);

-- Who has seen an announcement, and when first: counted on the dashboards, never
-- listed. Written in batches off the request path (`touches`).
CREATE TABLE announcement_reads (
    post_id  BIGINT NOT NULL REFERENCES posts (id),
    user_id  BIGINT NOT NULL REFERENCES users (id),
    read_at  BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id)
);

-- The rollups counted so far lack the new figures: count every day again.
DELETE FROM analytics_days;
DELETE FROM analytics_spans;
DELETE FROM analytics_pairs;
UPDATE networks SET analytics_counted_until = NULL;
