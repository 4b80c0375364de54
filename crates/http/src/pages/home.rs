use super::layout::{Viewer, page};
use super::{csrf_failed, error_page, session_csrf_ok};
use crate::AppState;
use crate::extract::{SESSION_COOKIE, cleared_session_cookie};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use hearth_app::domain::Actor;
use hearth_app::{AppError, accounts, sessions, setup};
use maud::html;
use serde::Deserialize;

pub async fn show(State(state): State<AppState>, jar: CookieJar) -> Response {
    match setup::needs_setup(&state.app).await {
        Ok(true) => {
            return error_page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Hearth is not set up yet",
                "Open the one-time set-up link that the server printed when it started. \
                 Restart the server to print a fresh one.",
            );
        }
        Ok(false) => {}
        Err(err) => return crate::ApiError::from(err).into_response(),
    }
    let Some(secret) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) else {
        return Redirect::to("/sign-in").into_response();
    };
    let authenticated = match sessions::authenticate(&state.app, &secret).await {
        Ok(authenticated) => authenticated,
        Err(AppError::Unauthenticated(_) | AppError::AccountUnavailable(_)) => {
            return (
                jar.remove(cleared_session_cookie()),
                Redirect::to("/sign-in"),
            )
                .into_response();
        }
        Err(err) => return crate::ApiError::from(err).into_response(),
    };
    let user = authenticated.user;
    let network = match accounts::network_of(&state.app, &user).await {
        Ok(network) => network,
        Err(err) => return crate::ApiError::from(err).into_response(),
    };
    let csrf_token = crate::csrf::token_for(&secret);
    let viewer = Viewer {
        name: &user.display_name,
        company: &network.name,
        csrf_token: &csrf_token,
    };
    page(
        "Home",
        Some(&viewer),
        html! {
            section class="card" aria-labelledby="welcome" {
                h1 id="welcome" { "Welcome, " (user.display_name) }
                p { "You are signed in to " strong { (network.name) } " as " (user.email) "." }
                p { "Signed in on several devices? End every session at once:" }
                form method="post" action="/sign-out-everywhere" {
                    input type="hidden" name="csrf" value=(csrf_token);
                    button type="submit" class="secondary" { "Sign out everywhere" }
                }
            }
        },
    )
    .into_response()
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub async fn sign_out(
    State(state): State<AppState>,
    jar: CookieJar,
    Form(input): Form<CsrfOnly>,
) -> Response {
    if !session_csrf_ok(&jar, &input.csrf) {
        return csrf_failed();
    }
    if let Some(cookie) = jar.get(SESSION_COOKIE)
        && let Err(err) = sessions::sign_out(&state.app, cookie.value()).await
    {
        return crate::ApiError::from(err).into_response();
    }
    (
        jar.remove(cleared_session_cookie()),
        Redirect::to("/sign-in"),
    )
        .into_response()
}

pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    jar: CookieJar,
    Form(input): Form<CsrfOnly>,
) -> Response {
    if !session_csrf_ok(&jar, &input.csrf) {
        return csrf_failed();
    }
    let Some(secret) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) else {
        return Redirect::to("/sign-in").into_response();
    };
    let result = async {
        let authenticated = sessions::authenticate(&state.app, &secret).await?;
        sessions::sign_out_everywhere(&state.app, &Actor::User(authenticated.user)).await
    }
    .await;
    match result {
        Ok(_) | Err(AppError::Unauthenticated(_)) => (
            jar.remove(cleared_session_cookie()),
            Redirect::to("/sign-in"),
        )
            .into_response(),
        Err(err) => crate::ApiError::from(err).into_response(),
    }
}
