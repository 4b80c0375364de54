-- Hearth in each reader's language: a person's own choice (NULL follows their
-- browser) and the network's default for everyone who made none.
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE networks ADD COLUMN default_language TEXT NOT NULL DEFAULT 'en';
