-- The author's own uploads an article's body names (`/files/{id}/…`), kept for it
-- while it is unpublished: the sweeper leaves them, and no post, message, cover or
-- other article may take them. Publishing attaches those its final body names to
-- the article's post, whose readers then may read them, and forgets these rows. A
-- row goes with its article or its upload.
CREATE TABLE article_files (
    article_id  BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    upload_id   BIGINT NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, upload_id)
);
CREATE INDEX article_files_upload_id ON article_files (upload_id);
