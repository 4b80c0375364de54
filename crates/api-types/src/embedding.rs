//! Hearth inside the intranet: the network's embedding settings, and comments on
//! intranet pages.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Which sites may frame Hearth's `/embed/…` pages, and where pages' comments go.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EmbeddingSettingsView {
    /// Origins such as `https://intranet.example.com`; empty: no site may.
    pub frame_origins: Vec<String>,
    /// The community a page's first comment starts its thread in; absent: the whole
    /// company.
    pub page_comments_community_id: Option<String>,
    pub page_comments_community_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EmbeddingSettingsRequest {
    /// Bare origins (`https://host[:port]`), at most 20; anything with a path, a
    /// wildcard or another scheme is refused and nothing is saved.
    pub frame_origins: Vec<String>,
    /// Omit (or null) for the whole company.
    #[serde(default)]
    pub page_comments_community_id: Option<String>,
}

/// The intranet page a thread is the comments of.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PageLinkView {
    /// Its canonical address.
    pub url: String,
    pub title: String,
}

/// An intranet page's comments: the page, and its thread once someone commented
/// (read the replies with `GET /posts/{thread_id}/thread`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PageCommentsView {
    /// The page's canonical address: scheme, host, path and the query parameters
    /// that are not tracking ones, in order; no fragment.
    pub url: String,
    pub title: String,
    /// The thread's post (its first comment); absent until someone comments.
    pub thread_id: Option<String>,
    /// Where a first comment starts the thread; absent: the whole company.
    pub community_id: Option<String>,
}

/// A comment on an intranet page: the first starts the page's thread, later ones
/// reply to it. Answer a comment with `POST /posts/{id}/replies`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NewPageCommentRequest {
    /// The page's address, on a site allowed to embed Hearth.
    pub url: String,
    /// The page's title, kept at the first comment.
    #[serde(default)]
    pub title: String,
    pub body: String,
}
