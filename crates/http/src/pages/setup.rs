//! The first-run page, reached through the one-time link the server prints.

use super::layout::page;
use super::{csrf_failed, error_page, pre_session_cookie, pre_session_csrf_ok};
use crate::AppState;
use crate::extract::{Client, session_cookie};
use crate::language::tr;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use hearth_app::AppError;
use hearth_app::i18n::t;
use hearth_app::setup::{self, SetupForm};
use maud::{Markup, html};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct SetupInput {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

fn form(csrf: &str, input: &SetupInput, problem: Option<&str>) -> Markup {
    let tr = tr();
    page(
        &t!(tr, "setup-title"),
        html! {
            section class="card narrow" aria-labelledby="setup-title" {
                h1 id="setup-title" { (t!(tr, "setup-welcome")) }
                p { (t!(tr, "setup-intro")) }
                @if let Some(problem) = problem {
                    p class="problem" role="alert" { (problem) }
                }
                form method="post" action="/setup" {
                    input type="hidden" name="csrf" value=(csrf);
                    input type="hidden" name="token" value=(input.token);
                    label for="company" { (t!(tr, "setup-company")) }
                    input id="company" name="company" required maxlength="100" value=(input.company);
                    label for="name" { (t!(tr, "setup-name")) }
                    input id="name" name="name" autocomplete="name" required maxlength="100" value=(input.name);
                    label for="email" { (t!(tr, "setup-email")) }
                    input id="email" name="email" type="email" autocomplete="username" required value=(input.email);
                    label for="password" { (t!(tr, "setup-password")) }
                    input id="password" name="password" type="password" autocomplete="new-password"
                        required minlength="10" aria-describedby="password-hint";
                    p id="password-hint" class="hint" { (t!(tr, "setup-password-hint")) }
                    button type="submit" { (t!(tr, "setup-submit")) }
                }
            }
        },
    )
}

#[derive(Deserialize)]
pub struct LinkQuery {
    #[serde(default)]
    token: String,
}

fn refusal(err: AppError) -> Response {
    match err {
        AppError::Conflict { .. } => error_page(
            StatusCode::GONE,
            &t!(tr(), "setup-already-title"),
            &t!(tr(), "setup-already"),
        ),
        AppError::Unauthenticated(message) => error_page(
            StatusCode::FORBIDDEN,
            &t!(tr(), "setup-link-invalid-title"),
            message,
        ),
        other => crate::ApiError::from(other).into_response(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    jar: CookieJar,
    Query(query): Query<LinkQuery>,
) -> Response {
    if let Err(err) = setup::check_link(&state.app, &query.token).await {
        return refusal(err);
    }
    let (jar, pre) = pre_session_cookie(&state, jar);
    let input = SetupInput {
        token: query.token,
        ..SetupInput::default()
    };
    (jar, form(&crate::csrf::token_for(&pre), &input, None)).into_response()
}

pub async fn submit(
    State(state): State<AppState>,
    jar: CookieJar,
    Client(client): Client,
    Form(input): Form<SetupInput>,
) -> Response {
    if !pre_session_csrf_ok(&jar, &input.csrf) {
        return csrf_failed();
    }
    let result = setup::complete(
        &state.app,
        SetupForm {
            secret: &input.token,
            company: &input.company,
            name: &input.name,
            email: &input.email,
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
        Err(AppError::Invalid(invalid)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            form(&input.csrf, &input, Some(&invalid.message)),
        )
            .into_response(),
        Err(err) => refusal(err),
    }
}
