//! Hearth inside the intranet over the JSON API: the embedding settings (network
//! admins) and comments on intranet pages.

use super::role_id;
use crate::extract::{ActingCaller, ApiCaller, ApiJson};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;
use hearth_api_types::embedding::{
    EmbeddingSettingsRequest, EmbeddingSettingsView, NewPageCommentRequest, PageCommentsView,
};
use hearth_api_types::{ErrorBody, PostView};
use hearth_app::domain::CommunityId;
use hearth_app::embedding::{self, NewSettings, Settings};
use hearth_app::feeds;
use hearth_app::page_comments;
use serde::Deserialize;
use utoipa::IntoParams;

fn settings_view(settings: Settings) -> EmbeddingSettingsView {
    let (id, name) = settings.page_comments_community.unzip();
    EmbeddingSettingsView {
        frame_origins: settings.frame_origins,
        page_comments_community_id: id.map(|id| id.to_string()),
        page_comments_community_name: name,
    }
}

/// Which sites may frame Hearth's embeddable pages, and where intranet pages'
/// comments go (network admins).
#[utoipa::path(
    get, path = "/api/hearth/v1/embedding", tag = "embedding",
    security(("token" = []), ("session" = [])),
    responses(
        (status = 200, body = EmbeddingSettingsView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
    )
)]
pub async fn settings(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<EmbeddingSettingsView>, ApiError> {
    let settings = embedding::settings(&state.app, &caller.actor()).await?;
    Ok(Json(settings_view(settings)))
}

/// Sets which sites may frame Hearth and where intranet pages' comments go (network
/// admins; audited as `network.embedding_set`). Every origin is checked first; one
/// bad origin saves nothing.
#[utoipa::path(
    put, path = "/api/hearth/v1/embedding", tag = "embedding",
    security(("token" = []), ("session" = [])),
    request_body = EmbeddingSettingsRequest,
    responses(
        (status = 200, body = EmbeddingSettingsView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 422, body = ErrorBody, description = "An origin that is not a bare site, too many, or no such community"),
    )
)]
pub async fn change_settings(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(body): ApiJson<EmbeddingSettingsRequest>,
) -> Result<Json<EmbeddingSettingsView>, ApiError> {
    let community = body
        .page_comments_community_id
        .as_deref()
        .map(|raw| role_id::<CommunityId>(raw, "community"))
        .transpose()?;
    let input = NewSettings {
        frame_origins: body.frame_origins.join("\n"),
        page_comments_community: community,
    };
    let settings = embedding::save_settings(&state.app, caller.acting(), &input).await?;
    Ok(Json(settings_view(settings)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// The page's address, on a site allowed to embed Hearth.
    url: String,
    /// The page's own title, used until the first comment keeps one.
    #[serde(default)]
    title: String,
}

/// An intranet page's comments: its canonical address, title, and thread if any.
#[utoipa::path(
    get, path = "/api/hearth/v1/page-comments", tag = "embedding",
    security(("token" = []), ("session" = [])),
    params(PageParams),
    responses(
        (status = 200, body = PageCommentsView),
        (status = 403, body = ErrorBody, description = "The comments are in a community the caller may not read"),
        (status = 422, body = ErrorBody, description = "Not an address of a site allowed to embed Hearth"),
    )
)]
pub async fn page(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<axum::extract::Query<PageParams>, QueryRejection>,
) -> Result<Json<PageCommentsView>, ApiError> {
    let axum::extract::Query(params) = params?;
    let found =
        page_comments::page(&state.app, &caller.actor(), &params.url, &params.title).await?;
    Ok(Json(PageCommentsView {
        url: found.url,
        title: found.title,
        thread_id: found.thread_id.map(|id| id.to_string()),
        community_id: found.community_id.map(|id| id.to_string()),
    }))
}

/// Comments on an intranet page: the first comment starts its thread (in the
/// community the admin chose, or company-wide), later ones reply to it.
#[utoipa::path(
    post, path = "/api/hearth/v1/page-comments", tag = "embedding",
    security(("token" = []), ("session" = [])),
    request_body = NewPageCommentRequest,
    responses(
        (status = 201, body = PostView),
        (status = 403, body = ErrorBody, description = "May not post where the page's comments go"),
        (status = 422, body = ErrorBody, description = "Not an address of a site allowed to embed Hearth, or an empty comment"),
    )
)]
pub async fn comment(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<NewPageCommentRequest>,
) -> Result<(StatusCode, Json<PostView>), ApiError> {
    let actor = caller.actor();
    let post =
        page_comments::comment(&state.app, &actor, &body.url, &body.title, &body.body).await?;
    let view = feeds::get(&state.app, &actor, post.id).await?;
    Ok((StatusCode::CREATED, Json(views::post(&view))))
}
