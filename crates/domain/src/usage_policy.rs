//! A network's usage policy: the rules people accept before they take part.

use crate::{Millis, NetworkId, UserId};

/// One published version of a network's usage policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsagePolicy {
    pub network_id: NetworkId,
    /// 1 for the first version, then one more for each.
    pub version: i64,
    pub body_markdown: String,
    /// Rendered and sanitized when published.
    pub body_html: String,
    pub published_at: Millis,
    /// `None` when the operator published from the command line.
    pub published_by: Option<UserId>,
}
