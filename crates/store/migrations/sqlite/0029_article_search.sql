-- An article is found by its title and summary as well as by its body: both are
-- kept on the post that carries it (`heading`, NULL for every other post) and
-- indexed with its body, ranked above it. FTS5 tables cannot gain a column, so the
-- index is made again with two and rebuilt from the rows: a one-time cost of
-- reading every post's text.
ALTER TABLE posts ADD COLUMN heading TEXT;

DROP TRIGGER posts_search_insert;
DROP TRIGGER posts_search_delete;
DROP TRIGGER posts_search_update;
DROP TABLE posts_search;

-- Articles published before this migration, before the index is made again.
UPDATE posts SET heading = (SELECT a.title || ' ' || a.summary FROM articles a WHERE a.post_id = posts.id)
    WHERE id IN (SELECT post_id FROM articles WHERE post_id IS NOT NULL);

CREATE VIRTUAL TABLE posts_search USING fts5 (
    body_markdown,
    heading,
    content = 'posts',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER posts_search_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_search (rowid, body_markdown, heading)
        VALUES (new.id, new.body_markdown, new.heading);
END;
CREATE TRIGGER posts_search_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_search (posts_search, rowid, body_markdown, heading)
        VALUES ('delete', old.id, old.body_markdown, old.heading);
END;
CREATE TRIGGER posts_search_update AFTER UPDATE OF body_markdown, heading ON posts BEGIN
    INSERT INTO posts_search (posts_search, rowid, body_markdown, heading)
        VALUES ('delete', old.id, old.body_markdown, old.heading);
    INSERT INTO posts_search (rowid, body_markdown, heading)
        VALUES (new.id, new.body_markdown, new.heading);
END;
-- A word of the title or summary counts ten times one of the body when results are
-- ranked, as PostgreSQL's weights A and D (1.0 and 0.1) have it.
INSERT INTO posts_search (posts_search, rank) VALUES ('rank', 'bm25(1.0, 10.0)');
INSERT INTO posts_search (posts_search) VALUES ('rebuild');
