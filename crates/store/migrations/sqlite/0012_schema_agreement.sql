-- The two backends' schemas agree to the column default (tests/app/schema.rs).
-- PostgreSQL's users.role and users.status take the defaults SQLite's got in 0007;
-- SQLite has nothing to change. The migration exists so that both backends keep the
-- same numbered migrations.
SELECT 1;
