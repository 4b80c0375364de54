//! The store and use-case suite. Every test runs on SQLite and on PostgreSQL.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test should stop at the failing step"
)]

mod accounts;
mod administration;
mod analytics;
mod articles;
mod authorization;
mod chat;
mod communities;
mod data;
mod digests;
mod embedding;
mod external_networks;
mod fan_out;
mod guests;
mod invitations;
mod lifecycle;
mod limits;
mod live;
mod mail;
mod mail_languages;
mod moderation;
mod networks;
mod notification_settings;
mod notifications;
mod oidc;
mod people;
mod plans;
mod polls;
mod posts;
mod praise;
mod schema;
mod scim;
mod search;
mod sessions;
mod setup;
mod statement_cache;
mod suggestions;
mod tokens;
mod uploads;
mod usage_policy;
mod visibility;
mod writes;
