//! `/networks`: the reader's networks and switching between them, creating external
//! networks for work with suppliers, adding colleagues to them, and (admins) whether
//! employees may create them.

use super::form_value;
use super::layout::{self, Section};
use super::reader::{self, PageResult, Posted, Reader, sentence};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::domain::{NetworkId, NetworkKind, Role};
use hearth_app::external_networks::{self, ExternalNetwork, NewExternalNetwork};
use hearth_app::i18n::t;
use hearth_app::{AppError, accounts};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/networks", get(show).post(create))
        .route("/networks/switch", post(switch))
        .route("/networks/settings", post(save_settings))
        .route("/networks/{id}/members", post(add_member))
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let note = match query.done.as_deref() {
        Some("created") => Some(t!(tr(), "networks-created")),
        Some("added") => Some(t!(tr(), "networks-added")),
        Some("saved") => Some(t!(tr(), "networks-saved")),
        _ => None,
    };
    Ok(page(
        &state,
        &reader,
        note.as_deref(),
        None,
        &NewNetworkForm::default(),
    )
    .await?
    .into_response())
}

/// What the page shows beside the reader's networks, in the home network only.
struct Managing {
    may_create: bool,
    networks: Vec<ExternalNetwork>,
    members_create: Option<bool>,
}

async fn managing(state: &AppState, reader: &Reader) -> Result<Option<Managing>, AppError> {
    if reader.network.kind != NetworkKind::Home {
        return Ok(None);
    }
    let actor = reader.actor();
    let members_create = if reader.user.role == Role::Admin {
        Some(external_networks::members_may_create(&state.app, &actor).await?)
    } else {
        None
    };
    Ok(Some(Managing {
        may_create: external_networks::may_create(&state.app, &actor).await?,
        networks: external_networks::manageable(&state.app, &actor).await?,
        members_create,
    }))
}

/// Where a refused form's problem is shown.
enum Problem<'a> {
    Create(&'a str),
    Add(NetworkId, &'a str),
}

async fn page(
    state: &AppState,
    reader: &Reader,
    note: Option<&str>,
    problem: Option<Problem<'_>>,
    typed: &NewNetworkForm,
) -> Result<Markup, AppError> {
    let tr = tr();
    let managing = managing(state, reader).await?;
    let create_problem = match &problem {
        Some(Problem::Create(text)) => Some(*text),
        _ => None,
    };
    Ok(layout::signed_in(
        &t!(tr, "networks-title"),
        reader,
        Section::Other,
        html! {
            h1 { (t!(tr, "networks-title")) }
            @if let Some(note) = note {
                p class="notice" role="status" { (note) }
            }
            section class="card" aria-labelledby="networks-mine-title" {
                h2 id="networks-mine-title" { (t!(tr, "networks-mine")) }
                ul class="network-list" {
                    @for choice in &reader.networks {
                        li {
                            strong { (choice.network.name) }
                            " "
                            @if choice.network.kind == NetworkKind::External {
                                span class="badge" { (t!(tr, "layout-network-external")) }
                            }
                            @if choice.current {
                                " " span class="badge current" { (t!(tr, "networks-current")) }
                            } @else {
                                form method="post" action="/networks/switch" class="inline" {
                                    input type="hidden" name="csrf" value=(reader.csrf);
                                    input type="hidden" name="network" value=(choice.network.id);
                                    button type="submit" class="secondary" aria-label=(t!(tr, "networks-switch-to", network = choice.network.name.as_str())) {
                                        (t!(tr, "layout-network-switch"))
                                    }
                                }
                            }
                        }
                    }
                }
                p class="hint" { (t!(tr, "networks-mine-hint")) }
            }
            @if let Some(managing) = &managing {
                @if managing.may_create {
                    section class="card" aria-labelledby="networks-create-title" {
                        h2 id="networks-create-title" { (t!(tr, "networks-create")) }
                        p class="hint" { (t!(tr, "networks-create-hint")) }
                        @if let Some(problem) = create_problem {
                            p class="problem" role="alert" id="networks-create-problem" { (problem) }
                        }
                        form method="post" action="/networks" {
                            input type="hidden" name="csrf" value=(reader.csrf);
                            label for="network-name" { (t!(tr, "networks-name")) }
                            input id="network-name" name="name" required maxlength="100" value=(typed.name)
                                aria-describedby=[create_problem.map(|_| "networks-create-problem")];
                            label for="network-description" { (t!(tr, "networks-description")) }
                            textarea id="network-description" name="description" rows="2" maxlength="2000" { (typed.description) }
                            label for="network-guest-domain" { (t!(tr, "networks-guest-domain")) }
                            input id="network-guest-domain" name="guest_domain" placeholder="supplier.example" value=(typed.guest_domain);
                            label for="network-guest-days" { (t!(tr, "networks-guest-days")) }
                            input id="network-guest-days" name="guest_days" type="number" min="1"
                                max=(hearth_app::domain::network::MAX_GUEST_DAYS)
                                value=(if typed.guest_days.is_empty() { "90" } else { typed.guest_days.as_str() });
                            button type="submit" { (t!(tr, "networks-create-button")) }
                        }
                    }
                }
                @for network in &managing.networks {
                    (managed(reader, network, &problem))
                }
                @if let Some(on) = managing.members_create {
                    section class="card" aria-labelledby="networks-settings-title" {
                        h2 id="networks-settings-title" { (t!(tr, "networks-settings")) }
                        form method="post" action="/networks/settings" {
                            input type="hidden" name="csrf" value=(reader.csrf);
                            label class="check" {
                                input type="checkbox" name="members_create" value="on" checked[on];
                                " " (t!(tr, "networks-members-create"))
                            }
                            button type="submit" { (t!(tr, "networks-settings-save")) }
                        }
                    }
                }
            }
        },
    ))
}

/// An external network the reader may add colleagues to.
fn managed(reader: &Reader, network: &ExternalNetwork, problem: &Option<Problem<'_>>) -> Markup {
    let tr = tr();
    let id = network.network.id;
    let heading = format!("network-{id}-title");
    let field = format!("network-{id}-email");
    let problem_id = format!("network-{id}-problem");
    let problem = match problem {
        Some(Problem::Add(at, text)) if *at == id => Some(*text),
        _ => None,
    };
    html! {
        section class="card" aria-labelledby=(heading) {
            h2 id=(heading) { (network.network.name) }
            @if !network.description.is_empty() {
                p { (network.description) }
            }
            p class="hint" {
                (t!(tr, "networks-guest-terms", days = network.guest_days))
                @if let Some(domain) = &network.guest_domain {
                    " " (t!(tr, "networks-guest-domain-only", domain = domain.as_str()))
                }
            }
            @if let Some(problem) = problem {
                p class="problem" role="alert" id=(problem_id) { (problem) }
            }
            p { a href=(format!("/networks/{id}/guests")) { (t!(tr, "networks-guests")) } }
            form method="post" action=(format!("/networks/{id}/members")) {
                input type="hidden" name="csrf" value=(reader.csrf);
                label for=(field) { (t!(tr, "networks-add-colleague")) }
                input id=(field) name="email" type="email" required
                    aria-describedby=[problem.map(|_| problem_id.as_str())];
                button type="submit" { (t!(tr, "networks-add-button")) }
            }
        }
    }
}

#[derive(Deserialize, Default)]
pub struct NewNetworkForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    guest_domain: String,
    #[serde(default)]
    guest_days: String,
}

async fn create(State(state): State<AppState>, posted: Posted<NewNetworkForm>) -> PageResult {
    let form = &posted.form;
    let guest_days = match form.guest_days.trim() {
        "" => None,
        raw => Some(form_value::<i64>(raw, "guest_days")?),
    };
    let input = NewExternalNetwork {
        name: form.name.clone(),
        description: form.description.clone(),
        guest_domain: Some(form.guest_domain.clone()),
        guest_days,
    };
    match external_networks::create(&state.app, posted.acting(), &input).await {
        Ok(_) => Ok(Redirect::to("/networks?done=created").into_response()),
        Err(AppError::Invalid(invalid)) => {
            let problem = sentence(&invalid.message);
            let html = page(
                &state,
                &posted.reader,
                None,
                Some(Problem::Create(&problem)),
                form,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    email: String,
}

async fn add_member(
    State(state): State<AppState>,
    reader::PagePath(id): reader::PagePath<NetworkId>,
    posted: Posted<AddForm>,
) -> PageResult {
    let reader = &posted.reader;
    let colleague = accounts::find_by_email(&state.app, &reader.actor(), &posted.form.email).await;
    let added = match colleague {
        Ok(colleague) => {
            external_networks::add_employee(&state.app, posted.acting(), id, colleague.id)
                .await
                .map(|_| ())
        }
        Err(err) => Err(err),
    };
    let problem = match added {
        Ok(()) => return Ok(Redirect::to("/networks?done=added").into_response()),
        Err(AppError::Invalid(invalid)) => sentence(&invalid.message),
        Err(AppError::NotFound("user with this e-mail address" | "user")) => {
            t!(tr(), "networks-no-such-colleague")
        }
        Err(err @ AppError::Conflict { .. }) => sentence(&err.to_string()),
        Err(err) => return Err(err.into()),
    };
    let html = page(
        &state,
        reader,
        None,
        Some(Problem::Add(id, &problem)),
        &NewNetworkForm::default(),
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

#[derive(Deserialize)]
pub struct SettingsForm {
    /// The checkbox: absent when not ticked.
    #[serde(default)]
    members_create: Option<String>,
}

async fn save_settings(State(state): State<AppState>, posted: Posted<SettingsForm>) -> PageResult {
    let on = posted.form.members_create.is_some();
    external_networks::set_members_may_create(&state.app, posted.acting(), on).await?;
    Ok(Redirect::to("/networks?done=saved").into_response())
}

#[derive(Deserialize)]
pub struct SwitchForm {
    network: String,
}

/// Acts in the chosen network from now on, and opens its home feed.
async fn switch(State(state): State<AppState>, posted: Posted<SwitchForm>) -> PageResult {
    let network = posted
        .form
        .network
        .trim()
        .parse::<i64>()
        .map(NetworkId)
        .map_err(|_| AppError::NotFound("network"))?;
    let reader = &posted.reader;
    external_networks::switch(&state.app, reader.session_id, &reader.user, network).await?;
    Ok(Redirect::to("/").into_response())
}
