use super::role_id;
use crate::extract::{ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;
use hearth_api_types::{
    CommunityView, CreateCommunityRequest, ErrorBody, FeedPageView, InviteRequest, MemberView,
    MembershipStateView, RoleRequest, UpdateCommunityRequest,
};
use hearth_app::communities::{self, CommunityChanges, NewCommunity};
use hearth_app::domain::{CommunityId, PostId, UserId};
use hearth_app::feeds::Feed;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only communities the caller is a member of.
    #[serde(default)]
    mine: bool,
}

/// Communities the caller may see, by name.
#[utoipa::path(
    get, path = "/api/hearth/v1/communities", tag = "communities",
    security(("token" = []), ("session" = [])),
    params(ListParams),
    responses((status = 200, body = Vec<CommunityView>))
)]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<axum::extract::Query<ListParams>, QueryRejection>,
) -> Result<Json<Vec<CommunityView>>, ApiError> {
    let axum::extract::Query(params) = params?;
    let found = communities::list(&state.app, &caller.actor(), params.mine).await?;
    Ok(Json(found.iter().map(views::community).collect()))
}

/// Creates a community; the caller becomes its owner.
#[utoipa::path(
    post, path = "/api/hearth/v1/communities", tag = "communities",
    security(("token" = []), ("session" = [])),
    request_body = CreateCommunityRequest,
    responses(
        (status = 201, body = CommunityView),
        (status = 409, body = ErrorBody, description = "Name taken"),
        (status = 422, body = ErrorBody, description = "Invalid field"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<CreateCommunityRequest>,
) -> Result<(StatusCode, Json<CommunityView>), ApiError> {
    let input = NewCommunity {
        name: body.name,
        description: body.description,
        visibility: body.visibility,
        category: body.category,
    };
    let created = communities::create(&state.app, &caller.actor(), &input).await?;
    let view = communities::get(&state.app, &caller.actor(), created.id).await?;
    Ok((StatusCode::CREATED, Json(views::community(&view))))
}

/// One community.
#[utoipa::path(
    get, path = "/api/hearth/v1/communities/{id}", tag = "communities",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id")),
    responses(
        (status = 200, body = CommunityView),
        (status = 404, body = ErrorBody, description = "No such community you may see"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<CommunityId>,
) -> Result<Json<CommunityView>, ApiError> {
    let view = communities::get(&state.app, &caller.actor(), id).await?;
    Ok(Json(views::community(&view)))
}

/// Edits or archives a community (its owners and admins, or a network admin).
#[utoipa::path(
    patch, path = "/api/hearth/v1/communities/{id}", tag = "communities",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id")),
    request_body = UpdateCommunityRequest,
    responses(
        (status = 200, body = CommunityView),
        (status = 403, body = ErrorBody, description = "Not a manager"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<CommunityId>,
    ApiJson(body): ApiJson<UpdateCommunityRequest>,
) -> Result<Json<CommunityView>, ApiError> {
    let changes = CommunityChanges {
        name: body.name,
        description: body.description,
        visibility: body.visibility,
        category: body.category,
        archived: body.archived,
    };
    communities::update(&state.app, &caller.actor(), id, &changes).await?;
    let view = communities::get(&state.app, &caller.actor(), id).await?;
    Ok(Json(views::community(&view)))
}

/// Joins: at once for public communities and invitations, as a request for private ones.
#[utoipa::path(
    put, path = "/api/hearth/v1/communities/{id}/membership", tag = "communities",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id")),
    responses((status = 200, body = MembershipStateView))
)]
pub async fn join(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<CommunityId>,
) -> Result<Json<MembershipStateView>, ApiError> {
    let state_now = communities::join(&state.app, &caller.actor(), id).await?;
    Ok(Json(MembershipStateView {
        state: state_now.as_str().to_owned(),
    }))
}

/// Leaves, withdraws a request or declines an invitation.
#[utoipa::path(
    delete, path = "/api/hearth/v1/communities/{id}/membership", tag = "communities",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id")),
    responses(
        (status = 204, description = "No longer a member"),
        (status = 409, body = ErrorBody, description = "The last owner must hand over first"),
    )
)]
pub async fn leave(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<CommunityId>,
) -> Result<StatusCode, ApiError> {
    communities::leave(&state.app, &caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Members by name; managers also see requests and invitations.
#[utoipa::path(
    get, path = "/api/hearth/v1/communities/{id}/members", tag = "communities",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id")),
    responses((status = 200, body = Vec<MemberView>))
)]
pub async fn members(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<CommunityId>,
) -> Result<Json<Vec<MemberView>>, ApiError> {
    let found = communities::members(&state.app, &caller.actor(), id).await?;
    Ok(Json(
        found
            .into_iter()
            .map(|(m, display_name)| MemberView {
                user_id: m.user_id.to_string(),
                display_name,
                role: m.role.as_str().to_owned(),
                state: m.state.as_str().to_owned(),
            })
            .collect(),
    ))
}

/// Invites a colleague, or accepts their pending request (managers only).
#[utoipa::path(
    post, path = "/api/hearth/v1/communities/{id}/invitations", tag = "communities",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id")),
    request_body = InviteRequest,
    responses((status = 200, body = MembershipStateView))
)]
pub async fn invite(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<CommunityId>,
    ApiJson(body): ApiJson<InviteRequest>,
) -> Result<Json<MembershipStateView>, ApiError> {
    let invitee = body.user_id.parse::<UserId>()?;
    let state_now = communities::invite(&state.app, &caller.actor(), id, invitee).await?;
    Ok(Json(MembershipStateView {
        state: state_now.as_str().to_owned(),
    }))
}

/// Approves a join request (managers only).
#[utoipa::path(
    post, path = "/api/hearth/v1/communities/{id}/members/{user_id}/approval", tag = "communities",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id"), ("user_id" = String, Path, description = "Requester")),
    responses((status = 204, description = "Now a member"))
)]
pub async fn approve(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((id, user)): ApiPath<(CommunityId, UserId)>,
) -> Result<StatusCode, ApiError> {
    communities::approve(&state.app, &caller.actor(), id, user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a member, declines a request or withdraws an invitation (managers only).
#[utoipa::path(
    delete, path = "/api/hearth/v1/communities/{id}/members/{user_id}", tag = "communities",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id"), ("user_id" = String, Path, description = "Member")),
    responses((status = 204, description = "Removed"))
)]
pub async fn remove(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((id, user)): ApiPath<(CommunityId, UserId)>,
) -> Result<StatusCode, ApiError> {
    communities::remove(&state.app, &caller.actor(), id, user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes a member's role (managers; making owners is for owners).
#[utoipa::path(
    put, path = "/api/hearth/v1/communities/{id}/members/{user_id}/role", tag = "communities",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id"), ("user_id" = String, Path, description = "Member")),
    request_body = RoleRequest,
    responses((status = 204, description = "Role changed"))
)]
pub async fn set_role(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((id, user)): ApiPath<(CommunityId, UserId)>,
    ApiJson(body): ApiJson<RoleRequest>,
) -> Result<StatusCode, ApiError> {
    communities::set_role(&state.app, &caller.actor(), id, user, &body.role).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Paging through a feed.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// From the previous page's `next_before`.
    pub before: Option<String>,
    /// 1 to 100; 20 when left out.
    pub limit: Option<u32>,
}

impl PageParams {
    pub fn before(&self) -> Result<Option<PostId>, ApiError> {
        self.before
            .as_deref()
            .map(|raw| role_id::<PostId>(raw, "before"))
            .transpose()
    }
}

/// The community's posts, newest first, with its announcements pinned above.
#[utoipa::path(
    get, path = "/api/hearth/v1/communities/{id}/posts", tag = "feeds",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id"), PageParams),
    responses(
        (status = 200, body = FeedPageView),
        (status = 403, body = ErrorBody, description = "Members only"),
        (status = 422, body = ErrorBody, description = "Limit out of range"),
    )
)]
pub async fn feed(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<CommunityId>,
    params: Result<axum::extract::Query<PageParams>, QueryRejection>,
) -> Result<Json<FeedPageView>, ApiError> {
    super::posts::page(&state, &caller, Feed::Community(id), params).await
}
