//! Suggestions while typing in a composer: colleagues after `@`, topics after `#`.

use crate::extract::ApiCaller;
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use hearth_api_types::ErrorBody;
use hearth_api_types::suggestions::{
    PeopleSuggestionsView, PersonSuggestionView, TopicSuggestionView, TopicSuggestionsView,
};
use hearth_app::suggestions;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestParams {
    /// What was typed after the `@` or `#` (which may be included): 1 to 64
    /// characters, in any case.
    q: Option<String>,
    /// 1 to 20; 8 when left out.
    limit: Option<u32>,
}

/// Colleagues to mention: people of your network who have not left, whose handle or
/// a word of whose name starts with `q`, those you interact with most first (whom
/// you follow, reply to, mention, chat with, react to), then by name. You are left
/// out.
#[utoipa::path(
    get, path = "/api/hearth/v1/people/suggest", tag = "people",
    security(("token" = []), ("session" = [])),
    params(SuggestParams),
    responses(
        (status = 200, body = PeopleSuggestionsView),
        (status = 422, body = ErrorBody, description = "Empty or too long q, or a bad limit"),
    )
)]
pub async fn people(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<SuggestParams>, QueryRejection>,
) -> Result<Json<PeopleSuggestionsView>, ApiError> {
    let Query(params) = params?;
    let found = suggestions::people(
        &state.app,
        &caller.actor(),
        params.q.as_deref().unwrap_or_default(),
        params.limit,
    )
    .await?;
    Ok(Json(PeopleSuggestionsView {
        people: found
            .into_iter()
            .map(|profile| PersonSuggestionView {
                id: profile.user_id.to_string(),
                handle: profile.handle,
                display_name: profile.display_name,
                job_title: profile.job_title,
                department: profile.department,
            })
            .collect(),
    }))
}

/// Topics to tag: hashtags in use in your network that start with `q`, counted on
/// the posts and replies you may read, most used first, then alphabetically. A tag
/// used only where you may not read is never suggested.
#[utoipa::path(
    get, path = "/api/hearth/v1/topics/suggest", tag = "feeds",
    security(("token" = []), ("session" = [])),
    params(SuggestParams),
    responses(
        (status = 200, body = TopicSuggestionsView),
        (status = 422, body = ErrorBody, description = "Empty or too long q, or a bad limit"),
    )
)]
pub async fn topics(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<SuggestParams>, QueryRejection>,
) -> Result<Json<TopicSuggestionsView>, ApiError> {
    let Query(params) = params?;
    let found = suggestions::topics(
        &state.app,
        &caller.actor(),
        params.q.as_deref().unwrap_or_default(),
        params.limit,
    )
    .await?;
    Ok(Json(TopicSuggestionsView {
        topics: found
            .into_iter()
            .map(|topic| TopicSuggestionView {
                tag: topic.tag,
                count: topic.count,
            })
            .collect(),
    }))
}
