//! Server-rendered pages. They work without JavaScript: forms post, then redirect.
//! Every state-changing form carries a CSRF token (see `csrf`).

mod admin;
mod analytics;
mod article_feeds;
mod articles;
mod assets;
mod attachments;
mod charts;
mod chat;
mod communities;
mod embed;
mod guests;
mod home;
mod invitation;
mod language;
mod layout;
mod networks;
mod notification_settings;
mod notifications;
mod oidc;
mod parts;
mod people;
mod pictures;
mod polls;
mod posts;
mod praise;
mod reader;
mod script_messages;
mod search;
mod settings;
mod setup;
mod sign_in;
mod topics;
mod unsubscribe;
mod usage_policy;

use crate::AppState;
use crate::extract::PRE_SESSION_COOKIE;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
pub use embed::Framable;
use hearth_app::communities::CommunityView;
use hearth_app::domain::policy::Place;
use hearth_app::domain::{CommunityId, MembershipState, PostId};
use hearth_app::i18n::t;
use maud::html;
pub use reader::session_secret;
use reader::{PageError, Reader};
use std::collections::HashMap;
use tower_http::set_header::SetResponseHeaderLayer;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/setup", get(setup::show).post(setup::submit))
        .route("/sign-in", get(sign_in::show).post(sign_in::submit))
        .route("/sign-out", post(sign_in::sign_out))
        .route("/language", get(language::switch))
        .route("/settings/language", post(language::save))
        .route("/sign-out-everywhere", post(sign_in::sign_out_everywhere))
        .route("/assets/{file}", get(assets::serve))
        .merge(posts::routes())
        .merge(networks::routes())
        .merge(polls::routes())
        .merge(praise::routes())
        .merge(articles::routes())
        .merge(article_feeds::routes())
        .merge(communities::routes())
        .merge(analytics::routes())
        .merge(people::routes())
        .merge(settings::routes())
        .merge(pictures::routes())
        .merge(topics::routes())
        .merge(search::routes())
        .merge(chat::routes())
        .merge(notifications::routes())
        .merge(notification_settings::routes())
        .merge(admin::routes())
        .merge(oidc::routes())
        .merge(usage_policy::routes())
        .merge(guests::routes())
        .merge(invitation::routes())
        .merge(unsubscribe::routes())
        .merge(embed::routes())
        // Pages show a person's own data; after signing out, Back must not bring it
        // up again from the browser's cache. Assets set their own, long, caching.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// The communities a reader can see, with their standing in each: names for post
/// cards, the places posts live in (for what the policy lets the reader do there), and
/// the ones they belong to, for the composer and the side column.
pub struct Places {
    visible: HashMap<CommunityId, CommunityView>,
    pub mine: Vec<CommunityView>,
}

impl Places {
    async fn load(state: &AppState, reader: &Reader) -> Result<Self, PageError> {
        let visible = hearth_app::communities::list(&state.app, &reader.actor(), false).await?;
        let mine = visible
            .iter()
            .filter(|v| {
                v.membership
                    .is_some_and(|m| m.state == MembershipState::Member)
            })
            .cloned()
            .collect();
        let visible = visible.into_iter().map(|v| (v.community.id, v)).collect();
        Ok(Self { visible, mine })
    }

    pub fn name(&self, id: CommunityId) -> Option<&str> {
        self.visible.get(&id).map(|v| v.community.name.as_str())
    }

    /// Where a post lives, as the policy needs it; `None` for a community the reader
    /// cannot see (then the page offers nothing to do there).
    pub fn place(&self, community: Option<CommunityId>) -> Option<Place<'_>> {
        match community {
            None => Some(Place::Company),
            Some(id) => self
                .visible
                .get(&id)
                .map(|v| Place::Community(&v.community, v.membership.as_ref())),
        }
    }
}

/// A form field that should hold an id or a number: anything else is a form no page
/// of ours sends, and the page names the field.
fn form_value<T: std::str::FromStr>(raw: &str, field: &'static str) -> Result<T, PageError> {
    raw.parse().map_err(|_| PageError::BadForm(field))
}

/// A query parameter that holds an id or a number under a name of its own (`cursor`,
/// `page`): anything else makes an address that names no such page.
fn query_value<T: std::str::FromStr>(raw: &str, name: &'static str) -> Result<T, PageError> {
    raw.parse().map_err(|_| PageError::BadAddress(name))
}

/// The link to the next, older page of a feed.
fn older_href(path: &str, next_before: Option<PostId>) -> Option<String> {
    next_before.map(|id| {
        let joiner = if path.contains('?') { '&' } else { '?' };
        format!("{path}{joiner}before={id}")
    })
}

/// A path on this site to return to after a form, never another site. Only visible
/// ASCII passes: browsers drop tabs and newlines from a `Location`, so `/\t/evil.com`
/// would otherwise become `//evil.com`.
fn local_path(raw: &str, fallback: &str) -> String {
    let visible = raw.bytes().all(|b| b.is_ascii_graphic());
    if visible && raw.starts_with('/') && !raw.starts_with("//") && !raw.contains('\\') {
        raw.to_owned()
    } else {
        fallback.to_owned()
    }
}

pub fn not_found_page() -> Response {
    let tr = crate::language::tr();
    error_page(
        StatusCode::NOT_FOUND,
        &t!(tr, "page-error-no-page-title"),
        &t!(tr, "page-error-no-page"),
    )
}

/// A page that explains a failure in words and offers a way back. Callers pass words
/// already in the reader's language (an error's text through `reader::sentence`).
pub fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    let body = html! {
        h1 { (title) }
        p { (message) }
        p { a href="/" data-back { (t!(crate::language::tr(), "error-go-back")) } }
    };
    (status, layout::page(title, body)).into_response()
}

/// The cookie that anonymous forms derive their CSRF token from: the one the browser
/// already has, or a new one to set along with the page.
fn pre_session_cookie(state: &AppState, jar: CookieJar) -> (CookieJar, String) {
    if let Some(existing) = jar.get(PRE_SESSION_COOKIE) {
        let value = existing.value().to_owned();
        return (jar, value);
    }
    let value = hearth_app::secrets::generate("");
    let cookie = crate::extract::pre_session_cookie(state, value.clone());
    (jar.add(cookie), value)
}

/// Checks an anonymous form's CSRF token against the pre-session cookie.
fn pre_session_csrf_ok(jar: &CookieJar, presented: &str) -> bool {
    jar.get(PRE_SESSION_COOKIE)
        .is_some_and(|cookie| crate::csrf::verify(cookie.value(), presented))
}

pub(super) fn csrf_failed() -> Response {
    let tr = crate::language::tr();
    error_page(
        StatusCode::FORBIDDEN,
        &t!(tr, "page-error-form-expired-title"),
        &t!(tr, "page-error-form-expired"),
    )
}
