//! `/scim/v2/Users` and `/scim/v2/Groups`: list with filters, create, get, replace,
//! patch and delete. Every request that changes something is noted as a
//! provisioning event for the console, refused or not.

use super::{BASE_PATH, Scim, ScimCaller, ScimFailure};
use crate::AppState;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, Uri, header};
use axum::routing::get;
use hearth_app::scim::{self, ListQuery, ScimClient, ScimError, groups, users};
use serde_json::Value;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &format!("{BASE_PATH}/Users"),
            get(list_users).post(create_user),
        )
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
        .route(
            &format!("{BASE_PATH}/Groups/{{id}}"),
            get(get_group)
                .put(replace_group)
                .patch(patch_group)
                .delete(delete_group),
        )
}

fn list_query(raw: Option<&str>) -> Result<ListQuery, ScimFailure> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|_| ScimError::bad("invalidSyntax", "the query string is malformed"))
        .map_err(ScimFailure::from)?;
    let mut query = ListQuery::default();
    let number = |name: &str, raw: &str| {
        raw.trim().parse::<i64>().map_err(|_| {
            ScimFailure::from(ScimError::bad(
                "invalidValue",
                format!("{name} must be a whole number"),
            ))
        })
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
            "attributes" => query.attributes = names(&value),
            "excludedAttributes" => query.excluded_attributes = names(&value),
            // Sorting is not supported (ServiceProviderConfig says so); it is ignored.
            _ => {}
        }
    }
    Ok(query)
}

/// The projection asked for on a single resource.
fn projected(body: Value, raw: Option<&str>) -> Result<Value, ScimFailure> {
    let query = list_query(raw)?;
    Ok(scim::project(
        body,
        &query.attributes,
        &query.excluded_attributes,
    ))
}

fn json_body(body: &Bytes) -> Result<Value, ScimError> {
    serde_json::from_slice(body)
        .map_err(|err| ScimError::bad("invalidSyntax", format!("the body is not JSON: {err}")))
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
    outcome: Result<Scim, ScimError>,
    summary: impl FnOnce(&Scim) -> String,
) -> Result<Scim, ScimFailure> {
    let (status, text, answer) = match outcome {
        Ok(done) => (done.status, summary(&done), Ok(done)),
        Err(err) => {
            let failure = ScimFailure::from(err);
            (failure.status, failure.detail.clone(), Err(failure))
        }
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
    answer
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
    let query = list_query(raw.as_deref())?;
    Ok(Scim::ok(users::list(&state.app, &client, &query).await?))
}

async fn get_user(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Scim, ScimFailure> {
    let user = users::get(&state.app, &client, &id).await?;
    Ok(Scim::ok(projected(user, raw.as_deref())?))
}

async fn create_user(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Result<Scim, ScimFailure> {
    let outcome = match json_body(&body) {
        Ok(body) => users::create(&state.app, &client, &body)
            .await
            .map(Scim::created),
        Err(err) => Err(err),
    };
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
    let outcome = match json_body(&body) {
        Ok(body) => users::replace(
            &state.app,
            &client,
            &id,
            if_match(&headers).as_deref(),
            &body,
        )
        .await
        .map(Scim::ok),
        Err(err) => Err(err),
    };
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
    let outcome = match json_body(&body) {
        Ok(body) => users::patch(
            &state.app,
            &client,
            &id,
            if_match(&headers).as_deref(),
            &body,
        )
        .await
        .map(Scim::ok),
        Err(err) => Err(err),
    };
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
    let outcome = users::deactivate(&state.app, &client, &id, if_match(&headers).as_deref())
        .await
        .map(|()| Scim::no_content());
    noted(&state, &client, &method, &uri, outcome, |_| {
        format!("deactivated User {id}")
    })
    .await
}

async fn list_groups(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    RawQuery(raw): RawQuery,
) -> Result<Scim, ScimFailure> {
    let query = list_query(raw.as_deref())?;
    Ok(Scim::ok(groups::list(&state.app, &client, &query).await?))
}

async fn get_group(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Scim, ScimFailure> {
    let group = groups::get(&state.app, &client, &id).await?;
    Ok(Scim::ok(projected(group, raw.as_deref())?))
}

async fn create_group(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Result<Scim, ScimFailure> {
    let outcome = match json_body(&body) {
        Ok(body) => groups::create(&state.app, &client, &body)
            .await
            .map(Scim::created),
        Err(err) => Err(err),
    };
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
    let outcome = match json_body(&body) {
        Ok(body) => groups::replace(
            &state.app,
            &client,
            &id,
            if_match(&headers).as_deref(),
            &body,
        )
        .await
        .map(Scim::ok),
        Err(err) => Err(err),
    };
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
    let outcome = match json_body(&body) {
        Ok(body) => groups::patch(
            &state.app,
            &client,
            &id,
            if_match(&headers).as_deref(),
            &body,
        )
        .await
        .map(Scim::ok),
        Err(err) => Err(err),
    };
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
    let outcome = groups::archive(&state.app, &client, &id, if_match(&headers).as_deref())
        .await
        .map(|()| Scim::no_content());
    noted(&state, &client, &method, &uri, outcome, |_| {
        format!("archived Group {id}")
    })
    .await
}
