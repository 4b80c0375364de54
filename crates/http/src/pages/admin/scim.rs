//! `/admin/scim` (the Provisioning tab): where the identity provider connects, its
//! SCIM tokens (create, shown once; revoke), and the last provisioning events.

use super::{Tab, console};
use crate::AppState;
use crate::language::tr;
use crate::pages::parts;
use crate::pages::parts::slot;
use crate::pages::reader::{Nothing, PagePath, PageResult, Posted, Reader, sentence};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::AppError;
use hearth_app::domain::ScimTokenId;
use hearth_app::i18n::t;
use hearth_app::scim;
use hearth_app::scim::ProvisioningRecord;
use hearth_app::scim::tokens::ScimToken;
use maud::{Markup, html};
use serde::Deserialize;

/// How many provisioning events the tab shows.
const EVENTS_SHOWN: i64 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/scim", get(show).post(create))
        .route("/admin/scim/tokens/{id}/revoke", post(revoke))
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    revoked: Option<String>,
}

#[derive(Default)]
struct Notes {
    note: Option<String>,
    problem: Option<String>,
    /// A token just created, shown this once.
    new_secret: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let notes = Notes {
        note: query
            .revoked
            .is_some()
            .then(|| t!(tr(), "admin-scim-revoked")),
        ..Notes::default()
    };
    render(&state, &reader, StatusCode::OK, &notes).await
}

async fn render(
    state: &AppState,
    reader: &Reader,
    status: StatusCode,
    notes: &Notes,
) -> PageResult {
    let actor = reader.actor();
    let tokens = scim::tokens::list(&state.app, &actor).await?;
    let events = scim::recent_events(&state.app, &actor, EVENTS_SHOWN).await?;
    let base_url = format!("{}/scim/v2", state.http.public_url.trim_end_matches('/'));
    // A new secret must not linger in a cache or the back-forward history.
    Ok((
        status,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        page(reader, &base_url, &tokens, &events, notes),
    )
        .into_response())
}

fn page(
    reader: &Reader,
    base_url: &str,
    tokens: &[ScimToken],
    events: &[ProvisioningRecord],
    notes: &Notes,
) -> Markup {
    let tr = tr();
    console(
        &t!(tr, "admin-scim-title"),
        reader,
        Tab::Scim,
        html! {
            h1 { (t!(tr, "admin-scim-heading")) }
            @if let Some(note) = &notes.note {
                p class="notice" role="status" { (note) }
            }
            section class="card" aria-labelledby="scim-base-title" {
                h2 id="scim-base-title" { (t!(tr, "admin-scim-connect")) }
                p {
                    (parts::sentence(
                        &t!(tr, "admin-scim-base-url", url = slot(0)),
                        &[html! { code { (base_url) } }],
                    ))
                }
                p { (t!(tr, "admin-scim-how")) }
            }
            @if let Some(secret) = &notes.new_secret {
                section class="card" aria-labelledby="new-token-title" {
                    h2 id="new-token-title" { (t!(tr, "admin-scim-new-token")) }
                    p class="problem" { (t!(tr, "admin-scim-copy-now")) }
                    p { code class="secret" { (secret) } }
                }
            }
            section class="card" aria-labelledby="create-token-title" {
                h2 id="create-token-title" { (t!(tr, "admin-scim-create-title")) }
                @if let Some(problem) = &notes.problem {
                    p class="problem" role="alert" { (problem) }
                }
                form method="post" action="/admin/scim" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    label for="scim-token-name" { (t!(tr, "admin-scim-token-name")) }
                    input id="scim-token-name" name="name" type="text" required maxlength="100";
                    button type="submit" { (t!(tr, "admin-scim-create")) }
                }
            }
            section class="card" aria-labelledby="tokens-title" {
                h2 id="tokens-title" { (t!(tr, "admin-scim-tokens")) }
                @if tokens.is_empty() {
                    p { (t!(tr, "admin-scim-no-tokens")) }
                } @else {
                    table {
                        thead {
                            tr {
                                th { (t!(tr, "admin-scim-col-name")) }
                                th { (t!(tr, "admin-scim-col-created")) }
                                th { (t!(tr, "admin-scim-col-last-used")) }
                                th { (t!(tr, "admin-scim-col-state")) }
                                th {}
                            }
                        }
                        tbody {
                            @for token in tokens {
                                tr {
                                    td { (token.name) }
                                    td { (parts::when(token.created_at, reader.now)) }
                                    td {
                                        @match token.last_used_at {
                                            Some(at) => (parts::when(at, reader.now)),
                                            None => (t!(tr, "admin-scim-never")),
                                        }
                                    }
                                    td {
                                        @if token.revoked_at.is_some() {
                                            (t!(tr, "admin-scim-state-revoked"))
                                        } @else {
                                            (t!(tr, "admin-scim-state-active"))
                                        }
                                    }
                                    td {
                                        @if token.revoked_at.is_none() {
                                            form method="post" class="inline-form"
                                                action={"/admin/scim/tokens/" (token.id) "/revoke"} {
                                                input type="hidden" name="csrf" value=(reader.csrf);
                                                button type="submit" class="link danger" { (t!(tr, "admin-scim-revoke")) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section class="card" aria-labelledby="events-title" {
                h2 id="events-title" { (t!(tr, "admin-scim-events")) }
                @if events.is_empty() {
                    p { (t!(tr, "admin-scim-no-events")) }
                } @else {
                    table {
                        thead {
                            tr {
                                th { (t!(tr, "admin-scim-col-when")) }
                                th { (t!(tr, "admin-scim-col-request")) }
                                th { (t!(tr, "admin-scim-col-status")) }
                                th { (t!(tr, "admin-scim-col-what")) }
                            }
                        }
                        tbody {
                            @for event in events {
                                tr {
                                    td { (parts::when(event.created_at, reader.now)) }
                                    td { code { (event.method) " " (event.path) } }
                                    td { (event.status) }
                                    td { (event.summary) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    name: String,
}

async fn create(State(state): State<AppState>, posted: Posted<CreateForm>) -> PageResult {
    let created = scim::tokens::create(&state.app, posted.acting(), &posted.form.name).await;
    let reader = &posted.reader;
    match created {
        Ok(created) => {
            let notes = Notes {
                new_secret: Some(created.secret),
                ..Notes::default()
            };
            render(&state, reader, StatusCode::OK, &notes).await
        }
        Err(AppError::Invalid(invalid)) => {
            let notes = Notes {
                problem: Some(sentence(&invalid.message)),
                ..Notes::default()
            };
            render(&state, reader, StatusCode::UNPROCESSABLE_ENTITY, &notes).await
        }
        Err(err) => Err(err.into()),
    }
}

async fn revoke(
    State(state): State<AppState>,
    PagePath(id): PagePath<ScimTokenId>,
    posted: Posted<Nothing>,
) -> PageResult {
    scim::tokens::revoke(&state.app, posted.acting(), id).await?;
    Ok(Redirect::to("/admin/scim?revoked=1").into_response())
}
