//! The bodies of `GET /api/hearth/v1/search`.

use crate::{AuthorView, PostView, ProfileView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a search found, among what the caller may read. With `type=all` each list
/// holds the first few and there is no next page; with any other type only that
/// list is filled, a page at a time.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchResultsView {
    pub posts: Vec<PostHitView>,
    pub people: Vec<ProfileView>,
    pub communities: Vec<CommunityHitView>,
    pub topics: Vec<TopicHitView>,
    pub messages: Vec<MessageHitView>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}

/// A post or reply found. A reply's thread is its `root_id`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PostHitView {
    pub post: PostView,
    /// The text around the matches, HTML-escaped, each match in `<mark>`.
    pub snippet_html: String,
}

/// A chat message found in one of the caller's conversations.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MessageHitView {
    pub id: String,
    pub conversation_id: String,
    /// The group's title, or the other person's name in a direct conversation.
    pub conversation_title: String,
    pub author: AuthorView,
    pub created_at: String,
    /// The text around the matches, HTML-escaped, each match in `<mark>`.
    pub snippet_html: String,
}

/// A community found by its name or description.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CommunityHitView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// `public`, `private` or `secret`.
    pub visibility: String,
    /// `work` or `social`.
    pub category: String,
}

/// A topic (hashtag) found by its name.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TopicHitView {
    /// Without `#`, lower-case.
    pub tag: String,
    /// How many posts the caller may read carry it.
    pub posts: i64,
}
