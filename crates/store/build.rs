//! `sqlx::migrate!` embeds the migrations when the store compiles, and Cargo does not
//! watch a directory for new files by itself: without this, a new migration would be
//! missing from the binary until something else changed in the crate.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
