-- Telling people about a new post happens after the post's own transaction, so that
-- a reply in a thread thousands took part in does not hold the writer while their
-- notifications are written. The post's transaction leaves a row here; whoever
-- writes the notifications deletes it in the same transaction as them, so a post is
-- told about once, and none is forgotten when a node stops in between (the rows
-- left behind are taken up again). A post that concerns thousands is told about a
-- few hundred people per transaction, so that other writers get their turns in
-- between; `progress` counts the people told so far, in the order the fan-out
-- lists them, and each transaction moves it on only from where it found it.
CREATE TABLE pending_fan_outs (
    post_id BIGINT NOT NULL PRIMARY KEY,
    network_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    progress BIGINT NOT NULL DEFAULT 0,
    -- Failed runs so far; after a few the row is given up (and logged).
    attempts BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX pending_fan_outs_created_at ON pending_fan_outs (created_at);
