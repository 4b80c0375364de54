//! The notification centre: what concerns the reader, newest first. Opening one marks
//! it read and goes to what it is about.

use super::layout::{self, Section};
use super::parts::when;
use super::query_value;
use super::reader::{Nothing, PageError, PagePath, PageResult, Posted, Reader};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::domain::NotificationId;
use hearth_app::i18n::t;
use hearth_app::links;
use hearth_app::notifications::{self, NotificationView};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(show))
        .route("/notifications/read", post(mark_all_read))
        .route("/notifications/{id}/open", post(open))
}

#[derive(Deserialize, Default)]
struct PageQuery {
    before: Option<String>,
}

const PAGE: i64 = 30;

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<PageQuery>,
) -> PageResult {
    let before = match query.before.as_deref() {
        None => None,
        Some(raw) => {
            let (at, id) = raw.split_once(':').ok_or(PageError::BadAddress("cursor"))?;
            Some((query_value(at, "cursor")?, query_value(id, "cursor")?))
        }
    };
    let page = notifications::list(&state.app, &reader.actor(), before, PAGE).await?;
    let tr = tr();
    let body = html! {
        div class="page-narrow" {
            div class="heading-row" {
                h1 { (t!(tr, "notifications-title")) }
                a class="button secondary" href=(links::NOTIFICATION_SETTINGS) { (t!(tr, "notifications-settings")) }
                @if page.unread > 0 {
                    form method="post" action="/notifications/read" {
                        input type="hidden" name="csrf" value=(reader.csrf);
                        button type="submit" class="secondary" { (t!(tr, "notifications-mark-all-read")) }
                    }
                }
            }
            @if page.notifications.is_empty() {
                div class="empty" {
                    p class="empty-title" { (t!(tr, "notifications-empty-title")) }
                    p { (t!(tr, "notifications-empty-hint")) }
                }
            } @else {
                ol class="notifications" {
                    @for notification in &page.notifications {
                        (item(&reader, notification))
                    }
                }
            }
            @if let Some((at, id)) = page.next {
                a class="button secondary" href={"/notifications?before=" (at) ":" (id)} { (t!(tr, "notifications-older")) }
            }
        }
    };
    Ok(layout::signed_in(
        &t!(tr, "notifications-title"),
        &reader,
        Section::Notifications,
        body,
    )
    .into_response())
}

fn item(reader: &Reader, notification: &NotificationView) -> Markup {
    let tr = tr();
    html! {
        li class={"card notification" @if !notification.read { " unread" }} {
            form method="post" action={"/notifications/" (notification.id) "/open"} {
                input type="hidden" name="csrf" value=(reader.csrf);
                button type="submit" class="link notification-open" {
                    @if !notification.read { span class="visually-hidden" { (t!(tr, "notifications-unread")) " " } }
                    (notification.sentence(tr))
                }
            }
            @if !notification.excerpt.is_empty() {
                p class="excerpt" { (notification.excerpt) }
            }
            p class="meta" { (when(notification.updated_at, reader.now)) }
        }
    }
}

async fn open(
    State(state): State<AppState>,
    PagePath(id): PagePath<NotificationId>,
    posted: Posted<Nothing>,
) -> PageResult {
    let actor = posted.reader.actor();
    // Where it leads comes from our own record of it, never from the form.
    let about = notifications::mark_read(&state.app, &actor, id).await?;
    Ok(Redirect::to(&about.href()).into_response())
}

async fn mark_all_read(State(state): State<AppState>, posted: Posted<Nothing>) -> PageResult {
    notifications::mark_all_read(&state.app, &posted.reader.actor()).await?;
    Ok(Redirect::to(links::NOTIFICATIONS).into_response())
}
