//! The language switch: on the sign-in page for visitors (a cookie), and in
//! settings for a signed-in person (saved with their account, so e-mails follow it).

use super::reader::{PageResult, Posted};
use crate::AppState;
use crate::language::{LANGUAGE_COOKIE, tr};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use hearth_app::i18n::{self, t};
use hearth_app::languages;
use maud::{Markup, html};
use serde::Deserialize;

/// A year: the choice outlives sessions.
const COOKIE_DAYS: i64 = 365;

#[derive(Deserialize)]
pub struct SwitchQuery {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    back: String,
}

/// `GET /language?lang=de&back=/sign-in`: remembers a visitor's choice in a cookie.
/// An unknown language changes nothing.
pub async fn switch(
    State(state): State<AppState>,
    jar: CookieJar,
    Query(query): Query<SwitchQuery>,
) -> Response {
    let back = super::local_path(&query.back, "/sign-in");
    let Ok(tag) = languages::shipped("lang", &query.lang) else {
        return Redirect::to(&back).into_response();
    };
    let mut cookie = Cookie::new(LANGUAGE_COOKIE, tag);
    cookie.set_path("/");
    cookie.set_same_site(SameSite::Lax);
    cookie.set_http_only(true);
    cookie.set_secure(state.http.secure_cookies);
    cookie.set_max_age(time::Duration::days(COOKIE_DAYS));
    (jar.add(cookie), Redirect::to(&back)).into_response()
}

/// The visitor's switch: a plain form, so it works without the page script.
pub fn switcher(back: &str) -> Markup {
    let tr = tr();
    html! {
        form class="language-switch" method="get" action="/language" {
            input type="hidden" name="back" value=(back);
            label for="lang" { (t!(tr, "language-label")) }
            select id="lang" name="lang" {
                @for language in i18n::languages() {
                    option value=(language.tag()) lang=(language.tag()) selected[language.tag() == tr.tag()] {
                        (language.name())
                    }
                }
            }
            button type="submit" class="quiet" { (t!(tr, "language-switch")) }
        }
    }
}

/// The settings section: the person's own choice, or "as my browser asks".
pub fn settings_section(csrf: &str, own: Option<&str>) -> Markup {
    let tr = tr();
    html! {
        section class="card" aria-labelledby="language-title" {
            h2 id="language-title" { (t!(tr, "language-title")) }
            form method="post" action="/settings/language" {
                input type="hidden" name="csrf" value=(csrf);
                label for="language" { (t!(tr, "language-label")) }
                select id="language" name="language" {
                    option value="" selected[own.is_none()] { (t!(tr, "language-follow-browser")) }
                    @for language in i18n::languages() {
                        option value=(language.tag()) lang=(language.tag()) selected[own == Some(language.tag())] {
                            (language.name())
                        }
                    }
                }
                p class="hint" { (t!(tr, "language-hint")) }
                button type="submit" { (t!(tr, "language-save")) }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    language: String,
}

/// `POST /settings/language`. The sign-in switch's cookie goes: a saved choice
/// replaces it, and "as my browser asks" must not fall back to it.
pub async fn save(
    State(state): State<AppState>,
    jar: CookieJar,
    posted: Posted<LanguageForm>,
) -> PageResult {
    let chosen = Some(posted.form.language.as_str()).filter(|tag| !tag.is_empty());
    languages::set_own(&state.app, &posted.reader.actor(), chosen).await?;
    let mut switched = Cookie::from(LANGUAGE_COOKIE);
    switched.set_path("/");
    let jar = jar.remove(switched);
    Ok((jar, Redirect::to("/settings?saved=language")).into_response())
}
