//! `/admin/usage-policy`: the current version, how many have accepted it, and the
//! form that publishes the next one.

use super::{Tab, console};
use crate::AppState;
use crate::language::tr;
use crate::pages::parts;
use crate::pages::parts::slot;
use crate::pages::reader::{PageResult, Posted, Reader, sentence};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use hearth_app::AppError;
use hearth_app::i18n::t;
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
    let note = query
        .published
        .is_some()
        .then(|| t!(tr(), "admin-usage-policy-published-note"));
    Ok(page(&reader, &standing, note.as_deref(), None, None).into_response())
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
    let tr = tr();
    console(
        &t!(tr, "admin-usage-policy-title"),
        reader,
        Tab::UsagePolicy,
        html! {
            h1 { (t!(tr, "admin-usage-policy-title")) }
            @if let Some(note) = note {
                p class="notice" role="status" { (note) }
            }
            section class="card" aria-labelledby="current-title" {
                @match &standing.policy {
                    None => {
                        h2 id="current-title" { (t!(tr, "admin-usage-policy-none")) }
                        p { (t!(tr, "admin-usage-policy-none-hint")) }
                    }
                    Some(policy) => {
                        h2 id="current-title" { (t!(tr, "admin-usage-policy-version", version = policy.version)) }
                        p class="meta" {
                            (parts::sentence(
                                &t!(
                                    tr,
                                    "admin-usage-policy-published",
                                    when = slot(0),
                                    share = slot(1),
                                    people = standing.people
                                ),
                                &[
                                    parts::when(policy.published_at, reader.now),
                                    html! {
                                        strong {
                                            (t!(
                                                tr,
                                                "admin-usage-policy-share",
                                                accepted = standing.accepted,
                                                people = standing.people
                                            ))
                                        }
                                    },
                                ],
                            ))
                        }
                        // Sanitized when it was published, like post bodies.
                        div class="post-body" { (PreEscaped(&policy.body_html)) }
                    }
                }
            }
            section class="card" aria-labelledby="publish-title" {
                h2 id="publish-title" { (t!(tr, "admin-usage-policy-publish-title")) }
                p class="hint" { (t!(tr, "admin-usage-policy-publish-hint")) }
                @if let Some(problem) = problem {
                    p class="problem" role="alert" id="policy-problem" { (problem) }
                }
                form method="post" action="/admin/usage-policy" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    label for="policy-body" { (t!(tr, "admin-usage-policy-text")) }
                    textarea id="policy-body" name="body" rows="16" required
                        maxlength=(MAX_CHARS) { (text) }
                    button type="submit" { (t!(tr, "admin-usage-policy-publish")) }
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
