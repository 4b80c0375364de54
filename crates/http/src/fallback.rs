//! What answers a request no route takes: the API's error body under the API
//! prefixes, the "not found" page everywhere else. It sits above both `error` and
//! `pages`, so neither needs the other.

use crate::error::ApiError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Unknown paths: JSON under the API prefixes, a page elsewhere.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    let path = uri.path();
    if path.starts_with("/api/v1") || path.starts_with("/api/v2") || path.starts_with("/oauth") {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "this path is reserved for the Mastodon-compatible API, which is not available yet; \
             the native API lives under /api/hearth/v1",
        )
        .into_response();
    }
    if path.starts_with("/api/") {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no API endpoint at {path}"),
        )
        .into_response();
    }
    crate::pages::not_found_page()
}
