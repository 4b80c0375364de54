-- Profiles and following. A handle is unique within a network; rows created before
-- handles existed get "user<id>", which their owner can change.

ALTER TABLE users ADD COLUMN handle TEXT;
ALTER TABLE users ADD COLUMN job_title TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN department TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE users ADD COLUMN about TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN manager_id BIGINT REFERENCES users (id);
-- The display name lower-cased: the directory sorts and searches by it.
ALTER TABLE users ADD COLUMN name_key TEXT NOT NULL DEFAULT '';

UPDATE users SET handle = 'user' || id WHERE handle IS NULL;
UPDATE users SET name_key = LOWER(display_name);
CREATE UNIQUE INDEX users_network_handle ON users (network_id, handle);
CREATE INDEX users_manager_id ON users (manager_id);
-- The directory lists people by name within a network.
CREATE INDEX users_network_name ON users (network_id, name_key, id);

CREATE TABLE follows (
    follower_id  BIGINT NOT NULL REFERENCES users (id),
    followee_id  BIGINT NOT NULL REFERENCES users (id),
    network_id   BIGINT NOT NULL REFERENCES networks (id),
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follows_followee_id ON follows (followee_id);
CREATE INDEX follows_network_id ON follows (network_id);
