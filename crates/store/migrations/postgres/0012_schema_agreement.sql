-- The two backends' schemas agree to the column default (tests/app/schema.rs).
-- SQLite's users.role and users.status took defaults when 0007 replaced them to widen
-- their CHECK; PostgreSQL takes the same ones. Every insert names both columns, so
-- nothing written changes.
ALTER TABLE users ALTER COLUMN role SET DEFAULT 'member';
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active';
