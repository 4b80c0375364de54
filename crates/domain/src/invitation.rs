//! Invitations: how a network admin lets a person create their account.

use crate::{InvitationId, Millis, NetworkId, Role, UserId};

/// An invitation to join a network by e-mail, as a single-use link. Whether it can
/// still be used depends on the time; the app derives its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: InvitationId,
    pub network_id: NetworkId,
    pub email: String,
    pub role: Role,
    /// `None` when the operator invited from the command line.
    pub invited_by: Option<UserId>,
    pub created_at: Millis,
    pub expires_at: Millis,
    pub accepted_at: Option<Millis>,
    pub accepted_by: Option<UserId>,
    pub revoked_at: Option<Millis>,
}
