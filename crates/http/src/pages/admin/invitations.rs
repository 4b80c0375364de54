//! `/admin/invitations`: invite people by e-mail link, see every invitation's state,
//! revoke open ones. A new link is shown once, on the page that answers the form.

use super::{Tab, console};
use crate::AppState;
use crate::language::tr;
use crate::pages::parts;
use crate::pages::reader::{Nothing, PagePath, PageResult, Posted, Reader, sentence};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::AppError;
use hearth_app::domain::{InvitationId, Role};
use hearth_app::i18n::t;
use hearth_app::invitations::{self, Invitation, InvitationState};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/invitations", get(show).post(invite))
        .route("/admin/invitations/{id}/revoke", post(revoke))
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    revoked: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let list = invitations::list(&state.app, &reader.actor()).await?;
    let note = query
        .revoked
        .is_some()
        .then(|| t!(tr(), "admin-invitations-revoked"));
    Ok(page(
        &reader,
        &list,
        &Notes {
            note: note.as_deref(),
            ..Notes::default()
        },
    )
    .into_response())
}

#[derive(Default)]
struct Notes<'a> {
    note: Option<&'a str>,
    problem: Option<String>,
    typed_email: &'a str,
    typed_role: &'a str,
    /// A link just created, shown this once.
    new_link: Option<(&'a str, String)>,
}

fn page(reader: &Reader, list: &[Invitation], notes: &Notes<'_>) -> Markup {
    let role = if notes.typed_role.is_empty() {
        "member"
    } else {
        notes.typed_role
    };
    let tr = tr();
    console(
        &t!(tr, "admin-invitations-title"),
        reader,
        Tab::Invitations,
        html! {
            h1 { (t!(tr, "admin-invitations-title")) }
            @if let Some(note) = notes.note {
                p class="notice" role="status" { (note) }
            }
            @if let Some((email, link)) = &notes.new_link {
                section class="card" aria-labelledby="new-link-title" {
                    h2 id="new-link-title" { (t!(tr, "admin-invitations-link-for", email = *email)) }
                    p class="problem" {
                        (t!(tr, "admin-invitations-copy-now", days = 7))
                    }
                    p { code class="secret" { (link) } }
                }
            }
            section class="card" aria-labelledby="invite-title" {
                h2 id="invite-title" { (t!(tr, "admin-invitations-invite")) }
                @if let Some(problem) = &notes.problem {
                    p class="problem" role="alert" id="invite-problem" { (problem) }
                }
                form method="post" action="/admin/invitations" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    label for="invite-email" { (t!(tr, "admin-invitations-email")) }
                    input id="invite-email" name="email" type="email" required value=(notes.typed_email);
                    label for="invite-role" { (t!(tr, "admin-invitations-role")) }
                    select id="invite-role" name="role" {
                        @for choice in [Role::Member, Role::Admin, Role::Compliance] {
                            option value=(choice.as_str()) selected[choice.as_str() == role] { (role_label(choice)) }
                        }
                    }
                    button type="submit" { (t!(tr, "admin-invitations-create")) }
                }
            }
            section class="card" aria-labelledby="list-title" {
                h2 id="list-title" { (t!(tr, "admin-invitations-all")) }
                @if list.is_empty() {
                    p { (t!(tr, "admin-invitations-none")) }
                } @else {
                    table {
                        thead {
                            tr {
                                th { (t!(tr, "admin-invitations-col-email")) }
                                th { (t!(tr, "admin-invitations-col-role")) }
                                th { (t!(tr, "admin-invitations-col-state")) }
                                th { (t!(tr, "admin-invitations-col-invited")) }
                                th {}
                            }
                        }
                        tbody {
                            @for invitation in list {
                                @let state = InvitationState::of(invitation, reader.now);
                                tr {
                                    td { (invitation.email) }
                                    td { (role_name(invitation.role)) }
                                    td { (state_name(state)) }
                                    td { (parts::when(invitation.created_at, reader.now)) }
                                    td {
                                        @if state == InvitationState::Open {
                                            form method="post" class="inline-form"
                                                action={"/admin/invitations/" (invitation.id) "/revoke"} {
                                                input type="hidden" name="csrf" value=(reader.csrf);
                                                button type="submit" class="link danger" { (t!(tr, "admin-invitations-revoke")) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// A role as the role choice names it.
fn role_label(role: Role) -> String {
    let tr = tr();
    match role {
        Role::Member => t!(tr, "admin-invitations-role-member"),
        Role::Admin => t!(tr, "admin-invitations-role-admin"),
        Role::Compliance => t!(tr, "admin-invitations-role-compliance"),
    }
}

/// A role as the list of invitations names it.
fn role_name(role: Role) -> String {
    let tr = tr();
    match role {
        Role::Member => t!(tr, "admin-invitations-list-member"),
        Role::Admin => t!(tr, "admin-invitations-list-admin"),
        Role::Compliance => t!(tr, "admin-invitations-list-compliance"),
    }
}

fn state_name(state: InvitationState) -> String {
    let tr = tr();
    match state {
        InvitationState::Open => t!(tr, "admin-invitations-state-open"),
        InvitationState::Accepted => t!(tr, "admin-invitations-state-accepted"),
        InvitationState::Expired => t!(tr, "admin-invitations-state-expired"),
        InvitationState::Revoked => t!(tr, "admin-invitations-state-revoked"),
    }
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

async fn invite(State(state): State<AppState>, posted: Posted<InviteForm>) -> PageResult {
    let (reader, form) = (&posted.reader, &posted.form);
    let result = match Role::parse(&form.role) {
        Some(role) => invitations::invite(&state.app, posted.acting(), &form.email, role).await,
        None => Err(hearth_app::domain::ValidationError::new(
            "role",
            t!(tr(), "admin-invitations-choose-role"),
        )
        .into()),
    };
    let (status, notes) = match result {
        Ok(invited) => (
            StatusCode::OK,
            Notes {
                new_link: Some((
                    &form.email,
                    format!("{}/invite/{}", state.http.public_url, invited.secret),
                )),
                ..Notes::default()
            },
        ),
        Err(err @ (AppError::Invalid(_) | AppError::Conflict { .. })) => {
            let status = match &err {
                AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                _ => StatusCode::CONFLICT,
            };
            let message = match err {
                AppError::Invalid(invalid) => invalid.message,
                other => other.to_string(),
            };
            (
                status,
                Notes {
                    problem: Some(sentence(&message)),
                    typed_email: &form.email,
                    typed_role: &form.role,
                    ..Notes::default()
                },
            )
        }
        Err(err) => return Err(err.into()),
    };
    let list = invitations::list(&state.app, &posted.reader.actor()).await?;
    // The link is a secret: it must not linger in a cache or the back-forward history.
    Ok((
        status,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        page(reader, &list, &notes),
    )
        .into_response())
}

async fn revoke(
    State(state): State<AppState>,
    PagePath(id): PagePath<InvitationId>,
    posted: Posted<Nothing>,
) -> PageResult {
    invitations::revoke(&state.app, posted.acting(), id).await?;
    Ok(Redirect::to("/admin/invitations?revoked=1").into_response())
}
