-- Adoption since launch, announcements read, conversations across departments and
-- the busiest topics, for the analytics dashboards.

-- When an account was first signed in to: set once, by the first session. Sessions
-- end and are deleted, so accounts already in use take the earliest sign of use
-- left: a session, a post or a reaction. Accounts with none of them stay unknown.
ALTER TABLE users ADD COLUMN first_signed_in_at BIGINT;
UPDATE users SET first_signed_in_at = (
    SELECT MIN(used_at) FROM (
        SELECT MIN(s.created_at) AS used_at FROM sessions s WHERE s.user_id = users.id
        UNION ALL
        SELECT MIN(p.created_at) FROM posts p WHERE p.author_id = users.id
        UNION ALL
        SELECT MIN(r.created_at) FROM reactions r WHERE r.user_id = users.id
    ) uses
);

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
-- 0) and in each community, and the different people who wrote them: a topic five
-- people wrote about on one day is known to have five in any period holding it.
CREATE TABLE analytics_topics (
    network_id    BIGINT NOT NULL REFERENCES networks (id),
    day           BIGINT NOT NULL,
    community_id  BIGINT NOT NULL,
    tag           TEXT   NOT NULL,
    posts         BIGINT NOT NULL,
    people        BIGINT NOT NULL,
    PRIMARY KEY (network_id, community_id, day, tag)
);

-- Who has seen an announcement, and the day (UTC) they first did: counted on the
-- dashboards, never listed, and only to the day. Written in batches off the request
-- path (`touches`); erased with the person.
CREATE TABLE announcement_reads (
    post_id   BIGINT NOT NULL REFERENCES posts (id),
    user_id   BIGINT NOT NULL REFERENCES users (id),
    seen_day  BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX announcement_reads_user_id ON announcement_reads (user_id);

-- A period's announcements, for the dashboards: a few among the top-level posts.
CREATE INDEX posts_announcements ON posts (network_id, created_at)
    WHERE kind = 'announcement' AND root_id IS NULL;

-- The rollups counted so far lack the new figures: count every day again.
DELETE FROM analytics_days;
DELETE FROM analytics_spans;
DELETE FROM analytics_pairs;
UPDATE networks SET analytics_counted_until = NULL;
