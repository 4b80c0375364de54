//! Articles over the JSON API: drafts, preview, publishing now or at a time, the
//! reading view, lists, reads, subscriptions to new articles, and who may publish
//! company-wide. The discussion, likes and shares are the article's post's
//! (`/posts/{id}/…`).

use super::role_id;
use crate::extract::{ActingCaller, ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;
use hearth_api_types::articles::{
    ArticleListView, ArticleRequest, ArticleSettingsView, ArticleSubscriptionView,
    ArticleSubscriptionsView, ArticleView, DraftListView, HeadingView, PreviewRequest, PreviewView,
    PublishRequest,
};
use hearth_api_types::{AuthorView, ErrorBody};
use hearth_app::articles::{self, ArticlePage, Draft};
use hearth_app::domain::article::Article;
use hearth_app::domain::markdown::Heading;
use hearth_app::domain::upload::Variant;
use hearth_app::domain::{ArticleId, CommunityId, UploadId, UserId, ValidationError};
use hearth_app::feeds::Feed;
use serde::Deserialize;
use utoipa::IntoParams;

fn headings(found: &[Heading]) -> Vec<HeadingView> {
    found
        .iter()
        .map(|h| HeadingView {
            level: h.level,
            text: h.text.clone(),
            anchor: h.anchor.clone(),
        })
        .collect()
}

/// The author's view of their own article, fresh from a save.
fn own_view(article: &Article, author: AuthorView) -> ArticleView {
    ArticleView {
        id: article.id.to_string(),
        status: article.status.as_str().to_owned(),
        author,
        community_id: article.community_id.map(|c| c.to_string()),
        title: article.title.clone(),
        summary: article.summary.clone(),
        body_markdown: article.body_markdown.clone(),
        body_html: String::new(),
        headings: Vec::new(),
        reading_minutes: 0,
        cover_url: article
            .cover_id
            .map(|id| views::file_url(id, Variant::Large)),
        cover_id: article.cover_id.map(|id| id.to_string()),
        publish_at: article.publish_at.map(views::timestamp),
        url: article.path(),
        post: None,
        liked_by: Vec::new(),
        reads: None,
        updated_at: views::timestamp(article.updated_at),
    }
}

fn page_view(page: &ArticlePage) -> ArticleView {
    let article = &page.article;
    let author = AuthorView {
        id: article.author_id.to_string(),
        handle: page.author_handle.clone(),
        display_name: page.author_name.clone(),
        photo_url: page.post.as_ref().and_then(|p| {
            p.author_photo
                .map(|id| views::file_url(id, Variant::Avatar))
        }),
        guest: page.post.as_ref().map(|p| p.author_guest),
    };
    let body_markdown = match &page.post {
        Some(post) => post.post.body_markdown.clone(),
        None => article.body_markdown.clone(),
    };
    ArticleView {
        body_markdown,
        body_html: page.rendered.html.clone(),
        headings: headings(&page.rendered.headings),
        reading_minutes: page.rendered.reading_minutes,
        post: page.post.as_ref().map(views::post),
        liked_by: page.likers.iter().map(|(name, _)| name.clone()).collect(),
        reads: page.reads,
        ..own_view(article, author)
    }
}

async fn show(
    state: &AppState,
    caller: &ApiCaller,
    id: ArticleId,
) -> Result<ArticleView, ApiError> {
    let page = articles::get(&state.app, &caller.actor(), id).await?;
    Ok(page_view(&page))
}

fn draft(request: ArticleRequest) -> Result<Draft, ApiError> {
    Ok(Draft {
        community_id: request
            .community_id
            .as_deref()
            .map(|raw| role_id::<CommunityId>(raw, "community_id"))
            .transpose()?,
        title: request.title,
        summary: request.summary,
        body: request.body,
        cover_id: request
            .cover_id
            .as_deref()
            .map(|raw| role_id::<UploadId>(raw, "cover_id"))
            .transpose()?,
        seen: None,
        autosave: false,
        files: Vec::new(),
    })
}

/// Which articles to list, newest first.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only this author's (id).
    pub author: Option<String>,
    /// Only this community's (id).
    pub community: Option<String>,
    /// From the previous page's `next_before`.
    pub before: Option<String>,
    /// 1 to 100; 20 when left out.
    pub limit: Option<u32>,
}

/// Published articles the caller may read, newest first: all, by an author, or in a
/// community.
#[utoipa::path(
    get, path = "/api/hearth/v1/articles", tag = "articles",
    security(("token" = []), ("session" = [])),
    params(ListParams),
    responses(
        (status = 200, body = ArticleListView),
        (status = 403, body = ErrorBody, description = "A community the caller may not read"),
        (status = 422, body = ErrorBody, description = "Limit out of range, or both author and community"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<axum::extract::Query<ListParams>, QueryRejection>,
) -> Result<Json<ArticleListView>, ApiError> {
    let axum::extract::Query(params) = params?;
    let which = match (params.author.as_deref(), params.community.as_deref()) {
        (None, None) => Feed::Articles,
        (Some(author), None) => Feed::ArticlesBy(role_id::<UserId>(author, "author")?),
        (None, Some(community)) => {
            Feed::ArticlesIn(role_id::<CommunityId>(community, "community")?)
        }
        (Some(_), Some(_)) => {
            return Err(hearth_app::AppError::from(ValidationError::new(
                "author",
                "list by author or by community, not both",
            ))
            .into());
        }
    };
    let before = params
        .before
        .as_deref()
        .map(|raw| role_id(raw, "before"))
        .transpose()?;
    let page = articles::list(&state.app, &caller.actor(), &which, before, params.limit).await?;
    Ok(Json(ArticleListView {
        articles: page.posts.iter().map(views::post).collect(),
        next_before: page.next_before.map(|id| id.to_string()),
    }))
}

/// Starts a draft, private to the caller until published.
#[utoipa::path(
    post, path = "/api/hearth/v1/articles", tag = "articles",
    security(("token" = []), ("session" = [])),
    request_body = ArticleRequest,
    responses(
        (status = 201, body = ArticleView),
        (status = 403, body = ErrorBody, description = "The caller may not post in that community"),
        (status = 404, body = ErrorBody, description = "No such community the caller may see"),
        (status = 422, body = ErrorBody, description = "A field too long, or a cover that is not the caller's image"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<ArticleRequest>,
) -> Result<(StatusCode, Json<ArticleView>), ApiError> {
    let created = articles::create(&state.app, &caller.actor(), &draft(body)?).await?;
    Ok((
        StatusCode::CREATED,
        Json(show(&state, &caller, created.id).await?),
    ))
}

/// The caller's drafts and scheduled articles, last changed first.
#[utoipa::path(
    get, path = "/api/hearth/v1/articles/drafts", tag = "articles",
    security(("token" = []), ("session" = [])),
    responses((status = 200, body = DraftListView))
)]
pub async fn drafts(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<DraftListView>, ApiError> {
    let found = articles::unpublished(&state.app, &caller.actor()).await?;
    let mut drafts = Vec::with_capacity(found.len());
    for article in found {
        drafts.push(show(&state, &caller, article.id).await?);
    }
    Ok(Json(DraftListView { drafts }))
}

/// Renders a body as the article's page would, without saving it.
#[utoipa::path(
    post, path = "/api/hearth/v1/articles/preview", tag = "articles",
    security(("token" = []), ("session" = [])),
    request_body = PreviewRequest,
    responses(
        (status = 200, body = PreviewView),
        (status = 422, body = ErrorBody, description = "Longer than 100,000 characters"),
    )
)]
pub async fn preview(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<PreviewRequest>,
) -> Result<Json<PreviewView>, ApiError> {
    let rendered = articles::preview(&state.app, &caller.actor(), &body.body).await?;
    Ok(Json(PreviewView {
        body_html: rendered.html,
        headings: headings(&rendered.headings),
        reading_minutes: rendered.reading_minutes,
    }))
}

/// One article: the caller's own in any state, or a published one they may read.
#[utoipa::path(
    get, path = "/api/hearth/v1/articles/{id}", tag = "articles",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Article id")),
    responses(
        (status = 200, body = ArticleView),
        (status = 404, body = ErrorBody, description = "No such article the caller may see"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ArticleId>,
) -> Result<Json<ArticleView>, ApiError> {
    Ok(Json(show(&state, &caller, id).await?))
}

/// Saves the author's changes: everything while unpublished; the title, summary and
/// body once published (earlier bodies are kept, as for posts).
#[utoipa::path(
    put, path = "/api/hearth/v1/articles/{id}", tag = "articles",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Article id")),
    request_body = ArticleRequest,
    responses(
        (status = 200, body = ArticleView),
        (status = 403, body = ErrorBody, description = "Not the author"),
        (status = 404, body = ErrorBody, description = "No such article the caller may see"),
        (status = 409, body = ErrorBody, description = "Published meanwhile; reload it"),
        (status = 422, body = ErrorBody, description = "A field too long, or a published article's place or cover changed"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ArticleId>,
    ApiJson(body): ApiJson<ArticleRequest>,
) -> Result<Json<ArticleView>, ApiError> {
    articles::update(&state.app, &caller.actor(), id, &draft(body)?).await?;
    Ok(Json(show(&state, &caller, id).await?))
}

/// Deletes a draft, or a published article as its post is deleted (the author, the
/// community's managers, network admins).
#[utoipa::path(
    delete, path = "/api/hearth/v1/articles/{id}", tag = "articles",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Article id")),
    responses(
        (status = 204),
        (status = 403, body = ErrorBody, description = "The caller may not delete it"),
        (status = 404, body = ErrorBody, description = "No such article the caller may see"),
    )
)]
pub async fn delete(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ArticleId>,
) -> Result<StatusCode, ApiError> {
    articles::delete(&state.app, &caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Publishes a draft now, or schedules it (`publish_at`); a scheduled article goes
/// out once, within seconds of its time.
#[utoipa::path(
    post, path = "/api/hearth/v1/articles/{id}/publish", tag = "articles",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Article id")),
    request_body = PublishRequest,
    responses(
        (status = 200, body = ArticleView),
        (status = 403, body = ErrorBody, description = "The caller may not publish there (company-wide articles may be kept to chosen authors)"),
        (status = 404, body = ErrorBody, description = "No such draft of the caller's"),
        (status = 409, body = ErrorBody, description = "Already published"),
        (status = 422, body = ErrorBody, description = "No title or body, or a time not in the coming year"),
    )
)]
pub async fn publish(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ArticleId>,
    ApiJson(body): ApiJson<PublishRequest>,
) -> Result<Json<ArticleView>, ApiError> {
    let at = match body.publish_at.as_deref() {
        None => None,
        Some(raw) => Some(hearth_app::parse_rfc3339(raw).ok_or_else(|| {
            hearth_app::AppError::from(ValidationError::new(
                "publish_at",
                "use an RFC 3339 time such as 2026-12-31T17:00:00Z",
            ))
        })?),
    };
    articles::publish(&state.app, &caller.actor(), id, at).await?;
    Ok(Json(show(&state, &caller, id).await?))
}

/// Takes a scheduled article back to the caller's drafts.
#[utoipa::path(
    post, path = "/api/hearth/v1/articles/{id}/unschedule", tag = "articles",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Article id")),
    responses(
        (status = 200, body = ArticleView),
        (status = 404, body = ErrorBody, description = "No such article of the caller's"),
        (status = 409, body = ErrorBody, description = "Published meanwhile"),
        (status = 422, body = ErrorBody, description = "Not scheduled"),
    )
)]
pub async fn unschedule(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ArticleId>,
) -> Result<Json<ArticleView>, ApiError> {
    articles::unschedule(&state.app, &caller.actor(), id).await?;
    Ok(Json(show(&state, &caller, id).await?))
}

/// Counts the caller's read of a published article, once (the web page sends it
/// after the article was open for a few seconds).
#[utoipa::path(
    post, path = "/api/hearth/v1/articles/{id}/read", tag = "articles",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Article id")),
    responses(
        (status = 204),
        (status = 404, body = ErrorBody, description = "No such published article the caller may read"),
    )
)]
pub async fn read(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ArticleId>,
) -> Result<StatusCode, ApiError> {
    articles::record_read(&state.app, &caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's subscriptions to new articles.
#[utoipa::path(
    get, path = "/api/hearth/v1/article-subscriptions", tag = "articles",
    security(("token" = []), ("session" = [])),
    responses((status = 200, body = ArticleSubscriptionsView))
)]
pub async fn subscriptions(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<ArticleSubscriptionsView>, ApiError> {
    let found = articles::subscriptions(&state.app, &caller.actor()).await?;
    Ok(Json(ArticleSubscriptionsView {
        subscriptions: found
            .into_iter()
            .map(|s| ArticleSubscriptionView {
                following: s.following.as_str().to_owned(),
                target_id: s.target_id.to_string(),
                name: s.name,
            })
            .collect(),
    }))
}

fn target(
    following: &str,
    raw: &str,
) -> Result<(hearth_app::domain::article::Following, i64), ApiError> {
    let following = articles::parse_following(following).map_err(hearth_app::AppError::from)?;
    let target = match following {
        hearth_app::domain::article::Following::Company => 0,
        _ => role_id::<i64>(raw, "target_id")?,
    };
    Ok((following, target))
}

/// Subscribes the caller to new articles by an author (`author/{user id}`), in a
/// community (`community/{id}`) or company-wide (`company/0`). How they hear of them
/// is their notification setting for `article_published` (the weekly digest unless
/// changed).
#[utoipa::path(
    put, path = "/api/hearth/v1/article-subscriptions/{following}/{target}", tag = "articles",
    security(("token" = []), ("session" = [])),
    params(
        ("following" = String, Path, description = "`author`, `community` or `company`"),
        ("target" = String, Path, description = "The author's or community's id; `0` for the company"),
    ),
    responses(
        (status = 204),
        (status = 403, body = ErrorBody, description = "A community the caller may not read"),
        (status = 404, body = ErrorBody, description = "No such person or community"),
        (status = 422, body = ErrorBody, description = "Not something to follow"),
    )
)]
pub async fn subscribe(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((following, raw)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (following, target) = target(&following, &raw)?;
    articles::subscribe(&state.app, &caller.actor(), following, target).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends one of the caller's subscriptions to new articles.
#[utoipa::path(
    delete, path = "/api/hearth/v1/article-subscriptions/{following}/{target}", tag = "articles",
    security(("token" = []), ("session" = [])),
    params(
        ("following" = String, Path, description = "`author`, `community` or `company`"),
        ("target" = String, Path, description = "The author's or community's id; `0` for the company"),
    ),
    responses(
        (status = 204),
        (status = 422, body = ErrorBody, description = "Not something to follow"),
    )
)]
pub async fn unsubscribe(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((following, raw)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (following, target) = target(&following, &raw)?;
    articles::unsubscribe(&state.app, &caller.actor(), following, target).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn settings_view(settings: &articles::Settings) -> ArticleSettingsView {
    ArticleSettingsView {
        company_articles: settings.company_articles.as_str().to_owned(),
        authors: settings
            .authors
            .iter()
            .map(|(_, _, handle)| handle.clone())
            .collect(),
    }
}

/// Who may publish articles company-wide.
#[utoipa::path(
    get, path = "/api/hearth/v1/article-settings", tag = "articles",
    security(("token" = []), ("session" = [])),
    responses((status = 200, body = ArticleSettingsView))
)]
pub async fn settings(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<ArticleSettingsView>, ApiError> {
    let found = articles::settings(&state.app, &caller.actor()).await?;
    Ok(Json(settings_view(&found)))
}

/// Keeps company-wide articles to chosen authors (and admins), or opens them to
/// anyone who may post company-wide (network admins; audited as
/// `network.article_authors_set`).
#[utoipa::path(
    put, path = "/api/hearth/v1/article-settings", tag = "articles",
    security(("token" = []), ("session" = [])),
    request_body = ArticleSettingsView,
    responses(
        (status = 200, body = ArticleSettingsView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 422, body = ErrorBody, description = "Not a choice, or a handle of nobody"),
    )
)]
pub async fn change_settings(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(body): ApiJson<ArticleSettingsView>,
) -> Result<Json<ArticleSettingsView>, ApiError> {
    let found = articles::set_settings(
        &state.app,
        caller.acting(),
        &body.company_articles,
        &body.authors,
    )
    .await?;
    Ok(Json(settings_view(&found)))
}
