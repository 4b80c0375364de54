//! `/admin/sso`: whether single sign-on is set up and its provider answers, the newest
//! people who arrived through it, and the "require single sign-on" switch.

use super::{Tab, console};
use crate::AppState;
use crate::pages::parts;
use crate::pages::reader::{PageResult, Posted, Reader, sentence};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use hearth_app::AppError;
use hearth_app::oidc::{self, SsoStatus};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/sso", get(show).post(set_required))
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// What the page says about the provider, found out while the page is made.
struct Provider {
    issuer: String,
    redirect_uri: String,
    reachable: Result<(), String>,
}

async fn provider(state: &AppState) -> Option<Provider> {
    let provider = state.http.oidc.as_deref()?;
    Some(Provider {
        issuer: provider.issuer().to_owned(),
        redirect_uri: provider.redirect_uri().to_owned(),
        reachable: provider.check().await.map_err(|err| err.to_string()),
    })
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let status = oidc::status(&state.app, &reader.actor()).await?;
    let note = query.saved.is_some().then_some("Saved.");
    let provider = provider(&state).await;
    Ok(page(&reader, &status, provider.as_ref(), note, None).into_response())
}

fn page(
    reader: &Reader,
    status: &SsoStatus,
    provider: Option<&Provider>,
    note: Option<&str>,
    problem: Option<&str>,
) -> Markup {
    console(
        "Single sign-on",
        reader,
        Tab::Sso,
        html! {
            h1 { "Single sign-on" }
            @if let Some(note) = note {
                p class="notice" role="status" { (note) }
            }
            section class="card" aria-labelledby="provider-title" {
                h2 id="provider-title" { "Identity provider" }
                @match provider {
                    None => {
                        p id="sso-configured" { "Not configured." }
                        p class="hint" {
                            "Set the [oidc] settings in the configuration file (see \
                             docs/ADMINISTRATION.md) and restart Hearth."
                        }
                    }
                    Some(provider) => {
                        dl {
                            dt { "Issuer" } dd id="sso-issuer" { (provider.issuer) }
                            dt { "Redirect URI to register" } dd { code { (provider.redirect_uri) } }
                            dt { "Discovery" }
                            dd id="sso-discovery" {
                                @match &provider.reachable {
                                    Ok(()) => "reachable",
                                    Err(why) => { "not reachable: " (why) }
                                }
                            }
                        }
                    }
                }
                p { (status.linked) " people are linked to an account at the provider." }
                @if !status.recent.is_empty() {
                    h3 { "First sign-ins through single sign-on" }
                    ul {
                        @for link in &status.recent {
                            li { (link.display_name) " <" (link.email) ">, " (parts::when(link.created_at, reader.now)) }
                        }
                    }
                }
            }
            section class="card" aria-labelledby="require-title" {
                h2 id="require-title" { "Require single sign-on" }
                p {
                    "When required, members and compliance officers can only sign in through \
                     the identity provider. Network admins keep their password, so that \
                     someone can still sign in if the provider is down."
                }
                @if let Some(problem) = problem {
                    p class="problem" role="alert" { (problem) }
                }
                p id="sso-required" {
                    @if status.required { "Required now." } @else { "Not required now." }
                }
                form method="post" action="/admin/sso" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    @if status.required {
                        input type="hidden" name="required" value="false";
                        button type="submit" { "Allow password sign-in again" }
                    } @else {
                        input type="hidden" name="required" value="true";
                        button type="submit" { "Require single sign-on" }
                    }
                }
            }
        },
    )
}

#[derive(Deserialize)]
pub struct RequiredForm {
    #[serde(default)]
    required: String,
}

async fn set_required(State(state): State<AppState>, posted: Posted<RequiredForm>) -> PageResult {
    let required = posted.form.required == "true";
    match oidc::set_sso_required(
        &state.app,
        posted.acting(),
        required,
        state.http.oidc.is_some(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/admin/sso?saved=1").into_response()),
        Err(AppError::Invalid(invalid)) => {
            let status = oidc::status(&state.app, &posted.reader.actor()).await?;
            let provider = provider(&state).await;
            let problem = sentence(&invalid.message);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(
                    &posted.reader,
                    &status,
                    provider.as_ref(),
                    None,
                    Some(&problem),
                ),
            )
                .into_response())
        }
        Err(err) => Err(err.into()),
    }
}
