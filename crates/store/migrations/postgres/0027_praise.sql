-- Praise: a post that thanks one or more colleagues publicly, of a kind. The post
-- is the praise's identity, so who may read it is who may read the post.
CREATE TABLE praise (
    post_id     BIGINT NOT NULL PRIMARY KEY REFERENCES posts (id),
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    kind        TEXT   NOT NULL CHECK (kind IN ('thanks', 'teamwork', 'above_and_beyond', 'welcome'))
);
CREATE INDEX praise_network_id ON praise (network_id);

-- The people praised; a profile's "Praise received" reads them newest first.
CREATE TABLE praise_recipients (
    post_id  BIGINT NOT NULL REFERENCES praise (post_id),
    user_id  BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX praise_recipients_user_id ON praise_recipients (user_id, post_id);

-- Whether the managers of the people praised hear of it too: 1 yes, 0 no.
ALTER TABLE networks ADD COLUMN praise_tells_managers BIGINT NOT NULL DEFAULT 0
    CHECK (praise_tells_managers IN (0, 1));
