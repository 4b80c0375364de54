-- Communities and their members. A membership row is also a pending join request
-- (state 'requested') or an open invitation (state 'invited').

CREATE TABLE communities (
    id           BIGINT PRIMARY KEY,
    network_id   BIGINT NOT NULL REFERENCES networks (id),
    name         TEXT   NOT NULL,
    name_key     TEXT   NOT NULL,
    description  TEXT   NOT NULL,
    visibility   TEXT   NOT NULL CHECK (visibility IN ('public', 'private', 'secret')),
    category     TEXT   NOT NULL CHECK (category IN ('work', 'social')),
    created_by   BIGINT NOT NULL REFERENCES users (id),
    created_at   BIGINT NOT NULL,
    archived_at  BIGINT
);
CREATE UNIQUE INDEX communities_network_name ON communities (network_id, name_key);
CREATE INDEX communities_created_by ON communities (created_by);

CREATE TABLE community_members (
    community_id  BIGINT NOT NULL REFERENCES communities (id),
    user_id       BIGINT NOT NULL REFERENCES users (id),
    role          TEXT   NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    state         TEXT   NOT NULL CHECK (state IN ('member', 'requested', 'invited')),
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (community_id, user_id)
);
CREATE INDEX community_members_user_id ON community_members (user_id, community_id);
