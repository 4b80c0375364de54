//! Suggestions while typing: colleagues after `@`, topics after `#`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A colleague to mention, as the composer lists them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PersonSuggestionView {
    pub id: String,
    /// Mention them as `@handle`.
    pub handle: String,
    pub display_name: String,
    /// Empty when their profile names none.
    pub job_title: String,
    /// Empty when their profile names none.
    pub department: String,
}

/// Colleagues whose handle or a word of whose name starts with the text, those you
/// interact with most first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PeopleSuggestionsView {
    pub people: Vec<PersonSuggestionView>,
}

/// A topic in use.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TopicSuggestionView {
    /// Lower-case, without the `#`.
    pub tag: String,
    /// Posts and replies you may read that carry it.
    pub count: i64,
}

/// Topics that start with the text, most used first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TopicSuggestionsView {
    pub topics: Vec<TopicSuggestionView>,
}
