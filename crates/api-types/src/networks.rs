//! The networks a person is in, and external networks for work with suppliers.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A network the caller is in.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NetworkChoiceView {
    pub id: String,
    pub name: String,
    /// `home` (the company's own) or `external`.
    pub kind: String,
    /// The caller's own id in that network: everything they do there is theirs
    /// under this id.
    pub user_id: String,
    /// The network this request acted in.
    pub current: bool,
}

/// An external network and what its guests get.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExternalNetworkChoiceView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The employee (their id in the home network) who answers for the network.
    pub sponsor_id: Option<String>,
    /// Guests are invited only at addresses of this domain, when set.
    pub guest_domain: Option<String>,
    /// How many days a guest's access lasts unless extended.
    pub guest_days: i64,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NewExternalNetworkRequest {
    /// 1–100 characters.
    pub name: String,
    /// At most 2,000 characters.
    #[serde(default)]
    pub description: String,
    /// A domain such as `supplier.example`; omit for any.
    #[serde(default)]
    pub guest_domain: Option<String>,
    /// 1–365; 90 when omitted.
    #[serde(default)]
    pub guest_days: Option<i64>,
}

/// A colleague of the home network to add.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NewNetworkMemberRequest {
    /// Their id in the home network.
    pub user_id: String,
}

/// A colleague added to an external network.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NetworkMemberView {
    pub network_id: String,
    /// Their id in the external network.
    pub user_id: String,
    /// Their id in the home network.
    pub home_user_id: String,
}

/// Which network the session acts in from now on.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SwitchNetworkRequest {
    pub network_id: String,
}

/// Who may create external networks.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExternalNetworkSettings {
    /// Whether employees who are not admins may create them (and sponsor them).
    pub members_create: bool,
}

/// A guest to invite into an external network, by e-mail.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InviteGuestRequest {
    /// At the network's guest domain, when it has one.
    pub email: String,
}

/// A guest of an external network, as its sponsor and the company's admins see them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GuestView {
    /// Their id in the external network.
    pub user_id: String,
    pub network_id: String,
    pub name: String,
    pub email: String,
    /// `active`, `deactivated` (their access ended) …
    pub status: String,
    /// The employee (home network id) who answers for them.
    pub sponsor_id: String,
    pub sponsor_name: String,
    /// When their access ends (or ended), unless extended.
    pub access_until: String,
    /// Their sponsor left the company: an admin should name a new one before the
    /// grace period ends.
    pub needs_sponsor: bool,
    pub ended_at: Option<String>,
    /// Their latest sign-in use or post.
    pub last_active_at: Option<String>,
}

/// How long to extend a guest's access.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ExtendGuestRequest {
    /// 1–365 days from the current end (or from now, when it has passed); the
    /// network's guest period when omitted.
    #[serde(default)]
    pub days: Option<i64>,
}

/// Ending a guest's access now.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct EndGuestRequest {
    /// Kept in the audit log.
    #[serde(default)]
    pub reason: String,
}

/// The guest's new sponsor.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GuestSponsorRequest {
    /// An active employee's id in the home network.
    pub sponsor_id: String,
}
