//! Hearth over HTTP: server-rendered pages, the native JSON API under
//! `/api/hearth/v1` with its OpenAPI document, and the operations endpoints.
//! Handlers parse, call one `hearth_app` use case, and render; they decide nothing.
//!
//! `/api/v1`, `/api/v2` and `/oauth` are reserved for a Mastodon-compatible API.

mod api;
mod csrf;
mod error;
mod error_messages;
mod extract;
mod fallback;
mod language;
mod oidc;
mod ops;
mod pages;
mod scim;
mod stream;
mod views;

pub use api::openapi_document;
pub use error::ApiError;
pub use oidc::{OidcProvider, OidcSettings, OidcSetupError};
pub use ops::metrics_router;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use hearth_app::App;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// The address people use to reach Hearth, for links in pages and e-mails.
    pub public_url: String,
    /// Mark cookies `Secure`. On whenever the public URL is https.
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// A request still running after this long is answered with 408.
    pub request_timeout: Duration,
    /// Single sign-on through this OpenID Connect provider, when configured.
    pub oidc: Option<std::sync::Arc<OidcProvider>>,
    /// Serve `/metrics` on the public port. Off when the operator gives the metrics
    /// an address of their own (then served by [`metrics_router`]).
    pub public_metrics: bool,
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub http: HttpSettings,
    metrics: metrics_exporter_prometheus::PrometheusHandle,
    /// This node's live connections.
    pub(crate) hub: stream::hub::Hub,
    /// Who is online, as every node reports it.
    pub(crate) presence: stream::presence::Presence,
    /// The sessions of this node's live connections, closed when they end.
    pub(crate) session_ends: stream::session_ends::SessionEnds,
    /// The network's default language, for visitors not signed in.
    pub(crate) network_default: language::NetworkDefault,
}

impl AppState {
    /// The state of a running node; starts the dispatcher that feeds published events
    /// to this node's live connections, so it needs a Tokio runtime.
    pub fn new(app: App, http: HttpSettings) -> Self {
        let hub = stream::hub::Hub::default();
        let presence = stream::presence::Presence::new();
        hub.spawn_dispatcher(app.subscribe(), presence.clone());
        presence.spawn_repeater(app.clone());
        let session_ends = stream::session_ends::SessionEnds::default();
        session_ends.spawn_watcher(app.clone(), hub.clone());
        Self {
            app,
            http,
            metrics: ops::metrics_handle(),
            hub,
            presence,
            session_ends,
            network_default: language::NetworkDefault::default(),
        }
    }

    /// Closes every live connection of this node, e.g. before it stops; clients
    /// reconnect (to another node, or to this one restarted) and resume.
    pub fn close_live_connections(&self) {
        self.hub.close_all();
    }

    /// How many live connections this node holds.
    pub fn live_connections(&self) -> usize {
        self.hub.len()
    }
}

/// The largest request body accepted; larger ones get 413 before any handler runs.
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The whole HTTP application. Tests drive it through a real listener.
pub fn router(state: AppState) -> Router {
    let (api_router, _) = api::router().split_for_parts();
    let timeout = state.http.request_timeout;
    let router = Router::new()
        .merge(api_router)
        // A WebSocket, so outside the OpenAPI document; see `stream` and docs/API.md.
        .route(
            "/api/hearth/v1/stream",
            // Opening a stream authenticates against the database; a crowd of
            // clients reconnecting after a restart is let in a few at a time.
            axum::routing::get(stream::stream).layer(tower::limit::ConcurrencyLimitLayer::new(16)),
        )
        .merge(pages::router())
        .merge(scim::router())
        .merge(ops::router(state.http.public_metrics))
        .fallback(fallback::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(CatchPanicLayer::custom(error::panic_response))
        // Around everything that writes words, error pages included.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            language::choose,
        ))
        // Outermost of the per-route layers, so timeouts and panics are counted too.
        .layer(axum::middleware::from_fn(ops::record_metrics))
        .with_state(state);
    with_security_headers(router).layer(TraceLayer::new_for_http())
}

/// Headers every response carries: a strict content security policy (no inline
/// script or style, no framing) and the usual hardening set.
fn with_security_headers(router: Router) -> Router {
    let csp = HeaderValue::from_static(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; \
         object-src 'none'",
    );
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        // Embeddable pages carry their own `frame-ancestors`; an `X-Frame-Options`
        // header would forbid the framing that directive allows.
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            |response: &axum::response::Response| {
                let framable = response.extensions().get::<pages::Framable>().is_some();
                (!framable).then(|| HeaderValue::from_static("DENY"))
            },
        ))
}
