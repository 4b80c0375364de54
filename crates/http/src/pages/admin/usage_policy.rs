//! `/admin/usage-policy`: the current version, how many have accepted it, and the
//! form that publishes the next one.

use super::{Tab, console};
use crate::AppState;
use crate::pages::parts;
use crate::pages::reader::{PageResult, Posted, Reader, sentence};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use hearth_app::AppError;
use hearth_app::usage_policy::{self, MAX_CHARS, Standing};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/usage-policy", get(show).post(publish))
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    published: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let standing = usage_policy::standing(&state.app, &reader.actor()).await?;
    let note = query.published.is_some().then_some(
        "The new version is published. Everyone else will be asked to accept it on their next \
         page.",
    );
    Ok(page(&reader, &standing, note, None, None).into_response())
}

fn page(
    reader: &Reader,
    standing: &Standing,
    note: Option<&str>,
    problem: Option<&str>,
    typed: Option<&str>,
) -> Markup {
    let text = typed
        .or(standing.policy.as_ref().map(|p| p.body_markdown.as_str()))
        .unwrap_or("");
    console(
        "Usage policy",
        reader,
        Tab::UsagePolicy,
        html! {
            h1 { "Usage policy" }
            @if let Some(note) = note {
                p class="notice" role="status" { (note) }
            }
            section class="card" aria-labelledby="current-title" {
                @match &standing.policy {
                    None => {
                        h2 id="current-title" { "No policy yet" }
                        p { "Once you publish one, everyone must accept it before using the network." }
                    }
                    Some(policy) => {
                        h2 id="current-title" { "Version " (policy.version) }
                        p class="meta" {
                            "Published " (parts::when(policy.published_at, reader.now)) ". "
                            strong { (standing.accepted) " of " (standing.people) }
                            " people have accepted it."
                        }
                        // Sanitized when it was published, like post bodies.
                        div class="post-body" { (PreEscaped(&policy.body_html)) }
                    }
                }
            }
            section class="card" aria-labelledby="publish-title" {
                h2 id="publish-title" { "Publish a new version" }
                p class="hint" {
                    "Markdown. Publishing asks everyone to accept the new version before they go on."
                }
                @if let Some(problem) = problem {
                    p class="problem" role="alert" id="policy-problem" { (problem) }
                }
                form method="post" action="/admin/usage-policy" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    label for="policy-body" { "Policy text" }
                    textarea id="policy-body" name="body" rows="16" required
                        maxlength=(MAX_CHARS) { (text) }
                    button type="submit" { "Publish" }
                }
            }
        },
    )
}

#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    body: String,
}

async fn publish(State(state): State<AppState>, posted: Posted<PublishForm>) -> PageResult {
    let (reader, form) = (&posted.reader, &posted.form);
    match usage_policy::publish(&state.app, posted.acting(), &form.body).await {
        Ok(_) => Ok(Redirect::to("/admin/usage-policy?published=1").into_response()),
        Err(AppError::Invalid(invalid)) => {
            let standing = usage_policy::standing(&state.app, &posted.reader.actor()).await?;
            let problem = sentence(&invalid.message);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(reader, &standing, None, Some(&problem), Some(&form.body)),
            )
                .into_response())
        }
        Err(err) => Err(err.into()),
    }
}
