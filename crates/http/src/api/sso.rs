//! The network's single sign-on settings over the JSON API, as on `/admin/sso`.

use crate::extract::{ActingCaller, ApiJson};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use hearth_api_types::ErrorBody;
use hearth_api_types::sso::{SsoSettings, SsoSettingsChange};
use hearth_app::domain::Actor;
use hearth_app::oidc;

/// The network's single sign-on settings. Admins only.
#[utoipa::path(
    get, path = "/api/hearth/v1/admin/sso", tag = "admin",
    security(("token" = []), ("session" = [])),
    responses(
        (status = 200, body = SsoSettings),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
    )
)]
pub async fn settings(
    State(state): State<AppState>,
    caller: ActingCaller,
) -> Result<Json<SsoSettings>, ApiError> {
    view(&state, caller.acting().actor).await
}

/// Changes the network's single sign-on settings; a setting left out stays as it is.
/// Admins only; audited as `sso.requirement_changed` and `sso.profile_source_changed`.
#[utoipa::path(
    put, path = "/api/hearth/v1/admin/sso", tag = "admin",
    security(("token" = []), ("session" = [])),
    request_body = SsoSettingsChange,
    responses(
        (status = 200, body = SsoSettings),
        (status = 400, body = ErrorBody, description = "The body is not JSON"),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 422, body = ErrorBody, description = "An unknown field, or single sign-on required while no provider is configured"),
    )
)]
pub async fn change_settings(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(change): ApiJson<SsoSettingsChange>,
) -> Result<Json<SsoSettings>, ApiError> {
    // The requirement first: it is the one that can be refused, and then nothing
    // has changed.
    if let Some(required) = change.required {
        oidc::set_sso_required(
            &state.app,
            caller.acting(),
            required,
            state.http.oidc.is_some(),
        )
        .await?;
    }
    if let Some(from_provider) = change.profile_from_provider {
        oidc::set_profile_from_provider(&state.app, caller.acting(), from_provider).await?;
    }
    view(&state, caller.acting().actor).await
}

async fn view(state: &AppState, actor: &Actor) -> Result<Json<SsoSettings>, ApiError> {
    let status = oidc::status(&state.app, actor).await?;
    Ok(Json(SsoSettings {
        provider_configured: state.http.oidc.is_some(),
        issuer: state
            .http
            .oidc
            .as_deref()
            .map(|provider| provider.issuer().to_owned()),
        required: status.required,
        profile_from_provider: status.profile_from_provider,
        linked: status.linked,
    }))
}
