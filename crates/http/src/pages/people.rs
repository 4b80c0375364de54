//! People: the directory, profiles with their posts, following.

use super::home::FeedQuery;
use super::layout::{self, Section};
use super::parts::{self, CardContext};
use super::parts::{sentence, slot};
use super::reader::Nothing;
use super::reader::{PageResult, Posted, Reader};
use super::{Places, older_href};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::domain::{Profile, UserStatus};
use hearth_app::feeds::{self, Feed};
use hearth_app::i18n::t;
use hearth_app::links;
use hearth_app::people::{self, DirectoryQuery, PersonRef, ProfileCard};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/people", get(directory))
        .route("/people/{person}", get(profile))
        .route("/people/{person}/follow", post(follow))
        .route("/people/{person}/unfollow", post(unfollow))
}

/// A profile's address. Handles are `a-z`, `0-9` and `_`, so they go into a path as
/// they are; anything else (which no stored handle can be) falls back to the directory
/// rather than into a `Location` header.
fn profile_path(person: &PersonRef) -> String {
    match person {
        PersonRef::Id(id) => links::person(id),
        PersonRef::Handle(handle)
            if !handle.is_empty()
                && handle
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            links::person(handle)
        }
        PersonRef::Handle(_) => "/people".to_owned(),
    }
}

#[derive(Deserialize, Default)]
pub struct DirectoryParams {
    #[serde(default)]
    name: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    cursor: String,
}

/// "Ana Lima · Engineering · Lisbon": the parts that are filled in.
fn joined(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

async fn directory(
    State(state): State<AppState>,
    reader: Reader,
    Query(params): Query<DirectoryParams>,
) -> PageResult {
    let nonempty = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
    let query = DirectoryQuery {
        name: nonempty(&params.name),
        department: nonempty(&params.department),
        cursor: nonempty(&params.cursor),
        limit: None,
    };
    let page = people::directory(&state.app, &reader.actor(), &query).await?;
    let searching = query.name.is_some() || query.department.is_some();
    let more = page.next_cursor.as_deref().and_then(|cursor| {
        let pairs = [
            ("name", params.name.trim()),
            ("department", params.department.trim()),
            ("cursor", cursor),
        ];
        let pairs: Vec<_> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        serde_urlencoded::to_string(pairs)
            .ok()
            .map(|q| format!("/people?{q}"))
    });
    let terms = joined(&[params.name.as_str(), params.department.as_str()]);
    let tr = tr();
    Ok(layout::signed_in(
        &t!(tr, "people-title"),
        &reader,
        Section::People,
        html! {
            h1 { (t!(tr, "people-title")) }
            form class="card people-search" method="get" action="/people" role="search" aria-label=(t!(tr, "people-search-label")) {
                div class="search-fields" {
                    div {
                        label for="people-name" { (t!(tr, "people-name")) }
                        input id="people-name" name="name" type="search" maxlength="100" value=(params.name);
                    }
                    div {
                        label for="people-department" { (t!(tr, "people-department")) }
                        input id="people-department" name="department" type="search" maxlength="100" value=(params.department);
                    }
                }
                button type="submit" { (t!(tr, "people-search")) }
                @if searching {
                    " " a href="/people" { (t!(tr, "people-clear-search")) }
                }
            }
            @if page.people.is_empty() {
                @if searching {
                    (parts::empty(
                        &t!(tr, "people-no-match", terms = terms.as_str()),
                        sentence(
                            &t!(tr, "people-no-match-hint", clear = slot(0)),
                            &[html! { a href="/people" { (t!(tr, "people-no-match-clear")) } }],
                        ),
                    ))
                } @else {
                    (parts::empty(&t!(tr, "people-empty-title"), html! { (t!(tr, "people-empty-hint")) }))
                }
            } @else {
                ul class="people-list directory" {
                    @for person in &page.people {
                        (directory_entry(person))
                    }
                }
            }
            @if let Some(href) = more {
                nav class="pager" aria-label=(t!(tr, "people-more")) {
                    a href=(href) rel="next" { (t!(tr, "people-more")) }
                }
            }
        },
    )
    .into_response())
}

pub(super) fn directory_entry(person: &Profile) -> Markup {
    let whereabouts = joined(&[&person.department, &person.location]);
    html! {
        li class="person" {
            (parts::avatar(&person.display_name, person.user_id.0, person.photo, "medium"))
            div class="person-summary" {
                a class="person-name" href=(links::person(&person.handle)) { (person.display_name) }
                @if person.guest { (parts::guest_badge()) }
                @if !person.job_title.is_empty() {
                    span class="job-title" { (person.job_title) }
                }
                @if !whereabouts.is_empty() {
                    span class="meta" { (whereabouts) }
                }
            }
        }
    }
}

async fn profile(
    State(state): State<AppState>,
    reader: Reader,
    Path(raw): Path<String>,
    Query(query): Query<FeedQuery>,
) -> PageResult {
    let before = query.before()?;
    let actor = reader.actor();
    let card = people::get(&state.app, &actor, &PersonRef::parse(&raw)).await?;
    let feed = Feed::Profile(card.profile.user_id);
    let page = feeds::feed(&state.app, &actor, &feed, before, None).await?;
    // The newest few, on the first page only; the API pages through them all.
    let praise = match before {
        None => Some(
            hearth_app::praise::received(&state.app, &actor, card.profile.user_id, None, Some(5))
                .await?,
        ),
        Some(_) => None,
    };
    let places = Places::load(&state, &reader).await?;
    let cx = CardContext {
        reader: &reader,
        places: &places,
    };
    let person = &card.profile;
    let path = links::person(&person.handle);
    let tr = tr();
    Ok(layout::signed_in(
        &person.display_name,
        &reader,
        Section::People,
        html! {
            (profile_head(&reader, &card))
            @if let Some(praise) = &praise {
                (super::praise::received(&person.display_name, &person.handle, praise, &cx))
            }
            section class="profile-posts" aria-labelledby="posts-title" {
                h2 id="posts-title" { (t!(tr, "people-posts")) }
                @if page.posts.is_empty() && before.is_none() {
                    (parts::empty(
                        &t!(tr, "people-no-posts", name = person.display_name.as_str()),
                        html! {
                            @if person.user_id == reader.user.id {
                                (sentence(
                                    &t!(tr, "people-first-post", link = slot(0)),
                                    &[html! { a href="/" { (t!(tr, "people-first-post-link")) } }],
                                ))
                            } @else {
                                (t!(tr, "people-posts-will-show"))
                            }
                        },
                    ))
                }
                (parts::feed(&page.posts, &cx, older_href(&path, page.next_before)))
            }
        },
    )
    .into_response())
}

fn profile_head(reader: &Reader, card: &ProfileCard) -> Markup {
    let person = &card.profile;
    let own = person.user_id == reader.user.id;
    let role = joined(&[&person.job_title, &person.department]);
    let tr = tr();
    html! {
        section class="card profile-head" aria-labelledby="profile-title" {
            (parts::avatar(&person.display_name, person.user_id.0, person.photo, "large"))
            div class="profile-summary" {
                h1 id="profile-title" { (person.display_name) }
                p class="handle" {
                    "@" (person.handle)
                    @if person.status == UserStatus::Deactivated {
                        " " span class="badge former" { (t!(tr, "people-former-member")) }
                    }
                    @if person.guest { " " (parts::guest_badge()) }
                }
                @if !role.is_empty() { p class="job-title" { (role) } }
                dl class="profile-facts" {
                    @if !person.location.is_empty() {
                        dt { (t!(tr, "people-location")) }
                        dd { (person.location) }
                    }
                    dt { (t!(tr, "people-time-zone")) }
                    dd { (person.time_zone) }
                    @if let Some(manager) = person.manager_id {
                        dt { (t!(tr, "people-manager")) }
                        dd { a href=(links::person(manager)) { (t!(tr, "people-manager-link")) } }
                    }
                }
                @if !person.about.is_empty() {
                    p class="about pre-line" { (person.about) }
                }
                p class="follow-counts" {
                    (sentence(
                        &t!(tr, "people-followers", count = card.followers, number = slot(0)),
                        &[html! { strong { (card.followers) } }],
                    ))
                    " · "
                    (sentence(
                        &t!(tr, "people-following", number = slot(0)),
                        &[html! { strong { (card.following) } }],
                    ))
                }
                @if own {
                    a class="button" href="/settings" { (t!(tr, "people-edit-profile")) }
                } @else {
                    @let action = if card.followed_by_viewer { "unfollow" } else { "follow" };
                    div class="profile-actions" {
                        form method="post" action={"/people/" (person.handle) "/" (action)} {
                            input type="hidden" name="csrf" value=(reader.csrf);
                            @if card.followed_by_viewer {
                                button type="submit" class="secondary" { (t!(tr, "people-unfollow")) }
                            } @else {
                                button type="submit" { (t!(tr, "people-follow")) }
                            }
                        }
                        @if person.status == UserStatus::Active {
                            form method="post" action={"/chat/with/" (person.handle)} {
                                input type="hidden" name="csrf" value=(reader.csrf);
                                button type="submit" class="secondary" { (t!(tr, "people-message")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

async fn follow(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<Nothing>,
) -> PageResult {
    let person = PersonRef::parse(&raw);
    people::follow(&state.app, &posted.reader.actor(), &person).await?;
    Ok(Redirect::to(&profile_path(&person)).into_response())
}

async fn unfollow(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<Nothing>,
) -> PageResult {
    let person = PersonRef::parse(&raw);
    people::unfollow(&state.app, &posted.reader.actor(), &person).await?;
    Ok(Redirect::to(&profile_path(&person)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearth_app::domain::UserId;

    #[test]
    fn only_well_formed_handles_become_redirect_paths() {
        assert_eq!(profile_path(&PersonRef::Id(UserId(7))), "/people/7");
        assert_eq!(profile_path(&PersonRef::parse("@Ana_L")), "/people/ana_l");
        assert_eq!(profile_path(&PersonRef::parse("a\nb")), "/people");
        assert_eq!(profile_path(&PersonRef::parse("")), "/people");
    }
}
