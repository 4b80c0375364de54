//! Moderation's records: reports of content to the moderators, and the keyword watch
//! list that reports (or holds) matching posts by itself.

use crate::post::{ContentKind, WatchMode};
use crate::{CommunityId, Millis, NetworkId, ReportId, UserId, WatchTermId};

/// A report of a post or a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub id: ReportId,
    pub network_id: NetworkId,
    /// `None`: the keyword watch list reported it.
    pub reporter_id: Option<UserId>,
    /// The reporter's name at reading time; empty for the watch list.
    pub reporter_name: String,
    pub target_kind: ContentKind,
    pub target_id: i64,
    pub community_id: Option<CommunityId>,
    pub reason: String,
    pub created_at: Millis,
}

/// A term of the keyword watch list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchTerm {
    pub id: WatchTermId,
    pub network_id: NetworkId,
    /// Lower-case (see `post::parse_term`).
    pub term: String,
    pub mode: WatchMode,
    pub created_by: Option<UserId>,
    pub created_at: Millis,
}
