use crate::extract::{ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hearth_api_types::{CreateTokenRequest, CreatedTokenView, ErrorBody, TokenView};
use hearth_app::domain::TokenId;
use hearth_app::tokens;

/// The signed-in person's API tokens (never their secrets).
#[utoipa::path(
    get, path = "/api/hearth/v1/tokens", tag = "tokens",
    security(("token" = []), ("session" = [])),
    responses((status = 200, body = Vec<TokenView>))
)]
pub async fn list_tokens(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<TokenView>>, ApiError> {
    let rows = tokens::list(&state.app, &caller.actor()).await?;
    Ok(Json(rows.iter().map(views::token).collect()))
}

/// Creates a personal API token; the secret is in this response only. Only from a
/// session that signed in within the last 10 minutes, or with `current_password`.
#[utoipa::path(
    post, path = "/api/hearth/v1/tokens", tag = "tokens",
    security(("session" = [])),
    request_body = CreateTokenRequest,
    responses(
        (status = 201, body = CreatedTokenView),
        (status = 403, body = ErrorBody, description = "Called with an API token: a token cannot create a token"),
        (status = 422, body = ErrorBody, description = "Bad name, or the current password is wrong or needed (`field: current_password`)"),
        (status = 429, body = ErrorBody, description = "Too many password attempts; see Retry-After"),
    )
)]
pub async fn create_token(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<CreateTokenRequest>,
) -> Result<(StatusCode, Json<CreatedTokenView>), ApiError> {
    let presence = tokens::Presence {
        session: caller.session,
        current_password: body.current_password.as_deref(),
    };
    let created = tokens::create(
        &state.app,
        &caller.actor(),
        caller.user.id,
        &body.name,
        presence,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedTokenView {
            token: views::token(&created.token),
            secret: created.secret,
        }),
    ))
}

/// Revokes one of the signed-in person's tokens; it stops working at once.
#[utoipa::path(
    delete, path = "/api/hearth/v1/tokens/{id}", tag = "tokens",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Token id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, body = ErrorBody, description = "No such token of yours"),
    )
)]
pub async fn revoke_token(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<TokenId>,
) -> Result<StatusCode, ApiError> {
    tokens::revoke(&state.app, &caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
