//! Communities: the directory, creating one, a community's page with its feed, and
//! its members with join requests for managers to approve.

use super::home::FeedQuery;
use super::layout::{self, Section};
use super::parts::{self, CardContext};
use super::reader::Nothing;
use super::reader::{PagePath, PageResult, Posted, Reader};
use super::{Places, older_href};
use crate::AppState;
use crate::language::tr;
use crate::views::file_url;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::AppError;
use hearth_app::communities::{self, CommunityView, NewCommunity};
use hearth_app::domain::policy::{self, JoinOutcome};
use hearth_app::domain::upload::Variant;
use hearth_app::domain::{CommunityId, CommunityRole, MembershipState, UserId, Visibility};
use hearth_app::feeds::{self, Feed};
use hearth_app::i18n::t;
use hearth_app::links;
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/communities", get(directory).post(create))
        .route("/communities/new", get(new_form))
        .route("/communities/{id}", get(show))
        .route("/communities/{id}/join", post(join))
        .route("/communities/{id}/leave", post(leave))
        .route("/communities/{id}/members", get(members))
        .route("/communities/{id}/members/{user}/approve", post(approve))
        .route("/communities/{id}/members/{user}/remove", post(remove))
}

/// The reader's communities, for the side column of the home page.
pub fn my_communities(places: &Places) -> Markup {
    let tr = tr();
    html! {
        section class="card side" {
            h2 { (t!(tr, "communities-yours-side")) }
            @if places.mine.is_empty() {
                p {
                    (parts::sentence(
                        &t!(tr, "communities-none-joined", link = parts::slot(0)),
                        &[html! { a href="/communities" { (t!(tr, "communities-find")) } }],
                    ))
                }
            } @else {
                ul class="plain" {
                    @for view in &places.mine {
                        li { a href=(links::community(view.community.id)) { (view.community.name) } }
                    }
                }
                p { a href="/communities" { (t!(tr, "communities-all")) } }
            }
        }
    }
}

fn visibility_label(visibility: Visibility) -> String {
    let tr = tr();
    match visibility {
        Visibility::Public => t!(tr, "communities-public"),
        Visibility::Private => t!(tr, "communities-private"),
        Visibility::Secret => t!(tr, "communities-secret"),
    }
}

/// The kind of community, as its page's header names it.
fn visibility_community(visibility: Visibility) -> String {
    let tr = tr();
    match visibility {
        Visibility::Public => t!(tr, "communities-public-community"),
        Visibility::Private => t!(tr, "communities-private-community"),
        Visibility::Secret => t!(tr, "communities-secret-community"),
    }
}

/// Join, request, leave: whichever applies to this reader.
fn membership_action(reader: &Reader, view: &CommunityView) -> Markup {
    let id = view.community.id;
    let state = view.membership.map(|m| m.state);
    let tr = tr();
    html! {
        @match state {
            Some(MembershipState::Member) => {
                form method="post" action={"/communities/" (id) "/leave"} {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    button type="submit" class="secondary" { (t!(tr, "communities-leave")) }
                }
            }
            Some(MembershipState::Requested) => {
                p class="pending" { (t!(tr, "communities-request-sent")) }
                form method="post" action={"/communities/" (id) "/leave"} {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    button type="submit" class="secondary" { (t!(tr, "communities-withdraw-request")) }
                }
            }
            _ if view.community.archived_at.is_some() => {
                p class="pending" { (t!(tr, "communities-archived")) }
            }
            _ => {
                @match policy::join_outcome(&reader.user, &view.community, view.membership.as_ref()) {
                    Ok(outcome) => {
                        form method="post" action={"/communities/" (id) "/join"} {
                            input type="hidden" name="csrf" value=(reader.csrf);
                            @if state == Some(MembershipState::Invited) {
                                button type="submit" { (t!(tr, "communities-accept-invitation")) }
                            } @else if outcome == JoinOutcome::Joined {
                                button type="submit" { (t!(tr, "communities-join")) }
                            } @else {
                                button type="submit" { (t!(tr, "communities-ask-to-join")) }
                            }
                        }
                    }
                    Err(_) => p class="pending" { (t!(tr, "communities-by-invitation")) },
                }
            }
        }
    }
}

fn community_card(reader: &Reader, view: &CommunityView) -> Markup {
    let c = &view.community;
    let tr = tr();
    html! {
        li class="community-card card" {
            @if let Some(cover) = c.cover {
                img class="cover" src=(file_url(cover, Variant::Small)) width="480" height="120" alt="" loading="lazy";
            }
            h3 { a href=(links::community(c.id)) { (c.name) } }
            p class="meta" {
                (visibility_label(c.visibility)) " · "
                @if c.category == hearth_app::domain::Category::Work {
                    (t!(tr, "communities-work"))
                } @else {
                    (t!(tr, "communities-social"))
                }
                " · " (t!(tr, "communities-members-count", count = view.member_count))
            }
            @if !c.description.is_empty() { p { (c.description) } }
            (membership_action(reader, view))
        }
    }
}

async fn directory(State(state): State<AppState>, reader: Reader) -> PageResult {
    let all = communities::list(&state.app, &reader.actor(), false).await?;
    let (mine, others): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|v| v.membership.is_some_and(|m| m.is_member()));
    let tr = tr();
    Ok(layout::signed_in(
        &t!(tr, "communities-title"),
        &reader,
        Section::Communities,
        html! {
            div class="page-head" {
                h1 { (t!(tr, "communities-title")) }
                a class="button" href="/communities/new" { (t!(tr, "communities-new")) }
            }
            section aria-labelledby="mine-title" {
                h2 id="mine-title" { (t!(tr, "communities-yours")) }
                @if mine.is_empty() {
                    (parts::empty(&t!(tr, "communities-yours-empty"), html! { (t!(tr, "communities-yours-empty-hint")) }))
                } @else {
                    ul class="community-grid" {
                        @for view in &mine { (community_card(&reader, view)) }
                    }
                }
            }
            section aria-labelledby="others-title" {
                h2 id="others-title" { (t!(tr, "communities-discover")) }
                @if others.is_empty() {
                    (parts::empty(
                        &t!(tr, "communities-discover-empty"),
                        parts::sentence(
                            &t!(tr, "communities-discover-empty-hint", link = parts::slot(0)),
                            &[html! { a href="/communities/new" { (t!(tr, "communities-start-new")) } }],
                        ),
                    ))
                } @else {
                    ul class="community-grid" {
                        @for view in &others { (community_card(&reader, view)) }
                    }
                }
            }
        },
    )
    .into_response())
}

async fn new_form(reader: Reader) -> PageResult {
    let tr = tr();
    Ok(layout::signed_in(
        &t!(tr, "communities-new"),
        &reader,
        Section::Communities,
        html! {
            form class="card narrow" method="post" action="/communities" {
                h1 { (t!(tr, "communities-new")) }
                input type="hidden" name="csrf" value=(reader.csrf);
                label for="name" { (t!(tr, "communities-name")) }
                input id="name" name="name" required maxlength="80";
                label for="description" { (t!(tr, "communities-description")) }
                textarea id="description" name="description" rows="3" maxlength="2000" {}
                fieldset {
                    legend { (t!(tr, "communities-who-can-read")) }
                    label class="choice" { input type="radio" name="visibility" value="public" checked; " " (t!(tr, "communities-public-choice")) }
                    label class="choice" { input type="radio" name="visibility" value="private"; " " (t!(tr, "communities-private-choice")) }
                    label class="choice" { input type="radio" name="visibility" value="secret"; " " (t!(tr, "communities-secret-choice")) }
                }
                fieldset {
                    legend { (t!(tr, "communities-kind")) }
                    label class="choice" { input type="radio" name="category" value="work" checked; " " (t!(tr, "communities-work")) }
                    label class="choice" { input type="radio" name="category" value="social"; " " (t!(tr, "communities-social")) }
                }
                button type="submit" { (t!(tr, "communities-create")) }
            }
        },
    )
    .into_response())
}

#[derive(Deserialize)]
pub struct NewCommunityForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    category: String,
}

async fn create(State(state): State<AppState>, posted: Posted<NewCommunityForm>) -> PageResult {
    let form = posted.form;
    let input = NewCommunity {
        name: form.name,
        description: form.description,
        visibility: form.visibility,
        category: form.category,
    };
    let created = communities::create(&state.app, &posted.reader.actor(), &input).await?;
    Ok(Redirect::to(&links::community(created.id)).into_response())
}

fn header(reader: &Reader, view: &CommunityView) -> Markup {
    let c = &view.community;
    let tr = tr();
    html! {
        section class="card community-head" aria-labelledby="community-title" {
            // Decoration: the community's name is right below it.
            @if let Some(cover) = c.cover {
                img class="cover" src=(file_url(cover, Variant::Large)) width="1280" height="320" alt="";
            }
            h1 id="community-title" { (c.name) }
            p class="meta" {
                (visibility_community(c.visibility)) " · "
                a href={"/communities/" (c.id) "/members"} {
                    (t!(tr, "communities-members-count", count = view.member_count))
                }
                @if c.archived_at.is_some() { " · " (t!(tr, "communities-archived-note")) }
                // Managers find their community's reports here; the queue checks again.
                @if policy::may_manage_community(&reader.user, c, view.membership.as_ref()).is_ok()
                    && reader.user.role != hearth_app::domain::Role::Compliance
                {
                    " · " a href={"/communities/" (c.id) "/moderation"} { (t!(tr, "communities-moderation-queue")) }
                }
                @if policy::may_manage_community(&reader.user, c, view.membership.as_ref()).is_ok() {
                    " · " a href={"/communities/" (c.id) "/cover"} { (t!(tr, "communities-change-cover")) }
                    " · " a href={"/communities/" (c.id) "/analytics"} { (t!(tr, "communities-analytics")) }
                }
            }
            @if !c.description.is_empty() { p { (c.description) } }
            (membership_action(reader, view))
        }
    }
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<CommunityId>,
    Query(query): Query<FeedQuery>,
) -> PageResult {
    let before = query.before()?;
    let actor = reader.actor();
    let view = communities::get(&state.app, &actor, id).await?;
    let places = Places::load(&state, &reader).await?;
    let page = match feeds::feed(&state.app, &actor, &Feed::Community(id), before, None).await {
        Ok(mut page) => {
            // Announcements pinned above the feed are not repeated in it.
            let pinned: Vec<_> = page.pinned.iter().map(|p| p.post.id).collect();
            page.posts.retain(|p| !pinned.contains(&p.post.id));
            Some(page)
        }
        Err(AppError::Forbidden(_)) => None,
        Err(err) => return Err(err.into()),
    };
    let cx = CardContext {
        reader: &reader,
        places: &places,
    };
    let is_member = view.membership.is_some_and(|m| m.is_member());
    let subscription = match page {
        Some(_) => {
            Some(hearth_app::notification_settings::subscription(&state.app, &actor, id).await?)
        }
        None => None,
    };
    let path = links::community(id);
    let tr = tr();
    Ok(layout::signed_in(
        &view.community.name,
        &reader,
        Section::Communities,
        html! {
            (header(&reader, &view))
            @if let Some(current) = subscription {
                (super::notification_settings::community_form(&reader, id, current))
            }
            @match &page {
                None => {
                    (parts::empty(
                        &t!(tr, "communities-members-only"),
                        html! { (t!(tr, "communities-members-only-hint")) },
                    ))
                }
                Some(page) => {
                    @if !page.pinned.is_empty() {
                        section class="pinned" aria-labelledby="pinned-title" {
                            h2 id="pinned-title" { (t!(tr, "communities-pinned")) }
                            @for pinned in &page.pinned { (parts::post_card(pinned, &cx)) }
                        }
                    }
                    @if is_member && before.is_none() && view.community.archived_at.is_none() {
                        (super::posts::composer(&reader, &places, Some(id), &path))
                    }
                    @if page.posts.is_empty() && before.is_none() {
                        (parts::empty(
                            &t!(tr, "communities-no-posts"),
                            html! {
                                @if is_member {
                                    (t!(tr, "communities-no-posts-member"))
                                } @else {
                                    (t!(tr, "communities-no-posts-join"))
                                }
                            },
                        ))
                    }
                    (parts::feed(&page.posts, &cx, older_href(&path, page.next_before)))
                }
            }
        },
    )
    .into_response())
}

async fn join(
    State(state): State<AppState>,
    PagePath(id): PagePath<CommunityId>,
    posted: Posted<Nothing>,
) -> PageResult {
    communities::join(&state.app, &posted.reader.actor(), id).await?;
    Ok(Redirect::to(&links::community(id)).into_response())
}

async fn leave(
    State(state): State<AppState>,
    PagePath(id): PagePath<CommunityId>,
    posted: Posted<Nothing>,
) -> PageResult {
    communities::leave(&state.app, &posted.reader.actor(), id).await?;
    Ok(Redirect::to(&links::community(id)).into_response())
}

fn role_label(role: CommunityRole) -> String {
    let tr = tr();
    match role {
        CommunityRole::Owner => t!(tr, "communities-role-owner"),
        CommunityRole::Admin => t!(tr, "communities-role-admin"),
        CommunityRole::Member => t!(tr, "communities-role-member"),
    }
}

async fn members(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<CommunityId>,
) -> PageResult {
    let actor = reader.actor();
    let view = communities::get(&state.app, &actor, id).await?;
    let people = communities::members(&state.app, &actor, id).await?;
    let ids: Vec<_> = people.iter().map(|(m, _)| m.user_id).collect();
    let photos = hearth_app::people::photos(&state.app, &actor, &ids).await?;
    let manages =
        policy::may_manage_community(&reader.user, &view.community, view.membership.as_ref())
            .is_ok();
    let (requests, rest): (Vec<_>, Vec<_>) = people
        .iter()
        .partition(|(m, _)| m.state == MembershipState::Requested);
    let tr = tr();
    let title = t!(
        tr,
        "communities-members-of",
        community = view.community.name.as_str()
    );
    Ok(layout::signed_in(
        &title,
        &reader,
        Section::Communities,
        html! {
            p { a href=(links::community(id)) { (t!(tr, "communities-back-to", community = view.community.name.as_str())) } }
            h1 { (title) }
            @if manages && !requests.is_empty() {
                section class="card" aria-labelledby="requests-title" {
                    h2 id="requests-title" { (t!(tr, "communities-requests", count = requests.len())) }
                    ul class="people-list" {
                        @for (m, name) in &requests {
                            li {
                                (parts::avatar(name, m.user_id.0, photos.get(&m.user_id).copied(), "small"))
                                a href=(links::person(m.user_id)) id={"member-" (m.user_id)} { (name) }
                                (member_button(&reader, id, m.user_id, "approve", &t!(tr, "communities-approve"), ""))
                                (member_button(&reader, id, m.user_id, "remove", &t!(tr, "communities-decline"), "secondary"))
                            }
                        }
                    }
                }
            }
            section class="card" aria-labelledby="members-title" {
                h2 id="members-title" { (t!(tr, "communities-members")) }
                ul class="people-list" {
                    @for (m, name) in &rest {
                        li {
                            (parts::avatar(name, m.user_id.0, photos.get(&m.user_id).copied(), "small"))
                            a href=(links::person(m.user_id)) id={"member-" (m.user_id)} { (name) }
                            span class="meta" {
                                @if m.state == MembershipState::Invited { (t!(tr, "communities-invited")) } @else { (role_label(m.role)) }
                            }
                            @if manages && m.user_id != reader.user.id {
                                (member_button(&reader, id, m.user_id, "remove", &t!(tr, "communities-remove"), "secondary"))
                            }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

fn member_button(
    reader: &Reader,
    community: CommunityId,
    user: UserId,
    action: &str,
    label: &str,
    class: &str,
) -> Markup {
    html! {
        form class="inline-form" method="post" action={"/communities/" (community) "/members/" (user) "/" (action)} {
            input type="hidden" name="csrf" value=(reader.csrf);
            button type="submit" class=(class) aria-describedby={"member-" (user)} { (label) }
        }
    }
}

fn back_to_members(id: CommunityId) -> PageResult {
    Ok(Redirect::to(&format!("/communities/{id}/members")).into_response())
}

async fn approve(
    State(state): State<AppState>,
    PagePath((id, user)): PagePath<(CommunityId, UserId)>,
    posted: Posted<Nothing>,
) -> PageResult {
    communities::approve(&state.app, &posted.reader.actor(), id, user).await?;
    back_to_members(id)
}

async fn remove(
    State(state): State<AppState>,
    PagePath((id, user)): PagePath<(CommunityId, UserId)>,
    posted: Posted<Nothing>,
) -> PageResult {
    communities::remove(&state.app, &posted.reader.actor(), id, user).await?;
    back_to_members(id)
}
