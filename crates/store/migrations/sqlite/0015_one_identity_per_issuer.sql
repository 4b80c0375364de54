-- One person has at most one identity per OpenID Connect issuer. Before this, an
-- account created on the spot from an e-mail address the provider had not verified
-- could later be linked, by that address, to the address's real owner: two subjects
-- of one issuer, the impostor's and the owner's, signing in to the same account.
--
-- An account that already has two is ambiguous, and neither link can be trusted: the
-- older may be the impostor's, the newer may be too. Both are dropped; the owner links
-- again at their next sign-in, which now needs a verified address, and an account that
-- already has an identity of the issuer refuses a second one.
DELETE FROM external_identities
WHERE (user_id, issuer) IN (
    SELECT user_id, issuer FROM external_identities
    GROUP BY user_id, issuer
    HAVING COUNT(*) > 1
);

-- Leads with user_id, so it also serves the foreign key (the old index's job).
DROP INDEX external_identities_user_id;
CREATE UNIQUE INDEX external_identities_user_issuer ON external_identities (user_id, issuer);

-- Whether the provider is the source of truth for name, department and job title:
-- when set, each single sign-on copies them from its claims.
ALTER TABLE networks ADD COLUMN sso_profile_from_provider BIGINT NOT NULL DEFAULT 0;
