-- SCIM `photos`: a digest (SHA-256, hex) of the value the identity provider last
-- gave as the person's photo and Hearth took, so that the same value sent again on
-- every update is not downloaded again. NULL when the provider never set one.
-- Old code never reads it, and a person who sets their own photo leaves it as it is.
ALTER TABLE users ADD COLUMN photo_source TEXT;
