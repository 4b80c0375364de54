//! Articles: drafts, publishing, the reading view, lists, subscriptions to new
//! articles and who may publish company-wide. A published article is carried by a
//! post, whose [`crate::PostView`] shows it as an [`ArticleCardView`].

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An article as feeds show it: a card that opens its page.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ArticleCardView {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The cover image, when it has one.
    pub cover_url: Option<String>,
    pub reading_minutes: i64,
    /// Its page in the web app, `/articles/{id}/{slug}`.
    pub url: String,
}

/// What the author writes. Every field is saved as given; a draft may lack a title
/// and body until it is published.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ArticleRequest {
    /// Absent publishes company-wide. Fixed once published.
    pub community_id: Option<String>,
    #[serde(default)]
    pub title: String,
    /// For cards and e-mails; at most 500 characters.
    #[serde(default)]
    pub summary: String,
    /// Markdown, at most 100,000 characters. The author's uploads it names by their
    /// address (`![description](/files/{id}/large)`, `[name](/files/{id}/original)`,
    /// at most 100) are kept for the article and readable where it is.
    #[serde(default)]
    pub body: String,
    /// One of the author's image uploads (`POST /uploads`). Fixed once published.
    pub cover_id: Option<String>,
}

/// Publish now, or at a time.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct PublishRequest {
    /// RFC 3339, in the future and within a year; absent publishes now.
    pub publish_at: Option<String>,
}

/// A heading of the body, for a table of contents.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HeadingView {
    pub level: u8,
    pub text: String,
    /// The heading's id in `body_html`.
    pub anchor: String,
}

/// An article as the caller may see it: their own in any state, or a published one
/// they may read.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ArticleView {
    pub id: String,
    /// `draft`, `scheduled` or `published`.
    pub status: String,
    pub author: crate::AuthorView,
    pub community_id: Option<String>,
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    pub body_html: String,
    pub headings: Vec<HeadingView>,
    pub reading_minutes: i64,
    pub cover_url: Option<String>,
    pub cover_id: Option<String>,
    /// When a scheduled article goes out.
    pub publish_at: Option<String>,
    /// Its page in the web app.
    pub url: String,
    /// The post that published it: its likes, replies, shares and references.
    #[schema(no_recursion)]
    pub post: Option<crate::PostView>,
    /// Who liked it, by display name.
    pub liked_by: Vec<String>,
    /// How many people read it; for its author and network admins only.
    pub reads: Option<i64>,
    pub updated_at: String,
}

/// A page of published articles, newest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ArticleListView {
    #[schema(no_recursion)]
    pub articles: Vec<crate::PostView>,
    /// Pass as `before` for the next page; absent on the last one.
    pub next_before: Option<String>,
}

/// The caller's drafts and scheduled articles, last changed first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DraftListView {
    pub drafts: Vec<ArticleView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PreviewRequest {
    pub body: String,
}

/// A body rendered as the article's page would show it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PreviewView {
    pub body_html: String,
    pub headings: Vec<HeadingView>,
    pub reading_minutes: i64,
}

/// One of the caller's subscriptions to new articles. How they hear of them is
/// their notification setting for `article_published`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ArticleSubscriptionView {
    /// `author`, `community` or `company`.
    pub following: String,
    /// The author's or community's id; the network's for `company`.
    pub target_id: String,
    /// The author's or community's name; empty for the company.
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ArticleSubscriptionsView {
    pub subscriptions: Vec<ArticleSubscriptionView>,
}

/// Who may publish articles company-wide.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ArticleSettingsView {
    /// `anyone` (who may post company-wide) or `chosen_authors` (and admins).
    pub company_articles: String,
    /// The chosen authors' handles.
    #[serde(default)]
    pub authors: Vec<String>,
}
