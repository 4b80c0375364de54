use super::role_id;
use crate::extract::{ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;
use hearth_api_types::{
    DirectoryPageView, ErrorBody, ProfileCardView, ProfileChangesRequest, ProfileView,
};
use hearth_app::domain::{ProfileChanges, UserId};
use hearth_app::people::{self, DirectoryQuery, PersonRef};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DirectoryParams {
    /// Text the name contains, in any case.
    q: Option<String>,
    /// Department, in any case.
    department: Option<String>,
    /// From the previous page's `next_cursor`.
    cursor: Option<String>,
    /// 1 to 200; 50 when left out.
    limit: Option<u32>,
}

/// Colleagues who have not left, alphabetically, a page at a time.
#[utoipa::path(
    get, path = "/api/hearth/v1/people", tag = "people",
    security(("token" = []), ("session" = [])),
    params(DirectoryParams),
    responses(
        (status = 200, body = DirectoryPageView),
        (status = 422, body = ErrorBody, description = "Bad limit or cursor"),
    )
)]
pub async fn directory(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<axum::extract::Query<DirectoryParams>, QueryRejection>,
) -> Result<Json<DirectoryPageView>, ApiError> {
    let axum::extract::Query(params) = params?;
    let page = people::directory(
        &state.app,
        &caller.actor(),
        &DirectoryQuery {
            name: params.q,
            department: params.department,
            cursor: params.cursor,
            limit: params.limit,
        },
    )
    .await?;
    Ok(Json(DirectoryPageView {
        people: page.people.iter().map(views::profile).collect(),
        next_cursor: page.next_cursor,
    }))
}

/// A colleague's profile, by id or by handle.
#[utoipa::path(
    get, path = "/api/hearth/v1/people/{person}", tag = "people",
    security(("token" = []), ("session" = [])),
    params(("person" = String, Path, description = "Id, or handle (with or without @)")),
    responses(
        (status = 200, body = ProfileCardView),
        (status = 404, body = ErrorBody, description = "No such person in your network"),
    )
)]
pub async fn get_person(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(person): ApiPath<String>,
) -> Result<Json<ProfileCardView>, ApiError> {
    let card = people::get(&state.app, &caller.actor(), &PersonRef::parse(&person)).await?;
    Ok(Json(ProfileCardView {
        profile: views::profile(&card.profile),
        followers: card.followers,
        following: card.following,
        followed_by_me: card.followed_by_viewer,
    }))
}

/// Edits a profile: your own, or anyone's in the network if you are an admin.
#[utoipa::path(
    patch, path = "/api/hearth/v1/people/{person}", tag = "people",
    security(("token" = []), ("session" = [])),
    params(("person" = String, Path, description = "Id, or handle")),
    request_body = ProfileChangesRequest,
    responses(
        (status = 200, body = ProfileView),
        (status = 403, body = ErrorBody, description = "Not yours to edit"),
        (status = 409, body = ErrorBody, description = "Handle taken"),
        (status = 422, body = ErrorBody, description = "Invalid field"),
    )
)]
pub async fn update_person(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(person): ApiPath<String>,
    ApiJson(body): ApiJson<ProfileChangesRequest>,
) -> Result<Json<ProfileView>, ApiError> {
    let manager_id = match body.manager_id.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(raw) => Some(Some(role_id::<UserId>(raw, "manager")?)),
    };
    let changes = ProfileChanges {
        display_name: body.display_name,
        handle: body.handle,
        job_title: body.job_title,
        department: body.department,
        location: body.location,
        time_zone: body.time_zone,
        about: body.about,
        manager_id,
    };
    let updated = people::update(
        &state.app,
        &caller.actor(),
        &PersonRef::parse(&person),
        &changes,
    )
    .await?;
    Ok(Json(views::profile(&updated)))
}

/// Follows a colleague (following twice is the same as once).
#[utoipa::path(
    put, path = "/api/hearth/v1/people/{person}/follow", tag = "people",
    security(("token" = []), ("session" = [])),
    params(("person" = String, Path, description = "Id, or handle")),
    responses(
        (status = 204, description = "Following"),
        (status = 403, body = ErrorBody, description = "Following yourself"),
        (status = 404, body = ErrorBody, description = "No such person in your network"),
    )
)]
pub async fn follow(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(person): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    people::follow(&state.app, &caller.actor(), &PersonRef::parse(&person)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Stops following a colleague.
#[utoipa::path(
    delete, path = "/api/hearth/v1/people/{person}/follow", tag = "people",
    security(("token" = []), ("session" = [])),
    params(("person" = String, Path, description = "Id, or handle")),
    responses((status = 204, description = "Not following"))
)]
pub async fn unfollow(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(person): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    people::unfollow(&state.app, &caller.actor(), &PersonRef::parse(&person)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who follows this person, by name.
#[utoipa::path(
    get, path = "/api/hearth/v1/people/{person}/followers", tag = "people",
    security(("token" = []), ("session" = [])),
    params(("person" = String, Path, description = "Id, or handle")),
    responses((status = 200, body = Vec<ProfileView>))
)]
pub async fn followers(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(person): ApiPath<String>,
) -> Result<Json<Vec<ProfileView>>, ApiError> {
    follow_list(&state, &caller, &person, true).await
}

/// Whom this person follows, by name.
#[utoipa::path(
    get, path = "/api/hearth/v1/people/{person}/following", tag = "people",
    security(("token" = []), ("session" = [])),
    params(("person" = String, Path, description = "Id, or handle")),
    responses((status = 200, body = Vec<ProfileView>))
)]
pub async fn following(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(person): ApiPath<String>,
) -> Result<Json<Vec<ProfileView>>, ApiError> {
    follow_list(&state, &caller, &person, false).await
}

async fn follow_list(
    state: &AppState,
    caller: &ApiCaller,
    person: &str,
    followers: bool,
) -> Result<Json<Vec<ProfileView>>, ApiError> {
    let person = PersonRef::parse(person);
    let list = people::follow_list(&state.app, &caller.actor(), &person, followers).await?;
    Ok(Json(list.iter().map(views::profile).collect()))
}
