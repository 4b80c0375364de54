use crate::extract::{ApiCaller, ApiJson};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hearth_api_types::{ChangePasswordRequest, ErrorBody, MeView};
use hearth_app::{accounts, sessions};

/// The signed-in person and their network.
#[utoipa::path(
    get, path = "/api/hearth/v1/me", tag = "account",
    security(("token" = []), ("session" = [])),
    responses(
        (status = 200, body = MeView),
        (status = 401, body = ErrorBody, description = "Not signed in"),
    )
)]
pub async fn get_me(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<MeView>, ApiError> {
    let network = accounts::network_of(&state.app, &caller.user).await?;
    Ok(Json(MeView {
        user: views::user(&caller.user),
        network: views::network(&network),
    }))
}

/// Changes the signed-in person's password and ends their other sessions, and with
/// `revoke_tokens` every API token too.
#[utoipa::path(
    put, path = "/api/hearth/v1/me/password", tag = "account",
    security(("token" = []), ("session" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed; other sessions ended (and tokens, when asked)"),
        (status = 422, body = ErrorBody, description = "Current password wrong or new one too weak"),
        (status = 429, body = ErrorBody, description = "Too many attempts; see Retry-After"),
    )
)]
pub async fn change_password(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<ChangePasswordRequest>,
) -> Result<StatusCode, ApiError> {
    sessions::change_password(
        &state.app,
        &caller.actor(),
        caller.session,
        sessions::PasswordChange {
            current_password: &body.current_password,
            new_password: &body.new_password,
            revoke_tokens: body.revoke_tokens,
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
