//! SCIM 2.0 provisioning (RFC 7643, RFC 7644): a company's identity provider creates,
//! updates and offboards people, and keeps communities' members, through `/scim/v2`.
//!
//! A SCIM client authenticates with a token of one network ([`tokens`]) and acts with
//! the operator's powers *inside that network only*: every read here is bounded to
//! the token's network, so anything elsewhere is "not found". Offboarding goes
//! through [`crate::lifecycle`], exactly as an admin's deactivation does, with the
//! client recorded as the actor in the audit log.
//!
//! The use cases take and return typed values ([`users::ScimUser`],
//! [`groups::ScimGroup`], [`ListPage`]) and say what went wrong with a [`ScimError`];
//! SCIM's JSON (schemas, `meta`, projections, PatchOp, error bodies and their
//! `scimType`) is `hearth-http`'s. A change to an existing resource is given as a
//! function from the resource as it is to what it should be: PUT answers the body,
//! PATCH its operations applied to the resource, so both are validated and written
//! alike, and the function runs after the resource is read and its version checked.
//!
//! Filters are parsed by [`hearth_domain::scim_filter`] and evaluated here, in
//! memory, over the network's accounts read in one query: that keeps SCIM's
//! per-attribute rules (case-insensitive `userName`, case-exact `externalId`,
//! instants compared as instants, multi-valued `emails`) identical on SQLite and
//! PostgreSQL, and a company's directory (tens of thousands of rows) fits easily.

pub mod groups;
mod photos;
pub mod tokens;
pub mod users;

use crate::{App, AppError};
use hearth_domain::scim_filter::{self, Checked, Schema};
use hearth_domain::{Millis, NetworkId};
use hearth_store::scim::{self as store, ProvisioningEvent};

pub use tokens::{NewScimToken, SCIM_TOKEN_PREFIX};

/// The core and extension schema URNs, which filters may name attributes by.
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const ENTERPRISE_SCHEMA: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";

/// The most resources one page of a list holds.
pub const MAX_PAGE: usize = 200;

/// A SCIM client, as its token proves it: which network it may touch, its name for
/// the audit log, and where it calls from.
#[derive(Debug, Clone)]
pub struct ScimClient {
    pub token_id: i64,
    pub network: NetworkId,
    pub name: String,
    pub address: String,
    /// The service provider's base URL (`…/scim/v2`), for `meta.location`.
    pub base_url: String,
}

impl ScimClient {
    pub fn acting(&self) -> crate::audit::Acting<'_> {
        crate::audit::Acting::scim(&self.name, &self.address)
    }
}

/// What went wrong with a provisioning request, in the terms of the use cases;
/// `hearth-http` answers each with SCIM's status and `scimType` (RFC 7644 §3.12).
#[derive(Debug, thiserror::Error)]
pub enum ScimError {
    /// A value given is not acceptable: malformed, too long, or naming a person who
    /// is not in the network.
    #[error("{0}")]
    InvalidValue(String),
    /// A filter cannot be read, or names what the resource type does not have.
    #[error("{0}")]
    InvalidFilter(String),
    /// Another resource already has a value that must be unique.
    #[error("{0}")]
    Uniqueness(String),
    /// The change is not allowed in the resource's present state, e.g. reactivating
    /// an account an admin shut out.
    #[error("{0}")]
    Mutability(String),
    /// The change cannot be made in the network's present state.
    #[error("{0}")]
    Conflict(String),
    /// No such resource in the token's network (`"User"`, `"Group"`).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The resource has changed since the version the client named (`If-Match`), or
    /// while the change was being made.
    #[error("the resource has changed since that version (If-Match)")]
    VersionMismatch,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<hearth_store::StoreError> for ScimError {
    fn from(err: hearth_store::StoreError) -> Self {
        Self::App(err.into())
    }
}

impl From<hearth_domain::policy::Denied> for ScimError {
    fn from(denied: hearth_domain::policy::Denied) -> Self {
        Self::App(denied.into())
    }
}

impl From<hearth_domain::ValidationError> for ScimError {
    fn from(err: hearth_domain::ValidationError) -> Self {
        Self::InvalidValue(err.message)
    }
}

/// What a list request asks for (`GET /Users?filter=…&startIndex=…&count=…`).
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// A SCIM filter, as the client wrote it.
    pub filter: Option<String>,
    /// 1-based; values below 1 count as 1.
    pub start_index: Option<i64>,
    /// At most [`MAX_PAGE`]; 100 when not given.
    pub count: Option<i64>,
}

/// One page of the resources a list request matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPage<T> {
    /// How many matched in all.
    pub total_results: usize,
    /// The 1-based position of the first resource of the page.
    pub start_index: usize,
    pub resources: Vec<T>,
}

/// Parses and checks a filter against a resource type's attributes.
pub(crate) fn checked_filter<S: Schema>(
    raw: Option<&str>,
    schema: &S,
) -> Result<Option<Checked<S::Attr>>, ScimError> {
    let Some(raw) = raw.map(str::trim).filter(|raw| !raw.is_empty()) else {
        return Ok(None);
    };
    let bad = |err: &dyn std::fmt::Display| ScimError::InvalidFilter(format!("bad filter: {err}"));
    let parsed = scim_filter::parse(raw).map_err(|err| bad(&err))?;
    let checked = scim_filter::check(&parsed, schema).map_err(|err| bad(&err))?;
    Ok(Some(checked))
}

/// The page of `all` a list request asks for.
pub(crate) fn page<T>(all: Vec<T>, query: &ListQuery) -> ListPage<T> {
    let total = all.len();
    let start = usize::try_from(query.start_index.unwrap_or(1).max(1)).unwrap_or(1);
    let count =
        usize::try_from(query.count.unwrap_or(100).clamp(0, MAX_PAGE as i64)).unwrap_or(MAX_PAGE);
    ListPage {
        total_results: total,
        start_index: start,
        resources: all.into_iter().skip(start - 1).take(count).collect(),
    }
}

/// The version of a resource for ETags: its last modification.
pub fn version_of(updated_at: Millis) -> String {
    format!("W/\"{updated_at}\"")
}

/// Refuses a write when `If-Match` names another version than the current one.
pub(crate) fn check_version(if_match: Option<&str>, current: &str) -> Result<(), ScimError> {
    let Some(wanted) = if_match.map(str::trim) else {
        return Ok(());
    };
    if wanted == "*"
        || wanted
            .split(',')
            .any(|tag| tag.trim().trim_start_matches("W/") == current.trim_start_matches("W/"))
    {
        return Ok(());
    }
    Err(ScimError::VersionMismatch)
}

/// Resolves a SCIM bearer token to its client, or refuses it.
pub async fn authenticate(
    app: &App,
    secret: &str,
    address: &str,
    base_url: &str,
) -> Result<ScimClient, ScimError> {
    let token = tokens::authenticate(app, secret).await?;
    Ok(ScimClient {
        token_id: token.id,
        network: token.network_id(),
        name: token.name,
        address: address.to_owned(),
        base_url: base_url.trim_end_matches('/').to_owned(),
    })
}

/// Notes a request that changed something, or tried to, for the console. A failure
/// to note it is logged, not passed on: the change itself is done and audited.
pub async fn record_event(
    app: &App,
    client: &ScimClient,
    method: &str,
    path: &str,
    status: u16,
    summary: &str,
) {
    let event = ProvisioningEvent {
        id: app.next_id(),
        network_id: client.network.0,
        token_id: Some(client.token_id),
        method: method.chars().take(16).collect(),
        path: path.chars().take(300).collect(),
        status: i64::from(status),
        summary: summary.chars().take(300).collect(),
        created_at: app.now(),
    };
    let written = async {
        let mut db = app.store().conn().await?;
        store::insert_event(&mut db, &event).await
    }
    .await;
    if let Err(err) = written {
        tracing::warn!(network.id = %client.network, error = %err, "provisioning event not recorded");
    }
}

/// One SCIM request that changed something (or tried to), as the console lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisioningRecord {
    pub id: hearth_domain::ProvisioningEventId,
    /// The token the client used.
    pub token_id: Option<hearth_domain::ScimTokenId>,
    pub method: String,
    pub path: String,
    /// The HTTP status answered.
    pub status: i64,
    pub summary: String,
    pub created_at: hearth_domain::Millis,
}

impl From<ProvisioningEvent> for ProvisioningRecord {
    fn from(event: ProvisioningEvent) -> Self {
        Self {
            id: hearth_domain::ProvisioningEventId(event.id),
            token_id: event.token_id.map(hearth_domain::ScimTokenId),
            method: event.method,
            path: event.path,
            status: event.status,
            summary: event.summary,
            created_at: event.created_at,
        }
    }
}

/// The latest provisioning events of the admin's network, for the console.
pub async fn recent_events(
    app: &App,
    actor: &hearth_domain::Actor,
    limit: i64,
) -> Result<Vec<ProvisioningRecord>, AppError> {
    hearth_domain::policy::may_administer_people(actor)?;
    let mut db = app.store().conn().await?;
    let network = crate::audit::network_of(&mut db, actor).await?;
    let events = store::recent_events(&mut db, network, limit.clamp(1, 200)).await?;
    Ok(events.into_iter().map(ProvisioningRecord::from).collect())
}
