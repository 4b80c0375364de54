//! The caller's networks, switching between them, and external networks over the
//! JSON API. Any request may also name the network it is about with the
//! `Hearth-Network` header (see `extract`).

use super::role_id;
use crate::extract::{ActingCaller, ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hearth_api_types::ErrorBody;
use hearth_api_types::networks::{
    ExternalNetworkChoiceView, ExternalNetworkSettings, NetworkChoiceView, NetworkMemberView,
    NewExternalNetworkRequest, NewNetworkMemberRequest, SwitchNetworkRequest,
};
use hearth_app::domain::{NetworkId, UserId};
use hearth_app::external_networks::{self, ExternalNetwork, NetworkChoice, NewExternalNetwork};

fn network_view(choice: &NetworkChoice) -> NetworkChoiceView {
    NetworkChoiceView {
        id: choice.network.id.to_string(),
        name: choice.network.name.clone(),
        kind: choice.network.kind.as_str().to_owned(),
        user_id: choice.row.to_string(),
        current: choice.current,
    }
}

fn external_view(made: &ExternalNetwork) -> ExternalNetworkChoiceView {
    ExternalNetworkChoiceView {
        id: made.network.id.to_string(),
        name: made.network.name.clone(),
        description: made.description.clone(),
        sponsor_id: made.sponsor.map(|id| id.to_string()),
        guest_domain: made.guest_domain.clone(),
        guest_days: made.guest_days,
        created_at: views::timestamp(made.network.created_at),
    }
}

/// The networks the caller is in: the company's own first, then the external
/// networks they joined, with the one this request acted in marked `current`.
#[utoipa::path(
    get, path = "/api/hearth/v1/networks", tag = "networks",
    security(("token" = []), ("session" = [])),
    responses((status = 200, body = Vec<NetworkChoiceView>))
)]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<NetworkChoiceView>>, ApiError> {
    let mine = external_networks::mine(&state.app, &caller.actor()).await?;
    Ok(Json(mine.iter().map(network_view).collect()))
}

/// Creates an external network for work with suppliers or partners (admins, and
/// employees when an admin allows it; audited as `network.external_created`). Call
/// it acting in the home network; the creator is its sponsor and first member.
#[utoipa::path(
    post, path = "/api/hearth/v1/networks", tag = "networks",
    security(("token" = []), ("session" = [])),
    request_body = NewExternalNetworkRequest,
    responses(
        (status = 201, body = ExternalNetworkChoiceView),
        (status = 403, body = ErrorBody, description = "Not allowed to create external networks, or not acting in the home network"),
        (status = 422, body = ErrorBody, description = "No name, a domain that is not one, or an access period outside 1–365 days"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(body): ApiJson<NewExternalNetworkRequest>,
) -> Result<(StatusCode, Json<ExternalNetworkChoiceView>), ApiError> {
    let input = NewExternalNetwork {
        name: body.name,
        description: body.description,
        guest_domain: body.guest_domain,
        guest_days: body.guest_days,
    };
    let made = external_networks::create(&state.app, caller.acting(), &input).await?;
    Ok((StatusCode::CREATED, Json(external_view(&made))))
}

/// Adds a colleague of the home network to an external network (its sponsor and
/// admins, acting in the home network; audited as `network.external_member_added`).
/// They take part with their one sign-in.
#[utoipa::path(
    post, path = "/api/hearth/v1/networks/{id}/members", tag = "networks",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The external network")),
    request_body = NewNetworkMemberRequest,
    responses(
        (status = 201, body = NetworkMemberView),
        (status = 403, body = ErrorBody, description = "Neither the network's sponsor nor an admin"),
        (status = 404, body = ErrorBody, description = "No such external network, or no such colleague"),
        (status = 409, body = ErrorBody, description = "Already in the network"),
    )
)]
pub async fn add_member(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<NewNetworkMemberRequest>,
) -> Result<(StatusCode, Json<NetworkMemberView>), ApiError> {
    let network: NetworkId = role_id(&id, "network")?;
    let colleague: UserId = role_id(&body.user_id, "user")?;
    let row =
        external_networks::add_employee(&state.app, caller.acting(), network, colleague).await?;
    Ok((
        StatusCode::CREATED,
        Json(NetworkMemberView {
            network_id: network.to_string(),
            user_id: row.id.to_string(),
            home_user_id: colleague.to_string(),
        }),
    ))
}

/// Makes the signed-in session act in another of the caller's networks from the next
/// request on (every tab of the browser with it). A program with a token names the
/// network of each request with the `Hearth-Network` header instead.
#[utoipa::path(
    put, path = "/api/hearth/v1/session/network", tag = "networks",
    security(("session" = [])),
    request_body = SwitchNetworkRequest,
    responses(
        (status = 200, body = NetworkChoiceView),
        (status = 400, body = ErrorBody, description = "Called with a token, which has no session to switch"),
        (status = 404, body = ErrorBody, description = "Not a network the caller is in"),
    )
)]
pub async fn switch(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<SwitchNetworkRequest>,
) -> Result<Json<NetworkChoiceView>, ApiError> {
    let Some(session) = caller.session else {
        return Err(ApiError::bad_request(
            "an API token has no session to switch: send the Hearth-Network header with each \
             request instead",
        ));
    };
    let network: NetworkId = role_id(&body.network_id, "network")?;
    let row = external_networks::switch(&state.app, session, &caller.user, network).await?;
    let mine = external_networks::mine(&state.app, &hearth_app::domain::Actor::User(row)).await?;
    let current = mine
        .iter()
        .find(|choice| choice.current)
        .ok_or_else(|| ApiError::from(hearth_app::AppError::NotFound("network")))?;
    Ok(Json(network_view(current)))
}

/// Whether employees who are not admins may create external networks (admins).
#[utoipa::path(
    get, path = "/api/hearth/v1/networks/settings", tag = "networks",
    security(("token" = []), ("session" = [])),
    responses(
        (status = 200, body = ExternalNetworkSettings),
        (status = 403, body = ErrorBody, description = "Not an admin"),
    )
)]
pub async fn settings(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<ExternalNetworkSettings>, ApiError> {
    let members_create = external_networks::members_may_create(&state.app, &caller.actor()).await?;
    Ok(Json(ExternalNetworkSettings { members_create }))
}

/// Lets employees who are not admins create external networks, or not (admins of the
/// home network; audited as `network.external_by_members_set`).
#[utoipa::path(
    put, path = "/api/hearth/v1/networks/settings", tag = "networks",
    security(("token" = []), ("session" = [])),
    request_body = ExternalNetworkSettings,
    responses(
        (status = 200, body = ExternalNetworkSettings),
        (status = 403, body = ErrorBody, description = "Not an admin of the home network"),
    )
)]
pub async fn change_settings(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(body): ApiJson<ExternalNetworkSettings>,
) -> Result<Json<ExternalNetworkSettings>, ApiError> {
    let members_create =
        external_networks::set_members_may_create(&state.app, caller.acting(), body.members_create)
            .await?;
    Ok(Json(ExternalNetworkSettings { members_create }))
}
