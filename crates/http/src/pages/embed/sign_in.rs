//! Signing in to a framed page without a loop and without a password typed into a
//! frame.
//!
//! When the intranet and Hearth share a site, the ordinary session cookie reaches
//! the frame and nothing here is needed. Otherwise the frame's "Sign in to Hearth"
//! opens `/embed/sign-in` in a window of its own, where the person signs in as
//! usual and confirms. That window hands a fresh session to the frame that opened
//! it (`postMessage`, to Hearth's own origin only), and the frame stores it with
//! `POST /embed/session` as a cookie cross-site frames are sent (`SameSite=None;
//! Secure; Partitioned`), then reloads.

use crate::AppState;
use crate::extract::{Client, embed_session_cookie};
use crate::language::tr;
use crate::pages::layout;
use crate::pages::reader::{Nothing, PageResult, Posted, Visitor};
use axum::Form;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use hearth_app::i18n::t;
use hearth_app::{AppError, sessions};
use maud::html;
use serde::Deserialize;

/// The sign-in window: sign in first if needed, then confirm.
pub async fn show(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let visitor = match Visitor::of(&parts, &state).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    let reader = match visitor {
        Visitor::Reader(reader) => reader,
        Visitor::PolicyPending => return Redirect::to("/usage-policy").into_response(),
        Visitor::SignedOut | Visitor::SessionEnded => {
            return Redirect::to("/sign-in?then=embed").into_response();
        }
    };
    let tr = tr();
    let title = t!(tr, "embed-sign-in-title");
    layout::page(
        &title,
        html! {
            section class="card narrow" aria-labelledby="embed-sign-in-title" {
                h1 id="embed-sign-in-title" { (title) }
                p { (t!(tr, "embed-sign-in-as", name = reader.user.display_name.as_str())) }
                form method="post" action="/embed/sign-in" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    button type="submit" { (t!(tr, "embed-sign-in-confirm")) }
                }
            }
        },
    )
    .into_response()
}

/// Starts the frame's own session and hands it to the frame that opened this window.
pub async fn confirm(
    State(state): State<AppState>,
    Client(client): Client,
    posted: Posted<Nothing>,
) -> PageResult {
    let started = sessions::start_another(&state.app, &posted.reader.actor(), &client).await?;
    let tr = tr();
    let title = t!(tr, "embed-sign-in-title");
    Ok(layout::page(
        &title,
        html! {
            section class="card narrow" aria-labelledby="embed-sign-in-title" {
                h1 id="embed-sign-in-title" { (title) }
                p role="status" data-embed-ticket=(started.secret) { (t!(tr, "embed-sign-in-done")) }
            }
        },
    )
    .into_response())
}

#[derive(Deserialize)]
pub struct SessionForm {
    #[serde(default)]
    ticket: String,
}

/// Stores the session the sign-in window handed over as the frame's cookie. Only the
/// frame's own script may ask (a same-origin request), so no other site can plant
/// its session in someone's frame.
pub async fn session(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<SessionForm>,
) -> Response {
    let same_origin = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|site| site == "same-origin");
    if !same_origin {
        return (
            StatusCode::FORBIDDEN,
            "only Hearth's own frame may store a session",
        )
            .into_response();
    }
    match sessions::authenticate(&state.app, &form.ticket).await {
        Ok(_) => (
            jar.add(embed_session_cookie(form.ticket)),
            StatusCode::NO_CONTENT,
        )
            .into_response(),
        Err(AppError::Unauthenticated(_) | AppError::AccountUnavailable(_)) => {
            (StatusCode::UNAUTHORIZED, "sign in again").into_response()
        }
        Err(err) => crate::ApiError::from(err).into_response(),
    }
}
