-- Files people attach to posts and messages, and the pictures of people and
-- communities. The bytes live in the blob store (a folder or S3) under the SHA-256 of
-- their content, so the same file uploaded twice is stored once; these rows say whose
-- a file is, what it belongs to, and so who may read it.

-- One row per stored content. `touched_at` is the last time an upload referred to
-- it: the sweeper removes content no upload refers to only after a grace period, so
-- an upload of the same bytes in the same instant is never left without its file.
CREATE TABLE blobs (
    key         TEXT   NOT NULL PRIMARY KEY,
    size        BIGINT NOT NULL,
    touched_at  BIGINT NOT NULL
);
CREATE INDEX blobs_touched_at ON blobs (touched_at);

-- An upload belongs to its owner until it is attached to a post or a message (or
-- set as a picture); unattached ones are removed after a day.
CREATE TABLE uploads (
    id            INTEGER PRIMARY KEY,
    network_id    BIGINT NOT NULL REFERENCES networks (id),
    owner_id      BIGINT NOT NULL REFERENCES users (id),
    purpose       TEXT   NOT NULL CHECK (purpose IN ('attachment', 'avatar', 'cover')),
    name          TEXT   NOT NULL,
    content_type  TEXT   NOT NULL,
    size          BIGINT NOT NULL,
    width         BIGINT,
    height        BIGINT,
    animated      BIGINT NOT NULL DEFAULT 0,
    alt_text      TEXT,
    created_at    BIGINT NOT NULL,
    post_id       BIGINT REFERENCES posts (id),
    message_id    BIGINT REFERENCES messages (id),
    position      BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX uploads_owner_id ON uploads (owner_id, id);
CREATE INDEX uploads_network_id ON uploads (network_id, created_at);
-- Most uploads belong to one of the two, never both: partial indexes keep their
-- statistics true (see 0014_sparse_indexes.sql).
CREATE INDEX uploads_post_id ON uploads (post_id, position) WHERE post_id IS NOT NULL;
CREATE INDEX uploads_message_id ON uploads (message_id, position) WHERE message_id IS NOT NULL;

-- What Hearth made of an upload: the original (an image without its metadata), and
-- for images the thumbnails.
CREATE TABLE upload_renditions (
    upload_id     BIGINT NOT NULL REFERENCES uploads (id),
    variant       TEXT   NOT NULL CHECK (variant IN ('original', 'large', 'small', 'avatar', 'avatar_small')),
    blob_key      TEXT   NOT NULL REFERENCES blobs (key),
    content_type  TEXT   NOT NULL,
    width         BIGINT,
    height        BIGINT,
    size          BIGINT NOT NULL,
    PRIMARY KEY (upload_id, variant)
);
CREATE INDEX upload_renditions_blob_key ON upload_renditions (blob_key);

ALTER TABLE users ADD COLUMN photo_upload_id BIGINT REFERENCES uploads (id);
CREATE INDEX users_photo_upload_id ON users (photo_upload_id) WHERE photo_upload_id IS NOT NULL;
ALTER TABLE communities ADD COLUMN cover_upload_id BIGINT REFERENCES uploads (id);
CREATE INDEX communities_cover_upload_id ON communities (cover_upload_id) WHERE cover_upload_id IS NOT NULL;
