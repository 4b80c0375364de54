//! Praise over the JSON API: what a person received, and the network's setting for
//! telling managers. Praise is written with its post (`POST /posts`, field `praise`).

use super::communities::PageParams;
use crate::extract::{ActingCaller, ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use hearth_api_types::ErrorBody;
use hearth_api_types::praise::{PraiseCount, PraiseReceivedView, PraiseSettingsView};
use hearth_app::people::PersonRef;
use hearth_app::praise;

/// The praise a person received that the caller may read, counted per kind, and a
/// page of the posts, newest first.
#[utoipa::path(
    get, path = "/api/hearth/v1/people/{person}/praise", tag = "praise",
    security(("token" = []), ("session" = [])),
    params(("person" = String, Path, description = "Id, or handle"), PageParams),
    responses(
        (status = 200, body = PraiseReceivedView),
        (status = 404, body = ErrorBody, description = "No such person"),
        (status = 422, body = ErrorBody, description = "Limit out of range"),
    )
)]
pub async fn received(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(person): ApiPath<String>,
    params: Result<axum::extract::Query<PageParams>, QueryRejection>,
) -> Result<Json<PraiseReceivedView>, ApiError> {
    let axum::extract::Query(params) = params?;
    let actor = caller.actor();
    let card = hearth_app::people::get(&state.app, &actor, &PersonRef::parse(&person)).await?;
    let found = praise::received(
        &state.app,
        &actor,
        card.profile.user_id,
        params.before()?,
        params.limit,
    )
    .await?;
    Ok(Json(PraiseReceivedView {
        counts: found
            .counts
            .iter()
            .map(|(kind, count)| PraiseCount {
                kind: kind.as_str().to_owned(),
                count: *count,
            })
            .collect(),
        posts: found.page.posts.iter().map(views::post).collect(),
        next_before: found.page.next_before.map(|id| id.to_string()),
    }))
}

/// Whether the managers of the people praised are told too.
#[utoipa::path(
    get, path = "/api/hearth/v1/praise-settings", tag = "praise",
    security(("token" = []), ("session" = [])),
    responses((status = 200, body = PraiseSettingsView))
)]
pub async fn settings(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<PraiseSettingsView>, ApiError> {
    let tells_managers = praise::tells_managers(&state.app, &caller.actor()).await?;
    Ok(Json(PraiseSettingsView { tells_managers }))
}

/// Turns telling managers of their reports' praise on or off (network admins;
/// audited).
#[utoipa::path(
    put, path = "/api/hearth/v1/praise-settings", tag = "praise",
    security(("token" = []), ("session" = [])),
    request_body = PraiseSettingsView,
    responses(
        (status = 200, body = PraiseSettingsView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
    )
)]
pub async fn change_settings(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(body): ApiJson<PraiseSettingsView>,
) -> Result<Json<PraiseSettingsView>, ApiError> {
    let tells_managers =
        praise::set_tells_managers(&state.app, caller.acting(), body.tells_managers).await?;
    Ok(Json(PraiseSettingsView { tells_managers }))
}
