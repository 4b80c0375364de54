//! `/admin/sso`: whether single sign-on is set up and its provider answers, the newest
//! people who arrived through it, the "require single sign-on" switch, and whether
//! profiles come from the provider.

use super::{Tab, console};
use crate::AppState;
use crate::language::tr;
use crate::pages::parts;
use crate::pages::parts::slot;
use crate::pages::reader::{PageResult, Posted, Reader, sentence};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::AppError;
use hearth_app::i18n::t;
use hearth_app::oidc::{self, SsoStatus};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/sso", get(show).post(set_required))
        .route("/admin/sso/profiles", post(set_profile_source))
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
    let note = query.saved.is_some().then(|| t!(tr(), "admin-sso-saved"));
    let provider = provider(&state).await;
    Ok(page(&reader, &status, provider.as_ref(), note.as_deref(), None).into_response())
}

fn page(
    reader: &Reader,
    status: &SsoStatus,
    provider: Option<&Provider>,
    note: Option<&str>,
    problem: Option<&str>,
) -> Markup {
    let tr = tr();
    console(
        &t!(tr, "admin-sso-title"),
        reader,
        Tab::Sso,
        html! {
            h1 { (t!(tr, "admin-sso-title")) }
            @if let Some(note) = note {
                p class="notice" role="status" { (note) }
            }
            section class="card" aria-labelledby="provider-title" {
                h2 id="provider-title" { (t!(tr, "admin-sso-provider")) }
                @match provider {
                    None => {
                        p id="sso-configured" { (t!(tr, "admin-sso-not-configured")) }
                        p class="hint" { (t!(tr, "admin-sso-how-to-configure")) }
                    }
                    Some(provider) => {
                        dl {
                            dt { (t!(tr, "admin-sso-issuer")) } dd id="sso-issuer" { (provider.issuer) }
                            dt { (t!(tr, "admin-sso-redirect-uri")) } dd { code { (provider.redirect_uri) } }
                            dt { (t!(tr, "admin-sso-discovery")) }
                            dd id="sso-discovery" {
                                @match &provider.reachable {
                                    Ok(()) => (t!(tr, "admin-sso-reachable")),
                                    Err(why) => (t!(tr, "admin-sso-not-reachable", reason = why.as_str())),
                                }
                            }
                        }
                    }
                }
                p { (t!(tr, "admin-sso-linked", count = status.linked)) }
                @if !status.recent.is_empty() {
                    h3 { (t!(tr, "admin-sso-first-sign-ins")) }
                    ul {
                        @for link in &status.recent {
                            li {
                                (parts::sentence(
                                    &t!(
                                        tr,
                                        "admin-sso-first-sign-in",
                                        name = link.display_name.as_str(),
                                        email = link.email.as_str(),
                                        when = slot(0)
                                    ),
                                    &[parts::when(link.created_at, reader.now)],
                                ))
                            }
                        }
                    }
                }
            }
            section class="card" aria-labelledby="require-title" {
                h2 id="require-title" { (t!(tr, "admin-sso-require-title")) }
                p { (t!(tr, "admin-sso-require-hint")) }
                @if let Some(problem) = problem {
                    p class="problem" role="alert" { (problem) }
                }
                p id="sso-required" {
                    @if status.required {
                        (t!(tr, "admin-sso-required-now"))
                    } @else {
                        (t!(tr, "admin-sso-not-required-now"))
                    }
                }
                form method="post" action="/admin/sso" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    @if status.required {
                        input type="hidden" name="required" value="false";
                        button type="submit" { (t!(tr, "admin-sso-allow-passwords")) }
                    } @else {
                        input type="hidden" name="required" value="true";
                        button type="submit" { (t!(tr, "admin-sso-require")) }
                    }
                }
            }
            section class="card" aria-labelledby="profile-source-title" {
                h2 id="profile-source-title" { (t!(tr, "admin-sso-profile-title")) }
                p { (t!(tr, "admin-sso-profile-hint")) }
                p id="sso-profile-source" {
                    @if status.profile_from_provider {
                        (t!(tr, "admin-sso-profile-from-provider-now"))
                    } @else {
                        (t!(tr, "admin-sso-profile-from-hearth-now"))
                    }
                }
                form method="post" action="/admin/sso/profiles" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    @if status.profile_from_provider {
                        input type="hidden" name="from_provider" value="false";
                        button type="submit" { (t!(tr, "admin-sso-profile-keep-in-hearth")) }
                    } @else {
                        input type="hidden" name="from_provider" value="true";
                        button type="submit" { (t!(tr, "admin-sso-profile-take-from-provider")) }
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

#[derive(Deserialize)]
pub struct ProfileSourceForm {
    #[serde(default)]
    from_provider: String,
}

async fn set_profile_source(
    State(state): State<AppState>,
    posted: Posted<ProfileSourceForm>,
) -> PageResult {
    let from_provider = posted.form.from_provider == "true";
    oidc::set_profile_from_provider(&state.app, posted.acting(), from_provider).await?;
    Ok(Redirect::to("/admin/sso?saved=1").into_response())
}
