//! The network's data over the JSON API: the retention policy (read, set, dry run,
//! apply) and compliance exports (the whole network, or one person) as zip files.

use crate::extract::{ActingCaller, ApiCaller, ApiJson, ApiPath};
use crate::views::timestamp;
use crate::{ApiError, AppState};
use axum::Json;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::TryStreamExt;
use hearth_api_types::ErrorBody;
use hearth_api_types::data::{RetentionReportView, RetentionView};
use hearth_app::domain::UserId;
use hearth_app::export::{self, ContentExport, Whom};
use hearth_app::retention::{self, RetentionReport};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_retention, set_retention))
        .routes(routes!(dry_run))
        .routes(routes!(apply))
        .routes(routes!(export_network))
        .routes(routes!(export_user))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DryRunParams {
    /// Count for this many days instead of the current policy.
    pub days: Option<i64>,
}

fn report(report: &RetentionReport) -> RetentionReportView {
    RetentionReportView {
        days: report.days,
        cutoff: timestamp(report.cutoff),
        posts: report.counts.posts,
        reactions: report.counts.reactions,
        messages: report.counts.messages,
    }
}

/// The network's retention policy.
#[utoipa::path(
    get, path = "/api/hearth/v1/retention", tag = "data",
    security(("token" = []), ("session" = [])),
    responses(
        (status = 200, body = RetentionView),
        (status = 403, body = ErrorBody, description = "Not an admin or compliance officer"),
    )
)]
pub async fn get_retention(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<RetentionView>, ApiError> {
    let days = retention::setting(&state.app, &caller.actor()).await?;
    Ok(Json(RetentionView {
        retention_days: days,
    }))
}

/// Sets the retention policy (1 to 36500 days), or turns it off with `null`. Nothing
/// is deleted until the policy is applied, by the server within the hour or by
/// `POST /retention/apply`.
#[utoipa::path(
    put, path = "/api/hearth/v1/retention", tag = "data",
    security(("token" = []), ("session" = [])),
    request_body = RetentionView,
    responses(
        (status = 200, body = RetentionView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 422, body = ErrorBody, description = "Days out of range"),
    )
)]
pub async fn set_retention(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(body): ApiJson<RetentionView>,
) -> Result<Json<RetentionView>, ApiError> {
    let days = retention::set(&state.app, caller.acting(), body.retention_days).await?;
    Ok(Json(RetentionView {
        retention_days: days,
    }))
}

/// Counts what the policy (or one of `days`) would delete now; changes nothing.
#[utoipa::path(
    get, path = "/api/hearth/v1/retention/dry-run", tag = "data",
    security(("token" = []), ("session" = [])),
    params(DryRunParams),
    responses(
        (status = 200, body = RetentionReportView),
        (status = 403, body = ErrorBody, description = "Not an admin or compliance officer"),
        (status = 409, body = ErrorBody, description = "No policy is set and no `days` given"),
        (status = 422, body = ErrorBody, description = "Days out of range"),
    )
)]
pub async fn dry_run(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<DryRunParams>, QueryRejection>,
) -> Result<Json<RetentionReportView>, ApiError> {
    let Query(params) = params?;
    let counted = retention::dry_run(&state.app, &caller.actor(), params.days).await?;
    Ok(Json(report(&counted)))
}

/// Applies the policy now and answers what it deleted.
#[utoipa::path(
    post, path = "/api/hearth/v1/retention/apply", tag = "data",
    security(("token" = []), ("session" = [])),
    responses(
        (status = 200, body = RetentionReportView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 409, body = ErrorBody, description = "No policy is set"),
    )
)]
pub async fn apply(
    State(state): State<AppState>,
    caller: ActingCaller,
) -> Result<Json<RetentionReportView>, ApiError> {
    let applied = retention::apply(&state.app, caller.acting()).await?;
    Ok(Json(report(&applied)))
}

/// Everything in the network as JSON lines files in a zip (`users.jsonl`,
/// `posts.jsonl`, `messages.jsonl`, `audit.jsonl` …), streamed. Recorded as
/// `network.exported`. A `POST`, not a `GET`: it writes to the audit log and runs
/// long, so a cross-site link must not be able to start it (cookie callers send the
/// CSRF header).
#[utoipa::path(
    post, path = "/api/hearth/v1/exports/network", tag = "data",
    security(("token" = []), ("session" = [])),
    responses(
        (status = 200, description = "The zip", content_type = "application/zip", body = Vec<u8>),
        (status = 403, body = ErrorBody, description = "Not an admin or compliance officer"),
    )
)]
pub async fn export_network(
    State(state): State<AppState>,
    caller: ActingCaller,
) -> Result<Response, ApiError> {
    let export = export::network(&state.app, caller.acting()).await?;
    Ok(zip_download(export))
}

/// One person's account, profile, posts, reactions, messages and the conversations
/// they are in, as JSON lines files in a zip, streamed. Recorded as `user.exported`.
/// A `POST` for the same reason as the network's export.
#[utoipa::path(
    post, path = "/api/hearth/v1/exports/users/{id}", tag = "data",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "User id")),
    responses(
        (status = 200, description = "The zip", content_type = "application/zip", body = Vec<u8>),
        (status = 403, body = ErrorBody, description = "Not an admin or compliance officer"),
        (status = 404, body = ErrorBody, description = "No such person in your network"),
    )
)]
pub async fn export_user(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<UserId>,
) -> Result<Response, ApiError> {
    let export = export::user(&state.app, caller.acting(), &Whom::Id(id)).await?;
    Ok(zip_download(export))
}

/// The zip as a streamed attachment. A failure midway is logged and cuts the
/// download short; the zip then lacks its directory, so no reader takes it as whole.
pub(crate) fn zip_download(export: ContentExport) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", export.file_name());
    let stream = export.into_stream().map_err(|err| {
        tracing::error!(error = %err, "the compliance export failed midway");
        std::io::Error::other("the export failed")
    });
    (
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}
