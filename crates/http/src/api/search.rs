use crate::extract::ApiCaller;
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use hearth_api_types::search::{
    CommunityHitView, MessageHitView, PostHitView, SearchResultsView, TopicHitView,
};
use hearth_api_types::{AuthorView, ErrorBody};
use hearth_app::AppError;
use hearth_app::domain::{CommunityId, UserId, ValidationError};
use hearth_app::search::{self, Kind, Scope, SearchRequest, SearchResults, Sort};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to find: words (`conf*` for words that begin so), `"exact phrases"`, `-excluded` words, `#tags`, `from:@handle`,
    /// `in:community-name`. At most 256 characters.
    q: String,
    /// `all` (the default: the first few of each), `posts`, `people`,
    /// `communities`, `topics` or `messages`.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    kind_of_result: Option<String>,
    /// Posts in this community only (an id).
    community: Option<String>,
    /// Posts and messages by this person only (an id).
    author: Option<String>,
    /// Written on or after this day, `YYYY-MM-DD` (UTC).
    from: Option<String>,
    /// Written on or before this day, `YYYY-MM-DD` (UTC).
    until: Option<String>,
    /// `question`, `unanswered` (questions without an answer yet) or `announcement`.
    kind: Option<String>,
    /// `relevance` (the default) or `newest`.
    sort: Option<String>,
    /// From the previous page's `next_cursor`.
    cursor: Option<String>,
    /// 1 to 50; 20 when left out.
    limit: Option<u32>,
    /// `true` while the person is still typing (search as you type): the last word
    /// is then also matched as a prefix, unless a space follows it. A word ending in
    /// `*` is a prefix either way.
    typing: Option<bool>,
}

/// Searches what the caller may read: posts and replies, people, communities,
/// topics and the caller's own chat messages.
#[utoipa::path(
    get, path = "/api/hearth/v1/search", tag = "search",
    security(("token" = []), ("session" = [])),
    params(SearchParams),
    responses(
        (status = 200, body = SearchResultsView),
        (status = 422, body = ErrorBody, description = "An empty or too long search, or a bad filter, cursor or limit"),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<axum::extract::Query<SearchParams>, QueryRejection>,
) -> Result<Json<SearchResultsView>, ApiError> {
    let axum::extract::Query(params) = params?;
    let request = request(params).map_err(AppError::from)?;
    let results = search::search(&state.app, &caller.actor(), &request).await?;
    Ok(Json(results_view(&results)))
}

fn request(params: SearchParams) -> Result<SearchRequest, ValidationError> {
    let scope = match params.kind_of_result.as_deref() {
        None => Scope::All,
        Some(raw) => Scope::parse(raw).ok_or_else(|| {
            ValidationError::new(
                "type",
                "use one of all, posts, people, communities, topics, messages",
            )
        })?,
    };
    let kind = params
        .kind
        .as_deref()
        .map(|raw| {
            Kind::parse(raw).ok_or_else(|| {
                ValidationError::new("kind", "use one of question, unanswered, announcement")
            })
        })
        .transpose()?;
    let sort = match params.sort.as_deref() {
        None | Some("relevance") => Sort::Relevance,
        Some("newest") => Sort::Newest,
        Some(_) => {
            return Err(ValidationError::new("sort", "use one of relevance, newest"));
        }
    };
    let id = |field: &'static str, raw: Option<String>| {
        raw.map(|raw| {
            raw.parse::<i64>().map_err(|_| {
                ValidationError::new(field, format!("{field} must be an id (digits), not {raw}"))
            })
        })
        .transpose()
    };
    Ok(SearchRequest {
        q: params.q,
        scope,
        community: id("community", params.community)?.map(CommunityId),
        author: id("author", params.author)?.map(UserId),
        from: params.from,
        until: params.until,
        kind,
        sort,
        cursor: params.cursor,
        limit: params.limit,
        typing: params.typing.unwrap_or(false),
    })
}

fn results_view(results: &SearchResults) -> SearchResultsView {
    SearchResultsView {
        posts: results
            .posts
            .iter()
            .map(|hit| PostHitView {
                post: views::post(&hit.view),
                snippet_html: views::snippet_html(&hit.snippet),
            })
            .collect(),
        people: results.people.iter().map(views::profile).collect(),
        communities: results
            .communities
            .iter()
            .map(|c| CommunityHitView {
                id: c.id.to_string(),
                name: c.name.clone(),
                description: c.description.clone(),
                visibility: c.visibility.as_str().to_owned(),
                category: c.category.as_str().to_owned(),
            })
            .collect(),
        topics: results
            .topics
            .iter()
            .map(|(tag, posts)| TopicHitView {
                tag: tag.clone(),
                posts: *posts,
            })
            .collect(),
        messages: results
            .messages
            .iter()
            .map(|hit| MessageHitView {
                id: hit.message.id.to_string(),
                conversation_id: hit.message.conversation_id.to_string(),
                conversation_title: hit.conversation_title.clone(),
                author: AuthorView {
                    id: hit.message.author_id.to_string(),
                    handle: hit.author_handle.clone(),
                    display_name: hit.author_name.clone(),
                    photo_url: views::photo_url(hit.author_photo),
                    guest: Some(hit.author_guest),
                },
                created_at: views::timestamp(hit.message.created_at),
                snippet_html: views::snippet_html(&hit.snippet),
            })
            .collect(),
        next_cursor: results.next_cursor.clone(),
    }
}
