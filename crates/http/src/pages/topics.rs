//! Topic pages: every post tagged `#topic` that the reader may see.

use super::home::FeedQuery;
use super::layout::{self, Section};
use super::parts::{self, CardContext};
use super::reader::{PageResult, Reader};
use super::{Places, not_found_page, older_href};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use hearth_app::feeds::{self, Feed};
use hearth_app::i18n::t;
use maud::html;

pub fn routes() -> Router<AppState> {
    Router::new().route("/topics/{tag}", get(show))
}

/// The tag as posts link it: lower-case letters, digits and `_`, without the `#`.
/// Anything else can never have been tagged, so it is a plain 404 (and never ends up
/// in a link on the page).
pub(super) fn tag_of(raw: &str) -> Option<String> {
    let tag = raw.trim_start_matches('#').to_lowercase();
    let well_formed = tag.starts_with(|c: char| c.is_ascii_alphabetic())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    well_formed.then_some(tag)
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Path(raw): Path<String>,
    Query(query): Query<FeedQuery>,
) -> PageResult {
    let Some(tag) = tag_of(&raw) else {
        return Ok(not_found_page());
    };
    let before = query.before()?;
    let actor = reader.actor();
    let page = feeds::feed(&state.app, &actor, &Feed::Topic(tag.clone()), before, None).await?;
    let places = Places::load(&state, &reader).await?;
    let cx = CardContext {
        reader: &reader,
        places: &places,
    };
    let title = format!("#{tag}");
    let path = format!("/topics/{tag}");
    let tr = tr();
    Ok(layout::signed_in(
        &title,
        &reader,
        Section::Other,
        html! {
            h1 { (title) }
            @if page.posts.is_empty() && before.is_none() {
                (parts::empty(
                    &t!(tr, "topics-empty-title", topic = title.as_str()),
                    parts::sentence(
                        &t!(tr, "topics-empty-hint", home = parts::slot(0), topic = title.as_str()),
                        &[html! { a href="/" { (t!(tr, "topics-home-page")) } }],
                    ),
                ))
            }
            (parts::feed(&page.posts, &cx, older_href(&path, page.next_before)))
        },
    )
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_lower_cased_words_that_start_with_a_letter() {
        assert_eq!(tag_of("Budget2026").as_deref(), Some("budget2026"));
        assert_eq!(tag_of("#q3_plan").as_deref(), Some("q3_plan"));
        for bad in ["", "#", "1st", "a b", "a?b", "ünï"] {
            assert_eq!(tag_of(bad), None, "{bad}");
        }
    }
}
