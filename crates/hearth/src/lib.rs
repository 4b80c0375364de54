//! The `hearth` binary's library half: configuration, the server's life cycle and the
//! operator's commands. `main.rs` only parses the command line and dispatches here,
//! so tests start the very same server in-process.

pub mod admin;
pub mod bench;
pub mod cli;
pub mod config;
pub mod demo;
pub mod mailer;
pub mod nats_bus;
pub mod server;
pub mod telemetry;
