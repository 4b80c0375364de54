//! Reports, the moderation queue, moderators' actions and the watch list.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Why something is reported, or why a moderator acts.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReasonRequest {
    /// Required, at most 500 characters.
    pub reason: String,
}

/// A moderator's action and its reason.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ActionRequest {
    /// `hide`, `remove`, `restore`, `lock`, `unlock`, `pin` or `unpin` (messages:
    /// `remove` and `restore` only).
    pub action: String,
    /// Required, at most 500 characters; shown to the author and kept in the audit log.
    pub reason: String,
}

/// A term to watch for.
#[derive(Debug, Deserialize, ToSchema)]
pub struct WatchTermRequest {
    /// A word or phrase, matched as whole words, ignoring case.
    pub term: String,
    /// `flag` (report matching posts) or `hold` (also keep them from everyone but
    /// their author and moderators until a moderator restores them).
    pub mode: String,
}

/// One report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportView {
    pub id: String,
    /// `post` or `message`.
    pub target_kind: String,
    pub target_id: String,
    /// `null` when the keyword watch list reported it.
    pub reporter_id: Option<String>,
    pub reporter_name: String,
    pub reason: String,
    pub created_at: String,
}

/// Reported content and every open report of it.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueueItemView {
    /// The oldest open report; dismiss it to dismiss them all.
    pub report_id: String,
    /// `post` or `message`.
    pub target_kind: String,
    pub target_id: String,
    pub community_id: Option<String>,
    pub thread_id: Option<String>,
    pub author_id: String,
    pub author_name: String,
    pub excerpt: String,
    /// For posts: `visible`, `hidden` or `held`.
    pub moderation: Option<String>,
    pub removed: bool,
    pub locked: bool,
    pub pinned: bool,
    pub report_count: usize,
    pub reports: Vec<ReportView>,
}

/// A watched term.
#[derive(Debug, Serialize, ToSchema)]
pub struct WatchTermView {
    pub id: String,
    pub term: String,
    pub mode: String,
    pub created_at: String,
}
