//! The database handle: what the binary opens, migrates and hands to [`crate::App`],
//! and closes at the end. It is the one part of `hearth-store` that code above the app
//! names; rows and SQL stay below the use cases.

pub use hearth_store::backup;
pub use hearth_store::{Backend, Store, StoreError, StoreOptions, redact_url};
