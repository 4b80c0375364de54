//! Who is reading a page, and the forms they send. A page without a valid session
//! sends the browser to sign in; a form whose CSRF token does not match the session
//! is refused before anything else looks at it.

use super::{csrf_failed, error_page};
use crate::AppState;
use crate::error::invalid_id_in_path;
use crate::extract::{Client, EMBED_SESSION_COOKIE, SESSION_COOKIE, cleared_session_cookie};
use crate::language::tr;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use hearth_app::audit::Acting;
use hearth_app::domain::{Actor, InvalidId, Millis, Network, SessionId, UploadId, User};
use hearth_app::i18n::t;
use hearth_app::{AppError, accounts, sessions, setup};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// A signed-in person looking at a page.
pub struct Reader {
    pub user: User,
    /// The session behind the cookie: "this device" in the list of sessions.
    pub session_id: SessionId,
    pub network: Network,
    /// The token every form on the page must carry.
    pub csrf: String,
    /// The time pages measure "5 minutes ago" from.
    pub now: Millis,
    /// Unread notifications, for the header (counted up to 100).
    pub unread_notifications: i64,
    /// The reader's own photo, for the header.
    pub photo: Option<UploadId>,
    /// The networks the reader is in, for the header's switcher: the company's own,
    /// and the external networks they joined.
    pub networks: Vec<hearth_app::external_networks::NetworkChoice>,
}

impl Reader {
    pub fn actor(&self) -> Actor {
        Actor::User(self.user.clone())
    }
}

/// Who is behind a page's request, before a page decides what to do about it.
pub enum Visitor {
    Reader(Box<Reader>),
    /// No session cookie came with the request.
    SignedOut,
    /// The cookie names a session that ended (signed out, expired, revoked, or the
    /// account closed).
    SessionEnded,
    /// Signed in, but the network's current usage policy is still to be accepted.
    PolicyPending,
}

impl Visitor {
    pub async fn of(parts: &Parts, state: &AppState) -> Result<Self, Response> {
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(secret) = session_secret(&jar) else {
            return Ok(Self::SignedOut);
        };
        let (user, session_id, pending_policy) =
            match sessions::authenticate(&state.app, &secret).await {
                Ok(authenticated) => (
                    authenticated.user,
                    authenticated.session_id,
                    authenticated.pending_policy,
                ),
                Err(AppError::Unauthenticated(_) | AppError::AccountUnavailable(_)) => {
                    return Ok(Self::SessionEnded);
                }
                Err(err) => return Err(failure(err)),
            };
        let network = accounts::network_of(&state.app, &user)
            .await
            .map_err(failure)?;
        crate::language::adopt(&parts.headers, &user, &network.default_language);
        if !reachable_before_accepting_policy(parts.uri.path()) && pending_policy.is_some() {
            return Ok(Self::PolicyPending);
        }
        let actor = Actor::User(user.clone());
        let unread_notifications = hearth_app::notifications::unread(&state.app, &actor)
            .await
            .map_err(failure)?;
        let photo = user.photo;
        let networks = hearth_app::external_networks::mine(&state.app, &actor)
            .await
            .map_err(failure)?;
        Ok(Self::Reader(Box::new(Reader {
            user,
            session_id,
            network,
            csrf: crate::csrf::token_for(&secret),
            now: state.app.now(),
            unread_notifications,
            photo,
            networks,
        })))
    }
}

/// The secret of the session a request comes with: the site's own cookie, or the
/// one a page framed on another site got when its reader signed in (see `embed`).
pub fn session_secret(jar: &CookieJar) -> Option<String> {
    jar.get(SESSION_COOKIE)
        .or_else(|| jar.get(EMBED_SESSION_COOKIE))
        .map(|c| c.value().to_owned())
}

impl FromRequestParts<AppState> for Reader {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let jar = CookieJar::from_headers(&parts.headers);
        match Visitor::of(parts, state).await? {
            Visitor::Reader(reader) => Ok(*reader),
            Visitor::SignedOut if is_background(parts) => Err(signed_out()),
            Visitor::SignedOut => Err(match setup::needs_setup(&state.app).await {
                Ok(true) => error_page(
                    StatusCode::SERVICE_UNAVAILABLE,
                    &t!(tr(), "page-error-not-set-up-title"),
                    &t!(tr(), "page-error-not-set-up"),
                ),
                Ok(false) => Redirect::to("/sign-in").into_response(),
                Err(err) => failure(err),
            }),
            Visitor::SessionEnded if is_background(parts) => {
                Err((jar.remove(cleared_session_cookie()), signed_out()).into_response())
            }
            Visitor::SessionEnded => Err((
                jar.remove(cleared_session_cookie()),
                Redirect::to("/sign-in"),
            )
                .into_response()),
            Visitor::PolicyPending if is_background(parts) => Err(error_page(
                StatusCode::FORBIDDEN,
                &t!(tr(), "page-error-policy-pending-title"),
                &t!(tr(), "page-error-policy-pending"),
            )),
            Visitor::PolicyPending => Err(Redirect::to("/usage-policy").into_response()),
        }
    }
}

/// Pages a person who has not accepted the current usage policy may still open: the
/// policy itself, and signing out.
fn reachable_before_accepting_policy(path: &str) -> bool {
    path == "/usage-policy" || path == "/sign-out" || path == "/sign-out-everywhere"
}

/// A request the page's script sent in the background (`fetch`), not a navigation.
/// A redirect to the sign-in page would look like success to the script, which could
/// then drop what the person typed; it gets a plain 401 instead.
fn is_background(parts: &Parts) -> bool {
    parts
        .headers
        .get("sec-fetch-mode")
        .is_some_and(|mode| mode != "navigate")
}

fn signed_out() -> Response {
    let tr = tr();
    error_page(
        StatusCode::UNAUTHORIZED,
        &t!(tr, "page-error-signed-out-title"),
        &t!(tr, "page-error-signed-out"),
    )
}

/// A form that sends nothing but its CSRF token.
#[derive(Deserialize)]
pub struct Nothing {}

/// A page's address, read into typed ids: `PagePath<PostId>`,
/// `PagePath<(ConversationId, MessageId)>`. An address whose id is not one names
/// nothing: the page says "This address does not name a post."
pub struct PagePath<T>(pub T);

impl<T> FromRequestParts<AppState> for PagePath<T>
where
    T: DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let rejection = match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => return Ok(Self(value)),
            Err(rejection) => rejection,
        };
        // Who is reading comes first, as it did when pages parsed their ids themselves:
        // someone signed out is sent to sign in, whatever the address says.
        Reader::from_request_parts(parts, state).await?;
        Err(match address_kind(&rejection) {
            Some(kind) => PageError::BadAddress(kind).into_response(),
            None => rejection.into_response(),
        })
    }
}

/// What the id an address failed to give was for, in the pages' words.
fn address_kind(rejection: &PathRejection) -> Option<&'static str> {
    invalid_id_in_path(rejection)
        .and_then(InvalidId::kind_in_message)
        .map(page_word)
}

/// Pages call a user a person.
fn page_word(kind: &'static str) -> &'static str {
    match kind {
        "user" => "person",
        other => other,
    }
}

/// A form sent by a signed-in person, its CSRF token checked, with where it came from
/// for the audit log.
pub struct Posted<T> {
    pub reader: Reader,
    pub form: T,
    actor: Actor,
    address: String,
}

impl<T> Posted<T> {
    /// The sender as the use cases and the audit log name them.
    pub fn acting(&self) -> Acting<'_> {
        Acting::new(&self.actor, &self.address)
    }
}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned> FromRequest<AppState> for Posted<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let reader = Reader::from_request_parts(&mut parts, state).await?;
        let Ok(Client(client)) = Client::from_request_parts(&mut parts, state).await;
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let presented: CsrfField = serde_urlencoded::from_bytes(&bytes).map_err(|_| bad_form())?;
        if !crate::csrf::tokens_match(&reader.csrf, &presented.csrf) {
            return Err(csrf_failed());
        }
        let form = serde_urlencoded::from_bytes(&bytes).map_err(|_| bad_form())?;
        Ok(Self {
            actor: reader.actor(),
            reader,
            form,
            address: client.address,
        })
    }
}

pub(super) fn bad_form() -> Response {
    let tr = tr();
    error_page(
        StatusCode::BAD_REQUEST,
        &t!(tr, "page-error-bad-form-title"),
        &t!(tr, "page-error-malformed-form"),
    )
}

/// A use case's refusal as a page that says what happened in words.
pub fn failure(err: AppError) -> Response {
    let tr = tr();
    let (status, title) = match &err {
        AppError::NotFound(_) => (StatusCode::NOT_FOUND, "page-error-not-found-title"),
        AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "page-error-forbidden-title"),
        AppError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "page-error-refused-title"),
        AppError::Conflict { .. } => (StatusCode::CONFLICT, "page-error-refused-title"),
        AppError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "page-error-refused-title"),
        AppError::RateLimited { .. } => (
            StatusCode::TOO_MANY_REQUESTS,
            "page-error-rate-limited-title",
        ),
        AppError::Unauthenticated(_) | AppError::AccountUnavailable(_) => {
            (StatusCode::UNAUTHORIZED, "page-error-sign-in-again-title")
        }
        AppError::Unavailable(_) | AppError::Internal(_) => {
            // Logged once, where errors become responses; the page only apologizes.
            let logged = crate::ApiError::from(err);
            return error_page(
                logged.status,
                &t!(tr, "page-error-internal-title"),
                &sentence(&logged.message),
            );
        }
    };
    let message = match &err {
        AppError::Invalid(invalid) => sentence(&invalid.message),
        AppError::RateLimited { retry_after_secs } => {
            let mut page = error_page(
                status,
                &tr.t(title),
                &t!(tr, "page-error-rate-limited", seconds = *retry_after_secs),
            );
            if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                page.headers_mut().insert(header::RETRY_AFTER, value);
            }
            return page;
        }
        AppError::NotFound(what) => {
            t!(
                tr,
                "page-error-no-such-thing",
                what = crate::error_messages::thing(what, &tr)
            )
        }
        other => sentence(&other.to_string()),
    };
    error_page(status, &tr.t(title), &message)
}

/// An error's English text as a sentence in the reader's language: "the current
/// password is not right" → "Das aktuelle Passwort ist nicht richtig."
pub fn sentence(text: &str) -> String {
    let said = crate::error_messages::translate(text, &tr());
    let mut chars = said.chars();
    match chars.next() {
        Some(first) => {
            let mut out: String = first.to_uppercase().chain(chars).collect();
            if !out.ends_with('.') {
                out.push('.');
            }
            out
        }
        None => String::new(),
    }
}

/// Why a page could not be shown. Handlers return it with `?`; it renders as a page
/// that says what happened.
pub enum PageError {
    App(AppError),
    /// The address names no such thing, e.g. letters where an id belongs.
    BadAddress(&'static str),
    /// A form field holds what no form of ours sends, e.g. letters where an id belongs.
    BadForm(&'static str),
}

impl From<AppError> for PageError {
    fn from(err: AppError) -> Self {
        Self::App(err)
    }
}

/// An id in an address or a query string that is not one.
impl From<InvalidId> for PageError {
    fn from(invalid: InvalidId) -> Self {
        Self::BadAddress(page_word(invalid.kind))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            Self::App(err) => failure(err),
            Self::BadAddress(what) => {
                let tr = tr();
                error_page(
                    StatusCode::NOT_FOUND,
                    &t!(tr, "page-error-not-found-title"),
                    &t!(
                        tr,
                        "page-error-bad-address",
                        what = crate::error_messages::thing(what, &tr)
                    ),
                )
            }
            Self::BadForm(field) => {
                let tr = tr();
                error_page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &t!(tr, "page-error-bad-form-title"),
                    &t!(tr, "page-error-bad-form-field", field = field),
                )
            }
        }
    }
}

pub type PageResult = Result<Response, PageError>;
