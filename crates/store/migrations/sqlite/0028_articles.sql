-- Articles: long pieces with a title. A draft is its author's alone; publishing
-- writes the post that carries the body (`post_id`), so the likes, the discussion,
-- references, moderation and edits with their versions are the post's.
CREATE TABLE articles (
    id             BIGINT NOT NULL PRIMARY KEY,
    network_id     BIGINT NOT NULL REFERENCES networks (id),
    author_id      BIGINT NOT NULL REFERENCES users (id),
    community_id   BIGINT REFERENCES communities (id),
    title          TEXT   NOT NULL,
    summary        TEXT   NOT NULL,
    -- The draft's body; once published, the post's body is the one readers see.
    body_markdown  TEXT   NOT NULL,
    cover_id       BIGINT REFERENCES uploads (id),
    status         TEXT   NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
    publish_at     BIGINT,
    post_id        BIGINT UNIQUE REFERENCES posts (id),
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    CHECK ((status = 'published') = (post_id IS NOT NULL)),
    CHECK ((status = 'scheduled') = (publish_at IS NOT NULL))
);
-- The lists of published articles (all, by an author, in a community) read these
-- newest first by their posts' ids; drafts have none and sort aside.
CREATE INDEX articles_author_id ON articles (author_id, post_id);
CREATE INDEX articles_network_id ON articles (network_id, post_id);
CREATE INDEX articles_community_id ON articles (community_id, post_id);
-- An image is one article's cover, never two.
CREATE UNIQUE INDEX articles_cover_id ON articles (cover_id) WHERE cover_id IS NOT NULL;
-- The publishing worker looks only at articles waiting for their time.
CREATE INDEX articles_to_publish ON articles (publish_at) WHERE status = 'scheduled';

-- Who read an article (had its page open for more than a few seconds), once each:
-- counted for its author and admins, never listed.
CREATE TABLE article_reads (
    article_id  BIGINT NOT NULL REFERENCES articles (id),
    user_id     BIGINT NOT NULL REFERENCES users (id),
    read_at     BIGINT NOT NULL,
    PRIMARY KEY (article_id, user_id)
);
CREATE INDEX article_reads_user_id ON article_reads (user_id);

-- "Tell me of new articles" by an author, in a community, or company-wide.
-- `target_id` is the author's user id, the community's id, or the network's id.
-- How the person hears of them (e-mail, the app, a digest) is their setting for
-- the notification kind `article_published`, so one-click unsubscribe works as
-- for every other kind.
CREATE TABLE article_subscriptions (
    user_id     BIGINT NOT NULL REFERENCES users (id),
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    following   TEXT   NOT NULL CHECK (following IN ('author', 'community', 'company')),
    target_id   BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (user_id, following, target_id)
);
CREATE INDEX article_subscriptions_target ON article_subscriptions (following, target_id, user_id);
CREATE INDEX article_subscriptions_network_id ON article_subscriptions (network_id);

-- Who may publish company-wide: anyone who may post there, or the chosen authors.
ALTER TABLE networks ADD COLUMN company_articles TEXT NOT NULL DEFAULT 'anyone'
    CHECK (company_articles IN ('anyone', 'chosen_authors'));

CREATE TABLE article_authors (
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    user_id     BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (network_id, user_id)
);
CREATE INDEX article_authors_user_id ON article_authors (user_id);

-- A person's key for article feeds in feed readers (Atom): a feed's URL carries the
-- person's id, the key's generation and an HMAC of both. A new key bumps the
-- generation and turning feeds off clears `active`, so every earlier URL stops.
CREATE TABLE feed_keys (
    user_id     BIGINT NOT NULL PRIMARY KEY REFERENCES users (id),
    generation  BIGINT NOT NULL,
    active      BIGINT NOT NULL CHECK (active IN (0, 1)),
    created_at  BIGINT NOT NULL
);
