-- Polls: a top-level post may carry one. The post is the poll's identity, so
-- deleting, hiding or moving the post takes the poll with it, and who may see or
-- vote is who may read the post.
CREATE TABLE polls (
    post_id     BIGINT NOT NULL PRIMARY KEY REFERENCES posts (id),
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    choice      TEXT   NOT NULL CHECK (choice IN ('single', 'multiple')),
    -- When voters see the counts: once they have voted, or only when it closes.
    results     TEXT   NOT NULL CHECK (results IN ('after_vote', 'at_close')),
    -- Whether the post's readers may see who voted for what.
    votes       TEXT   NOT NULL CHECK (votes IN ('named', 'anonymous')),
    closes_at   BIGINT,
    -- When its author was told it closed: set once, by whichever node claims it.
    closed_told_at BIGINT
);
CREATE INDEX polls_network_id ON polls (network_id);
-- The closing worker looks only at polls still to be told about.
CREATE INDEX polls_to_close ON polls (closes_at) WHERE closed_told_at IS NULL AND closes_at IS NOT NULL;

CREATE TABLE poll_options (
    post_id   BIGINT NOT NULL REFERENCES polls (post_id),
    position  BIGINT NOT NULL,
    label     TEXT   NOT NULL,
    PRIMARY KEY (post_id, position)
);

-- One row per person who voted: written first by every vote, so that two votes of
-- the same person at once take turns on it (the second replaces the first instead of
-- adding to it), and counted for how many people voted.
CREATE TABLE poll_ballots (
    post_id   BIGINT NOT NULL REFERENCES polls (post_id),
    user_id   BIGINT NOT NULL REFERENCES users (id),
    cast_at   BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX poll_ballots_user_id ON poll_ballots (user_id);

-- One row per person and option chosen; changing a vote replaces the person's rows.
CREATE TABLE poll_votes (
    post_id   BIGINT NOT NULL,
    position  BIGINT NOT NULL,
    user_id   BIGINT NOT NULL REFERENCES users (id),
    voted_at  BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id, position),
    FOREIGN KEY (post_id, position) REFERENCES poll_options (post_id, position),
    -- No vote without the ballot that makes one person's votes take turns; taking
    -- the ballot back takes its votes in the same statement.
    FOREIGN KEY (post_id, user_id) REFERENCES poll_ballots (post_id, user_id) ON DELETE CASCADE
);
CREATE INDEX poll_votes_user_id ON poll_votes (user_id);
CREATE INDEX poll_votes_option ON poll_votes (post_id, position);

-- Which kinds of vote the network allows its polls: both (the author chooses),
-- only named, or only anonymous.
ALTER TABLE networks ADD COLUMN poll_votes TEXT NOT NULL DEFAULT 'any'
    CHECK (poll_votes IN ('any', 'named', 'anonymous'));
