-- An article is found by its title and summary as well as by its body: both are
-- kept on the post that carries it (`heading`, NULL for every other post) and
-- weighted above the body in its search vector. Only the posts of articles already
-- published get a new vector (by the trigger, at the end).
ALTER TABLE posts ADD COLUMN heading TEXT;

-- One definition for the trigger and `hearth admin reindex`.
CREATE FUNCTION hearth_post_search_vector(network BIGINT, heading TEXT, body TEXT) RETURNS tsvector
    LANGUAGE sql STABLE
    AS $$ SELECT setweight(to_tsvector(c.cfg, COALESCE(heading, '')), 'A') || to_tsvector(c.cfg, body)
          FROM (SELECT hearth_search_configuration(network) AS cfg) c $$;

CREATE OR REPLACE FUNCTION posts_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := hearth_post_search_vector(NEW.network_id, NEW.heading, NEW.body_markdown);
    RETURN NEW;
END
$$;
DROP TRIGGER posts_search_vector ON posts;
CREATE TRIGGER posts_search_vector BEFORE INSERT OR UPDATE OF body_markdown, heading ON posts
    FOR EACH ROW EXECUTE FUNCTION posts_search_vector();

UPDATE posts SET heading = (SELECT a.title || ' ' || a.summary FROM articles a WHERE a.post_id = posts.id)
    WHERE id IN (SELECT post_id FROM articles WHERE post_id IS NOT NULL);
