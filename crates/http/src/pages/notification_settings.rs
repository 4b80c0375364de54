//! The reader's notification preferences: how they hear of each kind of notification,
//! and the communities whose every new post they asked to hear of. The community
//! page's "Notify me of every new post here" form posts here too.

use super::layout::{self, Section};
use super::reader::{Nothing, PagePath, PageResult, Posted, Reader};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::domain::{Channel, CommunityId, NotificationKind};
use hearth_app::i18n::t;
use hearth_app::links;
use hearth_app::notification_settings::{self, Preferences};
use maud::{Markup, html};
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/settings/notifications", get(show).post(save))
        .route("/communities/{id}/subscription", post(subscribe))
        .route("/communities/{id}/unsubscribe", post(unsubscribe))
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    saved: Option<String>,
}

/// What a kind of notification is, in the reader's words.
fn describe(kind: NotificationKind) -> String {
    let tr = tr();
    match kind {
        NotificationKind::Mention => t!(tr, "notification-settings-mention"),
        NotificationKind::Reply => t!(tr, "notification-settings-reply"),
        NotificationKind::ThreadReply => t!(tr, "notification-settings-thread-reply"),
        NotificationKind::Reaction => t!(tr, "notification-settings-reaction"),
        NotificationKind::Share => t!(tr, "notification-settings-share"),
        NotificationKind::Reference => t!(tr, "notification-settings-reference"),
        NotificationKind::BestAnswer => t!(tr, "notification-settings-best-answer"),
        NotificationKind::DirectMessage => t!(tr, "notification-settings-direct-message"),
        NotificationKind::Moderation => t!(tr, "notification-settings-moderation"),
        NotificationKind::CommunityPost => t!(tr, "notification-settings-community-post"),
        NotificationKind::Announcement => t!(tr, "notification-settings-announcement"),
        NotificationKind::PollClosed => t!(tr, "notification-settings-poll-closed"),
        NotificationKind::Praise => t!(tr, "notification-settings-praise"),
        NotificationKind::PraiseForReport => t!(tr, "notification-settings-praise-for-report"),
        NotificationKind::ArticlePublished => {
            t!(tr, "notification-settings-article-published")
        }
    }
}

/// How a notification reaches the reader, in the reader's words.
fn channel_label(channel: Channel) -> String {
    let tr = tr();
    match channel {
        Channel::App => t!(tr, "notification-settings-channel-app"),
        Channel::Email => t!(tr, "notification-settings-channel-email"),
        Channel::Daily => t!(tr, "notification-settings-channel-daily"),
        Channel::Weekly => t!(tr, "notification-settings-channel-weekly"),
        Channel::Off => t!(tr, "notification-settings-channel-off"),
    }
}

fn channel_select(name: &str, chosen: Channel) -> Markup {
    html! {
        select name=(name) id=(name) {
            @for channel in Channel::ALL {
                option value=(channel.as_str()) selected[channel == chosen] { (channel_label(channel)) }
            }
        }
    }
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<SavedQuery>,
) -> PageResult {
    let preferences = notification_settings::get(&state.app, &reader.actor()).await?;
    let following = hearth_app::articles::subscriptions(&state.app, &reader.actor()).await?;
    let feed_key = hearth_app::article_feeds::key(&state.app, &reader.actor()).await?;
    let saved = query.saved.is_some();
    Ok(layout::signed_in(
        &t!(tr(), "notification-settings-title"),
        &reader,
        Section::Settings,
        html! {
            (page(&reader, &preferences, saved, &following))
            div class="page-narrow" {
                (super::article_feeds::settings_section(&state.app, &reader, feed_key.as_deref(), &following))
            }
        },
    )
    .into_response())
}

fn page(
    reader: &Reader,
    preferences: &Preferences,
    saved: bool,
    following: &[hearth_app::articles::ArticleSubscription],
) -> Markup {
    let tr = tr();
    html! {
        div class="page-narrow" {
            h1 { (t!(tr, "notification-settings-title")) }
            @if saved { p class="notice" role="status" { (t!(tr, "notification-settings-saved")) } }
            p { (t!(tr, "notification-settings-intro")) }
            form method="post" action=(links::NOTIFICATION_SETTINGS) class="card" {
                input type="hidden" name="csrf" value=(reader.csrf);
                table class="settings-table" {
                    thead { tr { th scope="col" { (t!(tr, "notification-settings-when")) } th scope="col" { (t!(tr, "notification-settings-tell-me")) } } }
                    tbody {
                        @for setting in &preferences.kinds {
                            tr {
                                td { label for=(setting.kind.as_str()) { (describe(setting.kind)) } }
                                td { (channel_select(setting.kind.as_str(), setting.channel)) }
                            }
                        }
                    }
                }
                button type="submit" { (t!(tr, "notification-settings-save")) }
            }
            h2 { (t!(tr, "notification-settings-communities")) }
            @if preferences.subscriptions.is_empty() {
                p class="empty" { (t!(tr, "notification-settings-no-subscriptions")) }
            } @else {
                ul class="subscriptions" {
                    @for sub in &preferences.subscriptions {
                        li class="card" {
                            a href=(links::community(sub.community_id)) { (sub.community_name) }
                            (community_form(reader, sub.community_id, Some(sub.channel)))
                        }
                    }
                }
            }
            (super::articles::subscriptions_section(reader, following))
        }
    }
}

/// "Notify me of every new post here": subscribe with a channel, or unsubscribe. Shown
/// on community pages and on the settings page.
pub(crate) fn community_form(
    reader: &Reader,
    community: CommunityId,
    current: Option<Channel>,
) -> Markup {
    let field = format!("subscription-{community}");
    let tr = tr();
    html! {
        div class="subscription" {
            form method="post" action={"/communities/" (community) "/subscription"} class="inline" {
                input type="hidden" name="csrf" value=(reader.csrf);
                label for=(field) { (t!(tr, "notification-settings-every-post")) }
                select name="channel" id=(field) {
                    @for channel in Channel::ALL.into_iter().filter(|c| *c != Channel::Off) {
                        option value=(channel.as_str()) selected[Some(channel) == current] { (channel_label(channel)) }
                    }
                }
                button type="submit" class="secondary" {
                    @if current.is_some() { (t!(tr, "notification-settings-change")) } @else { (t!(tr, "notification-settings-subscribe")) }
                }
            }
            @if current.is_some() {
                form method="post" action={"/communities/" (community) "/unsubscribe"} class="inline" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    button type="submit" class="link" { (t!(tr, "notification-settings-unsubscribe")) }
                }
            }
        }
    }
}

async fn save(
    State(state): State<AppState>,
    posted: Posted<BTreeMap<String, String>>,
) -> PageResult {
    let Posted { reader, form, .. } = posted;
    let changes: Vec<(String, String)> = form.into_iter().filter(|(k, _)| k != "csrf").collect();
    notification_settings::set(&state.app, &reader.actor(), &changes).await?;
    Ok(Redirect::to(&format!("{}?saved=1", links::NOTIFICATION_SETTINGS)).into_response())
}

#[derive(Deserialize)]
struct ChannelForm {
    channel: String,
}

async fn subscribe(
    State(state): State<AppState>,
    PagePath(id): PagePath<CommunityId>,
    posted: Posted<ChannelForm>,
) -> PageResult {
    notification_settings::subscribe(&state.app, &posted.reader.actor(), id, &posted.form.channel)
        .await?;
    Ok(Redirect::to(&links::community(id)).into_response())
}

async fn unsubscribe(
    State(state): State<AppState>,
    PagePath(id): PagePath<CommunityId>,
    posted: Posted<Nothing>,
) -> PageResult {
    notification_settings::unsubscribe(&state.app, &posted.reader.actor(), id).await?;
    Ok(Redirect::to(&links::community(id)).into_response())
}
