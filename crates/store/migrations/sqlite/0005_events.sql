-- What the live stream delivers, kept so that a client that was away receives what it
-- missed. Each event has one scope: everyone in the network, one person, the members
-- of a conversation, or the members of a community; who may see it is decided by that
-- scope when it is read back, so a person who left no longer receives it.

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    kind        TEXT   NOT NULL,
    scope       TEXT   NOT NULL CHECK (scope IN ('network', 'user', 'conversation', 'community')),
    scope_id    BIGINT NOT NULL,
    payload     TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
-- A returning client reads, for each scope it belongs to, the events after the last
-- one it saw. A network-wide event's scope_id is the network's id.
CREATE INDEX events_scope ON events (scope, scope_id, id);
CREATE INDEX events_network_id ON events (network_id);
-- Old events are forgotten by age.
CREATE INDEX events_created_at ON events (created_at);
