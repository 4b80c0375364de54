//! SCIM 2.0 provisioning (RFC 7643, RFC 7644): a company's identity provider creates,
//! updates and offboards people, and keeps communities' members, through `/scim/v2`.
//!
//! A SCIM client authenticates with a token of one network ([`tokens`]) and acts with
//! the operator's powers *inside that network only*: every read here is bounded to
//! the token's network, so anything elsewhere is "not found". Offboarding goes
//! through [`crate::lifecycle`], exactly as an admin's deactivation does, with the
//! client recorded as the actor in the audit log.
//!
//! Filters are parsed by [`hearth_domain::scim_filter`] and evaluated here, in
//! memory, over the network's accounts read in one query: that keeps SCIM's
//! per-attribute rules (case-insensitive `userName`, case-exact `externalId`,
//! instants compared as instants, multi-valued `emails`) identical on SQLite and
//! PostgreSQL, and a company's directory (tens of thousands of rows) fits easily.

pub mod groups;
pub mod patch;
pub mod tokens;
pub mod users;

use crate::{App, AppError};
use hearth_domain::NetworkId;
use hearth_domain::scim_filter::{self, CheckError, Checked, Schema};
use hearth_store::scim::{self as store, ProvisioningEvent};
use serde_json::{Map, Value};

pub use tokens::{NewScimToken, SCIM_TOKEN_PREFIX};

/// The core and extension schema URNs.
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const ENTERPRISE_SCHEMA: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
pub const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
pub const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

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

/// A refusal in SCIM's terms (RFC 7644 §3.12): an HTTP status and, for 400 and 409,
/// the `scimType` keyword.
#[derive(Debug, thiserror::Error)]
pub enum ScimError {
    #[error("{detail}")]
    Refused {
        status: u16,
        scim_type: Option<&'static str>,
        detail: String,
    },
    #[error(transparent)]
    App(#[from] AppError),
}

impl ScimError {
    pub fn bad(scim_type: &'static str, detail: impl Into<String>) -> Self {
        Self::Refused {
            status: 400,
            scim_type: Some(scim_type),
            detail: detail.into(),
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::Refused {
            status: 404,
            scim_type: None,
            detail: format!("{what} not found"),
        }
    }

    pub fn precondition_failed() -> Self {
        Self::Refused {
            status: 412,
            scim_type: None,
            detail: "the resource has changed since that version (If-Match)".to_owned(),
        }
    }
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
        Self::bad("invalidValue", err.message)
    }
}

/// The query of a list request (`GET /Users?filter=…`).
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub filter: Option<String>,
    /// 1-based; values below 1 count as 1.
    pub start_index: Option<i64>,
    pub count: Option<i64>,
    pub attributes: Vec<String>,
    pub excluded_attributes: Vec<String>,
}

/// Parses and checks a filter against a resource type's attributes.
pub(crate) fn checked_filter<S: Schema>(
    raw: Option<&str>,
    schema: &S,
) -> Result<Option<Checked<S::Attr>>, ScimError> {
    let Some(raw) = raw.map(str::trim).filter(|raw| !raw.is_empty()) else {
        return Ok(None);
    };
    let parsed = scim_filter::parse(raw)
        .map_err(|err| ScimError::bad("invalidFilter", format!("bad filter: {err}")))?;
    let checked = scim_filter::check(&parsed, schema).map_err(|err| match err {
        CheckError::UnknownAttribute(_) => {
            ScimError::bad("invalidFilter", format!("bad filter: {err}"))
        }
        CheckError::Mismatch(_) => ScimError::bad("invalidFilter", format!("bad filter: {err}")),
    })?;
    Ok(Some(checked))
}

/// A page of resources as a ListResponse, each projected as asked.
pub(crate) fn list_response(all: Vec<Value>, query: &ListQuery) -> Value {
    let total = all.len();
    let start = usize::try_from(query.start_index.unwrap_or(1).max(1)).unwrap_or(1);
    let count =
        usize::try_from(query.count.unwrap_or(100).clamp(0, MAX_PAGE as i64)).unwrap_or(MAX_PAGE);
    let page: Vec<Value> = all
        .into_iter()
        .skip(start - 1)
        .take(count)
        .map(|resource| project(resource, &query.attributes, &query.excluded_attributes))
        .collect();
    serde_json::json!({
        "schemas": [LIST_SCHEMA],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": page.len(),
        "Resources": page,
    })
}

/// Applies `attributes` (only these, plus `id` and `schemas`) or else
/// `excludedAttributes` (all but these) to a resource (RFC 7644 §3.9). Names may be
/// `name.formatted` or carry their schema URN.
pub fn project(resource: Value, attributes: &[String], excluded: &[String]) -> Value {
    let Value::Object(object) = resource else {
        return resource;
    };
    let always = |key: &str| key == "id" || key == "schemas";
    if !attributes.is_empty() {
        let mut kept = Map::new();
        for (key, value) in &object {
            if always(key) {
                kept.insert(key.clone(), value.clone());
            }
        }
        for wanted in attributes {
            let (container, name, sub) = locate(wanted);
            let source = match container {
                Some(uri) => object.get(uri).and_then(Value::as_object),
                None => Some(&object),
            };
            let Some((key, value)) = source.and_then(|source| find_key(source, name)) else {
                continue;
            };
            let value = match (sub, value) {
                (Some(sub), Value::Object(inner)) => match find_key(inner, sub) {
                    Some((sub_key, sub_value)) => {
                        let mut part = kept_object(&kept, container, key);
                        part.insert(sub_key.clone(), sub_value.clone());
                        Value::Object(part)
                    }
                    None => continue,
                },
                _ => value.clone(),
            };
            match container {
                Some(uri) => {
                    let entry = kept
                        .entry(uri.to_owned())
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(ext) = entry {
                        ext.insert(key.clone(), value);
                    }
                }
                None => {
                    kept.insert(key.clone(), value);
                }
            }
        }
        return Value::Object(kept);
    }
    let mut object = object;
    for unwanted in excluded {
        let (container, name, sub) = locate(unwanted);
        let target = match container {
            Some(uri) => object.get_mut(uri).and_then(Value::as_object_mut),
            None => Some(&mut object),
        };
        let Some(target) = target else { continue };
        let Some(key) = find_key(target, name).map(|(key, _)| key.clone()) else {
            continue;
        };
        if container.is_none() && always(&key) {
            continue;
        }
        match sub {
            Some(sub) => {
                if let Some(Value::Object(inner)) = target.get_mut(&key)
                    && let Some(sub_key) = find_key(inner, sub).map(|(k, _)| k.clone())
                {
                    inner.remove(&sub_key);
                }
            }
            None => {
                target.remove(&key);
            }
        }
    }
    Value::Object(object)
}

fn kept_object(
    kept: &Map<String, Value>,
    container: Option<&str>,
    key: &str,
) -> Map<String, Value> {
    let source = match container {
        Some(uri) => kept.get(uri).and_then(Value::as_object),
        None => Some(kept),
    };
    source
        .and_then(|source| source.get(key))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// Splits `urn:…:User:name.sub` into (schema URN, name, sub-attribute).
fn locate(path: &str) -> (Option<&str>, &str, Option<&str>) {
    let (container, rest) = if path.len() > 4 && path[..4].eq_ignore_ascii_case("urn:") {
        match path.rfind(':') {
            Some(colon) => {
                let uri = &path[..colon];
                // The core schema's attributes are at the top level.
                let core = [USER_SCHEMA, GROUP_SCHEMA]
                    .iter()
                    .any(|core| core.eq_ignore_ascii_case(uri));
                (if core { None } else { Some(uri) }, &path[colon + 1..])
            }
            None => (None, path),
        }
    } else {
        (None, path)
    };
    match rest.split_once('.') {
        Some((name, sub)) => (container, name, Some(sub)),
        None => (container, rest, None),
    }
}

/// The entry whose key equals `name` ignoring case, as SCIM's names are.
pub(crate) fn find_key<'a>(
    object: &'a Map<String, Value>,
    name: &str,
) -> Option<(&'a String, &'a Value)> {
    object
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
}

/// The version of a resource for ETags: its last modification.
pub fn version_of(updated_at: i64) -> String {
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
    Err(ScimError::precondition_failed())
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

/// The latest provisioning events of the admin's network, for the console.
pub async fn recent_events(
    app: &App,
    actor: &hearth_domain::Actor,
    limit: i64,
) -> Result<Vec<ProvisioningEvent>, AppError> {
    hearth_domain::policy::may_administer_people(actor)?;
    let mut db = app.store().conn().await?;
    let network = crate::audit::network_of(&mut db, actor).await?;
    Ok(store::recent_events(&mut db, network, limit.clamp(1, 200)).await?)
}
