-- The same indexes as on SQLite. PostgreSQL's statistics know how many NULLs a
-- column holds, so here the partial `posts_root_id` is only smaller.
--
-- A community's announcements and pinned posts, above the first page of its feed:
-- a handful among its thousands of posts. Without this index they were found by
-- reading every post of the community and sorting them, 10 ms on a network of a
-- million posts (160 community pages a second, against 1,170 for the home feed).
CREATE INDEX posts_pinned ON posts (community_id, id)
    WHERE kind = 'announcement' OR pinned_at IS NOT NULL;

-- A top-level post has no root, and 40 % of posts are top-level. In the full index
-- their NULLs are counted as one more thread of two or three posts, so a planner
-- may take `root_id IS NULL` for a search of a few rows (the Debian command-line
-- SQLite 3.40 did, walking every top-level post for a community's pinned posts).
-- Only posts with a root are looked up by it: a thread's replies, its counts.
DROP INDEX posts_root_id;
CREATE INDEX posts_root_id ON posts (root_id, id) WHERE root_id IS NOT NULL;

-- The top-level posts of a period, which the digest reads for every run: without
-- it, a week's posts are found by walking every post.
CREATE INDEX posts_top_level_created_at ON posts (created_at) WHERE root_id IS NULL;
