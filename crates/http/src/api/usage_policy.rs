//! The usage policy: reading and accepting it, and publishing new versions.

use crate::extract::{ActingCaller, ApiCaller, ApiJson};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hearth_api_types::ErrorBody;
use hearth_api_types::usage_policy::{
    AcceptUsagePolicyRequest, CurrentUsagePolicyView, PublishUsagePolicyRequest, UsagePolicyView,
};
use hearth_app::rfc3339;
use hearth_app::usage_policy;
use hearth_app::usage_policy::UsagePolicy;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_usage_policy, publish_usage_policy))
        .routes(routes!(accept_usage_policy))
}

fn view(policy: &UsagePolicy) -> UsagePolicyView {
    UsagePolicyView {
        version: policy.version,
        body_markdown: policy.body_markdown.clone(),
        body_html: policy.body_html.clone(),
        published_at: rfc3339(policy.published_at),
    }
}

/// The network's current usage policy, and whether the caller accepted it. Reachable
/// before accepting.
#[utoipa::path(
    get, path = "/api/hearth/v1/usage-policy", tag = "usage policy",
    security(("token" = []), ("session" = [])),
    responses((status = 200, body = CurrentUsagePolicyView))
)]
pub async fn get_usage_policy(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<CurrentUsagePolicyView>, ApiError> {
    let current = usage_policy::current(&state.app, &caller.actor()).await?;
    Ok(Json(CurrentUsagePolicyView {
        policy: current.policy.as_ref().map(view),
        accepted: current.accepted,
    }))
}

/// Accepts the current version; until then every other endpoint but `GET /me`
/// answers 403 `usage_policy_not_accepted`.
#[utoipa::path(
    post, path = "/api/hearth/v1/usage-policy/accept", tag = "usage policy",
    security(("token" = []), ("session" = [])),
    request_body = AcceptUsagePolicyRequest,
    responses(
        (status = 204, description = "Accepted"),
        (status = 404, body = ErrorBody, description = "No usage policy is published"),
        (status = 409, body = ErrorBody, description = "Not the current version"),
    )
)]
pub async fn accept_usage_policy(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<AcceptUsagePolicyRequest>,
) -> Result<StatusCode, ApiError> {
    usage_policy::accept(&state.app, &caller.actor(), body.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Publishes a new version of the usage policy (network admins only); everyone else
/// must accept it again.
#[utoipa::path(
    post, path = "/api/hearth/v1/usage-policy", tag = "usage policy",
    security(("token" = []), ("session" = [])),
    request_body = PublishUsagePolicyRequest,
    responses(
        (status = 201, body = UsagePolicyView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 422, body = ErrorBody, description = "Empty or too long"),
    )
)]
pub async fn publish_usage_policy(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(body): ApiJson<PublishUsagePolicyRequest>,
) -> Result<(StatusCode, Json<UsagePolicyView>), ApiError> {
    let published = usage_policy::publish(&state.app, caller.acting(), &body.body).await?;
    Ok((StatusCode::CREATED, Json(view(&published))))
}
