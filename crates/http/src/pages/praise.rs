//! Praise on pages: the composer's "Praise a colleague" fields, the banner on a
//! praise post's card, and a profile's "Praise received" (counts per kind and the
//! newest, never a ranking).

use super::parts::{self, CardContext, slot};
use crate::language::tr;
use hearth_app::domain::praise::PraiseKind;
use hearth_app::i18n::t;
use hearth_app::links;
use hearth_app::praise::{PraiseView, Received};
use maud::{Markup, html};
use serde::Deserialize;

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
                            option value=(kind.as_str()) { (kind.emoji()) " " (kind_label(kind)) }
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

/// A profile's "Praise received": how many of each kind, and the newest few.
pub fn received(name: &str, found: &Received, cx: &CardContext<'_>) -> Markup {
    let tr = tr();
    let total: i64 = found.counts.iter().map(|(_, n)| n).sum();
    html! {
        section class="profile-praise" aria-labelledby="praise-title" {
            h2 id="praise-title" { (t!(tr, "praise-received")) }
            @if total == 0 {
                p class="hint" { (t!(tr, "praise-none-yet", name = name)) }
            } @else {
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
                div class="feed" {
                    @for view in &found.page.posts {
                        (parts::post_card(view, cx))
                    }
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
