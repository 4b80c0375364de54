//! The console's People tab: every account of the network in every status, and on
//! each account's page the acts an admin may take: deactivate, suspend, reactivate,
//! change the role, delete.

use super::{Tab, console};
use crate::AppState;
use crate::pages::reader::{PageError, PagePath, PageResult, Posted, Reader, failure};
use crate::pages::{parts, query_value};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::domain::{Role, User, UserId, UserStatus, ValidationError};
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
    let body = html! {
        h1 { "People" }
        form class="card filters" method="get" action="/admin/people" {
            label { "Name or e-mail" input type="search" name="q" value=(query.q); }
            label {
                "Status "
                select name="status" {
                    @for (value, label) in [("", "Any"), ("active", "Active"), ("suspended", "Suspended"), ("deactivated", "Deactivated"), ("deleted", "Deleted")] {
                        option value=(value) selected[query.status == value] { (label) }
                    }
                }
            }
            button type="submit" class="secondary" { "Filter" }
        }
        @if rows.is_empty() {
            p class="empty" { "No account matches. Clear the filter, or invite someone from the Invitations tab." }
        } @else {
            table class="admin-table" {
                thead { tr { th { "Name" } th { "E-mail" } th { "Role" } th { "Status" } } }
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
            a class="button secondary" href={"/admin/people?status=" (query.status) "&q=" (urlencode(&query.q)) "&after=" (next)} { "More" }
        }
    };
    Ok(console("People", &reader, Tab::People, body).into_response())
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
    html! {
        p { a href="/admin/people" { "← All people" } }
        section class="card account-head" aria-labelledby="account-title" {
            (parts::avatar(&user.display_name, user.id.0, "large"))
            div {
                h1 id="account-title" { (user.display_name) }
                p { (user.email) }
                p {
                    span class={"badge status-" (user.status.as_str())} { (status_label(user.status.as_str())) }
                    " " (role_label(user.role.as_str()))
                    @if let (UserStatus::Suspended, Some(until)) = (user.status, user.suspended_until) {
                        " · until " time datetime=(hearth_app::rfc3339(until)) { (hearth_app::rfc3339(until)) }
                    }
                }
            }
        }
        @if let Some(done) = done {
            p class="notice" role="status" { (done_message(done)) }
        }
        @if deleted {
            p class="empty" { "This account was deleted and anonymized. Nothing more can be done with it." }
        } @else {
            @if user.status == UserStatus::Active || user.status == UserStatus::Suspended {
                section class="card" aria-labelledby="deactivate-title" {
                    h2 id="deactivate-title" { "Deactivate" }
                    p { "For someone who left the company. They are signed out everywhere at once, their API tokens stop working, and their posts stay, shown as a former member’s." }
                    form method="post" action=(action("deactivate")) {
                        input type="hidden" name="csrf" value=(reader.csrf);
                        (reason_field("deactivate-reason"))
                        button type="submit" class="secondary danger" { "Deactivate" }
                    }
                }
            }
            @if user.status == UserStatus::Active {
                section class="card" aria-labelledby="suspend-title" {
                    h2 id="suspend-title" { "Suspend" }
                    form method="post" action=(action("suspend")) {
                        input type="hidden" name="csrf" value=(reader.csrf);
                        label for="suspend-until" { "Until (a future date)" }
                        input id="suspend-until" type="date" name="until" required;
                        (reason_field("suspend-reason"))
                        button type="submit" class="secondary" { "Suspend" }
                    }
                }
            }
            @if user.status != UserStatus::Active {
                section class="card" aria-labelledby="reactivate-title" {
                    h2 id="reactivate-title" { "Reactivate" }
                    form method="post" action=(action("reactivate")) {
                        input type="hidden" name="csrf" value=(reader.csrf);
                        (reason_field("reactivate-reason"))
                        button type="submit" { "Reactivate" }
                    }
                }
            }
            section class="card" aria-labelledby="role-title" {
                h2 id="role-title" { "Role" }
                form method="post" action=(action("role")) {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    label for="role" { "Role" }
                    select id="role" name="role" {
                        @for role in [Role::Member, Role::Admin, Role::Compliance] {
                            option value=(role.as_str()) selected[user.role == role] { (role_label(role.as_str())) }
                        }
                    }
                    (reason_field("role-reason"))
                    button type="submit" class="secondary" { "Change role" }
                }
            }
            section class="card danger-zone" aria-labelledby="delete-title" {
                h2 id="delete-title" { "Delete" }
                p { "Deleting cannot be undone. Their name, e-mail and profile are removed, and mentions of them become “a former member”." }
                form method="post" action=(action("delete")) {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    fieldset {
                        legend { "Their posts and messages" }
                        label class="choice" { input type="radio" name="content" value="keep" checked; " Keep them, shown as by “Deleted user”" }
                        label class="choice" { input type="radio" name="content" value="remove"; " Remove them" }
                    }
                    (reason_field("delete-reason"))
                    label class="choice" { input type="checkbox" name="confirm" value="yes" required; " I understand this cannot be undone" }
                    button type="submit" class="secondary danger" { "Delete account" }
                }
            }
        }
    }
}

fn reason_field(id: &str) -> Markup {
    html! {
        label for=(id) { "Reason (kept in the audit log)" }
        input id=(id) type="text" name="reason" maxlength="1000";
    }
}

fn done_message(done: &str) -> &'static str {
    match done {
        "deactivate" => "Deactivated. Their sessions, tokens and live connections were ended.",
        "suspend" => "Suspended. Their sessions, tokens and live connections were ended.",
        "reactivate" => "Reactivated. They can sign in again.",
        "role" => "Role changed.",
        "delete" => "Deleted and anonymized.",
        _ => "Done.",
    }
}

fn role_label(role: &str) -> &'static str {
    match role {
        "admin" => "Network admin",
        "compliance" => "Compliance officer",
        _ => "Member",
    }
}

fn status_label(status: &str) -> &'static str {
    match status {
        "active" => "Active",
        "suspended" => "Suspended",
        "deactivated" => "Former member",
        "deleted" => "Deleted",
        _ => "Unknown",
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
                "choose the date the suspension ends",
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
            "tick the box to confirm that the deletion cannot be undone",
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
