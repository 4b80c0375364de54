//! `/usage-policy`: the network's usage policy and its "I accept" form. Every other
//! page sends a person here until they accept the current version.

use super::layout::{self, Section};
use super::parts;
use super::reader::{PageError, PageResult, Posted, Reader};
use crate::AppState;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use hearth_app::usage_policy;
use maud::{PreEscaped, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/usage-policy", get(show).post(accept))
}

async fn show(State(state): State<AppState>, reader: Reader) -> PageResult {
    let current = usage_policy::current(&state.app, &reader.actor()).await?;
    let body = html! {
        section class="card" aria-labelledby="policy-title" {
            h1 id="policy-title" { "Usage policy" }
            @match &current.policy {
                None => p { "Your network has no usage policy yet." }
                Some(policy) => {
                    p class="meta" {
                        "Version " (policy.version) ", published "
                        (parts::when(policy.published_at, reader.now))
                    }
                    @if current.accepted {
                        p class="notice" role="status" { "You have accepted this version." }
                    } @else {
                        p class="notice" role="status" {
                            "Please read the policy and accept it to continue using "
                            (reader.network.name) "."
                        }
                    }
                    // Sanitized when it was published, like post bodies.
                    div class="post-body" { (PreEscaped(&policy.body_html)) }
                    @if !current.accepted {
                        form method="post" action="/usage-policy" {
                            input type="hidden" name="csrf" value=(reader.csrf);
                            input type="hidden" name="version" value=(policy.version);
                            button type="submit" { "I accept" }
                        }
                        form method="post" action="/sign-out" {
                            input type="hidden" name="csrf" value=(reader.csrf);
                            button type="submit" class="secondary" { "Sign out" }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::signed_in("Usage policy", &reader, Section::Other, body).into_response())
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    version: String,
}

async fn accept(State(state): State<AppState>, posted: Posted<AcceptForm>) -> PageResult {
    let Posted { reader, form, .. } = posted;
    let version: i64 = super::form_value(&form.version, "version")?;
    usage_policy::accept(&state.app, &reader.actor(), version)
        .await
        .map_err(PageError::from)?;
    Ok(Redirect::to("/").into_response())
}
