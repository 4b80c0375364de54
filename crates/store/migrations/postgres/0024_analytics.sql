-- Daily rollups behind the analytics dashboards. Each complete day (UTC) is counted
-- once by the scheduler, from the content itself, so a dashboard reads a few hundred
-- rows instead of a period's posts. Only counts are kept: no row names a person.

-- What happened on a day in each community (`community_id` > 0), and in the whole
-- network (`community_id` = 0, which also counts posts outside communities and chat
-- messages). `active_people` counts the different people who posted, replied,
-- shared, reacted or wrote a message there that day.
CREATE TABLE analytics_days (
    network_id     BIGINT NOT NULL REFERENCES networks (id),
    day            BIGINT NOT NULL,
    community_id   BIGINT NOT NULL,
    posts          BIGINT NOT NULL,
    replies        BIGINT NOT NULL,
    shares         BIGINT NOT NULL,
    questions      BIGINT NOT NULL,
    reactions      BIGINT NOT NULL,
    messages       BIGINT NOT NULL,
    active_people  BIGINT NOT NULL,
    PRIMARY KEY (network_id, day, community_id)
);

-- The different people active in a whole week (from Monday) or calendar month, which
-- no sum of days gives. A span still running is counted again as its days complete.
CREATE TABLE analytics_spans (
    network_id     BIGINT NOT NULL REFERENCES networks (id),
    span           TEXT   NOT NULL CHECK (span IN ('week', 'month')),
    first_day      BIGINT NOT NULL,
    active_people  BIGINT NOT NULL,
    PRIMARY KEY (network_id, span, first_day)
);

-- Who answers whom, by department and by location: replies and reactions from
-- people of one group to posts of people of another, a day at a time. Groups are
-- named as they are when the day is counted; the dashboards merge small ones.
CREATE TABLE analytics_pairs (
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    day         BIGINT NOT NULL,
    axis        TEXT   NOT NULL CHECK (axis IN ('department', 'location')),
    from_group  TEXT   NOT NULL,
    to_group    TEXT   NOT NULL,
    replies     BIGINT NOT NULL,
    reactions   BIGINT NOT NULL,
    PRIMARY KEY (network_id, day, axis, from_group, to_group)
);

-- The admins who asked for the weekly "network health" e-mail.
CREATE TABLE network_health_subscribers (
    user_id     BIGINT NOT NULL PRIMARY KEY REFERENCES users (id),
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX network_health_subscribers_network ON network_health_subscribers (network_id);

-- The first day not yet counted; NULL until the first run, which starts at the day
-- the network was created. A run moves it on only from where it found it, so of
-- several nodes running at once one counts and the others change nothing.
ALTER TABLE networks ADD COLUMN analytics_counted_until BIGINT;

-- A day's reactions, which have no id to find them by time. Without it, counting a
-- day walked every post of the network and looked up its reactions: 6 s a day on a
-- network of a million posts, whatever the day held.
CREATE INDEX reactions_created_at ON reactions (created_at);

-- A period's questions, for the dashboards' answered and unanswered counts: a few
-- among the top-level posts, found without walking the others.
CREATE INDEX posts_questions ON posts (network_id, created_at)
    WHERE kind = 'question' AND root_id IS NULL;
