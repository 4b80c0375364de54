//! The console's People tab: every account of the network in every status, and on
//! each account's page the acts an admin may take: deactivate, suspend, reactivate,
//! change the role, delete.

use super::{Tab, console};
use crate::AppState;
use crate::language::tr;
use crate::pages::parts::slot;
use crate::pages::reader::{PageError, PagePath, PageResult, Posted, Reader, failure};
use crate::pages::{parts, query_value};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::domain::{Role, User, UserId, UserStatus, ValidationError};
use hearth_app::i18n::t;
use hearth_app::lifecycle::{self, DeletedContent};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(start))
        .route("/admin/people", get(list))
        .route("/admin/people/{id}", get(show))
        .route("/admin/people/{id}/deactivate", post(deactivate))
        .route("/admin/people/{id}/suspend", post(suspend))
        .route("/admin/people/{id}/reactivate", post(reactivate))
        .route("/admin/people/{id}/role", post(set_role))
        .route("/admin/people/{id}/delete", post(delete))
}

/// The console opens on the first tab the reader may use.
async fn start(reader: Reader) -> PageResult {
    Ok(match reader.user.role {
        Role::Admin => Redirect::to("/admin/people").into_response(),
        Role::Compliance => Redirect::to("/admin/audit").into_response(),
        Role::Member => failure(hearth_app::AppError::Forbidden(
            "the admin console is for network administrators and compliance officers",
        )),
    })
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    after: Option<String>,
}

const PAGE: i64 = 50;

async fn list(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<ListQuery>,
) -> PageResult {
    let status = match query.status.as_str() {
        "" => None,
        raw => Some(UserStatus::parse(raw).ok_or(PageError::BadAddress("status"))?),
    };
    let after = query
        .after
        .as_deref()
        .map(|raw| query_value(raw, "cursor"))
        .transpose()?;
    let rows = lifecycle::accounts(
        &state.app,
        &reader.actor(),
        status,
        Some(&query.q),
        after,
        PAGE,
    )
    .await?;
    let next = (rows.len() as i64 == PAGE)
        .then(|| rows.last().map(|row| row.id))
        .flatten();
    let tr = tr();
    let status_choices = [
        ("", t!(tr, "admin-people-status-any")),
        ("active", t!(tr, "admin-people-status-active")),
        ("suspended", t!(tr, "admin-people-status-suspended")),
        ("deactivated", t!(tr, "admin-people-status-deactivated")),
        ("deleted", t!(tr, "admin-people-status-deleted")),
    ];
    let body = html! {
        h1 { (t!(tr, "admin-people-title")) }
        form class="card filters" method="get" action="/admin/people" {
            label { (t!(tr, "admin-people-search")) input type="search" name="q" value=(query.q); }
            label {
                (t!(tr, "admin-people-status")) " "
                select name="status" {
                    @for (value, label) in &status_choices {
                        option value=(value) selected[query.status == *value] { (label) }
                    }
                }
            }
            button type="submit" class="secondary" { (t!(tr, "admin-people-filter")) }
        }
        @if rows.is_empty() {
            p class="empty" { (t!(tr, "admin-people-empty")) }
        } @else {
            table class="admin-table" {
                thead {
                    tr {
                        th { (t!(tr, "admin-people-col-name")) }
                        th { (t!(tr, "admin-people-col-email")) }
                        th { (t!(tr, "admin-people-col-role")) }
                        th { (t!(tr, "admin-people-col-status")) }
                    }
                }
                tbody {
                    @for row in &rows {
                        tr {
                            td { a href={"/admin/people/" (row.id)} { (row.display_name) } }
                            td { (row.email) }
                            td { (role_label(row.role.as_str())) }
                            td { span class={"badge status-" (row.status.as_str())} { (status_label(row.status.as_str())) } }
                        }
                    }
                }
            }
        }
        @if let Some(next) = next {
            a class="button secondary" href={"/admin/people?status=" (query.status) "&q=" (urlencode(&query.q)) "&after=" (next)} { (t!(tr, "admin-people-more")) }
        }
    };
    Ok(console(&t!(tr, "admin-people-title"), &reader, Tab::People, body).into_response())
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    done: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<UserId>,
    Query(query): Query<ShowQuery>,
) -> PageResult {
    let user = lifecycle::account(&state.app, &reader.actor(), id).await?;
    let body = account_page(&reader, &user, query.done.as_deref());
    Ok(console(&user.display_name, &reader, Tab::People, body).into_response())
}

fn account_page(reader: &Reader, user: &User, done: Option<&str>) -> Markup {
    let action = |act: &str| format!("/admin/people/{}/{act}", user.id);
    let deleted = user.status == UserStatus::Deleted;
    let tr = tr();
    html! {
        p { a href="/admin/people" { (t!(tr, "admin-people-all")) } }
        section class="card account-head" aria-labelledby="account-title" {
            (parts::avatar(&user.display_name, user.id.0, None, "large"))
            div {
                h1 id="account-title" { (user.display_name) }
                p { (user.email) }
                p {
                    span class={"badge status-" (user.status.as_str())} { (status_label(user.status.as_str())) }
                    " " (role_label(user.role.as_str()))
                    @if let (UserStatus::Suspended, Some(until)) = (user.status, user.suspended_until) {
                        " · "
                        (parts::sentence(
                            &t!(tr, "admin-people-suspended-until", date = slot(0)),
                            &[html! { time datetime=(hearth_app::rfc3339(until)) { (hearth_app::rfc3339(until)) } }],
                        ))
                    }
                }
            }
        }
        @if let Some(done) = done {
            p class="notice" role="status" { (done_message(done)) }
        }
        @if deleted {
            p class="empty" { (t!(tr, "admin-people-deleted")) }
        } @else {
            @if user.status == UserStatus::Active || user.status == UserStatus::Suspended {
                section class="card" aria-labelledby="deactivate-title" {
                    h2 id="deactivate-title" { (t!(tr, "admin-people-deactivate")) }
                    p { (t!(tr, "admin-people-deactivate-hint")) }
                    form method="post" action=(action("deactivate")) {
                        input type="hidden" name="csrf" value=(reader.csrf);
                        (reason_field("deactivate-reason"))
                        button type="submit" class="secondary danger" { (t!(tr, "admin-people-deactivate")) }
                    }
                }
            }
            @if user.status == UserStatus::Active {
                section class="card" aria-labelledby="suspend-title" {
                    h2 id="suspend-title" { (t!(tr, "admin-people-suspend")) }
                    form method="post" action=(action("suspend")) {
                        input type="hidden" name="csrf" value=(reader.csrf);
                        label for="suspend-until" { (t!(tr, "admin-people-suspend-until")) }
                        input id="suspend-until" type="date" name="until" required;
                        (reason_field("suspend-reason"))
                        button type="submit" class="secondary" { (t!(tr, "admin-people-suspend")) }
                    }
                }
            }
            @if user.status != UserStatus::Active {
                section class="card" aria-labelledby="reactivate-title" {
                    h2 id="reactivate-title" { (t!(tr, "admin-people-reactivate")) }
                    form method="post" action=(action("reactivate")) {
                        input type="hidden" name="csrf" value=(reader.csrf);
                        (reason_field("reactivate-reason"))
                        button type="submit" { (t!(tr, "admin-people-reactivate")) }
                    }
                }
            }
            section class="card" aria-labelledby="role-title" {
                h2 id="role-title" { (t!(tr, "admin-people-role")) }
                form method="post" action=(action("role")) {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    label for="role" { (t!(tr, "admin-people-role")) }
                    select id="role" name="role" {
                        @for role in [Role::Member, Role::Admin, Role::Compliance] {
                            option value=(role.as_str()) selected[user.role == role] { (role_label(role.as_str())) }
                        }
                    }
                    (reason_field("role-reason"))
                    button type="submit" class="secondary" { (t!(tr, "admin-people-change-role")) }
                }
            }
            section class="card danger-zone" aria-labelledby="delete-title" {
                h2 id="delete-title" { (t!(tr, "admin-people-delete")) }
                p { (t!(tr, "admin-people-delete-hint")) }
                form method="post" action=(action("delete")) {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    fieldset {
                        legend { (t!(tr, "admin-people-delete-content")) }
                        label class="choice" { input type="radio" name="content" value="keep" checked; " " (t!(tr, "admin-people-delete-keep")) }
                        label class="choice" { input type="radio" name="content" value="remove"; " " (t!(tr, "admin-people-delete-remove")) }
                    }
                    (reason_field("delete-reason"))
                    label class="choice" { input type="checkbox" name="confirm" value="yes" required; " " (t!(tr, "admin-people-delete-confirm")) }
                    button type="submit" class="secondary danger" { (t!(tr, "admin-people-delete-account")) }
                }
            }
        }
    }
}

fn reason_field(id: &str) -> Markup {
    let tr = tr();
    html! {
        label for=(id) { (t!(tr, "admin-people-reason")) }
        input id=(id) type="text" name="reason" maxlength="1000";
    }
}

fn done_message(done: &str) -> String {
    let tr = tr();
    match done {
        "deactivate" => t!(tr, "admin-people-done-deactivate"),
        "suspend" => t!(tr, "admin-people-done-suspend"),
        "reactivate" => t!(tr, "admin-people-done-reactivate"),
        "role" => t!(tr, "admin-people-done-role"),
        "delete" => t!(tr, "admin-people-done-delete"),
        _ => t!(tr, "admin-people-done"),
    }
}

fn role_label(role: &str) -> String {
    let tr = tr();
    match role {
        "admin" => t!(tr, "admin-people-role-admin"),
        "compliance" => t!(tr, "admin-people-role-compliance"),
        _ => t!(tr, "admin-people-role-member"),
    }
}

fn status_label(status: &str) -> String {
    let tr = tr();
    match status {
        "active" => t!(tr, "admin-people-label-active"),
        "suspended" => t!(tr, "admin-people-label-suspended"),
        "deactivated" => t!(tr, "admin-people-label-deactivated"),
        "deleted" => t!(tr, "admin-people-label-deleted"),
        _ => t!(tr, "admin-people-label-unknown"),
    }
}

fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)])
        .map(|pair| pair.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

#[derive(Deserialize)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
struct SuspendForm {
    until: String,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
struct RoleForm {
    role: String,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
struct DeleteForm {
    content: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    confirm: String,
}

fn back(id: UserId, done: &str) -> PageResult {
    Ok(Redirect::to(&format!("/admin/people/{id}?done={done}")).into_response())
}

async fn deactivate(
    State(state): State<AppState>,
    PagePath(id): PagePath<UserId>,
    posted: Posted<ReasonForm>,
) -> PageResult {
    lifecycle::deactivate(&state.app, posted.acting(), id, &posted.form.reason).await?;
    back(id, "deactivate")
}

async fn suspend(
    State(state): State<AppState>,
    PagePath(id): PagePath<UserId>,
    posted: Posted<SuspendForm>,
) -> PageResult {
    // A date input sends YYYY-MM-DD; the suspension ends at the start of that day, UTC.
    let until = hearth_app::parse_rfc3339(&format!("{}T00:00:00Z", posted.form.until.trim()))
        .ok_or_else(|| {
            hearth_app::AppError::from(ValidationError::new(
                "until",
                t!(tr(), "admin-people-suspend-until-missing"),
            ))
        })?;
    lifecycle::suspend(&state.app, posted.acting(), id, until, &posted.form.reason).await?;
    back(id, "suspend")
}

async fn reactivate(
    State(state): State<AppState>,
    PagePath(id): PagePath<UserId>,
    posted: Posted<ReasonForm>,
) -> PageResult {
    lifecycle::reactivate(&state.app, posted.acting(), id, &posted.form.reason).await?;
    back(id, "reactivate")
}

async fn set_role(
    State(state): State<AppState>,
    PagePath(id): PagePath<UserId>,
    posted: Posted<RoleForm>,
) -> PageResult {
    let role = Role::parse(&posted.form.role).ok_or(PageError::BadForm("role"))?;
    lifecycle::change_role(&state.app, posted.acting(), id, role, &posted.form.reason).await?;
    back(id, "role")
}

async fn delete(
    State(state): State<AppState>,
    PagePath(id): PagePath<UserId>,
    posted: Posted<DeleteForm>,
) -> PageResult {
    let content =
        DeletedContent::parse(&posted.form.content).ok_or(PageError::BadForm("content"))?;
    if posted.form.confirm != "yes" {
        return Err(hearth_app::AppError::from(ValidationError::new(
            "confirm",
            t!(tr(), "admin-people-delete-unconfirmed"),
        ))
        .into());
    }
    lifecycle::delete(
        &state.app,
        posted.acting(),
        id,
        content,
        &posted.form.reason,
    )
    .await?;
    back(id, "delete")
}
