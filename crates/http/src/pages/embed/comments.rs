//! `/embed/comments?url=…&title=…`: the comments under an intranet page.

use super::{EmbedVisitor, embedded, framable, frame};
use crate::AppState;
use crate::language::tr;
use crate::pages::parts::{self, CardContext};
use crate::pages::reader::{PageError, PageResult, Posted, Reader, sentence};
use crate::pages::{Places, local_path};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::AppError;
use hearth_app::feeds::{MAX_THREAD_DEPTH, ThreadPage};
use hearth_app::i18n::t;
use hearth_app::page_comments::{self, PageDiscussion};
use hearth_app::thread_subscriptions;
use maud::{Markup, html};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    #[serde(default)]
    url: String,
    #[serde(default)]
    title: String,
}

/// This page's own address for a commented page, to come back to after a form.
fn here(url: &str, title: &str) -> String {
    let query = serde_urlencoded::to_string([("url", url), ("title", title)]).unwrap_or_default();
    format!("/embed/comments?{query}")
}

pub async fn show(
    State(state): State<AppState>,
    EmbedVisitor(visitor): EmbedVisitor,
    Query(query): Query<PageQuery>,
) -> Response {
    let state_ref = &state;
    let title = t!(tr(), "embed-comments-title");
    embedded(&state, visitor, &title, async |reader| {
        let found = page_comments::discussion(
            &state_ref.app,
            &reader.actor(),
            &query.url,
            &query.title,
            ThreadPage::first(MAX_THREAD_DEPTH),
        )
        .await;
        let discussion = match found {
            Ok(discussion) => discussion,
            Err(AppError::Invalid(invalid)) => {
                return Ok((
                    StatusCode::UNPROCESSABLE_ENTITY,
                    frame(&title, refused(&sentence(&invalid.message))),
                )
                    .into_response());
            }
            Err(AppError::Forbidden(reason)) => {
                return Ok((
                    StatusCode::FORBIDDEN,
                    frame(&title, refused(&sentence(reason))),
                )
                    .into_response());
            }
            Err(err) => return Err(err.into()),
        };
        let places = Places::load(state_ref, reader).await?;
        let following = match &discussion.thread {
            Some(thread) => {
                let id = thread.post.post.id;
                thread_subscriptions::following(&state_ref.app, &reader.actor(), id).await?
            }
            None => false,
        };
        let shown = section(reader, &places, &discussion, None, "", following);
        Ok(frame(&title, shown).into_response())
    })
    .await
}

fn refused(message: &str) -> Markup {
    html! { p class="problem" role="alert" { (message) } }
}

/// The page's comments and the form for one more: the first comment's form until
/// someone wrote one, then the thread with its reply forms.
fn section(
    reader: &Reader,
    places: &Places,
    discussion: &PageDiscussion,
    problem: Option<&str>,
    typed: &str,
    following: bool,
) -> Markup {
    let cx = CardContext { reader, places };
    let back = here(&discussion.url, &discussion.title);
    let tr = tr();
    html! {
        section class="page-comments" aria-labelledby="page-comments-title" {
            h1 id="page-comments-title" { (t!(tr, "embed-comments-on", page = discussion.title.as_str())) }
            @match &discussion.thread {
                Some(thread) => {
                    (crate::pages::posts::subscription_form(reader, thread.post.post.id, following, &back))
                    (parts::post_card(&thread.post, &cx))
                    (crate::pages::posts::discussion(thread, &[], &cx, &back, false))
                }
                None => {
                    p class="empty" { (t!(tr, "embed-comments-none")) }
                    @if let Some(problem) = problem {
                        p class="problem" role="alert" id="comment-problem" { (problem) }
                    }
                    form class="reply-form" method="post" action="/embed/comments" {
                        input type="hidden" name="csrf" value=(reader.csrf);
                        input type="hidden" name="url" value=(discussion.url);
                        input type="hidden" name="title" value=(discussion.title);
                        label for="page-comment" { (t!(tr, "embed-comments-yours")) }
                        textarea id="page-comment" name="body" rows="3" required data-suggest maxlength="20000"
                            aria-describedby=[problem.map(|_| "comment-problem")] { (typed) }
                        button type="submit" { (t!(tr, "embed-comments-post")) }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    url: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

/// The first comment on a page (later ones are replies, sent as any reply is).
pub async fn post(State(state): State<AppState>, posted: Posted<CommentForm>) -> Response {
    let result = comment(&state, &posted).await;
    let response = match result {
        Ok(response) => response,
        Err(err) => err.into_response(),
    };
    framable(&state, response).await
}

async fn comment(state: &AppState, posted: &Posted<CommentForm>) -> PageResult {
    let (reader, form) = (&posted.reader, &posted.form);
    let actor = reader.actor();
    match page_comments::comment(&state.app, &actor, &form.url, &form.title, &form.body).await {
        Ok(created) => {
            let title = hearth_app::domain::embed::page_title(&form.title, &form.url);
            let back = local_path(&here(&form.url, &title), "/");
            Ok(Redirect::to(&format!("{back}#post-{}", created.id)).into_response())
        }
        Err(AppError::Invalid(invalid)) if invalid.field == "body" => {
            let discussion = page_comments::discussion(
                &state.app,
                &actor,
                &form.url,
                &form.title,
                ThreadPage::first(MAX_THREAD_DEPTH),
            )
            .await?;
            let places = Places::load(state, reader).await?;
            let problem = sentence(&invalid.message);
            let title = t!(tr(), "embed-comments-title");
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                frame(
                    &title,
                    section(
                        reader,
                        &places,
                        &discussion,
                        Some(&problem),
                        &form.body,
                        false,
                    ),
                ),
            )
                .into_response())
        }
        Err(err) => Err(PageError::from(err)),
    }
}
