-- Hearth inside the intranet. A network's embedding settings: the sites whose pages
-- may frame Hearth's `/embed/…` pages (origins, one per line; none means no site),
-- and the community an intranet page's comments start their thread in (NULL: the
-- whole company).
CREATE TABLE embed_settings (
    network_id                  BIGINT NOT NULL PRIMARY KEY REFERENCES networks (id),
    frame_origins               TEXT   NOT NULL DEFAULT '',
    page_comments_community_id  BIGINT REFERENCES communities (id) ON DELETE SET NULL,
    updated_at                  BIGINT NOT NULL
);
CREATE INDEX embed_settings_page_comments_community_id
    ON embed_settings (page_comments_community_id);

-- The thread of an intranet page's comments: its first comment is the thread's
-- top-level post, the rest are replies. Keyed by the page's canonical address (see
-- `hearth_domain::embed::canonical_page_url`); the title is the page's own, shown
-- as "commented on <title>" and searched with the post.
CREATE TABLE page_threads (
    post_id     BIGINT NOT NULL PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    url         TEXT   NOT NULL,
    title       TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX page_threads_network_url ON page_threads (network_id, url);

-- The announcements strip: the company-wide announcements, newest first.
CREATE INDEX posts_company_announcements ON posts (network_id, id)
    WHERE kind = 'announcement' AND community_id IS NULL AND root_id IS NULL;

-- "Subscribe to this discussion": people who asked to hear of every reply in a
-- thread they did not take part in (`following`), or asked not to hear of it though
-- they did (`muted`). Keyed by the thread's top-level post.
CREATE TABLE thread_subscriptions (
    root_id     BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state       TEXT   NOT NULL CHECK (state IN ('following', 'muted')),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (root_id, user_id)
);
CREATE INDEX thread_subscriptions_user_id ON thread_subscriptions (user_id);
