//! Topic pages: every post tagged with a topic that the reader may see.

use crate::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
}
