//! The home feed with the composer.

use super::layout::{self, Section};
use super::parts::{self, CardContext};
use super::reader::{PageResult, Reader};
use super::{Places, older_href};
use crate::AppState;
use crate::language::tr;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use hearth_app::domain::{InvalidId, PostId};
use hearth_app::feeds::{self, Feed};
use hearth_app::i18n::t;
use maud::html;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct FeedQuery {
    #[serde(default)]
    pub before: Option<String>,
}

impl FeedQuery {
    /// The post a page of the feed starts below; `?before=` alone is the first page.
    pub fn before(&self) -> Result<Option<PostId>, InvalidId> {
        self.before
            .as_deref()
            .filter(|raw| !raw.is_empty())
            .map(str::parse)
            .transpose()
    }
}

pub async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<FeedQuery>,
) -> PageResult {
    let actor = reader.actor();
    let before = query.before()?;
    let places = Places::load(&state, &reader).await?;
    let page = feeds::feed(&state.app, &actor, &Feed::Home, before, None).await?;
    let cx = CardContext {
        reader: &reader,
        places: &places,
    };
    let newest = page.posts.first().map(|p| p.post.id.to_string());
    let tr = tr();
    Ok(layout::signed_in(
        &t!(tr, "home-title"),
        &reader,
        Section::Home,
        html! {
            div class="columns" {
                div class="main-column" {
                    h1 class="visually-hidden" { (t!(tr, "home-title")) }
                    @if before.is_none() {
                        (super::posts::composer(&reader, &places, None, "/"))
                        p class="composer-more" {
                            a href="/articles" { (t!(tr, "home-articles")) }
                        }
                        div class="new-posts" role="status" data-new-posts data-newest=[newest] {}
                    }
                    @if page.posts.is_empty() && before.is_none() {
                        (parts::empty(
                            &t!(tr, "home-welcome", name = reader.user.display_name.as_str()),
                            parts::sentence(
                                &t!(
                                    tr,
                                    "home-empty-feed",
                                    communities = parts::slot(0),
                                    people = parts::slot(1)
                                ),
                                &[
                                    html! { a href="/communities" { (t!(tr, "home-join-communities")) } },
                                    html! { a href="/people" { (t!(tr, "home-follow-colleagues")) } },
                                ],
                            ),
                        ))
                    }
                    (parts::feed(&page.posts, &cx, older_href("/", page.next_before)))
                }
                aside class="side-column" aria-label=(t!(tr, "home-your-communities")) {
                    (super::communities::my_communities(&places))
                }
            }
        },
    )
    .into_response())
}
