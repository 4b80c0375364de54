//! The audit log.

use serde::Serialize;
use utoipa::ToSchema;

/// One entry of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryView {
    pub id: String,
    pub created_at: String,
    /// `user`, `operator` (the command line), `scim` or `system` (Hearth itself).
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub actor_name: String,
    /// e.g. `user.deactivated`, `retention.applied`.
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<String>,
    pub target_name: String,
    pub reason: String,
    /// The client's address, or `command line`.
    pub address: String,
    /// What else the act changed.
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

/// A page of entries, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPageView {
    pub entries: Vec<AuditEntryView>,
    /// Pass as `before` for the next page; `null` on the last.
    pub next_before: Option<String>,
}
