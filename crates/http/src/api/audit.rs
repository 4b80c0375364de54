//! The audit log over the JSON API: pages of entries, and the filtered log as a CSV
//! or JSON lines download. Network admins and compliance officers only.

use super::role_id;
use crate::extract::{ActingCaller, ApiCaller};
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
use hearth_api_types::audit::{AuditEntryView, AuditPageView};
use hearth_app::audit;
use hearth_app::domain::AuditEntry;
use hearth_app::export::{self, AuditExport, AuditFormat, AuditQuery};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(download))
}

/// Which entries; every filter left out matches everything.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// An action, e.g. `user.deactivated`.
    pub action: Option<String>,
    /// Entries by this user id.
    pub actor_id: Option<String>,
    /// Entries about this user, post, message … id.
    pub target_id: Option<String>,
    /// First day, `YYYY-MM-DD` (UTC), included.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (UTC), included.
    pub until: Option<String>,
    /// From the previous page's `next_before`.
    pub before: Option<String>,
    /// 1 to 500; 100 when left out.
    pub limit: Option<i64>,
    /// Downloads only: `csv` (the default) or `jsonl`.
    pub format: Option<String>,
}

impl AuditParams {
    pub(crate) fn query(&self) -> AuditQuery {
        AuditQuery {
            action: self.action.clone(),
            actor_id: self.actor_id.clone(),
            target_id: self.target_id.clone(),
            from: self.from.clone(),
            until: self.until.clone(),
        }
    }
}

pub(crate) fn entry_view(entry: &AuditEntry) -> AuditEntryView {
    AuditEntryView {
        id: entry.id.to_string(),
        created_at: timestamp(entry.created_at),
        actor_kind: entry.actor_kind.as_str().to_owned(),
        actor_id: entry.actor_id.map(|id| id.to_string()),
        actor_name: entry.actor_name.clone(),
        action: entry.action.clone(),
        target_kind: entry.target_kind.clone(),
        target_id: entry.target_id.map(|id| id.to_string()),
        target_name: entry.target_name.clone(),
        reason: entry.reason.clone(),
        address: entry.client_ip.clone(),
        details: serde_json::from_str(&entry.details)
            .unwrap_or_else(|_| serde_json::Value::String(entry.details.clone())),
    }
}

const DEFAULT_PAGE: i64 = 100;

/// A page of the network's audit log, newest first.
#[utoipa::path(
    get, path = "/api/hearth/v1/audit", tag = "audit",
    security(("token" = []), ("session" = [])),
    params(AuditParams),
    responses(
        (status = 200, body = AuditPageView),
        (status = 403, body = ErrorBody, description = "Not an admin or compliance officer"),
        (status = 422, body = ErrorBody, description = "A filter that does not make sense"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<AuditParams>, QueryRejection>,
) -> Result<Json<AuditPageView>, ApiError> {
    let Query(params) = params?;
    let filter = params
        .query()
        .filter()
        .map_err(hearth_app::AppError::from)?;
    let before = params
        .before
        .as_deref()
        .map(|raw| role_id(raw, "before"))
        .transpose()?;
    let limit = params.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=audit::MAX_PAGE).contains(&limit) {
        return Err(
            hearth_app::AppError::from(hearth_app::domain::ValidationError::new(
                "limit",
                format!("limit must be between 1 and {}", audit::MAX_PAGE),
            ))
            .into(),
        );
    }
    let entries = audit::list(&state.app, &caller.actor(), &filter, before, limit).await?;
    let next_before = (i64::try_from(entries.len()).unwrap_or(i64::MAX) == limit)
        .then(|| entries.last().map(|e| e.id.to_string()))
        .flatten();
    Ok(Json(AuditPageView {
        entries: entries.iter().map(entry_view).collect(),
        next_before,
    }))
}

/// The filtered log as a file, newest first: CSV with a header row, or one JSON
/// object per line. Streamed; the download is itself recorded (`audit.exported`), so
/// it is a `POST` (with the CSRF header for cookie callers): a cross-site link cannot
/// start it. The filters stay in the query string, as for `GET /audit`.
#[utoipa::path(
    post, path = "/api/hearth/v1/audit/export", tag = "audit",
    security(("token" = []), ("session" = [])),
    params(AuditParams),
    responses(
        (status = 200, description = "The entries as a file", content(
            (String = "text/csv"),
            (String = "application/jsonl"),
        )),
        (status = 403, body = ErrorBody, description = "Not an admin or compliance officer"),
        (status = 422, body = ErrorBody, description = "An unknown format or a filter that does not make sense"),
    )
)]
pub async fn download(
    State(state): State<AppState>,
    caller: ActingCaller,
    params: Result<Query<AuditParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params?;
    let format = AuditFormat::parse(params.format.as_deref().unwrap_or("csv"))
        .map_err(hearth_app::AppError::from)?;
    let filter = params
        .query()
        .filter()
        .map_err(hearth_app::AppError::from)?;
    let export = export::audit_log(&state.app, caller.acting(), filter, format).await?;
    Ok(audit_download(export))
}

/// The export as a streamed attachment. A failure midway is logged and cuts the
/// download short, which the client sees as an incomplete transfer.
pub(crate) fn audit_download(export: AuditExport) -> Response {
    let format = export.format();
    let stream = export.into_stream().map_err(|err| {
        tracing::error!(error = %err, "the audit log export failed midway");
        std::io::Error::other("the export failed")
    });
    (
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"hearth-audit.{}\"", format.as_str()),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}
