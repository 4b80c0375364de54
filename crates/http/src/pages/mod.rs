//! Server-rendered pages. They work without JavaScript: forms post, then redirect.
//! Every state-changing form carries a CSRF token (see `csrf`).

mod home;
mod layout;
mod setup;
mod sign_in;

use crate::AppState;
use crate::extract::{PRE_SESSION_COOKIE, SESSION_COOKIE};
use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use maud::html;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/setup", get(setup::show).post(setup::submit))
        .route("/sign-in", get(sign_in::show).post(sign_in::submit))
        .route("/sign-out", axum::routing::post(home::sign_out))
        .route(
            "/sign-out-everywhere",
            axum::routing::post(home::sign_out_everywhere),
        )
        .route("/assets/hearth.css", get(stylesheet))
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/hearth.css"),
    )
        .into_response()
}

pub fn not_found_page() -> Response {
    error_page(
        StatusCode::NOT_FOUND,
        "Page not found",
        "There is nothing at this address. It may have moved, or the link may be mistyped.",
    )
}

/// A page that explains a failure in words and offers a way back.
pub fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    let body = html! {
        h1 { (title) }
        p { (message) }
        p { a href="/" { "Back to Hearth" } }
    };
    (status, layout::page(title, None, body)).into_response()
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

/// Checks a signed-in form's CSRF token against the session cookie.
fn session_csrf_ok(jar: &CookieJar, presented: &str) -> bool {
    jar.get(SESSION_COOKIE)
        .is_some_and(|cookie| crate::csrf::verify(cookie.value(), presented))
}

fn csrf_failed() -> Response {
    error_page(
        StatusCode::FORBIDDEN,
        "Form expired",
        "This form was open too long or came from another site. Go back, reload the page \
         and try again.",
    )
}
