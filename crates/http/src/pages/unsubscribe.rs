//! One-click unsubscribe (RFC 8058), reached from an e-mail's footer link or its
//! `List-Unsubscribe` header. Neither a session nor a CSRF token is asked for: mail
//! clients post the link without cookies, and the signed token itself is the proof
//! (it names one person and one scope, and cannot be changed to name another).

use super::error_page;
use super::layout::page;
use crate::AppState;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hearth_app::links;
use hearth_app::{AppError, mail};
use maud::html;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/unsubscribe", get(show).post(submit))
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

fn refusal(err: AppError) -> Response {
    match err {
        AppError::Invalid(invalid) => error_page(
            StatusCode::BAD_REQUEST,
            "Unsubscribe link not valid",
            &invalid.message,
        ),
        other => crate::ApiError::from(other).into_response(),
    }
}

pub async fn show(State(state): State<AppState>, Query(query): Query<TokenQuery>) -> Response {
    let request = match mail::check_unsubscribe(&state.app, &query.token).await {
        Ok(request) => request,
        Err(err) => return refusal(err),
    };
    let title = format!("Unsubscribe from {}?", request.description);
    page(
        "Unsubscribe",
        html! {
            section class="card narrow" aria-labelledby="unsubscribe-title" {
                h1 id="unsubscribe-title" { (title) }
                p { "You will still see these notifications in Hearth." }
                // The token travels in the address, as one-click clients post it.
                form method="post" action=(links::unsubscribe(&query.token)) {
                    button type="submit" { "Unsubscribe" }
                }
                p { a href=(links::NOTIFICATION_SETTINGS) { "Choose how you hear from Hearth" } }
            }
        },
    )
    .into_response()
}

pub async fn submit(State(state): State<AppState>, Query(query): Query<TokenQuery>) -> Response {
    match mail::unsubscribe(&state.app, &query.token).await {
        Ok(request) => page(
            "Unsubscribed",
            html! {
                section class="card narrow" aria-labelledby="unsubscribed-title" {
                    h1 id="unsubscribed-title" { "You are unsubscribed" }
                    p { "You will no longer get " (request.description) ". "
                        "You still see notifications in Hearth." }
                    p { a href=(links::NOTIFICATION_SETTINGS) { "Choose how you hear from Hearth" } }
                }
            },
        )
        .into_response(),
        Err(err) => refusal(err),
    }
}
