-- The author's own uploads an article's body shows or links (`/files/{id}/…`), kept
-- for it while it is unpublished: the sweeper leaves them, and no post, message or
-- cover may take them. Publishing attaches them to the article's post, whose readers
-- then may read them, and forgets these rows.
CREATE TABLE article_files (
    article_id  BIGINT NOT NULL REFERENCES articles (id),
    upload_id   BIGINT NOT NULL REFERENCES uploads (id),
    PRIMARY KEY (article_id, upload_id)
);
CREATE INDEX article_files_upload_id ON article_files (upload_id);
