use super::communities::PageParams;
use crate::extract::{ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;
use hearth_api_types::polls::NewPollRequest;
use hearth_api_types::uploads::ContentRequest;
use hearth_api_types::{
    BestAnswerRequest, BodyRequest, ErrorBody, FeedPageView, NewPostRequest, PostView,
    ReactionSummaryView, ReactorView, ThreadNodeView, ThreadSubscriptionView, ThreadView,
    VersionView,
};
use hearth_app::domain::{CommunityId, PostId, UserId};
use hearth_app::feeds::{self, Feed};
use hearth_app::people::PersonRef;
use hearth_app::polls::NewPoll;
use hearth_app::posts::{self, NewPost};
use hearth_app::praise::NewPraise;
use hearth_app::thread_subscriptions;
use serde::Deserialize;
use utoipa::IntoParams;

async fn show(
    state: &AppState,
    caller: &ApiCaller,
    id: PostId,
) -> Result<Json<PostView>, ApiError> {
    let view = feeds::get(&state.app, &caller.actor(), id).await?;
    Ok(Json(views::post(&view)))
}

/// Posts to the company or a community, or shares a post there.
#[utoipa::path(
    post, path = "/api/hearth/v1/posts", tag = "posts",
    security(("token" = []), ("session" = [])),
    request_body = NewPostRequest,
    responses(
        (status = 201, body = PostView),
        (status = 403, body = ErrorBody, description = "May not post there, or that kind"),
        (status = 422, body = ErrorBody, description = "Invalid field"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<NewPostRequest>,
) -> Result<(StatusCode, Json<PostView>), ApiError> {
    let input = NewPost {
        community_id: body
            .community_id
            .as_deref()
            .map(str::parse::<CommunityId>)
            .transpose()?,
        kind: body.kind,
        body: body.body,
        shared_post_id: body
            .shared_post_id
            .as_deref()
            .map(str::parse::<PostId>)
            .transpose()?,
        attachments: super::uploads::upload_ids(&body.attachments)?,
        poll: body.poll.map(new_poll).transpose()?,
        praise: body
            .praise
            .map(|praise| -> Result<NewPraise, ApiError> {
                Ok(NewPraise {
                    kind: praise.kind,
                    recipients: praise
                        .recipients
                        .iter()
                        .map(|id| id.parse::<UserId>())
                        .collect::<Result<_, _>>()?,
                })
            })
            .transpose()?,
    };
    let created = posts::create(&state.app, &caller.actor(), &input).await?;
    Ok((
        StatusCode::CREATED,
        show(&state, &caller, created.id).await?,
    ))
}

fn new_poll(request: NewPollRequest) -> Result<NewPoll, ApiError> {
    let closes_at = match request.closes_at.as_deref() {
        None => None,
        Some(raw) => Some(hearth_app::parse_rfc3339(raw).ok_or_else(|| {
            hearth_app::AppError::from(hearth_app::domain::ValidationError::new(
                "closes_at",
                "use an RFC 3339 time such as 2026-12-31T17:00:00Z",
            ))
        })?),
    };
    Ok(NewPoll {
        options: request.options,
        choice: request.choice,
        results: request.results,
        votes: request.votes,
        closes_at,
    })
}

/// One post, reply or share.
#[utoipa::path(
    get, path = "/api/hearth/v1/posts/{id}", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Post id")),
    responses(
        (status = 200, body = PostView),
        (status = 404, body = ErrorBody, description = "No such post you may see"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
) -> Result<Json<PostView>, ApiError> {
    show(&state, &caller, id).await
}

/// The author rewrites a post; earlier versions are kept for admins.
#[utoipa::path(
    patch, path = "/api/hearth/v1/posts/{id}", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Post id")),
    request_body = BodyRequest,
    responses((status = 200, body = PostView), (status = 403, body = ErrorBody, description = "Not the author"))
)]
pub async fn edit(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
    ApiJson(body): ApiJson<BodyRequest>,
) -> Result<Json<PostView>, ApiError> {
    posts::edit(&state.app, &caller.actor(), id, &body.body).await?;
    show(&state, &caller, id).await
}

/// Deletes a post (author, community managers, network admins).
#[utoipa::path(
    delete, path = "/api/hearth/v1/posts/{id}", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Post id")),
    responses((status = 204, description = "Deleted"), (status = 403, body = ErrorBody, description = "Not yours to delete"))
)]
pub async fn delete(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
) -> Result<StatusCode, ApiError> {
    posts::delete(&state.app, &caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replies to a post or a reply.
#[utoipa::path(
    post, path = "/api/hearth/v1/posts/{id}/replies", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The post answered")),
    request_body = ContentRequest,
    responses((status = 201, body = PostView))
)]
pub async fn reply(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
    ApiJson(body): ApiJson<ContentRequest>,
) -> Result<(StatusCode, Json<PostView>), ApiError> {
    let attachments = super::uploads::upload_ids(&body.attachments)?;
    let created =
        posts::reply_with(&state.app, &caller.actor(), id, &body.body, &attachments).await?;
    Ok((
        StatusCode::CREATED,
        show(&state, &caller, created.id).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ThreadParams {
    /// Levels of replies to include, 1 to 8 (default 6).
    depth: Option<u8>,
    /// The `next_after` of the previous page; absent for the first page.
    after: Option<String>,
    /// Replies per page, 1 to 500 (default 200).
    limit: Option<u32>,
}

/// A page of the thread under a post, as a tree.
#[utoipa::path(
    get, path = "/api/hearth/v1/posts/{id}/thread", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Any post of the thread"), ThreadParams),
    responses(
        (status = 200, body = ThreadView),
        (status = 422, body = ErrorBody, description = "Depth out of range"),
    )
)]
pub async fn thread(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
    params: Result<axum::extract::Query<ThreadParams>, QueryRejection>,
) -> Result<Json<ThreadView>, ApiError> {
    let axum::extract::Query(params) = params?;
    let page = feeds::ThreadPage {
        depth: params.depth.unwrap_or(6),
        after: params
            .after
            .as_deref()
            .map(|raw| super::role_id::<PostId>(raw, "after"))
            .transpose()?,
        limit: params.limit.unwrap_or(feeds::DEFAULT_THREAD_PAGE),
    };
    let thread = feeds::thread(&state.app, &caller.actor(), id, page).await?;
    Ok(Json(ThreadView {
        post: views::post(&thread.post),
        replies: thread
            .replies
            .iter()
            .map(views::thread_node)
            .collect::<Vec<ThreadNodeView>>(),
        next_after: thread.next_after.map(|id| id.to_string()),
    }))
}

async fn react(
    state: &AppState,
    caller: &ApiCaller,
    id: PostId,
    kind: &str,
    on: bool,
) -> Result<Json<ReactionSummaryView>, ApiError> {
    let stats = posts::react(&state.app, &caller.actor(), id, kind, on).await?;
    let (reactions, my_reactions) = views::reactions(&stats);
    Ok(Json(ReactionSummaryView {
        reactions,
        my_reactions,
    }))
}

/// Adds a reaction of one kind (adding it twice changes nothing).
#[utoipa::path(
    put, path = "/api/hearth/v1/posts/{id}/reactions/{kind}", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Post id"), ("kind" = String, Path, description = "like, celebrate, insightful or funny")),
    responses((status = 200, body = ReactionSummaryView))
)]
pub async fn add_reaction(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((id, kind)): ApiPath<(PostId, String)>,
) -> Result<Json<ReactionSummaryView>, ApiError> {
    react(&state, &caller, id, &kind, true).await
}

/// Removes a reaction of one kind.
#[utoipa::path(
    delete, path = "/api/hearth/v1/posts/{id}/reactions/{kind}", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Post id"), ("kind" = String, Path, description = "like, celebrate, insightful or funny")),
    responses((status = 200, body = ReactionSummaryView))
)]
pub async fn remove_reaction(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((id, kind)): ApiPath<(PostId, String)>,
) -> Result<Json<ReactionSummaryView>, ApiError> {
    react(&state, &caller, id, &kind, false).await
}

/// Who reacted, and how.
#[utoipa::path(
    get, path = "/api/hearth/v1/posts/{id}/reactions", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Post id")),
    responses((status = 200, body = Vec<ReactorView>))
)]
pub async fn reactors(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
) -> Result<Json<Vec<ReactorView>>, ApiError> {
    let found = posts::reactors(&state.app, &caller.actor(), id).await?;
    Ok(Json(
        found
            .into_iter()
            .map(|(kind, user, display_name)| ReactorView {
                kind: kind.as_str().to_owned(),
                user_id: user.to_string(),
                display_name,
            })
            .collect(),
    ))
}

/// Marks or clears a question's best answer (the asker or a community manager).
#[utoipa::path(
    put, path = "/api/hearth/v1/posts/{id}/best-answer", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The question")),
    request_body = BestAnswerRequest,
    responses((status = 204, description = "Marked"))
)]
pub async fn best_answer(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
    ApiJson(body): ApiJson<BestAnswerRequest>,
) -> Result<StatusCode, ApiError> {
    let answer = body
        .answer_id
        .as_deref()
        .map(str::parse::<PostId>)
        .transpose()?;
    posts::mark_best_answer(&state.app, &caller.actor(), id, answer).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Earlier versions of an edited post (network admins).
#[utoipa::path(
    get, path = "/api/hearth/v1/posts/{id}/versions", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Post id")),
    responses((status = 200, body = Vec<VersionView>))
)]
pub async fn versions(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
) -> Result<Json<Vec<VersionView>>, ApiError> {
    let found = posts::versions(&state.app, &caller.actor(), id).await?;
    Ok(Json(
        found
            .into_iter()
            .map(|version| VersionView {
                body_markdown: version.body_markdown,
                title: version.title,
                summary: version.summary,
                replaced_at: views::timestamp(version.replaced_at),
            })
            .collect(),
    ))
}

/// Posts linking this one that the caller may see.
#[utoipa::path(
    get, path = "/api/hearth/v1/posts/{id}/referenced-by", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Post id")),
    responses((status = 200, body = Vec<PostView>))
)]
pub async fn referenced_by(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
) -> Result<Json<Vec<PostView>>, ApiError> {
    let found = feeds::referenced_by(&state.app, &caller.actor(), id).await?;
    Ok(Json(found.iter().map(views::post).collect()))
}

pub(super) async fn page(
    state: &AppState,
    caller: &ApiCaller,
    feed: Feed,
    params: Result<axum::extract::Query<PageParams>, QueryRejection>,
) -> Result<Json<FeedPageView>, ApiError> {
    let axum::extract::Query(params) = params?;
    let page = feeds::feed(
        &state.app,
        &caller.actor(),
        &feed,
        params.before()?,
        params.limit,
    )
    .await?;
    Ok(Json(views::feed_page(&page)))
}

/// The home feed: company-wide posts, the caller's communities, people they follow.
#[utoipa::path(
    get, path = "/api/hearth/v1/feed", tag = "feeds",
    security(("token" = []), ("session" = [])),
    params(PageParams),
    responses(
        (status = 200, body = FeedPageView),
        (status = 422, body = ErrorBody, description = "Limit out of range"),
    )
)]
pub async fn home(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<axum::extract::Query<PageParams>, QueryRejection>,
) -> Result<Json<FeedPageView>, ApiError> {
    page(&state, &caller, Feed::Home, params).await
}

/// The latest announcements to the whole company (the intranet's announcements
/// strip), newest first.
#[utoipa::path(
    get, path = "/api/hearth/v1/announcements", tag = "feeds",
    security(("token" = []), ("session" = [])),
    params(PageParams),
    responses(
        (status = 200, body = FeedPageView),
        (status = 422, body = ErrorBody, description = "Limit out of range"),
    )
)]
pub async fn announcements(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<axum::extract::Query<PageParams>, QueryRejection>,
) -> Result<Json<FeedPageView>, ApiError> {
    page(&state, &caller, Feed::CompanyAnnouncements, params).await
}

/// A person's posts that the caller may see.
#[utoipa::path(
    get, path = "/api/hearth/v1/people/{person}/posts", tag = "feeds",
    security(("token" = []), ("session" = [])),
    params(("person" = String, Path, description = "Id, or handle"), PageParams),
    responses(
        (status = 200, body = FeedPageView),
        (status = 422, body = ErrorBody, description = "Limit out of range"),
    )
)]
pub async fn profile(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(person): ApiPath<String>,
    params: Result<axum::extract::Query<PageParams>, QueryRejection>,
) -> Result<Json<FeedPageView>, ApiError> {
    let card =
        hearth_app::people::get(&state.app, &caller.actor(), &PersonRef::parse(&person)).await?;
    page(&state, &caller, Feed::Profile(card.profile.user_id), params).await
}

/// Posts and replies with a hashtag, that the caller may see.
#[utoipa::path(
    get, path = "/api/hearth/v1/topics/{tag}/posts", tag = "feeds",
    security(("token" = []), ("session" = [])),
    params(("tag" = String, Path, description = "The hashtag, without #"), PageParams),
    responses(
        (status = 200, body = FeedPageView),
        (status = 422, body = ErrorBody, description = "Limit out of range"),
    )
)]
pub async fn topic(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(tag): ApiPath<String>,
    params: Result<axum::extract::Query<PageParams>, QueryRejection>,
) -> Result<Json<FeedPageView>, ApiError> {
    page(&state, &caller, Feed::Topic(tag), params).await
}

async fn subscription_of(
    state: &AppState,
    caller: &ApiCaller,
    id: PostId,
    follow: Option<bool>,
) -> Result<Json<ThreadSubscriptionView>, ApiError> {
    let actor = caller.actor();
    let following = match follow {
        None => thread_subscriptions::following(&state.app, &actor, id).await?,
        Some(follow) => thread_subscriptions::set_following(&state.app, &actor, id, follow).await?,
    };
    Ok(Json(ThreadSubscriptionView { following }))
}

/// Whether the caller hears of every new reply in the post's thread.
#[utoipa::path(
    get, path = "/api/hearth/v1/posts/{id}/subscription", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The thread's post, or any reply in it")),
    responses(
        (status = 200, body = ThreadSubscriptionView),
        (status = 404, body = ErrorBody, description = "No such post you may see"),
    )
)]
pub async fn subscription(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
) -> Result<Json<ThreadSubscriptionView>, ApiError> {
    subscription_of(&state, &caller, id, None).await
}

/// Subscribes the caller to the thread: they hear of every new reply, whether or not
/// they took part.
#[utoipa::path(
    put, path = "/api/hearth/v1/posts/{id}/subscription", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The thread's post, or any reply in it")),
    responses(
        (status = 200, body = ThreadSubscriptionView),
        (status = 404, body = ErrorBody, description = "No such post you may see"),
    )
)]
pub async fn subscribe(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
) -> Result<Json<ThreadSubscriptionView>, ApiError> {
    subscription_of(&state, &caller, id, Some(true)).await
}

/// Unsubscribes the caller from the thread: no more notices of its replies, even
/// after taking part (direct replies and mentions are still told).
#[utoipa::path(
    delete, path = "/api/hearth/v1/posts/{id}/subscription", tag = "posts",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "The thread's post, or any reply in it")),
    responses(
        (status = 200, body = ThreadSubscriptionView),
        (status = 404, body = ErrorBody, description = "No such post you may see"),
    )
)]
pub async fn unsubscribe(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<PostId>,
) -> Result<Json<ThreadSubscriptionView>, ApiError> {
    subscription_of(&state, &caller, id, Some(false)).await
}
