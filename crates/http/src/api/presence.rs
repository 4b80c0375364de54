use crate::extract::ApiCaller;
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use hearth_api_types::{ErrorBody, PresenceView};
use hearth_app::domain::UserId;
use serde::Deserialize;
use utoipa::IntoParams;

/// The most people one request asks about.
const MAX_PEOPLE: usize = 200;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PresenceParams {
    /// Comma-separated user ids, at most 200.
    ids: String,
}

/// Who of these people is online now, on any node. People of other networks are
/// always offline.
#[utoipa::path(
    get, path = "/api/hearth/v1/presence", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(PresenceParams),
    responses(
        (status = 200, body = Vec<PresenceView>),
        (status = 400, body = ErrorBody, description = "An id that is not a number, or more than 200"),
    )
)]
pub async fn presence(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<axum::extract::Query<PresenceParams>, QueryRejection>,
) -> Result<Json<Vec<PresenceView>>, ApiError> {
    let axum::extract::Query(params) = params?;
    let ids = params
        .ids
        .split(',')
        .map(str::trim)
        .filter(|raw| !raw.is_empty())
        .map(str::parse::<UserId>)
        .collect::<Result<Vec<_>, _>>()?;
    if ids.len() > MAX_PEOPLE {
        return Err(ApiError::bad_request(format!(
            "ask about at most {MAX_PEOPLE} people at once"
        )));
    }
    let network = caller.user.network_id.0;
    Ok(Json(
        ids.into_iter()
            .map(|id| PresenceView {
                id: id.to_string(),
                status: state.presence.status(network, id.0).as_str().to_owned(),
            })
            .collect(),
    ))
}
