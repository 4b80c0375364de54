//! `/usage-policy`: the network's usage policy and its "I accept" form. Every other
//! page sends a person here until they accept the current version.

use super::layout::{self, Section};
use super::parts;
use super::reader::{PageError, PageResult, Posted, Reader};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use hearth_app::i18n::t;
use hearth_app::usage_policy;
use maud::{PreEscaped, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/usage-policy", get(show).post(accept))
}

async fn show(State(state): State<AppState>, reader: Reader) -> PageResult {
    let current = usage_policy::current(&state.app, &reader.actor()).await?;
    let tr = tr();
    let body = html! {
        section class="card" aria-labelledby="policy-title" {
            h1 id="policy-title" { (t!(tr, "usage-policy-title")) }
            @match &current.policy {
                None => p { (t!(tr, "usage-policy-none")) }
                Some(policy) => {
                    p class="meta" {
                        (super::parts::sentence(
                            &t!(tr, "usage-policy-version",
                                version = policy.version,
                                published = super::parts::slot(0)),
                            &[parts::when(policy.published_at, reader.now)],
                        ))
                    }
                    @if current.accepted {
                        p class="notice" role="status" { (t!(tr, "usage-policy-accepted")) }
                    } @else {
                        p class="notice" role="status" {
                            (t!(tr, "usage-policy-please-accept", network = reader.network.name.as_str()))
                        }
                    }
                    // Sanitized when it was published, like post bodies.
                    div class="post-body" { (PreEscaped(&policy.body_html)) }
                    @if !current.accepted {
                        form method="post" action="/usage-policy" {
                            input type="hidden" name="csrf" value=(reader.csrf);
                            input type="hidden" name="version" value=(policy.version);
                            button type="submit" { (t!(tr, "usage-policy-accept")) }
                        }
                        form method="post" action="/sign-out" {
                            input type="hidden" name="csrf" value=(reader.csrf);
                            button type="submit" class="secondary" { (t!(tr, "usage-policy-sign-out")) }
                        }
                    }
                }
            }
        }
    };
    let title = t!(tr, "usage-policy-title");
    Ok(layout::signed_in(&title, &reader, Section::Other, body).into_response())
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
