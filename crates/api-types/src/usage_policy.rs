//! The network's usage policy.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One version of the usage policy.
#[derive(Debug, Serialize, ToSchema)]
pub struct UsagePolicyView {
    pub version: i64,
    pub body_markdown: String,
    /// Rendered and sanitized.
    pub body_html: String,
    pub published_at: String,
}

/// The current policy and whether the caller accepted it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CurrentUsagePolicyView {
    /// `null` until a first version is published.
    pub policy: Option<UsagePolicyView>,
    /// Whether the caller accepted the current version; `true` when there is none.
    pub accepted: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AcceptUsagePolicyRequest {
    /// The version read, which must be the current one.
    pub version: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PublishUsagePolicyRequest {
    /// The policy's text, in markdown.
    pub body: String,
}
