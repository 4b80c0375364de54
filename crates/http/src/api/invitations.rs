//! Invitations by e-mail link, for network admins.

use crate::extract::{ActingCaller, ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hearth_api_types::ErrorBody;
use hearth_api_types::invitations::{CreatedInvitationView, InvitationView, InviteRequest};
use hearth_app::domain::InvitationId;
use hearth_app::invitations::{self, Invitation, InvitationState};
use hearth_app::rfc3339;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_invitations, invite))
        .routes(routes!(revoke_invitation))
}

pub(crate) fn view(invitation: &Invitation, now: i64) -> InvitationView {
    InvitationView {
        id: invitation.id.to_string(),
        email: invitation.email.clone(),
        role: invitation.role.as_str().to_owned(),
        state: InvitationState::of(invitation, now).as_str().to_owned(),
        created_at: rfc3339(invitation.created_at),
        expires_at: rfc3339(invitation.expires_at),
        accepted_at: invitation.accepted_at.map(rfc3339),
        revoked_at: invitation.revoked_at.map(rfc3339),
    }
}

/// Invites a person by e-mail (network admins only). The link is single-use and
/// expires after 7 days.
#[utoipa::path(
    post, path = "/api/hearth/v1/invitations", tag = "admin",
    security(("token" = []), ("session" = [])),
    request_body = InviteRequest,
    responses(
        (status = 201, body = CreatedInvitationView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 409, body = ErrorBody, description = "The address has an account or an open invitation"),
        (status = 422, body = ErrorBody, description = "Bad e-mail address or role"),
    )
)]
pub async fn invite(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(body): ApiJson<InviteRequest>,
) -> Result<(StatusCode, Json<CreatedInvitationView>), ApiError> {
    let role = super::requested_role(body.role.as_deref())?;
    let invited = invitations::invite(&state.app, caller.acting(), &body.email, role).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedInvitationView {
            invitation: view(&invited.invitation, state.app.now()),
            link: format!("{}/invite/{}", state.http.public_url, invited.secret),
        }),
    ))
}

/// The network's invitations, newest first (network admins only).
#[utoipa::path(
    get, path = "/api/hearth/v1/invitations", tag = "admin",
    security(("token" = []), ("session" = [])),
    responses(
        (status = 200, body = Vec<InvitationView>),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
    )
)]
pub async fn list_invitations(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<InvitationView>>, ApiError> {
    let found = invitations::list(&state.app, &caller.actor()).await?;
    let now = state.app.now();
    Ok(Json(found.iter().map(|i| view(i, now)).collect()))
}

/// Revokes an open invitation; its link stops working at once.
#[utoipa::path(
    delete, path = "/api/hearth/v1/invitations/{id}", tag = "admin",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Invitation id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 404, body = ErrorBody, description = "No such invitation in your network"),
        (status = 409, body = ErrorBody, description = "Already accepted, expired or revoked"),
    )
)]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiPath(id): ApiPath<InvitationId>,
) -> Result<StatusCode, ApiError> {
    invitations::revoke(&state.app, caller.acting(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
