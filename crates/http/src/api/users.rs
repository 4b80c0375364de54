use crate::extract::{ActingCaller, ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hearth_api_types::{CreateUserRequest, ErrorBody, UserView};
use hearth_app::accounts::{self, NewAccount};
use hearth_app::domain::UserId;

/// Creates an account in the caller's network (network admins only).
#[utoipa::path(
    post, path = "/api/hearth/v1/users", tag = "users",
    security(("token" = []), ("session" = [])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = UserView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 409, body = ErrorBody, description = "E-mail already in use"),
        (status = 422, body = ErrorBody, description = "Invalid input"),
    )
)]
pub async fn create_user(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(body): ApiJson<CreateUserRequest>,
) -> Result<(StatusCode, Json<UserView>), ApiError> {
    let role = super::requested_role(body.role.as_deref())?;
    let user = accounts::create_user_from(
        &state.app,
        caller.acting(),
        NewAccount {
            email: &body.email,
            name: &body.display_name,
            password: body.password.as_deref(),
            role,
            company_if_new: None,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(views::user(&user))))
}

/// A person in the caller's network.
#[utoipa::path(
    get, path = "/api/hearth/v1/users/{id}", tag = "users",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "User id")),
    responses(
        (status = 200, body = UserView),
        (status = 404, body = ErrorBody, description = "No such person in your network"),
    )
)]
pub async fn get_user(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<UserId>,
) -> Result<Json<UserView>, ApiError> {
    let user = accounts::get_user(&state.app, &caller.actor(), id).await?;
    Ok(Json(views::user(&user)))
}
