//! One-click unsubscribe (RFC 8058), reached from an e-mail's footer link or its
//! `List-Unsubscribe` header. Neither a session nor a CSRF token is asked for: mail
//! clients post the link without cookies, and the signed token itself is the proof
//! (it names one person and one scope, and cannot be changed to name another).

use super::error_page;
use super::layout::page;
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hearth_app::i18n::t;
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
            &t!(tr(), "unsubscribe-invalid-title"),
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
    let tr = tr();
    let title = t!(
        tr,
        "unsubscribe-question",
        description = request.description_in(tr)
    );
    page(
        &t!(tr, "unsubscribe-title"),
        html! {
            section class="card narrow" aria-labelledby="unsubscribe-title" {
                h1 id="unsubscribe-title" { (title) }
                p { (t!(tr, "unsubscribe-still-in-hearth")) }
                // The token travels in the address, as one-click clients post it.
                form method="post" action=(links::unsubscribe(&query.token)) {
                    button type="submit" { (t!(tr, "unsubscribe-submit")) }
                }
                p { a href=(links::NOTIFICATION_SETTINGS) { (t!(tr, "unsubscribe-settings-link")) } }
            }
        },
    )
    .into_response()
}

pub async fn submit(State(state): State<AppState>, Query(query): Query<TokenQuery>) -> Response {
    let tr = tr();
    match mail::unsubscribe(&state.app, &query.token).await {
        Ok(request) => page(
            &t!(tr, "unsubscribe-done-title"),
            html! {
                section class="card narrow" aria-labelledby="unsubscribed-title" {
                    h1 id="unsubscribed-title" { (t!(tr, "unsubscribe-done-heading")) }
                    p { (t!(tr, "unsubscribe-done", description = request.description_in(tr))) }
                    p { a href=(links::NOTIFICATION_SETTINGS) { (t!(tr, "unsubscribe-settings-link")) } }
                }
            },
        )
        .into_response(),
        Err(err) => refusal(err),
    }
}
