//! `/scim/v2/Users` and `/scim/v2/Groups`: list with filters, create, get, replace,
//! patch and delete. Every request that changes something is noted as a
//! provisioning event for the console, refused or not.

use super::json::{Projection, find_key, list_response, project};
use super::{BASE_PATH, Scim, ScimCaller, ScimFailure, groups, patch, users};
use crate::AppState;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, Uri, header};
use axum::routing::{get, post};
use hearth_app::domain::{CommunityId, UserId};
use hearth_app::scim::groups::ScimGroup;
use hearth_app::scim::users::ScimUser;
use hearth_app::scim::{self, ListQuery, ScimClient};
use serde_json::Value;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &format!("{BASE_PATH}/Users"),
            get(list_users).post(create_user),
        )
        .route(&format!("{BASE_PATH}/Users/.search"), post(search_users))
        .route(
            &format!("{BASE_PATH}/Users/{{id}}"),
            get(get_user)
                .put(replace_user)
                .patch(patch_user)
                .delete(delete_user),
        )
        .route(
            &format!("{BASE_PATH}/Groups"),
            get(list_groups).post(create_group),
        )
        .route(&format!("{BASE_PATH}/Groups/.search"), post(search_groups))
        .route(
            &format!("{BASE_PATH}/Groups/{{id}}"),
            get(get_group)
                .put(replace_group)
                .patch(patch_group)
                .delete(delete_group),
        )
}

fn list_query(raw: Option<&str>) -> Result<(ListQuery, Projection), ScimFailure> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|_| ScimFailure::bad("invalidSyntax", "the query string is malformed"))?;
    let mut query = ListQuery::default();
    let mut projection = Projection::default();
    let number = |name: &str, raw: &str| {
        raw.trim()
            .parse::<i64>()
            .map_err(|_| ScimFailure::bad("invalidValue", format!("{name} must be a whole number")))
    };
    let names = |raw: &str| {
        raw.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    for (key, value) in pairs {
        match key.as_str() {
            "filter" => query.filter = Some(value),
            "startIndex" => query.start_index = Some(number("startIndex", &value)?),
            "count" => query.count = Some(number("count", &value)?),
            "attributes" => projection.attributes = names(&value),
            "excludedAttributes" => projection.excluded = names(&value),
            // Sorting is not supported (ServiceProviderConfig says so); it is ignored.
            _ => {}
        }
    }
    Ok((query, projection))
}

/// The schema of a query sent as a body (`POST …/.search`).
const SEARCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

/// A query sent as the body of `POST …/.search` (RFC 7644 §3.4.3): the same
/// parameters as a list's query string, as JSON.
fn search_query(body: &Bytes) -> Result<(ListQuery, Projection), ScimFailure> {
    let body = json_body(body)?;
    let object = body
        .as_object()
        .ok_or_else(|| ScimFailure::bad("invalidSyntax", "a SearchRequest must be an object"))?;
    if let Some((_, schemas)) = find_key(object, "schemas")
        && !schemas
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s.as_str() == Some(SEARCH_SCHEMA)))
    {
        return Err(ScimFailure::bad(
            "invalidSyntax",
            format!("schemas must list {SEARCH_SCHEMA}"),
        ));
    }
    let text = |name: &str| match find_key(object, name).map(|(_, v)| v) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ScimFailure::bad(
            "invalidValue",
            format!("{name} must be a string"),
        )),
    };
    let number = |name: &str| match find_key(object, name).map(|(_, v)| v) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_i64().map(Some).ok_or_else(|| {
            ScimFailure::bad("invalidValue", format!("{name} must be a whole number"))
        }),
        Some(_) => Err(ScimFailure::bad(
            "invalidValue",
            format!("{name} must be a whole number"),
        )),
    };
    let names = |name: &str| match find_key(object, name).map(|(_, v)| v) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str().map(str::to_owned).ok_or_else(|| {
                    ScimFailure::bad("invalidValue", format!("{name} must list strings"))
                })
            })
            .collect(),
        // Some clients send a comma-separated string, as in a query string.
        Some(Value::String(s)) => Ok(s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()),
        Some(_) => Err(ScimFailure::bad(
            "invalidValue",
            format!("{name} must list strings"),
        )),
    };
    let query = ListQuery {
        filter: text("filter")?,
        start_index: number("startIndex")?,
        count: number("count")?,
    };
    let projection = Projection {
        attributes: names("attributes")?,
        excluded: names("excludedAttributes")?,
    };
    Ok((query, projection))
}

/// The projection asked for on a single resource.
fn projected(body: Value, raw: Option<&str>) -> Result<Value, ScimFailure> {
    let (_, projection) = list_query(raw)?;
    Ok(project(body, &projection))
}

fn json_body(body: &Bytes) -> Result<Value, ScimFailure> {
    serde_json::from_slice(body)
        .map_err(|err| ScimFailure::bad("invalidSyntax", format!("the body is not JSON: {err}")))
}

/// A User id from the path; one that is not even a number names no User.
fn user_id(raw: &str) -> Result<UserId, ScimFailure> {
    raw.parse::<i64>()
        .map(UserId)
        .map_err(|_| ScimFailure::not_found("User"))
}

/// A Group id from the path; one that is not even a number names no Group.
fn group_id(raw: &str) -> Result<CommunityId, ScimFailure> {
    raw.parse::<i64>()
        .map(CommunityId)
        .map_err(|_| ScimFailure::not_found("Group"))
}

fn if_match(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Notes the outcome of a change as a provisioning event and answers it.
async fn noted(
    state: &AppState,
    client: &ScimClient,
    method: &Method,
    uri: &Uri,
    outcome: Result<Scim, ScimFailure>,
    summary: impl FnOnce(&Scim) -> String,
) -> Result<Scim, ScimFailure> {
    let (status, text) = match &outcome {
        Ok(done) => (done.status, summary(done)),
        Err(failure) => (failure.status, failure.detail.clone()),
    };
    scim::record_event(
        &state.app,
        client,
        method.as_str(),
        uri.path(),
        status.as_u16(),
        &text,
    )
    .await;
    outcome
}

fn described(done: &Scim, verb: &str) -> String {
    let body = done.body.as_ref();
    let id = body.and_then(|b| b["id"].as_str()).unwrap_or("");
    let name = body
        .and_then(|b| b["userName"].as_str().or(b["displayName"].as_str()))
        .unwrap_or("");
    let kind = body
        .and_then(|b| b["meta"]["resourceType"].as_str())
        .unwrap_or("");
    let active = match body.and_then(|b| b["active"].as_bool()) {
        Some(false) => " (inactive)",
        _ => "",
    };
    format!("{verb} {kind} {id} {name}{active}")
}

async fn list_users(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    RawQuery(raw): RawQuery,
) -> Result<Scim, ScimFailure> {
    let (query, projection) = list_query(raw.as_deref())?;
    let page = scim::users::list(&state.app, &client, &query).await?;
    let to_json = |user: &ScimUser| users::to_json(user, &client.base_url);
    Ok(Scim::ok(list_response(page, to_json, &projection)))
}

async fn search_users(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    body: Bytes,
) -> Result<Scim, ScimFailure> {
    let (query, projection) = search_query(&body)?;
    let page = scim::users::list(&state.app, &client, &query).await?;
    let to_json = |user: &ScimUser| users::to_json(user, &client.base_url);
    Ok(Scim::ok(list_response(page, to_json, &projection)))
}

async fn get_user(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Scim, ScimFailure> {
    let user = scim::users::get(&state.app, &client, user_id(&id)?).await?;
    let body = users::to_json(&user, &client.base_url);
    Ok(Scim::ok(projected(body, raw.as_deref())?))
}

async fn create_user(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Result<Scim, ScimFailure> {
    let outcome = async {
        let input = users::from_json(&json_body(&body)?, None, &client.base_url)?;
        let user = scim::users::create(&state.app, &client, input).await?;
        Ok(Scim::created(users::to_json(&user, &client.base_url)))
    }
    .await;
    noted(&state, &client, &method, &uri, outcome, |d| {
        described(d, "created")
    })
    .await
}

async fn replace_user(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    Path(id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Scim, ScimFailure> {
    let outcome = async {
        let body = json_body(&body)?;
        let change = |current: &ScimUser| users::from_json(&body, Some(current), &client.base_url);
        let user = scim::users::replace(
            &state.app,
            &client,
            user_id(&id)?,
            if_match(&headers).as_deref(),
            change,
        )
        .await?;
        Ok(Scim::ok(users::to_json(&user, &client.base_url)))
    }
    .await;
    noted(&state, &client, &method, &uri, outcome, |d| {
        described(d, "replaced")
    })
    .await
}

async fn patch_user(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    Path(id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Scim, ScimFailure> {
    let outcome = async {
        let operations = patch::operations(&json_body(&body)?)?;
        let change = |current: &ScimUser| {
            let Value::Object(mut resource) = users::to_json(current, &client.base_url) else {
                return Err(ScimFailure::not_found("User"));
            };
            // Without `active` in it, the patched resource keeps the account's state.
            resource.remove("active");
            // The one address is the primary one, for paths such as
            // `emails[primary eq true].value`.
            if let Some(Value::Array(emails)) = resource.get_mut("emails") {
                for email in emails.iter_mut().filter_map(Value::as_object_mut) {
                    email.insert("primary".to_owned(), Value::Bool(true));
                }
            }
            let had_photos = resource.contains_key("photos");
            for operation in &operations {
                patch::apply(&mut resource, operation, &users::rule)?;
            }
            // A photo removed by the operations is taken down; a resource that never
            // had one leaves it as it is.
            if had_photos && find_key(&resource, "photos").is_none() {
                resource.insert("photos".to_owned(), Value::Array(Vec::new()));
            }
            users::from_json(&Value::Object(resource), Some(current), &client.base_url)
        };
        let user = scim::users::replace(
            &state.app,
            &client,
            user_id(&id)?,
            if_match(&headers).as_deref(),
            change,
        )
        .await?;
        Ok(Scim::ok(users::to_json(&user, &client.base_url)))
    }
    .await;
    noted(&state, &client, &method, &uri, outcome, |d| {
        described(d, "patched")
    })
    .await
}

async fn delete_user(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    Path(id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Scim, ScimFailure> {
    let outcome = async {
        let user = user_id(&id)?;
        scim::users::delete(&state.app, &client, user, if_match(&headers).as_deref()).await?;
        Ok(Scim::no_content())
    }
    .await;
    noted(&state, &client, &method, &uri, outcome, |_| {
        format!("deleted User {id}")
    })
    .await
}

async fn list_groups(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    RawQuery(raw): RawQuery,
) -> Result<Scim, ScimFailure> {
    let (query, projection) = list_query(raw.as_deref())?;
    let page = scim::groups::list(&state.app, &client, &query).await?;
    let to_json = |group: &ScimGroup| groups::to_json(group, &client.base_url);
    Ok(Scim::ok(list_response(page, to_json, &projection)))
}

async fn search_groups(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    body: Bytes,
) -> Result<Scim, ScimFailure> {
    let (query, projection) = search_query(&body)?;
    let page = scim::groups::list(&state.app, &client, &query).await?;
    let to_json = |group: &ScimGroup| groups::to_json(group, &client.base_url);
    Ok(Scim::ok(list_response(page, to_json, &projection)))
}

async fn get_group(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Scim, ScimFailure> {
    let group = scim::groups::get(&state.app, &client, group_id(&id)?).await?;
    let body = groups::to_json(&group, &client.base_url);
    Ok(Scim::ok(projected(body, raw.as_deref())?))
}

async fn create_group(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Result<Scim, ScimFailure> {
    let outcome = async {
        let input = groups::from_json(&json_body(&body)?)?;
        let group = scim::groups::create(&state.app, &client, input).await?;
        Ok(Scim::created(groups::to_json(&group, &client.base_url)))
    }
    .await;
    noted(&state, &client, &method, &uri, outcome, |d| {
        described(d, "created")
    })
    .await
}

async fn replace_group(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    Path(id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Scim, ScimFailure> {
    let outcome = async {
        let input = groups::from_json(&json_body(&body)?)?;
        let change = |_: &ScimGroup| Ok::<_, ScimFailure>(input);
        let group = scim::groups::replace(
            &state.app,
            &client,
            group_id(&id)?,
            if_match(&headers).as_deref(),
            change,
        )
        .await?;
        Ok(Scim::ok(groups::to_json(&group, &client.base_url)))
    }
    .await;
    noted(&state, &client, &method, &uri, outcome, |d| {
        described(d, "replaced")
    })
    .await
}

async fn patch_group(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    Path(id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Scim, ScimFailure> {
    let outcome = async {
        let operations = patch::operations(&json_body(&body)?)?;
        let change = |current: &ScimGroup| {
            let Value::Object(mut resource) = groups::to_json(current, &client.base_url) else {
                return Err(ScimFailure::not_found("Group"));
            };
            for operation in &operations {
                patch::apply(&mut resource, operation, &groups::rule)?;
            }
            groups::from_json(&Value::Object(resource))
        };
        let group = scim::groups::replace(
            &state.app,
            &client,
            group_id(&id)?,
            if_match(&headers).as_deref(),
            change,
        )
        .await?;
        Ok(Scim::ok(groups::to_json(&group, &client.base_url)))
    }
    .await;
    noted(&state, &client, &method, &uri, outcome, |d| {
        described(d, "patched")
    })
    .await
}

async fn delete_group(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    Path(id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Scim, ScimFailure> {
    let outcome = async {
        let group = group_id(&id)?;
        scim::groups::archive(&state.app, &client, group, if_match(&headers).as_deref()).await?;
        Ok(Scim::no_content())
    }
    .await;
    noted(&state, &client, &method, &uri, outcome, |_| {
        format!("archived Group {id}")
    })
    .await
}
