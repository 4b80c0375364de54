-- An article's earlier versions keep its title and summary as they were beside its
-- body: a version is written when the body is edited and when the title or summary
-- changes. NULL for every post that is not an article.
ALTER TABLE post_versions ADD COLUMN title TEXT;
ALTER TABLE post_versions ADD COLUMN summary TEXT;
