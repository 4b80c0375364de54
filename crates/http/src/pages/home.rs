//! The home feed with the composer, and signing out.

use super::layout::{self, Section};
use super::parts::{self, CardContext};
use super::reader::{PageResult, Posted, Reader};
use super::{Places, older_href};
use crate::AppState;
use crate::extract::{SESSION_COOKIE, cleared_session_cookie};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::CookieJar;
use hearth_app::feeds::{self, Feed};
use hearth_app::{AppError, sessions};
use maud::html;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct FeedQuery {
    #[serde(default)]
    pub before: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<FeedQuery>,
) -> PageResult {
    let actor = reader.actor();
    let before = super::parse_post_id(query.before.as_deref())?;
    let places = Places::load(&state, &reader).await?;
    let page = feeds::feed(&state.app, &actor, &Feed::Home, before, None).await?;
    let cx = CardContext {
        reader: &reader,
        communities: &places.names,
    };
    let newest = page.posts.first().map(|p| p.post.id.to_string());
    Ok(layout::signed_in(
        "Home",
        &reader,
        Section::Home,
        html! {
            div class="columns" {
                div class="main-column" {
                    h1 class="visually-hidden" { "Home" }
                    @if before.is_none() {
                        (super::posts::composer(&reader, &places, None, "/"))
                        div class="new-posts" data-new-posts data-newest=[newest] hidden {
                            a href="/" { span data-count { "New posts" } }
                        }
                    }
                    @if page.posts.is_empty() && before.is_none() {
                        (parts::empty(
                            &format!("Welcome, {}", reader.user.display_name),
                            html! {
                                "Your feed is empty. Write the first post above, "
                                a href="/communities" { "join communities" }
                                " or "
                                a href="/people" { "follow colleagues" }
                                " to see what they share."
                            },
                        ))
                    }
                    (parts::feed(&page.posts, &cx, older_href("/", page.next_before)))
                }
                aside class="side-column" aria-label="Your communities" {
                    (super::communities::my_communities(&places))
                }
            }
        },
    )
    .into_response())
}

#[derive(Deserialize)]
pub struct Nothing {}

pub async fn sign_out(
    State(state): State<AppState>,
    jar: CookieJar,
    _checked: Posted<Nothing>,
) -> PageResult {
    if let Some(cookie) = jar.get(SESSION_COOKIE) {
        sessions::sign_out(&state.app, cookie.value()).await?;
    }
    Ok((
        jar.remove(cleared_session_cookie()),
        Redirect::to("/sign-in"),
    )
        .into_response())
}

pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    jar: CookieJar,
    posted: Posted<Nothing>,
) -> PageResult {
    match sessions::sign_out_everywhere(&state.app, &posted.reader.actor()).await {
        Ok(_) | Err(AppError::Unauthenticated(_)) => Ok((
            jar.remove(cleared_session_cookie()),
            Redirect::to("/sign-in"),
        )
            .into_response()),
        Err(err) => Err(err.into()),
    }
}
