//! Invitations by e-mail.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
pub struct InviteRequest {
    pub email: String,
    /// `member` (the default), `admin` or `compliance`.
    #[serde(default)]
    pub role: Option<String>,
}

/// An invitation, without its link.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationView {
    pub id: String,
    pub email: String,
    pub role: String,
    /// `open`, `accepted`, `expired` or `revoked`.
    pub state: String,
    pub created_at: String,
    pub expires_at: String,
    pub accepted_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// A new invitation and its link, shown in this response only: pass it on to the
/// person invited.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedInvitationView {
    pub invitation: InvitationView,
    pub link: String,
}
