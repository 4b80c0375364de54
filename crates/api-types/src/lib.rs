//! Request and response bodies of the native JSON API (`/api/hearth/v1`).
//!
//! Ids are 64-bit and exceed the integers JavaScript can hold exactly, so they travel
//! as decimal strings. Times are RFC 3339 strings in UTC.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every error response has this body.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `invalid_input`, `unauthenticated`.
    pub code: String,
    /// What went wrong, in words fit to show a person.
    pub message: String,
    /// The input field at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// A person's account as other people of the network see it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserView {
    pub id: String,
    pub network_id: String,
    pub email: String,
    pub display_name: String,
    /// `member` or `admin`.
    pub role: String,
    /// `active`, `suspended` or `deactivated`.
    pub status: String,
    pub created_at: String,
}

/// The network (company or external partner space) a person belongs to.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NetworkView {
    pub id: String,
    pub name: String,
    /// `home` or `external`.
    pub kind: String,
}

/// The signed-in person.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeView {
    pub user: UserView,
    pub network: NetworkView,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

/// A new browser session. The session itself travels in an HttpOnly cookie; send
/// `csrf_token` as the `X-CSRF-Token` header on every state-changing request.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SignedInView {
    pub user: UserView,
    pub csrf_token: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionView {
    pub id: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
    pub user_agent: String,
    pub client_ip: String,
    /// Whether this is the session making the request.
    pub current: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SignedOutView {
    /// How many sessions were ended.
    pub sessions_ended: u64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreateTokenRequest {
    /// A label to remember what the token is for.
    pub name: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TokenView {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

/// A new token. `secret` is shown only in this response; store it safely.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreatedTokenView {
    pub token: TokenView,
    pub secret: String,
}

/// An administrator creates an account in their network.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreateUserRequest {
    pub email: String,
    pub display_name: String,
    /// Optional; without one the person cannot sign in with a password yet.
    #[serde(default)]
    pub password: Option<String>,
    /// `member` (the default) or `admin`.
    #[serde(default)]
    pub role: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// A colleague as the directory lists them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProfileView {
    pub id: String,
    /// Unique within the network; mention someone as `@handle`.
    pub handle: String,
    pub display_name: String,
    pub job_title: String,
    pub department: String,
    pub location: String,
    /// An IANA time zone name such as `Europe/Lisbon`.
    pub time_zone: String,
    pub about: String,
    pub manager_id: Option<String>,
    /// `active`, `suspended` or `deactivated` (a former member).
    pub status: String,
}

/// A profile with its follow counts as the viewer sees them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProfileCardView {
    pub profile: ProfileView,
    pub followers: i64,
    pub following: i64,
    /// Whether the signed-in person follows this one.
    pub followed_by_me: bool,
}

/// A page of the directory.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DirectoryPageView {
    pub people: Vec<ProfileView>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Profile changes; a field left out keeps its value.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct ProfileChangesRequest {
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub handle: Option<String>,
    #[serde(default)]
    pub job_title: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub about: Option<String>,
    /// The manager's id; an empty string removes the manager.
    #[serde(default)]
    pub manager_id: Option<String>,
}
