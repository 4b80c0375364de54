//! The notification centre: list, unread count, mark read.

use super::role_id;
use crate::extract::{ApiCaller, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;
use hearth_api_types::{ErrorBody, NotificationPage};
use hearth_app::domain::{Millis, NotificationId};
use hearth_app::notifications;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(mark_read))
        .routes(routes!(mark_all_read))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// The `next` value of the previous page.
    before: Option<String>,
    /// At most this many (1–100, default 30).
    limit: Option<i64>,
}

/// The signed-in person's notifications, most recently updated first, and how many
/// are unread.
#[utoipa::path(
    get, path = "/api/hearth/v1/notifications", tag = "notifications",
    security(("token" = []), ("session" = [])),
    params(ListParams),
    responses(
        (status = 200, body = NotificationPage),
        (status = 400, body = ErrorBody, description = "A cursor that is not one of ours"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<axum::extract::Query<ListParams>, QueryRejection>,
) -> Result<Json<NotificationPage>, ApiError> {
    let axum::extract::Query(params) = params?;
    let before = params.before.as_deref().map(parse_cursor).transpose()?;
    let page = notifications::list(
        &state.app,
        &caller.actor(),
        before,
        params.limit.unwrap_or(30),
    )
    .await?;
    Ok(Json(views::notification_page(&page)))
}

fn parse_cursor(raw: &str) -> Result<(Millis, NotificationId), ApiError> {
    let (at, id) = raw
        .split_once(':')
        .ok_or_else(|| ApiError::bad_request("before must be the `next` value of a page"))?;
    Ok((role_id(at, "cursor")?, role_id(id, "cursor")?))
}

/// Marks one notification read.
#[utoipa::path(
    post, path = "/api/hearth/v1/notifications/{id}/read", tag = "notifications",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Notification id")),
    responses(
        (status = 204, description = "Read"),
        (status = 404, body = ErrorBody, description = "No such notification of yours"),
    )
)]
pub async fn mark_read(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<NotificationId>,
) -> Result<StatusCode, ApiError> {
    notifications::mark_read(&state.app, &caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Marks every notification read.
#[utoipa::path(
    post, path = "/api/hearth/v1/notifications/read", tag = "notifications",
    security(("token" = []), ("session" = [])),
    responses((status = 204, description = "All read"))
)]
pub async fn mark_all_read(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<StatusCode, ApiError> {
    notifications::mark_all_read(&state.app, &caller.actor()).await?;
    Ok(StatusCode::NO_CONTENT)
}
