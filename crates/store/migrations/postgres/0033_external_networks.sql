-- External networks: closed networks beside the home one, for work with suppliers.
-- The network's own words, who answers for it, and what its guests get.
ALTER TABLE networks ADD COLUMN description TEXT NOT NULL DEFAULT '';
-- The employee who created it (or whom an admin named), reminded before guests expire.
ALTER TABLE networks ADD COLUMN sponsor_id BIGINT REFERENCES users (id);
CREATE INDEX networks_sponsor_id ON networks (sponsor_id) WHERE sponsor_id IS NOT NULL;
-- When set, guests are invited only at addresses of this domain (e.g. supplier.example).
ALTER TABLE networks ADD COLUMN guest_domain TEXT;
-- How long a guest's access lasts from their invitation, unless extended.
ALTER TABLE networks ADD COLUMN guest_days BIGINT NOT NULL DEFAULT 90;
-- Set on the home network: employees other than admins may create external networks.
ALTER TABLE networks ADD COLUMN members_create_external BIGINT NOT NULL DEFAULT 0;

-- One sign-in, one row per network: an employee's row in an external network points
-- at their home row, which holds the password and the identities and is the one they
-- sign in as. Only those home rows (and guests' rows) are found by address at sign-in.
ALTER TABLE users ADD COLUMN home_user_id BIGINT REFERENCES users (id);
-- Partial, as for every sparse column: most people have one row, and statistics
-- that count the NULLs would keep the planner from the index.
CREATE INDEX users_home_user_id ON users (home_user_id) WHERE home_user_id IS NOT NULL;
DROP INDEX users_email;
CREATE UNIQUE INDEX users_network_email ON users (network_id, email);
CREATE UNIQUE INDEX users_sign_in_email ON users (email) WHERE home_user_id IS NULL;

-- The row a session acts as when its person switched to another of their networks;
-- NULL: the row it was started for.
ALTER TABLE sessions ADD COLUMN acting_user_id BIGINT REFERENCES users (id);
CREATE INDEX sessions_acting_user_id ON sessions (acting_user_id) WHERE acting_user_id IS NOT NULL;
