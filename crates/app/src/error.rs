//! The application layer's error. Every variant but `Internal` is the caller's to fix
//! and carries a message fit to show them; the HTTP layer maps each variant to one
//! status code and the JSON error shape.

use hearth_domain::ValidationError;
use hearth_domain::policy::Denied;
use hearth_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that does not make sense; nothing was changed.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// No valid credentials were presented.
    #[error("{0}")]
    Unauthenticated(&'static str),
    /// The credentials are right but the account may not be used now.
    #[error("{0}")]
    AccountUnavailable(&'static str),
    /// The actor is known but may not do this.
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A file over the size limit or the person's quota; nothing was stored.
    #[error("{0}")]
    TooLarge(String),
    /// The change clashes with existing data, e.g. an e-mail already in use; `field`
    /// names the input at fault when there is one.
    #[error("{message}")]
    Conflict {
        message: String,
        field: Option<&'static str>,
    },
    /// Too many attempts; try again after the given number of seconds.
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    RateLimited { retry_after_secs: u64 },
    /// The database cannot be reached or is saturated; the request may be retried.
    #[error("the service is temporarily unavailable; please retry")]
    Unavailable(#[source] StoreError),
    /// A bug or a broken deployment. The cause is logged, never shown.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Conflict { constraint } if constraint == "email" => Self::Conflict {
                message: "an account with this e-mail address already exists".to_owned(),
                field: Some("email"),
            },
            StoreError::Conflict { constraint } => Self::Conflict {
                message: format!("a record with this {constraint} already exists"),
                field: None,
            },
            StoreError::Unavailable(_) | StoreError::NotCommitted(_) => Self::Unavailable(err),
            other => Self::Internal(Box::new(other)),
        }
    }
}

impl From<Denied> for AppError {
    fn from(denied: Denied) -> Self {
        match denied {
            Denied::Forbidden(message) => Self::Forbidden(message),
            Denied::AccountUnavailable(message) => Self::AccountUnavailable(message),
        }
    }
}
