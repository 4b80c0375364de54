-- Chat: direct conversations between two people and group conversations with a title,
-- their members with each one's read marker and mute, and the messages.

CREATE TABLE conversations (
    id          INTEGER PRIMARY KEY,
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    kind        TEXT   NOT NULL CHECK (kind IN ('direct', 'group')),
    title       TEXT   NOT NULL,
    -- "<smaller user id>:<larger user id>" for a direct conversation, so two people
    -- have at most one; NULL for groups.
    direct_key  TEXT,
    created_by  BIGINT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX conversations_direct_key ON conversations (network_id, direct_key);
CREATE INDEX conversations_created_by ON conversations (created_by);

CREATE TABLE conversation_members (
    conversation_id  BIGINT NOT NULL REFERENCES conversations (id),
    user_id          BIGINT NOT NULL REFERENCES users (id),
    joined_at        BIGINT NOT NULL,
    -- The newest message this member has read; 0 before the first.
    last_read_id     BIGINT NOT NULL DEFAULT 0,
    muted            BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_members_user_id ON conversation_members (user_id, conversation_id);

CREATE TABLE messages (
    id               INTEGER PRIMARY KEY,
    conversation_id  BIGINT NOT NULL REFERENCES conversations (id),
    author_id        BIGINT NOT NULL REFERENCES users (id),
    body_markdown    TEXT   NOT NULL,
    body_html        TEXT   NOT NULL,
    created_at       BIGINT NOT NULL,
    edited_at        BIGINT,
    deleted_at       BIGINT
);
-- History pages read a conversation's messages newest first.
CREATE INDEX messages_conversation_id ON messages (conversation_id, id);
CREATE INDEX messages_author_id ON messages (author_id);
