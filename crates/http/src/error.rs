//! How failures become responses. Use [`ApiError`] in JSON handlers (it renders
//! `{"error":{"code","message"}}`, the message in the reader's language); pages
//! render their own error markup through `pages::error_page`. Internal causes are
//! logged here, once, and never sent.

use axum::extract::path::ErrorKind;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hearth_api_types::{ErrorBody, ErrorDetail};
use hearth_app::AppError;
use hearth_app::domain::InvalidId;
use std::any::Any;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
    pub retry_after_secs: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            field: None,
            retry_after_secs: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// A field the handler itself could not read, in the same shape as the app's
    /// validation errors (422, `invalid_input`, the field named).
    pub fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.to_owned()),
            ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", message)
        }
    }
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        let message = err.to_string();
        match err {
            AppError::Invalid(invalid) => Self {
                field: Some(invalid.field.to_owned()),
                message: invalid.message,
                ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", "")
            },
            AppError::Unauthenticated(_) => {
                Self::new(StatusCode::UNAUTHORIZED, "unauthenticated", message)
            }
            AppError::AccountUnavailable(_) => {
                Self::new(StatusCode::FORBIDDEN, "account_unavailable", message)
            }
            AppError::Forbidden(_) => Self::new(StatusCode::FORBIDDEN, "forbidden", message),
            AppError::NotFound(_) => Self::new(StatusCode::NOT_FOUND, "not_found", message),
            AppError::TooLarge(_) => Self::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message),
            AppError::Conflict { field, .. } => Self {
                field: field.map(str::to_owned),
                ..Self::new(StatusCode::CONFLICT, "conflict", message)
            },
            AppError::RateLimited { retry_after_secs } => Self {
                retry_after_secs: Some(retry_after_secs),
                ..Self::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message)
            },
            AppError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "database unavailable");
                Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", message)
            }
            AppError::Internal(cause) => {
                tracing::error!(error = %cause, source = ?cause.source(), "request failed");
                Self::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "something went wrong on our side; it has been logged",
                )
            }
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        // axum already picks the right status (400, 413, 415, 422); we add the code.
        let status = rejection.status();
        let code = match status {
            StatusCode::UNPROCESSABLE_ENTITY => "invalid_input",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
            StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
            _ => "bad_request",
        };
        Self::new(status, code, rejection.body_text())
    }
}

/// An id in the path, the query or a body that is not one: 400 with the id's own
/// words, e.g. `post id must be a number, not "abc"`.
impl From<InvalidId> for ApiError {
    fn from(invalid: InvalidId) -> Self {
        Self::bad_request(invalid.to_string())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        // A typed id that refuses its text says so in its own words; axum's "Invalid
        // URL: Cannot parse `id` with value …" around them would change the body
        // clients have always had.
        match invalid_id_in_path(&rejection) {
            Some(message) => Self::bad_request(message),
            None => Self::bad_request(rejection.body_text()),
        }
    }
}

/// The message of a typed id that refused its part of the path, e.g.
/// `post id must be a number, not "abc"`; `None` for any other path failure.
pub(crate) fn invalid_id_in_path(rejection: &PathRejection) -> Option<&str> {
    let PathRejection::FailedToDeserializePathParams(failed) = rejection else {
        return None;
    };
    let message = match failed.kind() {
        ErrorKind::Message(message) | ErrorKind::DeserializeError { message, .. } => message,
        _ => return None,
    };
    InvalidId::kind_in_message(message).map(|_| message.as_str())
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        // As for paths: an id in the query string speaks for itself, without axum's
        // "Failed to deserialize query string: community: " in front.
        if let QueryRejection::FailedToDeserializeQueryString(failed) = &rejection
            && let Some(cause) = std::error::Error::source(failed)
        {
            let cause = cause.to_string();
            let after_field = cause.split_once(": ").map(|(_, rest)| rest);
            if let Some(message) = std::iter::once(cause.as_str())
                .chain(after_field)
                .find(|message| InvalidId::kind_in_message(message).is_some())
            {
                return Self::bad_request(message);
            }
        }
        Self::bad_request(rejection.body_text())
    }
}

impl IntoResponse for ApiError {
    /// `message` is said in the request's language (see `error_messages`); `code`
    /// and `field` are for programs and stay as they are.
    fn into_response(self) -> Response {
        let message = crate::error_messages::translate(&self.message, &crate::language::tr());
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message,
                field: self.field,
            },
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"hearth\""),
            );
        }
        if let Some(secs) = self.retry_after_secs
            && let Ok(value) = HeaderValue::from_str(&secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

pub async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{method} is not supported on {}", uri.path()),
    )
    .into_response()
}

/// A panic is a bug; the client gets a plain 500 and the log gets the message.
pub fn panic_response(payload: Box<dyn Any + Send + 'static>) -> Response {
    let detail = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = detail, "request handler panicked");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "something went wrong on our side; it has been logged",
    )
    .into_response()
}
