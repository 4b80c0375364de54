//! Moderation: reporting posts, replies and messages; the queue of open reports;
//! moderators' actions (hide, remove, restore, lock, pin, dismiss), each with a
//! reason that the audit log records and the author is told; and the keyword watch
//! list, which flags matching posts into the queue or holds them there unseen.
//!
//! Network admins moderate everything in their network; community managers the
//! posts of their communities (see `domain::policy::may_moderate_post`).
//!
//! Reports and the queue are in `moderation/reports.rs`, moderators' actions in
//! `actions.rs`, the watch list in `watch_list.rs` and what it does to posts in
//! `screening.rs`; the public items are re-exported here.

mod actions;
mod reports;
mod screening;
mod watch_list;

pub use actions::{dismiss, moderate};
pub use hearth_domain::moderation::{Report, WatchTerm};
pub use reports::{QueueItem, Subject, queue, report_message, report_post};
pub use screening::Notice;
pub(crate) use screening::{Screening, flag, notices, screen};
pub use watch_list::{add_watch_term, remove_watch_term, watch_list};
