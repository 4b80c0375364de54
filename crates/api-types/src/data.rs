//! Retention of content.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The network's retention policy.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RetentionView {
    /// Content older than this many days is deleted; `null` keeps everything.
    pub retention_days: Option<i64>,
}

/// What a run of the policy deletes (or, for a dry run, would delete).
#[derive(Debug, Serialize, ToSchema)]
pub struct RetentionReportView {
    pub days: i64,
    /// Threads and messages last active before this time go.
    pub cutoff: String,
    /// Posts and replies.
    pub posts: i64,
    pub reactions: i64,
    pub messages: i64,
}
