//! `/networks/<id>/guests`: an external network's guests for its sponsor and the
//! company's admins: inviting one by e-mail, each guest's sponsor, the end of their
//! access and when they were last active, extending or ending it, naming a new sponsor
//! when theirs left, and the open invitations.

use super::layout::{self, Section};
use super::parts;
use super::reader::{self, PageResult, Posted, Reader, sentence};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::domain::{InvitationId, NetworkId, Role, UserId};
use hearth_app::guests::{self, Guest};
use hearth_app::i18n::t;
use hearth_app::invitations::{Invitation, InvitationState};
use hearth_app::{AppError, accounts};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/networks/{id}/guests", get(show).post(invite))
        .route("/networks/{id}/guests/{user}/extend", post(extend))
        .route("/networks/{id}/guests/{user}/end", post(end))
        .route("/networks/{id}/guests/{user}/sponsor", post(sponsor))
        .route(
            "/networks/{id}/guest-invitations/{invitation}/revoke",
            post(revoke),
        )
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

/// What the page says beside the lists.
#[derive(Default)]
struct Notes<'a> {
    note: Option<String>,
    problem: Option<String>,
    typed_email: &'a str,
    /// Why naming a new sponsor was refused.
    sponsor_problem: Option<String>,
    /// The link of the invitation just made, shown this once.
    new_link: Option<(&'a str, String)>,
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    reader::PagePath(id): reader::PagePath<NetworkId>,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let tr = tr();
    let note = match query.done.as_deref() {
        Some("extended") => Some(t!(tr, "guests-extended")),
        Some("ended") => Some(t!(tr, "guests-ended")),
        Some("sponsor") => Some(t!(tr, "guests-sponsor-set")),
        Some("revoked") => Some(t!(tr, "guests-revoked")),
        _ => None,
    };
    let notes = Notes {
        note,
        ..Notes::default()
    };
    Ok(page(&state, &reader, id, &notes).await?.into_response())
}

async fn page(
    state: &AppState,
    reader: &Reader,
    id: NetworkId,
    notes: &Notes<'_>,
) -> Result<Markup, AppError> {
    let tr = tr();
    let guests::Overview {
        network,
        guests: listed,
        invitations,
    } = guests::overview(&state.app, &reader.actor(), id).await?;
    let name = network.network.name.as_str();
    let title = t!(tr, "guests-title", network = name);
    let open: Vec<&Invitation> = invitations
        .iter()
        .filter(|i| InvitationState::of(i, reader.now) == InvitationState::Open)
        .collect();
    Ok(layout::signed_in(
        &title,
        reader,
        Section::Other,
        html! {
            p { a href="/networks" { (t!(tr, "guests-back")) } }
            h1 { (title) }
            @if let Some(note) = &notes.note {
                p class="notice" role="status" { (note) }
            }
            @if let Some(problem) = &notes.sponsor_problem {
                p class="problem" role="alert" { (problem) }
            }
            @if let Some((email, link)) = &notes.new_link {
                section class="card" aria-labelledby="guest-link-title" {
                    h2 id="guest-link-title" { (t!(tr, "guests-invited", email = *email)) }
                    p { (t!(tr, "guests-link-hint")) }
                    p { code class="secret" { (link) } }
                }
            }
            section class="card" aria-labelledby="guest-invite-title" {
                h2 id="guest-invite-title" { (t!(tr, "guests-invite")) }
                p class="hint" {
                    (t!(tr, "networks-guest-terms", days = network.guest_days))
                    @if let Some(domain) = &network.guest_domain {
                        " " (t!(tr, "networks-guest-domain-only", domain = domain.as_str()))
                    }
                }
                @if let Some(problem) = &notes.problem {
                    p class="problem" role="alert" id="guest-invite-problem" { (problem) }
                }
                form method="post" action=(format!("/networks/{id}/guests")) {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    label for="guest-email" { (t!(tr, "guests-email")) }
                    input id="guest-email" name="email" type="email" required value=(notes.typed_email)
                        aria-describedby=[notes.problem.as_ref().map(|_| "guest-invite-problem")];
                    button type="submit" { (t!(tr, "guests-invite-button")) }
                }
            }
            section class="card" aria-labelledby="guest-list-title" {
                h2 id="guest-list-title" { (t!(tr, "guests-list")) }
                @if listed.is_empty() {
                    p { (t!(tr, "guests-none")) }
                } @else {
                    ul class="guest-list" {
                        @for guest in &listed {
                            (guest_item(reader, id, guest))
                        }
                    }
                }
            }
            @if !open.is_empty() {
                section class="card" aria-labelledby="guest-open-title" {
                    h2 id="guest-open-title" { (t!(tr, "guests-open-invitations")) }
                    ul class="guest-list" {
                        @for invitation in &open {
                            li {
                                (invitation.email) " · "
                                (t!(tr, "guests-invited-when")) " " (parts::when(invitation.created_at, reader.now))
                                form method="post" class="inline-form"
                                    action=(format!("/networks/{id}/guest-invitations/{}/revoke", invitation.id)) {
                                    input type="hidden" name="csrf" value=(reader.csrf);
                                    button type="submit" class="link danger"
                                        aria-label=(t!(tr, "guests-revoke-for", email = invitation.email.as_str())) {
                                        (t!(tr, "admin-invitations-revoke"))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    ))
}

fn guest_item(reader: &Reader, network: NetworkId, guest: &Guest) -> Markup {
    let tr = tr();
    let dates = tr.in_zone(&reader.user.time_zone);
    let user = guest.user.id;
    let name = guest.user.display_name.as_str();
    let sponsor_field = format!("guest-{user}-sponsor");
    html! {
        li class="guest" {
            p {
                strong { (name) } " " (parts::guest_badge())
                " · " (guest.user.email)
            }
            p class="hint" {
                (t!(tr, "guests-sponsor", sponsor = guest.sponsor_name.as_str()))
                " · "
                @if let Some(ended) = guest.ended_at {
                    (t!(tr, "guests-access-ended", date = dates.date(ended)))
                } @else {
                    (t!(tr, "guests-access-until", date = dates.date(guest.access_until)))
                }
                " · "
                @match guest.last_active {
                    Some(at) => { (t!(tr, "guests-last-active")) " " (parts::when(at, reader.now)) }
                    None => { (t!(tr, "guests-never-active")) }
                }
            }
            @if guest.needs_sponsor {
                p class="problem" { (t!(tr, "guests-needs-sponsor")) }
            }
            form method="post" class="inline-form" action=(format!("/networks/{network}/guests/{user}/extend")) {
                input type="hidden" name="csrf" value=(reader.csrf);
                button type="submit" class="secondary" aria-label=(t!(tr, "guests-extend-for", guest = name)) {
                    (t!(tr, "guests-extend"))
                }
            }
            @if guest.ended_at.is_none() {
                " "
                form method="post" class="inline-form" action=(format!("/networks/{network}/guests/{user}/end")) {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    button type="submit" class="danger" aria-label=(t!(tr, "guests-end-for", guest = name)) {
                        (t!(tr, "guests-end"))
                    }
                }
            }
            @if reader.user.role == Role::Admin && guest.ended_at.is_none() {
                form method="post" action=(format!("/networks/{network}/guests/{user}/sponsor")) {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    label for=(sponsor_field) { (t!(tr, "guests-new-sponsor", guest = name)) }
                    input id=(sponsor_field) name="email" type="email" required;
                    button type="submit" class="secondary" { (t!(tr, "guests-new-sponsor-button")) }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
}

async fn invite(
    State(state): State<AppState>,
    reader::PagePath(id): reader::PagePath<NetworkId>,
    posted: Posted<InviteForm>,
) -> PageResult {
    let (reader, form) = (&posted.reader, &posted.form);
    let (status, notes) = match guests::invite(&state.app, posted.acting(), id, &form.email).await {
        Ok(invited) => (
            StatusCode::OK,
            Notes {
                new_link: Some((
                    form.email.trim(),
                    format!("{}/invite/{}", state.http.public_url, invited.secret),
                )),
                ..Notes::default()
            },
        ),
        Err(AppError::Invalid(invalid)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Notes {
                problem: Some(sentence(&invalid.message)),
                typed_email: &form.email,
                ..Notes::default()
            },
        ),
        Err(err @ AppError::Conflict { .. }) => (
            StatusCode::CONFLICT,
            Notes {
                problem: Some(sentence(&err.to_string())),
                typed_email: &form.email,
                ..Notes::default()
            },
        ),
        Err(err) => return Err(err.into()),
    };
    let html = page(&state, reader, id, &notes).await?;
    // The link is a secret: it must not linger in a cache or the back-forward history.
    Ok((
        status,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        html,
    )
        .into_response())
}

fn back(id: NetworkId, done: &str) -> PageResult {
    Ok(Redirect::to(&format!("/networks/{id}/guests?done={done}")).into_response())
}

#[derive(Deserialize, Default)]
pub struct NoFields {}

async fn extend(
    State(state): State<AppState>,
    reader::PagePath((id, user)): reader::PagePath<(NetworkId, UserId)>,
    posted: Posted<NoFields>,
) -> PageResult {
    guests::extend(&state.app, posted.acting(), id, user, None).await?;
    back(id, "extended")
}

async fn end(
    State(state): State<AppState>,
    reader::PagePath((id, user)): reader::PagePath<(NetworkId, UserId)>,
    posted: Posted<NoFields>,
) -> PageResult {
    guests::end_access(&state.app, posted.acting(), id, user, "").await?;
    back(id, "ended")
}

#[derive(Deserialize)]
pub struct SponsorForm {
    #[serde(default)]
    email: String,
}

async fn sponsor(
    State(state): State<AppState>,
    reader::PagePath((id, user)): reader::PagePath<(NetworkId, UserId)>,
    posted: Posted<SponsorForm>,
) -> PageResult {
    let reader = &posted.reader;
    let named = accounts::find_by_email(&state.app, &reader.actor(), &posted.form.email).await;
    let result = match named {
        Ok(colleague) => guests::set_sponsor(&state.app, posted.acting(), id, user, colleague.id)
            .await
            .map(|_| ()),
        Err(err) => Err(err),
    };
    let problem = match result {
        Ok(()) => return back(id, "sponsor"),
        Err(AppError::Invalid(invalid)) => sentence(&invalid.message),
        Err(AppError::NotFound("user with this e-mail address" | "user")) => {
            t!(tr(), "networks-no-such-colleague")
        }
        Err(err) => return Err(err.into()),
    };
    let notes = Notes {
        sponsor_problem: Some(problem),
        ..Notes::default()
    };
    let html = page(&state, reader, id, &notes).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

async fn revoke(
    State(state): State<AppState>,
    reader::PagePath((id, invitation)): reader::PagePath<(NetworkId, InvitationId)>,
    posted: Posted<NoFields>,
) -> PageResult {
    guests::revoke_invitation(&state.app, posted.acting(), id, invitation).await?;
    back(id, "revoked")
}
