//! Tests of the `hearth` binary as an operator runs it: the command line, start-up
//! refusals, graceful shutdown, and durability across `kill -9`.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test should stop at the failing step"
)]

mod backup;
mod bench;
mod cli;
mod demo;
mod durability;
mod mail_crash;
mod offboarding;
mod support;
mod two_nodes;
