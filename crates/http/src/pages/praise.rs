//! Praise on pages: the composer's "Praise a colleague" fields, the banner on a
//! praise post's card, and a profile's "Praise received" (counts per kind and the
//! newest, never a ranking).

use super::home::FeedQuery;
use super::layout::{self, Section};
use super::parts::{self, CardContext, slot};
use super::reader::{PageResult, Reader};
use super::{Places, older_href};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use hearth_app::domain::praise::PraiseKind;
use hearth_app::i18n::t;
use hearth_app::links;
use hearth_app::people::{self, PersonRef};
use hearth_app::praise::{PraiseView, Received};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/people/{person}/praise", get(all))
}

/// Every praise a person received that the reader may read, newest first, a page at
/// a time.
async fn all(
    State(state): State<AppState>,
    reader: Reader,
    Path(raw): Path<String>,
    Query(query): Query<FeedQuery>,
) -> PageResult {
    let before = query.before()?;
    let actor = reader.actor();
    let card = people::get(&state.app, &actor, &PersonRef::parse(&raw)).await?;
    let person = &card.profile;
    let found =
        hearth_app::praise::received(&state.app, &actor, person.user_id, before, None).await?;
    let places = Places::load(&state, &reader).await?;
    let cx = CardContext {
        reader: &reader,
        places: &places,
    };
    let profile = links::person(&person.handle);
    let path = format!("{profile}/praise");
    let tr = tr();
    let title = t!(tr, "praise-all-title", name = person.display_name.as_str());
    Ok(layout::signed_in(
        &title,
        &reader,
        Section::People,
        html! {
            h1 { (title) }
            p { a href=(profile) { (t!(tr, "praise-back-to-profile")) } }
            (counts(&found))
            @if found.page.posts.is_empty() && before.is_none() {
                p class="hint" { (t!(tr, "praise-none-yet", name = person.display_name.as_str())) }
            }
            (parts::feed(&found.page.posts, &cx, older_href(&path, found.page.next_before)))
        },
    )
    .into_response())
}

fn counts(found: &Received) -> Markup {
    let tr = tr();
    html! {
        ul class="praise-counts" {
            @for (kind, count) in &found.counts {
                @if *count > 0 {
                    @let label = kind_label(*kind);
                    li {
                        span aria-hidden="true" { (kind.emoji()) }
                        " " (t!(tr, "praise-count", kind = label.as_str(), count = *count))
                    }
                }
            }
        }
    }
}

/// A kind's emoji and its name in the reader's language.
pub fn kind_label(kind: PraiseKind) -> String {
    let tr = tr();
    match kind {
        PraiseKind::Thanks => t!(tr, "praise-kind-thanks"),
        PraiseKind::Teamwork => t!(tr, "praise-kind-teamwork"),
        PraiseKind::AboveAndBeyond => t!(tr, "praise-kind-above-and-beyond"),
        PraiseKind::Welcome => t!(tr, "praise-kind-welcome"),
    }
}

/// The composer's "Praise a colleague" fields, folded away until wanted.
pub fn composer_fields() -> Markup {
    let tr = tr();
    html! {
        details class="praise-fields" {
            summary { (t!(tr, "praise-add")) }
            label for="praise-people" { (t!(tr, "praise-people")) }
            p class="hint" id="praise-people-hint" { (t!(tr, "praise-people-hint")) }
            input id="praise-people" name="praise_people" maxlength="400"
                aria-describedby="praise-people-hint" autocomplete="off";
            div class="composer-options" {
                span class="option" {
                    label for="praise-kind" class="inline" { (t!(tr, "praise-kind")) }
                    select id="praise-kind" name="praise_kind" {
                        @for kind in PraiseKind::ALL {
                            option value=(kind.as_str()) { (kind_label(kind)) }
                        }
                    }
                }
            }
        }
    }
}

/// The composer's praise fields as sent.
#[derive(Debug, Default, Deserialize)]
pub struct PraiseFields {
    #[serde(default)]
    pub praise_people: String,
    #[serde(default)]
    pub praise_kind: String,
}

/// The banner at the top of a praise post's card: the kind and whom it thanks.
pub fn banner(praise: &PraiseView) -> Markup {
    let tr = tr();
    let people: Vec<Markup> = praise
        .recipients
        .iter()
        .map(|person| html! { a href=(links::person(&person.handle)) { (person.name) } })
        .collect();
    let list = html! {
        @for (n, person) in people.iter().enumerate() {
            @if n > 0 { ", " }
            (person)
        }
    };
    let kind = kind_label(praise.kind);
    html! {
        p class="praise-banner" {
            span class="praise-emoji" aria-hidden="true" { (praise.kind.emoji()) }
            " "
            (parts::sentence(
                &t!(tr, "praise-banner", kind = kind.as_str(), people = slot(0)),
                &[list],
            ))
        }
    }
}

/// A profile's "Praise received": how many of each kind, the newest few, and a link
/// to them all.
pub fn received(name: &str, handle: &str, found: &Received, cx: &CardContext<'_>) -> Markup {
    let tr = tr();
    let total: i64 = found.counts.iter().map(|(_, n)| n).sum();
    html! {
        section class="profile-praise" aria-labelledby="praise-title" {
            h2 id="praise-title" { (t!(tr, "praise-received")) }
            @if total == 0 {
                p class="hint" { (t!(tr, "praise-none-yet", name = name)) }
            } @else {
                (counts(found))
                div class="feed" {
                    @for view in &found.page.posts {
                        (parts::post_card(view, cx))
                    }
                }
                @if found.page.next_before.is_some() {
                    p { a href={(links::person(handle)) "/praise"} { (t!(tr, "praise-all")) } }
                }
            }
        }
    }
}

impl PraiseFields {
    /// Whether any colleague was named.
    pub fn given(&self) -> bool {
        !self.praise_people.trim().is_empty()
    }
}
