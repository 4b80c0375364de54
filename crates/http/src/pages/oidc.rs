//! Signing in through the company's OpenID Connect provider: `/sign-in/oidc` sends the
//! browser there, `/sign-in/oidc/callback` takes it back. Every failure is a page that
//! says what happened and offers to try again.

use super::layout::page;
use crate::AppState;
use crate::extract::{Client, session_cookie};
use crate::language::tr;
use crate::oidc::{Callback, FLOW_COOKIE, FLOW_COOKIE_PATH, FLOW_LIFETIME, FlowError};
use axum::Router;
use axum::extract::{Query, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use hearth_app::AppError;
use hearth_app::i18n::t;
use maud::html;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sign-in/oidc", get(start))
        .route("/sign-in/oidc/callback", get(callback))
}

/// A plain link leads here, not a form: the content security policy's `form-action`
/// would stop a form's redirect to the provider in some browsers.
async fn start(
    State(state): State<AppState>,
    jar: CookieJar,
    Query(then): Query<super::sign_in::Then>,
) -> Response {
    let Some(provider) = state.http.oidc.clone() else {
        return not_configured();
    };
    // The sign-in window of a framed page comes back to that window (see `embed`).
    let jar = if then.for_embed() {
        jar.add(for_embed_cookie(&state))
    } else {
        jar.remove(cleared_for_embed_cookie())
    };
    match provider.start(state.app.now()).await {
        Ok(started) => (
            jar.add(flow_cookie(&state, started.cookie_value)),
            Redirect::to(&started.authorize_url),
        )
            .into_response(),
        Err(err) => failed(StatusCode::BAD_GATEWAY, &err.to_string()),
    }
}

async fn callback(
    State(state): State<AppState>,
    jar: CookieJar,
    Client(client): Client,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(provider) = state.http.oidc.clone() else {
        return not_configured();
    };
    let answer: Callback =
        serde_urlencoded::from_str(query.as_deref().unwrap_or_default()).unwrap_or_default();
    let flow = jar.get(FLOW_COOKIE).map(|cookie| cookie.value().to_owned());
    let next = if jar.get(FOR_EMBED_COOKIE).is_some() {
        "/embed/sign-in"
    } else {
        "/"
    };
    // One answer per flow: whatever happens now, the flow is spent.
    let jar = jar
        .remove(cleared_flow_cookie())
        .remove(cleared_for_embed_cookie());
    let identity = match provider
        .finish(flow.as_deref(), &answer, state.app.now())
        .await
    {
        Ok(identity) => identity,
        Err(err) => {
            let status = match err {
                FlowError::ProviderUnreachable => StatusCode::BAD_GATEWAY,
                _ => StatusCode::BAD_REQUEST,
            };
            return (jar, failed(status, &said(&err.to_string()))).into_response();
        }
    };
    match hearth_app::oidc::sign_in(&state.app, &identity, &client).await {
        Ok((signed_in, _)) => (
            jar.add(session_cookie(
                &state,
                signed_in.secret,
                signed_in.expires_at,
            )),
            Redirect::to(next),
        )
            .into_response(),
        Err(err) => {
            let (status, message) = match &err {
                AppError::Invalid(invalid) => {
                    (StatusCode::UNPROCESSABLE_ENTITY, said(&invalid.message))
                }
                AppError::AccountUnavailable(_) | AppError::Forbidden(_) => {
                    (StatusCode::FORBIDDEN, said(&err.to_string()))
                }
                AppError::Conflict { message, .. } => (StatusCode::CONFLICT, said(message)),
                AppError::TooLarge(message) => (StatusCode::PAYLOAD_TOO_LARGE, said(message)),
                AppError::NotFound(_) => (StatusCode::NOT_FOUND, t!(tr(), "oidc-no-account")),
                AppError::Unavailable(_) | AppError::RateLimited { .. } => {
                    (StatusCode::SERVICE_UNAVAILABLE, t!(tr(), "oidc-busy"))
                }
                AppError::Unauthenticated(_) | AppError::Internal(_) => {
                    tracing::error!(error = %err, "single sign-on failed");
                    (StatusCode::INTERNAL_SERVER_ERROR, t!(tr(), "oidc-internal"))
                }
            };
            (jar, failed(status, &message)).into_response()
        }
    }
}

/// A refusal's English sentence in the reader's language (`errors.ftl`).
fn said(message: &str) -> String {
    crate::error_messages::translate(message, &tr())
}

fn flow_cookie(state: &AppState, value: String) -> Cookie<'static> {
    let mut cookie = Cookie::new(FLOW_COOKIE, value);
    cookie.set_http_only(true);
    // Lax: the provider sends the browser back with a top-level GET, which Lax allows.
    cookie.set_same_site(SameSite::Lax);
    cookie.set_path(FLOW_COOKIE_PATH);
    cookie.set_secure(state.http.secure_cookies);
    cookie.set_max_age(time::Duration::seconds(
        i64::try_from(FLOW_LIFETIME.as_secs()).unwrap_or(600),
    ));
    cookie
}

/// Says that the flow began in the sign-in window of a framed page.
const FOR_EMBED_COOKIE: &str = "hearth_sso_for_embed";

fn for_embed_cookie(state: &AppState) -> Cookie<'static> {
    let mut cookie = Cookie::new(FOR_EMBED_COOKIE, "1");
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Lax);
    cookie.set_path(FLOW_COOKIE_PATH);
    cookie.set_secure(state.http.secure_cookies);
    cookie.set_max_age(time::Duration::seconds(
        i64::try_from(FLOW_LIFETIME.as_secs()).unwrap_or(i64::MAX),
    ));
    cookie
}

fn cleared_for_embed_cookie() -> Cookie<'static> {
    let mut cookie = Cookie::from(FOR_EMBED_COOKIE);
    cookie.set_path(FLOW_COOKIE_PATH);
    cookie
}

fn cleared_flow_cookie() -> Cookie<'static> {
    let mut cookie = Cookie::from(FLOW_COOKIE);
    cookie.set_path(FLOW_COOKIE_PATH);
    cookie
}

fn not_configured() -> Response {
    failed(StatusCode::NOT_FOUND, &t!(tr(), "oidc-not-configured"))
}

/// The page of a failed sign-in: what happened, and the ways on.
fn failed(status: StatusCode, message: &str) -> Response {
    let tr = tr();
    let title = t!(tr, "oidc-failed-title");
    let body = html! {
        section class="card narrow" aria-labelledby="sso-failed-title" {
            h1 id="sso-failed-title" { (title) }
            p class="problem" role="alert" { (message) }
            p {
                a href="/sign-in/oidc" { (t!(tr, "oidc-try-again")) }
                " · "
                a href="/sign-in" { (t!(tr, "oidc-back-to-sign-in")) }
            }
        }
    };
    (status, page(&title, body)).into_response()
}
