-- Posts, replies and shares, their earlier versions, reactions, hashtags, mentions
-- and references. A reply carries its thread's community so that one visibility rule
-- covers posts and replies alike.

CREATE TABLE posts (
    id              INTEGER PRIMARY KEY,
    network_id      BIGINT NOT NULL REFERENCES networks (id),
    author_id       BIGINT NOT NULL REFERENCES users (id),
    community_id    BIGINT REFERENCES communities (id),
    kind            TEXT   NOT NULL CHECK (kind IN ('discussion', 'question', 'announcement')),
    root_id         BIGINT REFERENCES posts (id),
    parent_id       BIGINT REFERENCES posts (id),
    shared_post_id  BIGINT REFERENCES posts (id),
    body_markdown   TEXT   NOT NULL,
    body_html       TEXT   NOT NULL,
    best_answer_id  BIGINT REFERENCES posts (id),
    created_at      BIGINT NOT NULL,
    edited_at       BIGINT,
    deleted_at      BIGINT,
    deleted_by      BIGINT REFERENCES users (id)
);
-- Feeds read top-level posts newest first by place, by author and company-wide.
CREATE INDEX posts_community_id ON posts (community_id, id);
CREATE INDEX posts_author_id ON posts (author_id, id);
CREATE INDEX posts_network_id ON posts (network_id, id);
CREATE INDEX posts_root_id ON posts (root_id, id);
CREATE INDEX posts_parent_id ON posts (parent_id);
CREATE INDEX posts_shared_post_id ON posts (shared_post_id);
CREATE INDEX posts_best_answer_id ON posts (best_answer_id);
CREATE INDEX posts_deleted_by ON posts (deleted_by);

CREATE TABLE post_versions (
    id             INTEGER PRIMARY KEY,
    post_id        BIGINT NOT NULL REFERENCES posts (id),
    body_markdown  TEXT   NOT NULL,
    replaced_at    BIGINT NOT NULL
);
CREATE INDEX post_versions_post_id ON post_versions (post_id, id);

CREATE TABLE reactions (
    post_id     BIGINT NOT NULL REFERENCES posts (id),
    user_id     BIGINT NOT NULL REFERENCES users (id),
    kind        TEXT   NOT NULL CHECK (kind IN ('like', 'celebrate', 'insightful', 'funny')),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id, kind)
);
CREATE INDEX reactions_user_id ON reactions (user_id);

CREATE TABLE post_hashtags (
    post_id     BIGINT NOT NULL REFERENCES posts (id),
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    tag         TEXT   NOT NULL,
    PRIMARY KEY (post_id, tag)
);
CREATE INDEX post_hashtags_network_tag ON post_hashtags (network_id, tag, post_id);

CREATE TABLE post_mentions (
    post_id  BIGINT NOT NULL REFERENCES posts (id),
    user_id  BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX post_mentions_user_id ON post_mentions (user_id, post_id);

CREATE TABLE post_references (
    source_id  BIGINT NOT NULL REFERENCES posts (id),
    target_id  BIGINT NOT NULL REFERENCES posts (id),
    PRIMARY KEY (source_id, target_id)
);
CREATE INDEX post_references_target_id ON post_references (target_id, source_id);
