//! The store and use-case suite. Every test runs on SQLite and on PostgreSQL.

mod accounts;
mod schema;
mod sessions;
mod setup;
mod tokens;
