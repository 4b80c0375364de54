-- A community's members, and a person's communities, read from an index alone.
-- Both lists are asked with `state = 'member'`, and `state` was only in the table:
-- every one of a community's hundreds of members cost a seek into the table, at
-- each of its new posts (whose live event goes to its members) and at each home
-- feed page (which reads the reader's communities).
CREATE INDEX community_members_by_community ON community_members (community_id, state, user_id);
DROP INDEX community_members_user_id;
CREATE INDEX community_members_by_user ON community_members (user_id, state, community_id);
