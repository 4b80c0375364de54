//! Extractors prove who is calling and where from; what they may do is the policy's
//! business, inside the use cases.

use crate::error::ApiError;
use crate::{AppState, csrf};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use hearth_app::audit::Acting;
use hearth_app::domain::{Actor, SessionId, TokenId, User};
use hearth_app::sessions::ClientInfo;
use hearth_app::{external_networks, sessions, tokens};
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "hearth_session";
/// The session cookie of pages framed in another site's page: sent with cross-site
/// requests, kept apart per embedding site where the browser partitions cookies.
pub const EMBED_SESSION_COOKIE: &str = "hearth_embed_session";
pub const PRE_SESSION_COOKIE: &str = "hearth_pre";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// JSON bodies, with rejections in Hearth's error format.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

/// Path parameters, with rejections in Hearth's error format.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// A signed-in caller of the JSON API, by bearer token or session cookie. A cookie
/// request that changes state must also send the `X-CSRF-Token` header.
pub struct ApiCaller {
    pub user: User,
    /// The session used, when the caller came with a cookie.
    pub session: Option<SessionId>,
    /// The API token used, when the caller came with one.
    pub token: Option<TokenId>,
}

impl ApiCaller {
    pub fn actor(&self) -> Actor {
        Actor::User(self.user.clone())
    }
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let (caller, pending_policy) = Self::identify(parts, state).await?;
        if !reachable_before_accepting_policy(&parts.method, parts.uri.path())
            && let Some(version) = pending_policy
        {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "usage_policy_not_accepted",
                format!(
                    "accept the network's usage policy (version {version}) first: read it with \
                     GET /api/hearth/v1/usage-policy and accept it with \
                     POST /api/hearth/v1/usage-policy/accept, or open /usage-policy in a browser"
                ),
            ));
        }
        Ok(caller)
    }
}

/// The header naming the network a request is about, by id: the caller acts as
/// their own row in it (see `hearth_app::external_networks`). Without it, a session
/// acts in the network it switched to last, a token in its own.
pub const NETWORK_HEADER: &str = "hearth-network";

impl ApiCaller {
    /// The caller, as they are in the network the request names, and the
    /// usage-policy version they must still accept.
    async fn identify(parts: &Parts, state: &AppState) -> Result<(Self, Option<i64>), ApiError> {
        let (mut caller, mut pending_policy) = Self::authenticate(parts, state).await?;
        if let Some(value) = parts.headers.get(NETWORK_HEADER) {
            let network = value
                .to_str()
                .ok()
                .and_then(|raw| raw.trim().parse::<i64>().ok())
                .ok_or_else(|| {
                    ApiError::bad_request("the Hearth-Network header holds a network's id")
                })?;
            let network = hearth_app::domain::NetworkId(network);
            if network != caller.user.network_id {
                caller.user = if caller.token.is_some() {
                    external_networks::token_acting_in(&state.app, &caller.user, network).await?
                } else {
                    external_networks::acting_in(&state.app, &caller.user, network).await?
                };
                // Each network has its own usage policy to accept.
                pending_policy =
                    hearth_app::usage_policy::pending(&state.app, &caller.user).await?;
            }
        }
        Ok((caller, pending_policy))
    }

    /// Who the credentials are.
    async fn authenticate(
        parts: &Parts,
        state: &AppState,
    ) -> Result<(Self, Option<i64>), ApiError> {
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let value = value
                .to_str()
                .map_err(|_| ApiError::bad_request("the Authorization header is not valid text"))?;
            // The scheme name is case-insensitive (RFC 9110 §11.1).
            let secret = value
                .split_once(' ')
                .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
                .map(|(_, secret)| secret)
                .ok_or_else(|| {
                    ApiError::new(
                        StatusCode::UNAUTHORIZED,
                        "unauthenticated",
                        "use `Authorization: Bearer <token>` with a personal API token",
                    )
                })?;
            let caller = tokens::authenticate_token(&state.app, secret.trim()).await?;
            return Ok((
                Self {
                    user: caller.user,
                    session: None,
                    token: Some(caller.token),
                },
                caller.pending_policy,
            ));
        }
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(secret) = crate::pages::session_secret(&jar) else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "sign in, or send a personal API token as `Authorization: Bearer <token>`",
            ));
        };
        if changes_state(&parts.method) {
            let presented = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !csrf::verify(&secret, presented) {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    "csrf_failed",
                    "send the X-CSRF-Token header from sign-in with every cookie request that \
                     changes something",
                ));
            }
        }
        let authenticated = sessions::authenticate(&state.app, &secret).await?;
        Ok((
            Self {
                user: authenticated.user,
                session: Some(authenticated.session_id),
                token: None,
            },
            authenticated.pending_policy,
        ))
    }
}

/// What a person who has not accepted the current usage policy may still call: who
/// they are, the policy itself, signing out, and the live stream, which is left open
/// on purpose: it changes nothing, and the page that holds it is asking them to accept.
fn reachable_before_accepting_policy(method: &Method, path: &str) -> bool {
    const API: &str = "/api/hearth/v1";
    let Some(rest) = path.strip_prefix(API) else {
        return false;
    };
    (rest == "/me" && *method == Method::GET)
        || rest == "/usage-policy"
        || rest.starts_with("/usage-policy/")
        || (rest == "/session" && *method == Method::DELETE)
        || rest == "/stream"
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Where the request came from. `X-Forwarded-For` is believed only when the operator
/// says a trusted proxy sits in front; otherwise anyone could pick their own address
/// and dodge the sign-in rate limit.
pub struct Client(pub ClientInfo);

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let forwarded = state
            .http
            .trust_forwarded_for
            .then(|| parts.headers.get("x-forwarded-for"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_owned());
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string());
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        Ok(Self(ClientInfo {
            address: forwarded.or(peer).unwrap_or_else(|| "unknown".to_owned()),
            user_agent,
        }))
    }
}

/// A signed-in caller of the JSON API (see [`ApiCaller`]) doing something the audit
/// log records: who they are and where they call from, together.
pub struct ActingCaller {
    actor: Actor,
    address: String,
}

impl ActingCaller {
    /// The caller as the use cases and the audit log name them.
    pub fn acting(&self) -> Acting<'_> {
        Acting::new(&self.actor, &self.address)
    }
}

impl FromRequestParts<AppState> for ActingCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let caller = ApiCaller::from_request_parts(parts, state).await?;
        let Ok(Client(client)) = Client::from_request_parts(parts, state).await;
        Ok(Self {
            actor: caller.actor(),
            address: client.address,
        })
    }
}

/// The cookie anonymous forms derive their CSRF token from (see `csrf`).
pub fn pre_session_cookie(state: &AppState, value: String) -> Cookie<'static> {
    let mut cookie = Cookie::new(PRE_SESSION_COOKIE, value);
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Lax);
    cookie.set_path("/");
    cookie.set_secure(state.http.secure_cookies);
    cookie
}

/// The session cookie for a new sign-in: HttpOnly, SameSite=Lax, expiring with the
/// session.
pub fn session_cookie(state: &AppState, secret: String, expires_at_millis: i64) -> Cookie<'static> {
    let mut cookie = Cookie::new(SESSION_COOKIE, secret);
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Lax);
    cookie.set_path("/");
    cookie.set_secure(state.http.secure_cookies);
    if let Ok(expires) =
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires_at_millis) * 1_000_000)
    {
        cookie.set_expires(expires);
    }
    cookie
}

/// The session cookie of a page framed in another site (see `pages::embed`): sent
/// with cross-site requests, which only a `Secure` cookie may be, and partitioned, so
/// that a browser keeps it for the embedding site alone.
pub fn embed_session_cookie(secret: String) -> Cookie<'static> {
    // No expiry of its own: it ends with the browser, or with its session, whichever
    // is first; signing in again from the frame is one click while the site's own
    // session lasts.
    let mut cookie = Cookie::new(EMBED_SESSION_COOKIE, secret);
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::None);
    cookie.set_secure(true);
    cookie.set_partitioned(true);
    cookie.set_path("/");
    cookie
}

/// A cookie that deletes the session cookie.
pub fn cleared_session_cookie() -> Cookie<'static> {
    let mut cookie = Cookie::from(SESSION_COOKIE);
    cookie.set_path("/");
    cookie
}
