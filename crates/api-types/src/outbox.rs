//! The e-mail outbox, for operators.

use serde::Serialize;
use utoipa::ToSchema;

/// One e-mail of the outbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxEmailView {
    pub id: String,
    pub recipient_id: String,
    /// `notification` or `digest`.
    pub kind: String,
    pub subject: String,
    /// `pending`, `sent`, `skipped` or `parked`.
    pub state: String,
    pub attempts: i64,
    /// The last failure, or why it was skipped.
    pub last_error: String,
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxView {
    /// Newest first, at most 200.
    pub emails: Vec<OutboxEmailView>,
}
