//! Guests of external networks over the JSON API: inviting them by e-mail, listing
//! them with their sponsor and the end of their access, extending or ending it, and
//! naming a new sponsor. Called acting in the home network, by the network's sponsor
//! and the company's admins.

use super::invitations::view as invitation_view;
use super::role_id;
use crate::extract::{ActingCaller, ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hearth_api_types::ErrorBody;
use hearth_api_types::invitations::{CreatedInvitationView, InvitationView};
use hearth_api_types::networks::{
    EndGuestRequest, ExtendGuestRequest, GuestSponsorRequest, GuestView, InviteGuestRequest,
};
use hearth_app::domain::{InvitationId, NetworkId, UserId};
use hearth_app::guests::{self, Guest};
use hearth_app::rfc3339;

fn view(guest: &Guest) -> GuestView {
    GuestView {
        user_id: guest.user.id.to_string(),
        network_id: guest.network.to_string(),
        name: guest.user.display_name.clone(),
        email: guest.user.email.clone(),
        status: guest.user.status.as_str().to_owned(),
        sponsor_id: guest.sponsor.to_string(),
        sponsor_name: guest.sponsor_name.clone(),
        access_until: rfc3339(guest.access_until),
        needs_sponsor: guest.needs_sponsor,
        ended_at: guest.ended_at.map(rfc3339),
        last_active_at: guest.last_active.map(rfc3339),
    }
}

fn ids(network: &str, guest: &str) -> Result<(NetworkId, UserId), ApiError> {
    Ok((role_id(network, "network")?, role_id(guest, "user")?))
}

/// The external network's guests, those whose access ended too (its sponsor and
/// admins, acting in the home network).
#[utoipa::path(
    get, path = "/api/hearth/v1/networks/{id}/guests", tag = "networks",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The external network")),
    responses(
        (status = 200, body = Vec<GuestView>),
        (status = 403, body = ErrorBody, description = "Neither the network's sponsor nor an admin, or not acting in the home network"),
        (status = 404, body = ErrorBody, description = "No such external network"),
    )
)]
pub async fn list_guests(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Vec<GuestView>>, ApiError> {
    let network: NetworkId = role_id(&id, "network")?;
    let found = guests::list(&state.app, &caller.actor(), network).await?;
    Ok(Json(found.iter().map(view).collect()))
}

/// Invites a guest by e-mail (the network's sponsor and admins; audited as
/// `guest.invited`). The single-use link, valid 7 days, is e-mailed to the guest and
/// answered here once, to pass on if the e-mail does not arrive. The guest's access
/// lasts the network's guest period from now.
#[utoipa::path(
    post, path = "/api/hearth/v1/networks/{id}/guests", tag = "networks",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The external network")),
    request_body = InviteGuestRequest,
    responses(
        (status = 201, body = CreatedInvitationView),
        (status = 403, body = ErrorBody, description = "Neither the network's sponsor nor an admin"),
        (status = 404, body = ErrorBody, description = "No such external network"),
        (status = 409, body = ErrorBody, description = "The address has an account or an open invitation"),
        (status = 422, body = ErrorBody, description = "Not an e-mail address, or not at the network's guest domain"),
    )
)]
pub async fn invite_guest(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<InviteGuestRequest>,
) -> Result<(StatusCode, Json<CreatedInvitationView>), ApiError> {
    let network: NetworkId = role_id(&id, "network")?;
    let invited = guests::invite(&state.app, caller.acting(), network, &body.email).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedInvitationView {
            invitation: invitation_view(&invited.invitation, state.app.now()),
            link: format!("{}/invite/{}", state.http.public_url, invited.secret),
        }),
    ))
}

/// The external network's guest invitations, newest first.
#[utoipa::path(
    get, path = "/api/hearth/v1/networks/{id}/invitations", tag = "networks",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The external network")),
    responses(
        (status = 200, body = Vec<InvitationView>),
        (status = 403, body = ErrorBody, description = "Neither the network's sponsor nor an admin"),
        (status = 404, body = ErrorBody, description = "No such external network"),
    )
)]
pub async fn guest_invitations(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Vec<InvitationView>>, ApiError> {
    let network: NetworkId = role_id(&id, "network")?;
    let found = guests::invitations(&state.app, &caller.actor(), network).await?;
    let now = state.app.now();
    Ok(Json(
        found.iter().map(|i| invitation_view(i, now)).collect(),
    ))
}

/// Withdraws an open guest invitation: its link stops working and its e-mail, if
/// still waiting, is not sent.
#[utoipa::path(
    delete, path = "/api/hearth/v1/networks/{id}/invitations/{invitation}", tag = "networks",
    security(("token" = []), ("session" = [])),
    params(
        ("id" = String, Path, description = "The external network"),
        ("invitation" = String, Path, description = "The invitation"),
    ),
    responses(
        (status = 204, description = "Revoked"),
        (status = 403, body = ErrorBody, description = "Neither the network's sponsor nor an admin"),
        (status = 404, body = ErrorBody, description = "No such invitation in this network"),
        (status = 409, body = ErrorBody, description = "Already accepted, expired or revoked"),
    )
)]
pub async fn revoke_guest_invitation(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath((id, invitation)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let network: NetworkId = role_id(&id, "network")?;
    let invitation: InvitationId = role_id(&invitation, "invitation")?;
    guests::revoke_invitation(&state.app, caller.acting(), network, invitation).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Extends a guest's access (the guest's sponsor, the network's sponsor and admins;
/// audited as `guest.access_extended`); access that had ended opens again.
#[utoipa::path(
    post, path = "/api/hearth/v1/networks/{id}/guests/{user}/extend", tag = "networks",
    security(("token" = []), ("session" = [])),
    params(
        ("id" = String, Path, description = "The external network"),
        ("user" = String, Path, description = "The guest"),
    ),
    request_body = ExtendGuestRequest,
    responses(
        (status = 200, body = GuestView),
        (status = 403, body = ErrorBody, description = "Not one who answers for the guest"),
        (status = 404, body = ErrorBody, description = "No such guest in this network"),
        (status = 422, body = ErrorBody, description = "Days outside 1–365"),
    )
)]
pub async fn extend_guest(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath((id, user)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<ExtendGuestRequest>,
) -> Result<Json<GuestView>, ApiError> {
    let (network, guest) = ids(&id, &user)?;
    let guest = guests::extend(&state.app, caller.acting(), network, guest, body.days).await?;
    Ok(Json(view(&guest)))
}

/// Ends a guest's access now: their sessions, tokens and live connections end at
/// once (who may extend may end; audited as `guest.access_ended`).
#[utoipa::path(
    post, path = "/api/hearth/v1/networks/{id}/guests/{user}/end", tag = "networks",
    security(("token" = []), ("session" = [])),
    params(
        ("id" = String, Path, description = "The external network"),
        ("user" = String, Path, description = "The guest"),
    ),
    request_body = EndGuestRequest,
    responses(
        (status = 200, body = GuestView),
        (status = 403, body = ErrorBody, description = "Not one who answers for the guest"),
        (status = 404, body = ErrorBody, description = "No such guest in this network"),
        (status = 409, body = ErrorBody, description = "Their access has already ended"),
    )
)]
pub async fn end_guest(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath((id, user)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<EndGuestRequest>,
) -> Result<Json<GuestView>, ApiError> {
    let (network, guest) = ids(&id, &user)?;
    let guest =
        guests::end_access(&state.app, caller.acting(), network, guest, &body.reason).await?;
    Ok(Json(view(&guest)))
}

/// Names a guest's new sponsor, e.g. when theirs left the company (admins; audited
/// as `guest.sponsor_set`).
#[utoipa::path(
    put, path = "/api/hearth/v1/networks/{id}/guests/{user}/sponsor", tag = "networks",
    security(("token" = []), ("session" = [])),
    params(
        ("id" = String, Path, description = "The external network"),
        ("user" = String, Path, description = "The guest"),
    ),
    request_body = GuestSponsorRequest,
    responses(
        (status = 200, body = GuestView),
        (status = 403, body = ErrorBody, description = "Not an admin"),
        (status = 404, body = ErrorBody, description = "No such guest in this network, or no such active employee"),
    )
)]
pub async fn set_guest_sponsor(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath((id, user)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<GuestSponsorRequest>,
) -> Result<Json<GuestView>, ApiError> {
    let (network, guest) = ids(&id, &user)?;
    let sponsor: UserId = role_id(&body.sponsor_id, "user")?;
    let guest = guests::set_sponsor(&state.app, caller.acting(), network, guest, sponsor).await?;
    Ok(Json(view(&guest)))
}
