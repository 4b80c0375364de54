//! The reader's own settings: profile, password, sessions, API tokens.

use crate::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
}
