-- Search. The full-text indexes are FTS5 tables over the posts' and messages' own
-- text (external content: the text is stored once, in the row), kept by triggers in
-- the same transaction as the row, so a crash can never leave the index behind what
-- it indexes. `hearth admin reindex` rebuilds them from the rows.
--
-- `unicode61 remove_diacritics 2` folds case and accents, so "Zoe" finds "Zoë".
-- Soft-deleted rows stay indexed: what a reader may find is decided by the same
-- visibility rule as the feeds, at query time.

CREATE VIRTUAL TABLE posts_search USING fts5 (
    body_markdown,
    content = 'posts',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER posts_search_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_search (rowid, body_markdown) VALUES (new.id, new.body_markdown);
END;
CREATE TRIGGER posts_search_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_search (posts_search, rowid, body_markdown)
        VALUES ('delete', old.id, old.body_markdown);
END;
CREATE TRIGGER posts_search_update AFTER UPDATE OF body_markdown ON posts BEGIN
    INSERT INTO posts_search (posts_search, rowid, body_markdown)
        VALUES ('delete', old.id, old.body_markdown);
    INSERT INTO posts_search (rowid, body_markdown) VALUES (new.id, new.body_markdown);
END;
INSERT INTO posts_search (posts_search) VALUES ('rebuild');

CREATE VIRTUAL TABLE messages_search USING fts5 (
    body_markdown,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_search (rowid, body_markdown) VALUES (new.id, new.body_markdown);
END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_search (messages_search, rowid, body_markdown)
        VALUES ('delete', old.id, old.body_markdown);
END;
CREATE TRIGGER messages_search_update AFTER UPDATE OF body_markdown ON messages BEGIN
    INSERT INTO messages_search (messages_search, rowid, body_markdown)
        VALUES ('delete', old.id, old.body_markdown);
    INSERT INTO messages_search (rowid, body_markdown) VALUES (new.id, new.body_markdown);
END;
INSERT INTO messages_search (messages_search) VALUES ('rebuild');

-- PostgreSQL stems words with the network's text search configuration; SQLite's
-- tokenizer has none, and keeps the column so that the schemas agree.
ALTER TABLE networks ADD COLUMN search_configuration TEXT NOT NULL DEFAULT 'simple';
