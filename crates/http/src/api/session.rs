use crate::extract::{ApiCaller, ApiJson, ApiPath, Client, cleared_session_cookie, session_cookie};
use crate::{ApiError, AppState, csrf, views};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum_extra::extract::CookieJar;
use hearth_api_types::{ErrorBody, SessionView, SignInRequest, SignedInView, SignedOutView};
use hearth_app::domain::SessionId;
use hearth_app::sessions;
use serde::Deserialize;
use utoipa::IntoParams;

/// Signs in with e-mail and password; the session comes back as an HttpOnly cookie.
#[utoipa::path(
    post, path = "/api/hearth/v1/session", tag = "sessions",
    request_body = SignInRequest,
    responses(
        (status = 200, body = SignedInView, description = "Signed in; cookie set"),
        (status = 401, body = ErrorBody, description = "Wrong e-mail or password"),
        (status = 403, body = ErrorBody, description = "Account suspended or deactivated"),
        (status = 429, body = ErrorBody, description = "Too many attempts; see Retry-After"),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    jar: CookieJar,
    Client(client): Client,
    ApiJson(body): ApiJson<SignInRequest>,
) -> Result<(CookieJar, Json<SignedInView>), ApiError> {
    let signed_in = sessions::sign_in(&state.app, &body.email, &body.password, &client).await?;
    let csrf_token = csrf::token_for(&signed_in.secret);
    let jar = jar.add(session_cookie(
        &state,
        signed_in.secret,
        signed_in.expires_at,
    ));
    Ok((
        jar,
        Json(SignedInView {
            user: views::user(&signed_in.user),
            csrf_token,
        }),
    ))
}

/// Ends the session the request came with.
#[utoipa::path(
    delete, path = "/api/hearth/v1/session", tag = "sessions",
    security(("session" = [])),
    responses(
        (status = 204, description = "Signed out; cookie cleared"),
        (status = 400, body = ErrorBody, description = "Called with an API token, not a session"),
    )
)]
pub async fn sign_out(
    State(state): State<AppState>,
    caller: ApiCaller,
    jar: CookieJar,
) -> Result<(CookieJar, StatusCode), ApiError> {
    let Some(session) = caller.session else {
        return Err(ApiError::bad_request(
            "this request was made with an API token, not a session; revoke the token \
             with DELETE /api/hearth/v1/tokens/{id} instead",
        ));
    };
    sessions::revoke(&state.app, &caller.actor(), session).await?;
    Ok((jar.remove(cleared_session_cookie()), StatusCode::NO_CONTENT))
}

/// The signed-in person's sessions, newest first.
#[utoipa::path(
    get, path = "/api/hearth/v1/sessions", tag = "sessions",
    security(("token" = []), ("session" = [])),
    responses((status = 200, body = Vec<SessionView>))
)]
pub async fn list_sessions(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<SessionView>>, ApiError> {
    let rows = sessions::list(&state.app, &caller.actor()).await?;
    Ok(Json(
        rows.iter()
            .map(|row| views::session(row, caller.session))
            .collect(),
    ))
}

/// A query rather than a body: a DELETE's body has no defined meaning (RFC 9110
/// §9.3.5), and some clients and proxies drop it.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SignOutEverywhereParams {
    /// Also revoke every API token of the caller (default `false`: scripts depend on
    /// their tokens, so they are revoked only when asked).
    #[serde(default)]
    revoke_tokens: bool,
}

/// Signs the person out on every device, this one included, and with
/// `revoke_tokens=true` revokes every API token of theirs too.
#[utoipa::path(
    delete, path = "/api/hearth/v1/sessions", tag = "sessions",
    security(("token" = []), ("session" = [])),
    params(SignOutEverywhereParams),
    responses(
        (status = 200, body = SignedOutView),
        (status = 400, body = ErrorBody, description = "`revoke_tokens` is not `true` or `false`"),
    )
)]
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    caller: ApiCaller,
    jar: CookieJar,
    params: Result<Query<SignOutEverywhereParams>, QueryRejection>,
) -> Result<(CookieJar, Json<SignedOutView>), ApiError> {
    let Query(params) = params?;
    let ended =
        sessions::sign_out_everywhere(&state.app, &caller.actor(), params.revoke_tokens).await?;
    Ok((
        jar.remove(cleared_session_cookie()),
        Json(SignedOutView {
            sessions_ended: ended.sessions_ended,
            tokens_revoked: ended.tokens_revoked,
        }),
    ))
}

/// Ends one of the signed-in person's sessions.
#[utoipa::path(
    delete, path = "/api/hearth/v1/sessions/{id}", tag = "sessions",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Session id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 404, body = ErrorBody, description = "No such session of yours"),
    )
)]
pub async fn revoke_session(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<SessionId>,
) -> Result<StatusCode, ApiError> {
    sessions::revoke(&state.app, &caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
