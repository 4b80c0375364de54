//! Administering people's accounts: the list, deactivation, suspension, reactivation,
//! deletion and roles. Network admins only; every act lands in the audit log with the
//! caller's address.

use super::role_id;
use crate::extract::{ActingCaller, ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::{Query, State};
use hearth_api_types::{
    AccountPage, DeleteUserRequest, ErrorBody, NetworkRoleRequest, ReasonRequest, SuspendRequest,
    UserView,
};
use hearth_app::domain::{Role, User, UserId, UserStatus};
use hearth_app::lifecycle::{self, DeletedContent};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_accounts))
        .routes(routes!(deactivate))
        .routes(routes!(suspend))
        .routes(routes!(reactivate))
        .routes(routes!(delete_user))
        .routes(routes!(set_role))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountQuery {
    /// Only accounts with this status: `active`, `suspended`, `deactivated`, `deleted`.
    status: Option<String>,
    /// Only accounts whose name or e-mail contains this text.
    q: Option<String>,
    /// The `next` value of the previous page.
    after: Option<String>,
}

const ACCOUNT_PAGE: i64 = 100;

/// The network's accounts in every status, for administrators.
#[utoipa::path(
    get, path = "/api/hearth/v1/admin/users", tag = "admin",
    security(("token" = []), ("session" = [])),
    params(AccountQuery),
    responses(
        (status = 200, body = AccountPage),
        (status = 400, body = ErrorBody, description = "Unknown status or bad cursor"),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
    )
)]
pub async fn list_accounts(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(query): Query<AccountQuery>,
) -> Result<Json<AccountPage>, ApiError> {
    let status = query
        .status
        .as_deref()
        .filter(|raw| !raw.is_empty())
        .map(|raw| {
            UserStatus::parse(raw).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "status must be active, suspended, deactivated or deleted, not {raw:?}"
                ))
            })
        })
        .transpose()?;
    let after = query
        .after
        .as_deref()
        .map(|raw| role_id(raw, "cursor"))
        .transpose()?;
    let rows = lifecycle::accounts(
        &state.app,
        &caller.actor(),
        status,
        query.q.as_deref(),
        after,
        ACCOUNT_PAGE,
    )
    .await?;
    let next = (rows.len() as i64 == ACCOUNT_PAGE)
        .then(|| rows.last().map(|row| row.id.to_string()))
        .flatten();
    Ok(Json(AccountPage {
        accounts: rows
            .iter()
            .map(|row| UserView {
                id: row.id.to_string(),
                network_id: caller.user.network_id.to_string(),
                email: row.email.clone(),
                display_name: row.display_name.clone(),
                role: row.role.as_str().to_owned(),
                status: row.status.as_str().to_owned(),
                suspended_until: row.suspended_until.map(views::timestamp),
                created_at: views::timestamp(row.created_at),
            })
            .collect(),
        next,
    }))
}

fn done(user: &User) -> Json<UserView> {
    Json(views::user(user))
}

/// Deactivates an account ("left the company"): every session and token is revoked
/// and every open live connection closed at once; the content stays.
#[utoipa::path(
    post, path = "/api/hearth/v1/users/{id}/deactivate", tag = "admin",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "User id")),
    request_body = ReasonRequest,
    responses(
        (status = 200, body = UserView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 404, body = ErrorBody, description = "No such person in your network"),
        (status = 409, body = ErrorBody, description = "Already deactivated, or the last admin"),
    )
)]
pub async fn deactivate(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<UserId>,
    ApiJson(body): ApiJson<ReasonRequest>,
) -> Result<Json<UserView>, ApiError> {
    let user = lifecycle::deactivate(&state.app, caller.acting(), id, &body.reason).await?;
    Ok(done(&user))
}

/// Suspends an account until a time in the future; it works again by itself then.
#[utoipa::path(
    post, path = "/api/hearth/v1/users/{id}/suspend", tag = "admin",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "User id")),
    request_body = SuspendRequest,
    responses(
        (status = 200, body = UserView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 404, body = ErrorBody, description = "No such person in your network"),
        (status = 409, body = ErrorBody, description = "Deactivated, or the last admin"),
        (status = 422, body = ErrorBody, description = "The end is not a future time"),
    )
)]
pub async fn suspend(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<UserId>,
    ApiJson(body): ApiJson<SuspendRequest>,
) -> Result<Json<UserView>, ApiError> {
    let until = hearth_app::parse_rfc3339(&body.until).ok_or_else(|| {
        ApiError::invalid_field(
            "until",
            format!(
                "until must be an RFC 3339 time such as 2026-12-31T00:00:00Z, not {:?}",
                body.until
            ),
        )
    })?;
    let user = lifecycle::suspend(&state.app, caller.acting(), id, until, &body.reason).await?;
    Ok(done(&user))
}

/// Lets a deactivated or suspended account be used again.
#[utoipa::path(
    post, path = "/api/hearth/v1/users/{id}/reactivate", tag = "admin",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "User id")),
    request_body = ReasonRequest,
    responses(
        (status = 200, body = UserView),
        (status = 403, body = ErrorBody, description = "Not a network admin, or deleted"),
        (status = 404, body = ErrorBody, description = "No such person in your network"),
        (status = 409, body = ErrorBody, description = "Already active"),
    )
)]
pub async fn reactivate(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<UserId>,
    ApiJson(body): ApiJson<ReasonRequest>,
) -> Result<Json<UserView>, ApiError> {
    let user = lifecycle::reactivate(&state.app, caller.acting(), id, &body.reason).await?;
    Ok(done(&user))
}

/// Deletes an account for good, anonymizing the person; their content stays or goes.
#[utoipa::path(
    delete, path = "/api/hearth/v1/users/{id}", tag = "admin",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "User id")),
    request_body = DeleteUserRequest,
    responses(
        (status = 200, body = UserView, description = "The anonymized account"),
        (status = 403, body = ErrorBody, description = "Not a network admin, or already deleted"),
        (status = 404, body = ErrorBody, description = "No such person in your network"),
        (status = 409, body = ErrorBody, description = "The last admin"),
        (status = 422, body = ErrorBody, description = "content is not keep or remove"),
    )
)]
pub async fn delete_user(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<UserId>,
    ApiJson(body): ApiJson<DeleteUserRequest>,
) -> Result<Json<UserView>, ApiError> {
    let content = DeletedContent::parse(&body.content).ok_or_else(|| {
        ApiError::invalid_field(
            "content",
            format!(
                "content must be \"keep\" or \"remove\", not {:?}",
                body.content
            ),
        )
    })?;
    let user = lifecycle::delete(&state.app, caller.acting(), id, content, &body.reason).await?;
    Ok(done(&user))
}

/// Makes someone a member, a network admin or a compliance officer.
#[utoipa::path(
    put, path = "/api/hearth/v1/users/{id}/role", tag = "admin",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "User id")),
    request_body = NetworkRoleRequest,
    responses(
        (status = 200, body = UserView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 404, body = ErrorBody, description = "No such person in your network"),
        (status = 409, body = ErrorBody, description = "Already that role, or the last admin"),
        (status = 422, body = ErrorBody, description = "Unknown role"),
    )
)]
pub async fn set_role(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<UserId>,
    ApiJson(body): ApiJson<NetworkRoleRequest>,
) -> Result<Json<UserView>, ApiError> {
    let role = Role::parse(&body.role).ok_or_else(|| {
        ApiError::invalid_field(
            "role",
            format!(
                "role must be \"member\", \"admin\" or \"compliance\", not {:?}",
                body.role
            ),
        )
    })?;
    let user = lifecycle::change_role(&state.app, caller.acting(), id, role, &body.reason).await?;
    Ok(done(&user))
}
