//! The SCIM 2.0 service provider at `/scim/v2` (RFC 7643, RFC 7644), outside the
//! OpenAPI document: its shapes are SCIM's, not Hearth's. Every request carries a
//! SCIM token (`Authorization: Bearer hscim_…`) that binds it to one network; errors
//! are SCIM error bodies. Bodies may be sent as `application/scim+json` or
//! `application/json`; answers are `application/scim+json`.
//!
//! The use cases in `hearth_app::scim` take and return typed values; everything
//! SCIM's JSON is made of is here: resources ([`users`], [`groups`]), projections and
//! list pages ([`json`]), PatchOp ([`patch`]), and error bodies with the status and
//! `scimType` of each [`ScimError`].

mod discovery;
mod groups;
mod json;
mod patch;
mod resources;
mod users;

use crate::AppState;
use crate::extract::Client;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use hearth_app::AppError;
use hearth_app::scim::{self, ScimClient, ScimError};
use serde_json::{Value, json};

/// Where the service provider lives, below the public URL.
pub const BASE_PATH: &str = "/scim/v2";

const SCIM_JSON: &str = "application/scim+json";
const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(discovery::routes())
        .merge(resources::routes())
        // A SCIM client reads any answer under the service provider as SCIM: what no
        // route takes is a SCIM error too, not the site's "not found" page.
        .route(&format!("{BASE_PATH}/.search"), any(no_search_across_types))
        .route(BASE_PATH, any(no_such_endpoint))
        .route(&format!("{BASE_PATH}/"), any(no_such_endpoint))
        .route(&format!("{BASE_PATH}/{{*rest}}"), any(no_such_endpoint))
        .method_not_allowed_fallback(method_not_allowed)
}

async fn no_such_endpoint(uri: Uri) -> ScimFailure {
    ScimFailure {
        status: StatusCode::NOT_FOUND,
        scim_type: None,
        detail: format!("no SCIM endpoint at {}", uri.path()),
    }
}

/// A query across every resource type at once (RFC 7644 §3.4.3) is optional, and
/// not offered: 501, as the RFC has it for an operation not supported.
async fn no_search_across_types() -> ScimFailure {
    ScimFailure {
        status: StatusCode::NOT_IMPLEMENTED,
        scim_type: None,
        detail: "searching every resource type at once is not supported; \
                 use /Users/.search or /Groups/.search"
            .to_owned(),
    }
}

async fn method_not_allowed(method: Method, uri: Uri) -> ScimFailure {
    ScimFailure {
        status: StatusCode::METHOD_NOT_ALLOWED,
        scim_type: None,
        detail: format!("{} does not take {method}", uri.path()),
    }
}

/// A SCIM answer: status, body, and the version of the resource when it is one.
pub(crate) struct Scim {
    status: StatusCode,
    body: Option<Value>,
    location: Option<String>,
}

impl Scim {
    pub(crate) fn ok(body: Value) -> Self {
        Self {
            status: StatusCode::OK,
            body: Some(body),
            location: None,
        }
    }

    pub(crate) fn created(body: Value) -> Self {
        let location = body["meta"]["location"].as_str().map(str::to_owned);
        Self {
            status: StatusCode::CREATED,
            body: Some(body),
            location,
        }
    }

    pub(crate) fn no_content() -> Self {
        Self {
            status: StatusCode::NO_CONTENT,
            body: None,
            location: None,
        }
    }
}

impl IntoResponse for Scim {
    fn into_response(self) -> Response {
        let Some(body) = self.body else {
            return self.status.into_response();
        };
        let version = body["meta"]["version"]
            .as_str()
            .and_then(|v| HeaderValue::from_str(v).ok());
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(SCIM_JSON))],
            body.to_string(),
        )
            .into_response();
        if let Some(version) = version {
            response.headers_mut().insert(header::ETAG, version);
        }
        if let Some(location) = self.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        response
    }
}

/// A refusal as a SCIM error body (RFC 7644 §3.12): an HTTP status and, for 400 and
/// 409, the `scimType` keyword.
#[derive(Debug)]
pub(crate) struct ScimFailure {
    pub status: StatusCode,
    pub scim_type: Option<&'static str>,
    pub detail: String,
}

impl ScimFailure {
    /// A 400 with its `scimType`: what the request says cannot be read or done.
    pub(crate) fn bad(scim_type: &'static str, detail: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            scim_type: Some(scim_type),
            detail: detail.into(),
        }
    }

    pub(crate) fn not_found(what: &str) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            scim_type: None,
            detail: format!("{what} not found"),
        }
    }
}

impl From<ScimError> for ScimFailure {
    fn from(err: ScimError) -> Self {
        let (status, scim_type, detail) = match err {
            ScimError::App(err) => return err.into(),
            ScimError::InvalidValue(detail) => {
                (StatusCode::BAD_REQUEST, Some("invalidValue"), detail)
            }
            ScimError::InvalidFilter(detail) => {
                (StatusCode::BAD_REQUEST, Some("invalidFilter"), detail)
            }
            ScimError::Uniqueness(detail) => (StatusCode::CONFLICT, Some("uniqueness"), detail),
            ScimError::Mutability(detail) => (StatusCode::BAD_REQUEST, Some("mutability"), detail),
            ScimError::Conflict(detail) => (StatusCode::CONFLICT, None, detail),
            missing @ ScimError::NotFound(_) => (StatusCode::NOT_FOUND, None, missing.to_string()),
            stale @ ScimError::VersionMismatch => {
                (StatusCode::PRECONDITION_FAILED, None, stale.to_string())
            }
        };
        Self {
            status,
            scim_type,
            detail,
        }
    }
}

impl From<AppError> for ScimFailure {
    fn from(err: AppError) -> Self {
        let (status, scim_type) = match &err {
            AppError::Invalid(_) => (StatusCode::BAD_REQUEST, Some("invalidValue")),
            AppError::Unauthenticated(_) => (StatusCode::UNAUTHORIZED, None),
            AppError::AccountUnavailable(_) | AppError::Forbidden(_) => {
                (StatusCode::FORBIDDEN, None)
            }
            AppError::NotFound(_) => (StatusCode::NOT_FOUND, None),
            AppError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, None),
            AppError::Conflict { field: Some(_), .. } => (StatusCode::CONFLICT, Some("uniqueness")),
            AppError::Conflict { field: None, .. } => (StatusCode::CONFLICT, None),
            AppError::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, None),
            AppError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, None),
            AppError::Internal(cause) => {
                tracing::error!(error = %cause, "SCIM request failed");
                return Self {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    scim_type: None,
                    detail: "something went wrong on our side; it has been logged".to_owned(),
                };
            }
        };
        let detail = match err {
            AppError::Invalid(invalid) => format!("{}: {}", invalid.field, invalid.message),
            other => other.to_string(),
        };
        Self {
            status,
            scim_type,
            detail,
        }
    }
}

impl IntoResponse for ScimFailure {
    fn into_response(self) -> Response {
        let mut body = json!({
            "schemas": [ERROR_SCHEMA],
            "status": self.status.as_u16().to_string(),
            "detail": self.detail,
        });
        if let (Some(scim_type), Value::Object(object)) = (self.scim_type, &mut body) {
            object.insert("scimType".to_owned(), json!(scim_type));
        }
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(SCIM_JSON))],
            body.to_string(),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"SCIM\""),
            );
        }
        response
    }
}

/// A SCIM client, proven by its bearer token.
pub(crate) struct ScimCaller(pub ScimClient);

impl FromRequestParts<AppState> for ScimCaller {
    type Rejection = ScimFailure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ScimFailure> {
        let unauthenticated = |detail: &str| ScimFailure {
            status: StatusCode::UNAUTHORIZED,
            scim_type: None,
            detail: detail.to_owned(),
        };
        let secret = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, secret)| secret.trim().to_owned())
            .ok_or_else(|| {
                unauthenticated("send `Authorization: Bearer <token>` with a SCIM token")
            })?;
        let Ok(Client(client)) = Client::from_request_parts(parts, state).await;
        let base_url = format!("{}{BASE_PATH}", state.http.public_url.trim_end_matches('/'));
        let caller = scim::authenticate(&state.app, &secret, &client.address, &base_url).await?;
        Ok(Self(caller))
    }
}
