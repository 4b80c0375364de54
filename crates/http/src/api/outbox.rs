//! The e-mail outbox over the JSON API, for network admins: above all the parked
//! e-mails, those that failed every try and will not be sent again.

use crate::extract::ApiCaller;
use crate::views::timestamp;
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use hearth_api_types::ErrorBody;
use hearth_api_types::outbox::{OutboxEmailView, OutboxView};
use hearth_app::mail;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxParams {
    /// `parked` (the default), `pending`, `sent` or `skipped`.
    pub state: Option<String>,
}

/// The network's e-mails in one state; by default the parked ones.
#[utoipa::path(
    get, path = "/api/hearth/v1/admin/outbox", tag = "admin",
    security(("token" = []), ("session" = [])),
    params(OutboxParams),
    responses(
        (status = 200, body = OutboxView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 422, body = ErrorBody, description = "An unknown state"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<OutboxParams>, QueryRejection>,
) -> Result<Json<OutboxView>, ApiError> {
    let Query(params) = params?;
    let wanted = params.state.as_deref().unwrap_or("parked");
    let entries = mail::list_outbox(&state.app, &caller.actor(), wanted).await?;
    Ok(Json(OutboxView {
        emails: entries
            .into_iter()
            .map(|entry| OutboxEmailView {
                id: entry.id.to_string(),
                recipient_id: entry.recipient.0.to_string(),
                kind: entry.kind,
                subject: entry.subject,
                state: entry.state,
                attempts: entry.attempts,
                last_error: entry.last_error,
                created_at: timestamp(entry.created_at),
            })
            .collect(),
    }))
}
