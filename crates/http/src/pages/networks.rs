//! Switching the session between the reader's networks, from the header.

use super::reader::{self, PageResult, Posted};
use crate::AppState;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use axum::routing::post;
use hearth_app::AppError;
use hearth_app::domain::NetworkId;
use hearth_app::external_networks;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/networks/switch", post(switch))
}

#[derive(Deserialize)]
pub struct SwitchForm {
    network: String,
}

/// Acts in the chosen network from now on, and opens its home feed.
async fn switch(State(state): State<AppState>, posted: Posted<SwitchForm>) -> PageResult {
    let network = posted
        .form
        .network
        .trim()
        .parse::<i64>()
        .map(NetworkId)
        .map_err(|_| AppError::NotFound("network"))?;
    let reader::Reader {
        session_id, user, ..
    } = &posted.reader;
    external_networks::switch(&state.app, *session_id, user, network).await?;
    Ok(Redirect::to("/").into_response())
}
