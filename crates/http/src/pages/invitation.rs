//! `/invite/<secret>`: the page an invited person opens to create their account.
//! They are not signed in yet, so the form's CSRF token comes from the pre-session
//! cookie, as on the set-up and sign-in pages.

use super::layout::page;
use super::parts::{self, slot};
use super::reader::sentence;
use super::{csrf_failed, error_page, pre_session_cookie, pre_session_csrf_ok};
use crate::AppState;
use crate::extract::{Client, session_cookie};
use crate::language::tr;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use hearth_app::AppError;
use hearth_app::i18n::t;
use hearth_app::invitations::{self, AcceptForm};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/invite/{secret}", get(show).post(submit))
}

#[derive(Deserialize, Default)]
pub struct AcceptInput {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

fn form(secret: &str, email: &str, csrf: &str, name: &str, problem: Option<&str>) -> Markup {
    let tr = tr();
    let address = html! { strong { (email) } };
    page(
        &t!(tr, "invitation-title"),
        html! {
            section class="card narrow" aria-labelledby="invite-title" {
                h1 id="invite-title" { (t!(tr, "invitation-heading")) }
                p { (parts::sentence(&t!(tr, "invitation-intro", email = slot(0)), &[address])) }
                @if let Some(problem) = problem {
                    p class="problem" role="alert" { (problem) }
                }
                form method="post" action={"/invite/" (secret)} {
                    input type="hidden" name="csrf" value=(csrf);
                    label for="name" { (t!(tr, "invitation-name")) }
                    input id="name" name="name" autocomplete="name" required maxlength="100" value=(name);
                    label for="password" { (t!(tr, "invitation-password")) }
                    input id="password" name="password" type="password" autocomplete="new-password"
                        required minlength="10" aria-describedby="password-hint";
                    p id="password-hint" class="hint" { (t!(tr, "invitation-password-hint")) }
                    button type="submit" { (t!(tr, "invitation-submit")) }
                }
            }
        },
    )
}

fn refusal(err: AppError) -> Response {
    match err {
        AppError::Unauthenticated(message) => error_page(
            StatusCode::FORBIDDEN,
            &t!(tr(), "invitation-invalid-title"),
            &sentence(message),
        ),
        AppError::Conflict { message, .. } => error_page(
            StatusCode::CONFLICT,
            &t!(tr(), "invitation-already-member-title"),
            &sentence(&message),
        ),
        other => super::reader::failure(other),
    }
}

async fn show(
    State(state): State<AppState>,
    jar: CookieJar,
    Path(secret): Path<String>,
) -> Response {
    let invitation = match invitations::check_link(&state.app, &secret).await {
        Ok(invitation) => invitation,
        Err(err) => return refusal(err),
    };
    let (jar, pre) = pre_session_cookie(&state, jar);
    let csrf = crate::csrf::token_for(&pre);
    (jar, form(&secret, &invitation.email, &csrf, "", None)).into_response()
}

async fn submit(
    State(state): State<AppState>,
    jar: CookieJar,
    Client(client): Client,
    Path(secret): Path<String>,
    Form(input): Form<AcceptInput>,
) -> Response {
    if !pre_session_csrf_ok(&jar, &input.csrf) {
        return csrf_failed();
    }
    let result = invitations::accept(
        &state.app,
        AcceptForm {
            secret: &secret,
            name: &input.name,
            password: &input.password,
        },
        &client,
    )
    .await;
    match result {
        Ok(signed_in) => {
            let jar = jar.add(session_cookie(
                &state,
                signed_in.secret,
                signed_in.expires_at,
            ));
            (jar, Redirect::to("/")).into_response()
        }
        Err(AppError::Invalid(invalid)) => {
            // The link was not checked yet when the input was refused; do it now so
            // a dead link does not show a form that cannot succeed.
            let email = match invitations::check_link(&state.app, &secret).await {
                Ok(invitation) => invitation.email,
                Err(err) => return refusal(err),
            };
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                form(
                    &secret,
                    &email,
                    &input.csrf,
                    &input.name,
                    Some(&sentence(&invalid.message)),
                ),
            )
                .into_response()
        }
        Err(err) => refusal(err),
    }
}
