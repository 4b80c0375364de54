//! Signing in and out.

use super::layout::page;
use super::reader::{Nothing, PageResult, Posted};
use super::{csrf_failed, pre_session_cookie, pre_session_csrf_ok};
use crate::AppState;
use crate::extract::{Client, SESSION_COOKIE, cleared_session_cookie, session_cookie};
use crate::language::tr;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use hearth_app::i18n::t;
use hearth_app::{AppError, sessions};
use maud::{Markup, html};
use serde::Deserialize;

/// Where to go after signing in, when not the home page: `embed` is the sign-in
/// window of a framed page (see `embed::sign_in`).
#[derive(Deserialize, Default)]
pub struct Then {
    #[serde(default)]
    then: String,
}

impl Then {
    pub(super) fn for_embed(&self) -> bool {
        self.then == "embed"
    }
}

/// `sso` is the label of the single sign-on button, when single sign-on is set up.
fn form(
    csrf: &str,
    email: &str,
    problem: Option<&str>,
    sso: Option<&str>,
    for_embed: bool,
) -> Markup {
    let tr = tr();
    page(
        &t!(tr, "sign-in-title"),
        html! {
            section class="card narrow" aria-labelledby="sign-in-title" {
                h1 id="sign-in-title" { (t!(tr, "sign-in-title")) }
                @if let Some(problem) = problem {
                    p class="problem" role="alert" { (problem) }
                }
                form method="post" action="/sign-in" {
                    input type="hidden" name="csrf" value=(csrf);
                    @if for_embed {
                        input type="hidden" name="then" value="embed";
                    }
                    label for="email" { (t!(tr, "sign-in-email")) }
                    input id="email" name="email" type="email" autocomplete="username" required value=(email);
                    label for="password" { (t!(tr, "sign-in-password")) }
                    input id="password" name="password" type="password" autocomplete="current-password" required;
                    button type="submit" { (t!(tr, "sign-in-submit")) }
                }
                @if let Some(label) = sso {
                    // A link, not a form: see `pages::oidc::start`.
                    @let start = if for_embed { "/sign-in/oidc?then=embed" } else { "/sign-in/oidc" };
                    p { a class="button" href=(start) { (t!(tr, "sign-in-with-provider", provider = label)) } }
                }
                (super::language::switcher("/sign-in"))
            }
        },
    )
}

pub async fn show(
    State(state): State<AppState>,
    jar: CookieJar,
    Query(then): Query<Then>,
) -> (CookieJar, Markup) {
    let (jar, pre) = pre_session_cookie(&state, jar);
    let markup = form(
        &crate::csrf::token_for(&pre),
        "",
        None,
        sso_label(&state),
        then.for_embed(),
    );
    (jar, markup)
}

fn sso_label(state: &AppState) -> Option<&str> {
    state
        .http
        .oidc
        .as_deref()
        .map(|provider| provider.settings().button_label.as_str())
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(flatten)]
    then: Then,
}

pub async fn submit(
    State(state): State<AppState>,
    jar: CookieJar,
    Client(client): Client,
    Form(input): Form<SignInForm>,
) -> Response {
    if !pre_session_csrf_ok(&jar, &input.csrf) {
        return csrf_failed();
    }
    match sessions::sign_in(&state.app, &input.email, &input.password, &client).await {
        Ok(signed_in) => {
            let jar = jar.add(session_cookie(
                &state,
                signed_in.secret,
                signed_in.expires_at,
            ));
            let next = if input.then.for_embed() {
                "/embed/sign-in"
            } else {
                "/"
            };
            (jar, Redirect::to(next)).into_response()
        }
        Err(err) => {
            let (status, retry_after) = match &err {
                AppError::RateLimited { retry_after_secs } => {
                    (StatusCode::TOO_MANY_REQUESTS, Some(*retry_after_secs))
                }
                AppError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, None),
                AppError::Unauthenticated(_) => (StatusCode::UNAUTHORIZED, None),
                AppError::AccountUnavailable(_) | AppError::Forbidden(_) => {
                    (StatusCode::FORBIDDEN, None)
                }
                _ => return crate::ApiError::from(err).into_response(),
            };
            let message = match &err {
                AppError::Invalid(invalid) => invalid.message.clone(),
                other => other.to_string(),
            };
            let mut response = (
                status,
                form(
                    &input.csrf,
                    &input.email,
                    Some(&message),
                    sso_label(&state),
                    input.then.for_embed(),
                ),
            )
                .into_response();
            if let Some(secs) = retry_after.and_then(|s| HeaderValue::from_str(&s.to_string()).ok())
            {
                response.headers_mut().insert(header::RETRY_AFTER, secs);
            }
            response
        }
    }
}

pub async fn sign_out(
    State(state): State<AppState>,
    jar: CookieJar,
    _checked: Posted<Nothing>,
) -> PageResult {
    if let Some(cookie) = jar.get(SESSION_COOKIE) {
        sessions::sign_out(&state.app, cookie.value()).await?;
    }
    Ok((
        jar.remove(cleared_session_cookie()),
        Redirect::to("/sign-in"),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct SignOutEverywhereForm {
    /// The "also revoke my API tokens" box; absent when not ticked.
    #[serde(default)]
    revoke_tokens: bool,
}

pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    jar: CookieJar,
    posted: Posted<SignOutEverywhereForm>,
) -> PageResult {
    let revoke_tokens = posted.form.revoke_tokens;
    match sessions::sign_out_everywhere(&state.app, &posted.reader.actor(), revoke_tokens).await {
        Ok(_) | Err(AppError::Unauthenticated(_)) => Ok((
            jar.remove(cleared_session_cookie()),
            Redirect::to("/sign-in"),
        )
            .into_response()),
        Err(err) => Err(err.into()),
    }
}
