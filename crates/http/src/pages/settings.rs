//! The reader's own settings: profile, photo, password, sessions, API tokens. Each section
//! is its own form; a refused form shows the page again with the problem next to it
//! and what was typed kept (passwords excepted).

use super::layout::{self, Section};
use super::parts;
use super::reader::Nothing;
use super::reader::{PageError, PagePath, PageResult, Posted, Reader, sentence};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::domain::validation::MIN_PASSWORD_CHARS;
use hearth_app::domain::{Profile, ProfileChanges, SessionId, TokenId};
use hearth_app::i18n::t;
use hearth_app::links;
use hearth_app::people::{self, PersonRef};
use hearth_app::sessions::Session;
use hearth_app::tokens::ApiToken;
use hearth_app::{AppError, sessions, tokens};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/settings", get(show))
        .route("/settings/profile", post(save_profile))
        .route("/settings/password", post(change_password))
        .route("/settings/sessions/{id}/revoke", post(revoke_session))
        .route("/settings/tokens", post(create_token))
        .route("/settings/tokens/{id}/revoke", post(revoke_token))
}

/// What the page shows: the reader's profile, sessions and tokens.
struct Loaded {
    profile: Profile,
    sessions: Vec<Session>,
    tokens: Vec<ApiToken>,
    /// The session this browser holds, marked "This device".
    current: Option<SessionId>,
}

async fn load(state: &AppState, reader: &Reader) -> Result<Loaded, PageError> {
    let actor = reader.actor();
    let card = people::get(&state.app, &actor, &PersonRef::Id(reader.user.id)).await?;
    Ok(Loaded {
        profile: card.profile,
        sessions: sessions::list(&state.app, &actor).await?,
        tokens: tokens::list(&state.app, &actor).await?,
        current: Some(reader.session_id),
    })
}

/// The forms on the page, to say which one a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Profile,
    Password,
    Tokens,
}

/// Why a form was refused, in words, and the input at fault if one is named.
struct Problem {
    part: Part,
    field: Option<&'static str>,
    message: String,
}

/// What the page says besides the stored values.
#[derive(Default)]
struct Notes<'a> {
    saved: Option<&'a str>,
    problem: Option<Problem>,
    /// A refused profile form, shown as typed.
    typed_profile: Option<&'a ProfileForm>,
    typed_token_name: &'a str,
}

#[derive(Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<SavedQuery>,
) -> PageResult {
    let loaded = load(&state, &reader).await?;
    let notes = Notes {
        saved: query.saved.as_deref(),
        ..Notes::default()
    };
    Ok(page(&reader, &loaded, &notes).into_response())
}

/// A refusal the reader can fix in the form, shown next to it; anything else is an
/// error page.
async fn refused(
    state: &AppState,
    reader: &Reader,
    part: Part,
    err: AppError,
    notes: Notes<'_>,
) -> PageResult {
    let (status, field, retry_after) = match &err {
        AppError::Invalid(invalid) => (StatusCode::UNPROCESSABLE_ENTITY, Some(invalid.field), None),
        AppError::Conflict { field, .. } => (StatusCode::CONFLICT, *field, None),
        AppError::RateLimited { retry_after_secs } => {
            (StatusCode::TOO_MANY_REQUESTS, None, Some(*retry_after_secs))
        }
        _ => return Err(err.into()),
    };
    let message = match err {
        AppError::Invalid(invalid) => invalid.message,
        other => other.to_string(),
    };
    let problem = Problem {
        part,
        field,
        message,
    };
    let loaded = load(state, reader).await?;
    let notes = Notes {
        problem: Some(problem),
        ..notes
    };
    let mut response = (status, page(reader, &loaded, &notes)).into_response();
    if let Some(value) = retry_after.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    Ok(response)
}

fn saved_note(saved: &str) -> Option<String> {
    let tr = tr();
    let id = match saved {
        "profile" => "settings-saved-profile",
        "photo" => "settings-saved-photo",
        "photo-removed" => "settings-saved-photo-removed",
        "password" => "settings-saved-password",
        "session" => "settings-saved-session",
        "language" => "settings-saved-language",
        "token" => "settings-saved-token",
        _ => return None,
    };
    Some(tr.t(id))
}

fn page(reader: &Reader, loaded: &Loaded, notes: &Notes<'_>) -> Markup {
    let tr = tr();
    layout::signed_in(
        &t!(tr, "settings-title"),
        reader,
        Section::Settings,
        html! {
            h1 { (t!(tr, "settings-title")) }
            @if let Some(note) = notes.saved.and_then(saved_note) {
                p class="notice" role="status" { (note) }
            }
            (profile_section(reader, loaded, notes))
            (super::pictures::photo_section(reader, &loaded.profile))
            (super::language::settings_section(&reader.csrf, reader.user.language.as_deref()))
            (password_section(reader, notes))
            (sessions_section(reader, loaded))
            (tokens_section(reader, loaded, notes))
            section class="card settings-part" id="networks" aria-labelledby="networks-title" {
                h2 id="networks-title" { (t!(tr, "networks-title")) }
                p { (t!(tr, "networks-mine-hint")) " " a href="/networks" { (t!(tr, "networks-mine")) } }
            }
        },
    )
}

/// The problem, if it belongs to this part of the page.
fn problem_for<'a>(notes: &'a Notes<'_>, part: Part) -> Option<&'a Problem> {
    notes.problem.as_ref().filter(|p| p.part == part)
}

fn problem_note(problem: Option<&Problem>, id: &str) -> Markup {
    html! {
        @if let Some(problem) = problem {
            p class="problem" role="alert" id=(id) { (sentence(&problem.message)) }
        }
    }
}

/// A text input with its label, marked invalid when the problem names it.
fn field(
    problem: Option<&Problem>,
    problem_id: &str,
    name: &'static str,
    label: &str,
    value: &str,
    max_chars: u32,
    hint: Option<&str>,
) -> Markup {
    let id = format!("profile-{name}");
    let hint_id = format!("{id}-hint");
    let invalid = problem.is_some_and(|p| p.field == Some(name));
    let described: Vec<&str> = [
        hint.map(|_| hint_id.as_str()),
        invalid.then_some(problem_id),
    ]
    .into_iter()
    .flatten()
    .collect();
    let described = (!described.is_empty()).then(|| described.join(" "));
    html! {
        label for=(id) { (label) }
        @if let Some(hint) = hint {
            p class="hint" id=(hint_id) { (hint) }
        }
        input id=(id) name=(name) value=(value) maxlength=(max_chars)
            aria-invalid=[invalid.then_some("true")] aria-describedby=[described];
    }
}

fn profile_section(reader: &Reader, loaded: &Loaded, notes: &Notes<'_>) -> Markup {
    let stored = &loaded.profile;
    let shown = notes.typed_profile.map_or_else(
        || ProfileForm {
            display_name: stored.display_name.clone(),
            handle: stored.handle.clone(),
            job_title: stored.job_title.clone(),
            department: stored.department.clone(),
            location: stored.location.clone(),
            time_zone: stored.time_zone.clone(),
            about: stored.about.clone(),
        },
        ProfileForm::clone,
    );
    let problem = problem_for(notes, Part::Profile);
    let pid = "profile-problem";
    let about_invalid = problem.is_some_and(|p| p.field == Some("about"));
    let tr = tr();
    let profile_link = html! {
        a href=(links::person(&stored.handle)) { (t!(tr, "settings-profile-link")) }
    };
    html! {
        section class="card settings-part" id="profile" aria-labelledby="profile-title" {
            h2 id="profile-title" { (t!(tr, "settings-profile-title")) }
            p { (parts::sentence(&t!(tr, "settings-profile-intro", profile = parts::slot(0)), &[profile_link])) }
            (problem_note(problem, pid))
            form method="post" action="/settings/profile" {
                input type="hidden" name="csrf" value=(reader.csrf);
                (field(problem, pid, "display_name", &t!(tr, "settings-profile-name"), &shown.display_name, 100, None))
                (field(problem, pid, "handle", &t!(tr, "settings-profile-handle"), &shown.handle, 30,
                    Some(&t!(tr, "settings-profile-handle-hint"))))
                (field(problem, pid, "job_title", &t!(tr, "settings-profile-job-title"), &shown.job_title, 100, None))
                (field(problem, pid, "department", &t!(tr, "settings-profile-department"), &shown.department, 100, None))
                (field(problem, pid, "location", &t!(tr, "settings-profile-location"), &shown.location, 100, None))
                (field(problem, pid, "time_zone", &t!(tr, "settings-profile-time-zone"), &shown.time_zone, 64,
                    Some(&t!(tr, "settings-profile-time-zone-hint"))))
                label for="profile-about" { (t!(tr, "settings-profile-about")) }
                textarea id="profile-about" name="about" rows="4" maxlength="2000"
                    aria-invalid=[about_invalid.then_some("true")]
                    aria-describedby=[about_invalid.then_some(pid)] { (shown.about) }
                button type="submit" { (t!(tr, "settings-profile-save")) }
            }
        }
    }
}

fn password_section(reader: &Reader, notes: &Notes<'_>) -> Markup {
    let problem = problem_for(notes, Part::Password);
    let pid = "password-problem";
    let invalid = |name: &str| problem.is_some_and(|p| p.field == Some(name));
    let current_invalid = invalid("current_password");
    let new_invalid = invalid("new_password");
    let new_described = if new_invalid {
        "password-new-hint password-problem"
    } else {
        "password-new-hint"
    };
    let tr = tr();
    html! {
        section class="card settings-part" id="password" aria-labelledby="password-title" {
            h2 id="password-title" { (t!(tr, "settings-password-title")) }
            (problem_note(problem, pid))
            form method="post" action="/settings/password" {
                input type="hidden" name="csrf" value=(reader.csrf);
                label for="password-current" { (t!(tr, "settings-password-current")) }
                input id="password-current" name="current_password" type="password"
                    autocomplete="current-password" required
                    aria-invalid=[current_invalid.then_some("true")]
                    aria-describedby=[current_invalid.then_some(pid)];
                label for="password-new" { (t!(tr, "settings-password-new")) }
                p class="hint" id="password-new-hint" { (t!(tr, "settings-password-min", count = MIN_PASSWORD_CHARS)) }
                input id="password-new" name="new_password" type="password"
                    autocomplete="new-password" required minlength=(MIN_PASSWORD_CHARS)
                    aria-invalid=[new_invalid.then_some("true")]
                    aria-describedby=(new_described);
                p class="hint" { (t!(tr, "settings-password-hint")) }
                (revoke_tokens_box())
                button type="submit" { (t!(tr, "settings-password-change")) }
            }
        }
    }
}

/// The "also revoke my API tokens" box of signing out everywhere and of changing the
/// password: unticked, as the API's default, since scripts depend on their tokens.
fn revoke_tokens_box() -> Markup {
    html! {
        label class="choice" {
            input type="checkbox" name="revoke_tokens" value="true";
            " " (t!(tr(), "settings-revoke-tokens"))
        }
    }
}

/// "Firefox on Linux" from a user agent, or the user agent itself when it is not a
/// familiar one.
fn device_name(user_agent: &str) -> String {
    let ua = user_agent.trim();
    if ua.is_empty() {
        return t!(tr(), "settings-device-unknown");
    }
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(marker, _)| ua.contains(marker))
    .map(|(_, name)| name);
    let system = [
        ("Windows", "Windows"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Mac OS X", "macOS"),
        ("Android", "Android"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(marker, _)| ua.contains(marker))
    .map(|(_, name)| name);
    match (browser, system) {
        (Some(browser), Some(system)) => {
            t!(
                tr(),
                "settings-device-on",
                browser = browser,
                system = system
            )
        }
        (Some(browser), None) => browser.to_owned(),
        (None, Some(system)) => system.to_owned(),
        (None, None) => ua.chars().take(60).collect(),
    }
}

fn sessions_section(reader: &Reader, loaded: &Loaded) -> Markup {
    let tr = tr();
    html! {
        section class="card settings-part" id="sessions" aria-labelledby="sessions-title" {
            h2 id="sessions-title" { (t!(tr, "settings-sessions-title")) }
            ul class="people-list session-list" {
                @for session in &loaded.sessions {
                    @let current = loaded.current == Some(session.id);
                    @let label_id = format!("session-{}", session.id);
                    li class="session" {
                        div {
                            strong id=(label_id) title=(session.user_agent) { (device_name(&session.user_agent)) }
                            @if current {
                                " " span class="badge current" { (t!(tr, "settings-sessions-this-device")) }
                            }
                            p class="meta" {
                                @if !session.client_ip.is_empty() { (session.client_ip) " · " }
                                (parts::sentence(
                                    &t!(tr, "settings-sessions-last-seen", when = parts::slot(0)),
                                    &[parts::when(session.last_seen_at, reader.now)],
                                ))
                            }
                        }
                        @if !current {
                            form class="inline-form" method="post" action={"/settings/sessions/" (session.id) "/revoke"} {
                                input type="hidden" name="csrf" value=(reader.csrf);
                                button type="submit" class="secondary" aria-describedby=(label_id) { (t!(tr, "settings-sessions-sign-out")) }
                            }
                        }
                    }
                }
            }
            form method="post" action="/sign-out-everywhere" data-confirm=(t!(tr, "settings-sessions-everywhere-confirm")) {
                input type="hidden" name="csrf" value=(reader.csrf);
                (revoke_tokens_box())
                button type="submit" class="secondary" { (t!(tr, "settings-sessions-everywhere")) }
                p class="hint" { (t!(tr, "settings-sessions-everywhere-hint")) }
            }
        }
    }
}

fn tokens_section(reader: &Reader, loaded: &Loaded, notes: &Notes<'_>) -> Markup {
    let problem = problem_for(notes, Part::Tokens);
    let pid = "token-problem";
    let password_invalid = problem.is_some_and(|p| p.field == Some("current_password"));
    let described = if problem.is_some() && !password_invalid {
        "token-name-hint token-problem"
    } else {
        "token-name-hint"
    };
    let password_described = if password_invalid {
        "token-password-hint token-problem"
    } else {
        "token-password-hint"
    };
    let tr = tr();
    let openapi_link = html! {
        a href="/api/hearth/v1/openapi.json" { (t!(tr, "settings-tokens-openapi-link")) }
    };
    html! {
        section class="card settings-part" id="tokens" aria-labelledby="tokens-title" {
            h2 id="tokens-title" { (t!(tr, "settings-tokens-title")) }
            p { (parts::sentence(&t!(tr, "settings-tokens-intro", openapi = parts::slot(0)), &[openapi_link])) }
            @if loaded.tokens.is_empty() {
                p class="meta" { (t!(tr, "settings-tokens-none")) }
            } @else {
                ul class="people-list token-list" {
                    @for token in &loaded.tokens {
                        @let label_id = format!("token-{}", token.id);
                        li class="token" {
                            div {
                                strong id=(label_id) { (token.name) }
                                p class="meta" {
                                    (parts::sentence(
                                        &t!(tr, "settings-tokens-created", when = parts::slot(0)),
                                        &[parts::when(token.created_at, reader.now)],
                                    ))
                                    " · "
                                    @if let Some(used) = token.last_used_at {
                                        (parts::sentence(
                                            &t!(tr, "settings-tokens-last-used", when = parts::slot(0)),
                                            &[parts::when(used, reader.now)],
                                        ))
                                    } @else {
                                        (t!(tr, "settings-tokens-never-used"))
                                    }
                                }
                            }
                            form class="inline-form" method="post" action={"/settings/tokens/" (token.id) "/revoke"}
                                data-confirm=(t!(tr, "settings-tokens-revoke-confirm")) {
                                input type="hidden" name="csrf" value=(reader.csrf);
                                button type="submit" class="secondary" aria-describedby=(label_id) { (t!(tr, "settings-tokens-revoke")) }
                            }
                        }
                    }
                }
            }
            h3 { (t!(tr, "settings-tokens-new")) }
            (problem_note(problem, pid))
            form method="post" action="/settings/tokens" {
                input type="hidden" name="csrf" value=(reader.csrf);
                label for="token-name" { (t!(tr, "settings-tokens-name")) }
                p class="hint" id="token-name-hint" { (t!(tr, "settings-tokens-name-hint")) }
                input id="token-name" name="name" required maxlength="100" value=(notes.typed_token_name)
                    aria-invalid=[(problem.is_some() && !password_invalid).then_some("true")]
                    aria-describedby=(described);
                label for="token-password" { (t!(tr, "settings-tokens-password")) }
                p class="hint" id="token-password-hint" { (t!(tr, "settings-tokens-password-hint")) }
                input id="token-password" name="current_password" type="password"
                    autocomplete="current-password"
                    aria-invalid=[password_invalid.then_some("true")]
                    aria-describedby=(password_described);
                button type="submit" { (t!(tr, "settings-tokens-create")) }
            }
        }
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct ProfileForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    handle: String,
    #[serde(default)]
    job_title: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    about: String,
}

async fn save_profile(State(state): State<AppState>, posted: Posted<ProfileForm>) -> PageResult {
    let Posted { reader, form, .. } = posted;
    let changes = ProfileChanges {
        display_name: Some(form.display_name.clone()),
        handle: Some(form.handle.clone()),
        job_title: Some(form.job_title.clone()),
        department: Some(form.department.clone()),
        location: Some(form.location.clone()),
        time_zone: Some(form.time_zone.clone()),
        about: Some(form.about.clone()),
        manager_id: None,
    };
    let me = PersonRef::Id(reader.user.id);
    match people::update(&state.app, &reader.actor(), &me, &changes).await {
        Ok(_) => Ok(Redirect::to("/settings?saved=profile").into_response()),
        Err(err) => {
            let notes = Notes {
                typed_profile: Some(&form),
                ..Notes::default()
            };
            refused(&state, &reader, Part::Profile, err, notes).await
        }
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    revoke_tokens: bool,
}

async fn change_password(
    State(state): State<AppState>,
    posted: Posted<PasswordForm>,
) -> PageResult {
    let Posted { reader, form, .. } = posted;
    let current = Some(reader.session_id);
    match sessions::change_password(
        &state.app,
        &reader.actor(),
        current,
        sessions::PasswordChange {
            current_password: &form.current_password,
            new_password: &form.new_password,
            revoke_tokens: form.revoke_tokens,
        },
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/settings?saved=password").into_response()),
        Err(err) => refused(&state, &reader, Part::Password, err, Notes::default()).await,
    }
}

async fn revoke_session(
    State(state): State<AppState>,
    PagePath(id): PagePath<SessionId>,
    posted: Posted<Nothing>,
) -> PageResult {
    sessions::revoke(&state.app, &posted.reader.actor(), id).await?;
    Ok(Redirect::to("/settings?saved=session").into_response())
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    current_password: String,
}

async fn create_token(State(state): State<AppState>, posted: Posted<TokenForm>) -> PageResult {
    let Posted { reader, form, .. } = posted;
    let presence = tokens::Presence {
        session: Some(reader.session_id),
        current_password: Some(&form.current_password),
    };
    let created = match tokens::create(
        &state.app,
        &reader.actor(),
        reader.user.id,
        &form.name,
        presence,
    )
    .await
    {
        Ok(created) => created,
        Err(err) => {
            let notes = Notes {
                typed_token_name: &form.name,
                ..Notes::default()
            };
            return refused(&state, &reader, Part::Tokens, err, notes).await;
        }
    };
    let tr = tr();
    let name = html! {
        strong { (t!(tr, "settings-new-token-quoted", name = created.token.name.as_str())) }
    };
    let header = html! { code { "Authorization: Bearer <token>" } };
    let markup = layout::signed_in(
        &t!(tr, "settings-new-token-title"),
        &reader,
        Section::Settings,
        html! {
            section class="card" aria-labelledby="new-token-title" {
                h1 id="new-token-title" { (t!(tr, "settings-new-token-heading")) }
                p class="problem" { (t!(tr, "settings-new-token-copy-now")) }
                p { (parts::sentence(&t!(tr, "settings-new-token-named", name = parts::slot(0)), &[name])) }
                p { code class="secret" { (created.secret) } }
                p class="hint" {
                    (parts::sentence(&t!(tr, "settings-new-token-send", header = parts::slot(0)), &[header]))
                }
                p { a href="/settings#tokens" { (t!(tr, "settings-new-token-back")) } }
                p class="hint" { (t!(tr, "settings-new-token-reload")) }
            }
        },
    );
    // The secret must not linger in a cache or the browser's back-forward history.
    Ok((
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        markup,
    )
        .into_response())
}

async fn revoke_token(
    State(state): State<AppState>,
    PagePath(id): PagePath<TokenId>,
    posted: Posted<Nothing>,
) -> PageResult {
    tokens::revoke(&state.app, &posted.reader.actor(), id).await?;
    Ok(Redirect::to("/settings?saved=token").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn familiar_user_agents_read_as_a_browser_on_a_system() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(device_name(firefox), "Firefox on Linux");
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 \
                      (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
        assert_eq!(device_name(chrome), "Chrome on Windows");
        assert_eq!(device_name(""), "Unknown device");
        assert_eq!(device_name("curl/8.5.0"), "curl/8.5.0");
    }

    #[test]
    fn messages_become_sentences() {
        assert_eq!(
            sentence("the current password is not right"),
            "The current password is not right."
        );
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(sentence(""), "");
    }
}
