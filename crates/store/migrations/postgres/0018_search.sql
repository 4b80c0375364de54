-- Search. Posts and messages carry a tsvector of their text, written by a trigger in
-- the same transaction as the row (so a crash can never leave it behind the text),
-- with the network's text search configuration: `simple` by default (no stemming,
-- right for any language), `english`, `german` and the like when an admin sets one
-- with `hearth admin reindex --text-search-configuration`. GIN indexes answer the
-- matches. Soft-deleted rows keep their vector: what a reader may find is decided by
-- the same visibility rule as the feeds, at query time.

ALTER TABLE networks ADD COLUMN search_configuration TEXT NOT NULL DEFAULT 'simple';

ALTER TABLE posts ADD COLUMN search_vector tsvector;
ALTER TABLE messages ADD COLUMN search_vector tsvector;

CREATE FUNCTION hearth_search_configuration(network BIGINT) RETURNS regconfig
    LANGUAGE sql STABLE
    AS $$ SELECT COALESCE((SELECT search_configuration FROM networks WHERE id = network), 'simple')::regconfig $$;

CREATE FUNCTION posts_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := to_tsvector(hearth_search_configuration(NEW.network_id), NEW.body_markdown);
    RETURN NEW;
END
$$;
CREATE TRIGGER posts_search_vector BEFORE INSERT OR UPDATE OF body_markdown ON posts
    FOR EACH ROW EXECUTE FUNCTION posts_search_vector();

CREATE FUNCTION messages_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := to_tsvector(
        hearth_search_configuration((SELECT network_id FROM conversations WHERE id = NEW.conversation_id)),
        NEW.body_markdown);
    RETURN NEW;
END
$$;
CREATE TRIGGER messages_search_vector BEFORE INSERT OR UPDATE OF body_markdown ON messages
    FOR EACH ROW EXECUTE FUNCTION messages_search_vector();

UPDATE posts SET search_vector = to_tsvector('simple', body_markdown);
UPDATE messages SET search_vector = to_tsvector('simple', body_markdown);

CREATE INDEX posts_search_vector ON posts USING GIN (search_vector);
CREATE INDEX messages_search_vector ON messages USING GIN (search_vector);
