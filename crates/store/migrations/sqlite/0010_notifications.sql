-- Notifications: what concerns a person, shown in their notification centre and
-- pushed to their live stream. While unread, notifications of one group (the
-- reactions on one post, the messages of one direct conversation, the replies in one
-- thread) fold into one row that counts the people behind it.
CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY,
    network_id    BIGINT NOT NULL REFERENCES networks (id),
    user_id       BIGINT NOT NULL REFERENCES users (id),
    kind          TEXT   NOT NULL,
    -- What it is about, to link to: a post, or a conversation.
    subject_kind  TEXT   NOT NULL CHECK (subject_kind IN ('post', 'conversation')),
    subject_id    BIGINT NOT NULL,
    group_key     TEXT   NOT NULL,
    -- The latest people behind it, newest first (ids separated by commas, at most five),
    -- and how many acted in all.
    actor_ids     TEXT   NOT NULL,
    actor_count   BIGINT NOT NULL,
    excerpt       TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    read_at       BIGINT
);
-- The centre lists a person's notifications newest first.
CREATE INDEX notifications_user_id ON notifications (user_id, updated_at, id);
-- At most one unread notification per group: new acts fold into it.
CREATE UNIQUE INDEX notifications_unread_group ON notifications (user_id, group_key)
    WHERE read_at IS NULL;
CREATE INDEX notifications_network_id ON notifications (network_id);
