//! Polls over the JSON API: voting, taking a vote back, closing early, who voted
//! (named polls), and the network's setting for the kinds of vote allowed. A poll is
//! created with its post (`POST /posts`, field `poll`).

use crate::extract::{ActingCaller, ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use hearth_api_types::ErrorBody;
use hearth_api_types::polls::{
    PollSettingsView, PollView, PollVoterView, PollVotersView, VoteRequest,
};
use hearth_app::domain::PostId;
use hearth_app::polls;

/// Casts the caller's vote, or replaces it: the positions of the options chosen.
#[utoipa::path(
    put, path = "/api/hearth/v1/posts/{id}/poll/vote", tag = "polls",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The post carrying the poll")),
    request_body = VoteRequest,
    responses(
        (status = 200, body = PollView),
        (status = 403, body = ErrorBody, description = "The poll is closed, or the caller may not post where it is"),
        (status = 404, body = ErrorBody, description = "No such post with a poll that the caller may see"),
        (status = 422, body = ErrorBody, description = "Not options of this poll, or several for a single-choice poll"),
    )
)]
pub async fn vote(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
    ApiJson(body): ApiJson<VoteRequest>,
) -> Result<Json<PollView>, ApiError> {
    let shown = polls::vote(&state.app, &caller.actor(), id, &body.options).await?;
    Ok(Json(views::poll(&shown)))
}

/// Takes the caller's vote back while the poll is open.
#[utoipa::path(
    delete, path = "/api/hearth/v1/posts/{id}/poll/vote", tag = "polls",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The post carrying the poll")),
    responses(
        (status = 200, body = PollView),
        (status = 403, body = ErrorBody, description = "The poll is closed"),
        (status = 404, body = ErrorBody, description = "No such post with a poll that the caller may see"),
    )
)]
pub async fn withdraw(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
) -> Result<Json<PollView>, ApiError> {
    let shown = polls::withdraw(&state.app, &caller.actor(), id).await?;
    Ok(Json(views::poll(&shown)))
}

/// Closes the poll now (its author, the community's managers, network admins).
#[utoipa::path(
    post, path = "/api/hearth/v1/posts/{id}/poll/close", tag = "polls",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The post carrying the poll")),
    responses(
        (status = 200, body = PollView),
        (status = 403, body = ErrorBody, description = "Not the author or a manager"),
        (status = 409, body = ErrorBody, description = "Already closed"),
    )
)]
pub async fn close(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<PostId>,
) -> Result<Json<PollView>, ApiError> {
    let shown = polls::close(&state.app, caller.acting(), id).await?;
    Ok(Json(views::poll(&shown)))
}

/// Who chose each option of a named poll, once the caller may see its results.
#[utoipa::path(
    get, path = "/api/hearth/v1/posts/{id}/poll/voters", tag = "polls",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The post carrying the poll")),
    responses(
        (status = 200, body = Vec<PollVotersView>),
        (status = 403, body = ErrorBody, description = "The votes are anonymous, or the results are not shown yet"),
    )
)]
pub async fn voters(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
) -> Result<Json<Vec<PollVotersView>>, ApiError> {
    let options = polls::voters(&state.app, &caller.actor(), id).await?;
    Ok(Json(
        options
            .into_iter()
            .enumerate()
            .map(|(n, option)| PollVotersView {
                position: i64::try_from(n).unwrap_or(i64::MAX),
                label: option.label,
                people: option
                    .people
                    .into_iter()
                    .map(|(id, display_name)| PollVoterView {
                        user_id: id.to_string(),
                        display_name,
                    })
                    .collect(),
            })
            .collect(),
    ))
}

/// Which kinds of vote the network's new polls may have.
#[utoipa::path(
    get, path = "/api/hearth/v1/poll-settings", tag = "polls",
    security(("token" = []), ("session" = [])),
    responses((status = 200, body = PollSettingsView))
)]
pub async fn settings(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<PollSettingsView>, ApiError> {
    let allowed = polls::allowed_votes(&state.app, &caller.actor()).await?;
    Ok(Json(PollSettingsView {
        allowed_votes: allowed.as_str().to_owned(),
    }))
}

/// Sets which kinds of vote new polls may have: `any`, `named` or `anonymous`
/// (network admins; audited). Open polls keep theirs.
#[utoipa::path(
    put, path = "/api/hearth/v1/poll-settings", tag = "polls",
    security(("token" = []), ("session" = [])),
    request_body = PollSettingsView,
    responses(
        (status = 200, body = PollSettingsView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 422, body = ErrorBody, description = "Not one of the settings"),
    )
)]
pub async fn change_settings(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(body): ApiJson<PollSettingsView>,
) -> Result<Json<PollSettingsView>, ApiError> {
    let allowed =
        polls::set_allowed_votes(&state.app, caller.acting(), &body.allowed_votes).await?;
    Ok(Json(PollSettingsView {
        allowed_votes: allowed.as_str().to_owned(),
    }))
}
