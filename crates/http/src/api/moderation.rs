//! Moderation over the API: reporting posts and messages, the moderation queue,
//! moderators' actions and the keyword watch list.

use crate::extract::{ActingCaller, ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;
use hearth_api_types::ErrorBody;
use hearth_api_types::moderation::{
    ActionRequest, QueueItemView, ReasonRequest, ReportView, WatchTermRequest, WatchTermView,
};
use hearth_app::domain::{CommunityId, MessageId, PostId, ReportId, WatchTermId};
use hearth_app::moderation::{self, QueueItem, Report, Subject, WatchTerm};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(report_post))
        .routes(routes!(report_message))
        .routes(routes!(queue))
        .routes(routes!(moderate_post))
        .routes(routes!(moderate_message))
        .routes(routes!(dismiss))
        .routes(routes!(watch_list, add_watch_term))
        .routes(routes!(remove_watch_term))
}

fn report_view(report: &Report) -> ReportView {
    ReportView {
        id: report.id.to_string(),
        target_kind: report.target_kind.as_str().to_owned(),
        target_id: report.target_id.to_string(),
        reporter_id: report.reporter_id.map(|u| u.to_string()),
        reporter_name: report.reporter_name.clone(),
        reason: report.reason.clone(),
        created_at: views::timestamp(report.created_at),
    }
}

fn queue_item_view(item: &QueueItem) -> QueueItemView {
    let (kind, id) = match item.subject {
        Subject::Post(id) => ("post", id.0),
        Subject::Message(id) => ("message", id.0),
    };
    QueueItemView {
        report_id: item.report_id.to_string(),
        target_kind: kind.to_owned(),
        target_id: id.to_string(),
        community_id: item.community_id.map(|c| c.to_string()),
        thread_id: item.thread_id.map(|t| t.to_string()),
        author_id: item.author_id.to_string(),
        author_name: item.author_name.clone(),
        excerpt: item.excerpt.clone(),
        moderation: item.moderation.map(|m| m.as_str().to_owned()),
        removed: item.removed,
        locked: item.locked,
        pinned: item.pinned,
        report_count: item.reports.len(),
        reports: item.reports.iter().map(report_view).collect(),
    }
}

fn term_view(term: &WatchTerm) -> WatchTermView {
    WatchTermView {
        id: term.id.to_string(),
        term: term.term.clone(),
        mode: term.mode.as_str().to_owned(),
        created_at: views::timestamp(term.created_at),
    }
}

/// Reports a post or reply the caller may read.
#[utoipa::path(
    post, path = "/api/hearth/v1/posts/{id}/reports", tag = "moderation",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Post id")),
    request_body = ReasonRequest,
    responses(
        (status = 201, body = ReportView),
        (status = 404, body = ErrorBody, description = "No such post you may see"),
        (status = 409, body = ErrorBody, description = "Your earlier report of it is still open"),
        (status = 422, body = ErrorBody, description = "Missing or too long reason"),
    )
)]
pub async fn report_post(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
    ApiJson(body): ApiJson<ReasonRequest>,
) -> Result<(StatusCode, Json<ReportView>), ApiError> {
    let report = moderation::report_post(&state.app, &caller.actor(), id, &body.reason).await?;
    Ok((StatusCode::CREATED, Json(report_view(&report))))
}

/// Reports a chat message of a conversation the caller is in.
#[utoipa::path(
    post, path = "/api/hearth/v1/messages/{id}/reports", tag = "moderation",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Message id")),
    request_body = ReasonRequest,
    responses(
        (status = 201, body = ReportView),
        (status = 404, body = ErrorBody, description = "No such message you may see"),
        (status = 409, body = ErrorBody, description = "Your earlier report of it is still open"),
        (status = 422, body = ErrorBody, description = "Missing or too long reason"),
    )
)]
pub async fn report_message(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<MessageId>,
    ApiJson(body): ApiJson<ReasonRequest>,
) -> Result<(StatusCode, Json<ReportView>), ApiError> {
    let report = moderation::report_message(&state.app, &caller.actor(), id, &body.reason).await?;
    Ok((StatusCode::CREATED, Json(report_view(&report))))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueParams {
    /// Only the reports of this community's posts.
    #[param(value_type = Option<String>)]
    community: Option<CommunityId>,
}

/// The open reports the caller may act on, grouped by content, oldest first:
/// network admins see the network's, community managers their communities'.
#[utoipa::path(
    get, path = "/api/hearth/v1/moderation/queue", tag = "moderation",
    security(("token" = []), ("session" = [])),
    params(QueueParams),
    responses(
        (status = 200, body = Vec<QueueItemView>),
        (status = 403, body = ErrorBody, description = "Neither a network admin nor a community manager"),
    )
)]
pub async fn queue(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<axum::extract::Query<QueueParams>, QueryRejection>,
) -> Result<Json<Vec<QueueItemView>>, ApiError> {
    let axum::extract::Query(params) = params?;
    let items = moderation::queue(&state.app, &caller.actor(), params.community).await?;
    Ok(Json(items.iter().map(queue_item_view).collect()))
}

async fn moderate(
    state: &AppState,
    caller: &ActingCaller,
    subject: Subject,
    body: &ActionRequest,
) -> Result<StatusCode, ApiError> {
    moderation::moderate(
        &state.app,
        caller.acting(),
        subject,
        &body.action,
        &body.reason,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Hides, removes, restores, locks, unlocks, pins or unpins a post or reply, with a
/// reason its author is told; resolves the open reports of it.
#[utoipa::path(
    post, path = "/api/hearth/v1/moderation/posts/{id}/actions", tag = "moderation",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Post id")),
    request_body = ActionRequest,
    responses(
        (status = 204, description = "Done"),
        (status = 403, body = ErrorBody, description = "Not a moderator of this post"),
        (status = 404, body = ErrorBody, description = "No such post"),
        (status = 409, body = ErrorBody, description = "Already so (e.g. hiding a hidden post)"),
        (status = 422, body = ErrorBody, description = "Unknown action, or missing reason"),
    )
)]
pub async fn moderate_post(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<PostId>,
    ApiJson(body): ApiJson<ActionRequest>,
) -> Result<StatusCode, ApiError> {
    moderate(&state, &caller, Subject::Post(id), &body).await
}

/// Removes or restores a reported chat message (network admins).
#[utoipa::path(
    post, path = "/api/hearth/v1/moderation/messages/{id}/actions", tag = "moderation",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Message id")),
    request_body = ActionRequest,
    responses(
        (status = 204, description = "Done"),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 404, body = ErrorBody, description = "No such reported message"),
        (status = 409, body = ErrorBody, description = "Already so"),
        (status = 422, body = ErrorBody, description = "Unknown action, or missing reason"),
    )
)]
pub async fn moderate_message(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<MessageId>,
    ApiJson(body): ApiJson<ActionRequest>,
) -> Result<StatusCode, ApiError> {
    moderate(&state, &caller, Subject::Message(id), &body).await
}

/// Dismisses a report and every other open report of the same content.
#[utoipa::path(
    post, path = "/api/hearth/v1/moderation/reports/{id}/dismissal", tag = "moderation",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Report id")),
    request_body = ReasonRequest,
    responses(
        (status = 204, description = "Dismissed"),
        (status = 403, body = ErrorBody, description = "Not a moderator of the content"),
        (status = 404, body = ErrorBody, description = "No such open report"),
        (status = 409, body = ErrorBody, description = "The post is held: restore or remove it"),
        (status = 422, body = ErrorBody, description = "Missing reason"),
    )
)]
pub async fn dismiss(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<ReportId>,
    ApiJson(body): ApiJson<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    moderation::dismiss(&state.app, caller.acting(), id, &body.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The keyword watch list (network admins).
#[utoipa::path(
    get, path = "/api/hearth/v1/moderation/watch-terms", tag = "moderation",
    security(("token" = []), ("session" = [])),
    responses(
        (status = 200, body = Vec<WatchTermView>),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
    )
)]
pub async fn watch_list(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<WatchTermView>>, ApiError> {
    let terms = moderation::watch_list(&state.app, &caller.actor()).await?;
    Ok(Json(terms.iter().map(term_view).collect()))
}

/// Adds a term to the watch list.
#[utoipa::path(
    post, path = "/api/hearth/v1/moderation/watch-terms", tag = "moderation",
    security(("token" = []), ("session" = [])),
    request_body = WatchTermRequest,
    responses(
        (status = 201, body = WatchTermView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 409, body = ErrorBody, description = "Already watched"),
        (status = 422, body = ErrorBody, description = "Invalid term or mode"),
    )
)]
pub async fn add_watch_term(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(body): ApiJson<WatchTermRequest>,
) -> Result<(StatusCode, Json<WatchTermView>), ApiError> {
    let term =
        moderation::add_watch_term(&state.app, caller.acting(), &body.term, &body.mode).await?;
    Ok((StatusCode::CREATED, Json(term_view(&term))))
}

/// Takes a term off the watch list.
#[utoipa::path(
    delete, path = "/api/hearth/v1/moderation/watch-terms/{id}", tag = "moderation",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Watch term id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 404, body = ErrorBody, description = "No such term"),
    )
)]
pub async fn remove_watch_term(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<WatchTermId>,
) -> Result<StatusCode, ApiError> {
    moderation::remove_watch_term(&state.app, caller.acting(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
