-- Most posts share nothing, answer no question and were never deleted. A full index
-- over such a column holds mostly NULLs, and on a real network SQLite's statistics
-- then say every value matches the whole table (`posts_shared_post_id|1000000
-- 1000000`): counting a post's shares walked the posts, 30 ms on every post view of
-- a million-post network. A partial index holds only the rows with a value, which is
-- all a lookup by value (or a foreign key check) needs, and its statistics tell the
-- truth.
DROP INDEX posts_shared_post_id;
CREATE INDEX posts_shared_post_id ON posts (shared_post_id) WHERE shared_post_id IS NOT NULL;
DROP INDEX posts_best_answer_id;
CREATE INDEX posts_best_answer_id ON posts (best_answer_id) WHERE best_answer_id IS NOT NULL;
DROP INDEX posts_deleted_by;
CREATE INDEX posts_deleted_by ON posts (deleted_by) WHERE deleted_by IS NOT NULL;
