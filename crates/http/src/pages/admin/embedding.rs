//! `/admin/embedding`: which intranet sites may frame Hearth, where intranet pages'
//! comments go, and the snippets to paste into the intranet.

use super::{Tab, console};
use crate::AppState;
use crate::language::tr;
use crate::pages::form_value;
use crate::pages::reader::{PageResult, Posted, Reader, sentence};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use hearth_app::AppError;
use hearth_app::communities::{self, CommunityView};
use hearth_app::domain::CommunityId;
use hearth_app::embedding::{self, NewSettings, Settings};
use hearth_app::i18n::t;
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/embedding", get(show).post(save))
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    saved: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let settings = embedding::settings(&state.app, &reader.actor()).await?;
    let places = communities::list(&state.app, &reader.actor(), false).await?;
    let note = query
        .saved
        .is_some()
        .then(|| t!(tr(), "admin-embedding-saved"));
    let typed = settings.frame_origins.join("\n");
    Ok(page(
        &state,
        &reader,
        &settings,
        &places,
        note.as_deref(),
        None,
        &typed,
    )
    .into_response())
}

/// The snippet an intranet page pastes for one embed. The title is a community's
/// name, written by its owners: escaped, so that pasting it adds nothing but a frame.
fn snippet(public_url: &str, path: &str, title: &str) -> String {
    let title = maud::html! { (title) }.into_string().replace('"', "&quot;");
    format!(
        "<iframe data-hearth-embed src=\"{public_url}{path}\" title=\"{title}\"\n        \
         style=\"width:100%;border:0\"></iframe>\n<script src=\"{public_url}/embed.js\" async></script>"
    )
}

fn page(
    state: &AppState,
    reader: &Reader,
    settings: &Settings,
    places: &[CommunityView],
    note: Option<&str>,
    problem: Option<&str>,
    typed: &str,
) -> Markup {
    let tr = tr();
    let public_url = state.http.public_url.trim_end_matches('/');
    let chosen = settings.page_comments_community.as_ref().map(|(id, _)| *id);
    let example = places
        .iter()
        .find(|v| Some(v.community.id) == chosen)
        .or(places.first());
    let comments_snippet = format!(
        "<iframe data-hearth-comments title=\"{}\"\n        style=\"width:100%;border:0\"></iframe>\n\
         <script src=\"{public_url}/embed.js\" async></script>",
        t!(tr, "embed-comments-title")
    );
    let mut snippets = vec![(
        t!(tr, "admin-embedding-snippet-announcements"),
        snippet(
            public_url,
            "/embed/announcements",
            &t!(tr, "embed-announcements-title"),
        ),
    )];
    if let Some(example) = example {
        snippets.push((
            t!(
                tr,
                "admin-embedding-snippet-community",
                community = example.community.name.as_str()
            ),
            snippet(
                public_url,
                &format!("/embed/communities/{}", example.community.id),
                &example.community.name,
            ),
        ));
    }
    snippets.push((
        t!(tr, "admin-embedding-snippet-topic"),
        snippet(public_url, "/embed/topics/news", "#news"),
    ));
    snippets.push((
        t!(tr, "admin-embedding-snippet-thread"),
        snippet(
            public_url,
            "/embed/posts/POST_ID",
            &t!(tr, "embed-thread-title"),
        ),
    ));
    snippets.push((t!(tr, "admin-embedding-snippet-comments"), comments_snippet));
    let insecure: Vec<&String> = settings
        .frame_origins
        .iter()
        .filter(|origin| origin.starts_with("http://"))
        .collect();
    console(
        &t!(tr, "admin-embedding-title"),
        reader,
        Tab::Embedding,
        html! {
            h1 { (t!(tr, "admin-embedding-title")) }
            @if let Some(note) = note {
                p class="notice" role="status" { (note) }
            }
            section class="card" aria-labelledby="embedding-sites-title" {
                h2 id="embedding-sites-title" { (t!(tr, "admin-embedding-sites")) }
                p class="hint" { (t!(tr, "admin-embedding-sites-hint")) }
                @if let Some(problem) = problem {
                    p class="problem" role="alert" id="embedding-problem" { (problem) }
                }
                form method="post" action="/admin/embedding" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    label for="frame-origins" { (t!(tr, "admin-embedding-origins")) }
                    textarea id="frame-origins" name="frame_origins" rows="4"
                        placeholder="https://intranet.example.com"
                        aria-describedby=[problem.map(|_| "embedding-problem")] { (typed) }
                    label for="page-comments-community" { (t!(tr, "admin-embedding-comments-place")) }
                    select id="page-comments-community" name="page_comments_community" {
                        option value="" selected[chosen.is_none()] {
                            (t!(tr, "posts-everyone-at", network = reader.network.name.as_str()))
                        }
                        @for view in places.iter().filter(|v| v.community.archived_at.is_none()) {
                            option value=(view.community.id) selected[chosen == Some(view.community.id)] {
                                (view.community.name)
                            }
                        }
                    }
                    button type="submit" { (t!(tr, "admin-embedding-save")) }
                }
            }
            section class="card" aria-labelledby="embedding-check-title" {
                h2 id="embedding-check-title" { (t!(tr, "admin-embedding-check")) }
                @if settings.frame_origins.is_empty() {
                    p { (t!(tr, "admin-embedding-none")) }
                } @else {
                    ul {
                        @for origin in &settings.frame_origins {
                            li { code { (origin) } }
                        }
                    }
                    @if !insecure.is_empty() || public_url.starts_with("http://") {
                        p class="problem" { (t!(tr, "admin-embedding-insecure")) }
                    }
                    p class="hint" { (t!(tr, "admin-embedding-sign-in-hint")) }
                }
            }
            section class="card" aria-labelledby="embedding-snippets-title" {
                h2 id="embedding-snippets-title" { (t!(tr, "admin-embedding-snippets")) }
                p class="hint" { (t!(tr, "admin-embedding-snippets-hint")) }
                @for (label, code) in &snippets {
                    h3 { (label) }
                    pre class="snippet" tabindex="0" { code { (code) } }
                }
            }
        },
    )
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    frame_origins: String,
    #[serde(default)]
    page_comments_community: String,
}

async fn save(State(state): State<AppState>, posted: Posted<SettingsForm>) -> PageResult {
    let (reader, form) = (&posted.reader, &posted.form);
    let community = match form.page_comments_community.trim() {
        "" => None,
        raw => Some(form_value::<CommunityId>(raw, "page_comments_community")?),
    };
    let input = NewSettings {
        frame_origins: form.frame_origins.clone(),
        page_comments_community: community,
    };
    match embedding::save_settings(&state.app, posted.acting(), &input).await {
        Ok(_) => Ok(Redirect::to("/admin/embedding?saved=1").into_response()),
        Err(AppError::Invalid(invalid)) => {
            let settings = embedding::settings(&state.app, &reader.actor()).await?;
            let places = communities::list(&state.app, &reader.actor(), false).await?;
            let problem = sentence(&invalid.message);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(
                    &state,
                    reader,
                    &settings,
                    &places,
                    None,
                    Some(&problem),
                    &form.frame_origins,
                ),
            )
                .into_response())
        }
        Err(err) => Err(err.into()),
    }
}
