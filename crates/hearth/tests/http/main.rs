//! HTTP tests: the real server on a random port, a real HTTP client, each test on
//! SQLite and on PostgreSQL.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test should stop at the failing step"
)]

mod admin;
mod analytics;
mod api;
mod articles;
mod chat;
mod data;
mod embed;
mod error_languages;
mod guests;
mod ids;
mod languages;
mod limits;
mod live;
mod live_docs;
mod live_guards;
mod mail;
mod metrics;
mod moderation;
mod networks;
mod notification_settings;
mod notifications;
mod oidc;
mod pages;
mod pages_attachments;
mod pages_chat;
mod pages_people_settings;
mod pages_pictures;
mod pages_social;
mod people;
mod polls;
mod praise;
mod pseudo_locale;
mod scim;
mod search;
mod social;
mod suggestions;
mod support;
mod uploads;
mod usage_policy;
