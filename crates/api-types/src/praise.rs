//! Praise: a new post may carry a [`NewPraiseRequest`]; a praise post shows whom it
//! thanks as a [`PraiseView`]; `GET /people/{person}/praise` lists what someone
//! received.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Colleagues to thank publicly with a new post.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NewPraiseRequest {
    /// `thanks`, `teamwork`, `above_and_beyond` or `welcome`.
    pub kind: String,
    /// Ids of 1 to 10 colleagues, never the author. In a private or secret community,
    /// each must be a member.
    pub recipients: Vec<String>,
}

/// Whom a praise post thanks, and for what.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PraiseView {
    pub kind: String,
    pub recipients: Vec<PraisedView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PraisedView {
    pub id: String,
    pub handle: String,
    pub display_name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PraiseCount {
    pub kind: String,
    pub count: i64,
}

/// The praise a person received that the caller may read: how many of each kind,
/// and a page of the posts, newest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PraiseReceivedView {
    pub counts: Vec<PraiseCount>,
    #[schema(no_recursion)]
    pub posts: Vec<crate::PostView>,
    /// Pass as `before` for the next page; absent on the last one.
    pub next_before: Option<String>,
}

/// Whether the managers of the people praised are told too.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PraiseSettingsView {
    pub tells_managers: bool,
}
