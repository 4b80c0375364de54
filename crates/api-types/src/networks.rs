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
