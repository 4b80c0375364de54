//! Polls: a new post may carry a [`NewPollRequest`]; a post shows its poll as a
//! [`PollView`], counted as the caller may see it; `PUT /posts/{id}/poll/vote` casts
//! or changes a vote.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A poll to put to a new post's readers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NewPollRequest {
    /// 2 to 10 options, each at most 100 characters, all different.
    pub options: Vec<String>,
    /// `single` (default) or `multiple`.
    #[serde(default)]
    pub choice: Option<String>,
    /// When voters see the counts: `after_vote` (default) or `at_close` (then
    /// `closes_at` is required). The author always sees them.
    #[serde(default)]
    pub results: Option<String>,
    /// `anonymous` or `named`, as the network allows (`GET /poll-settings`); the
    /// default is `anonymous` unless the network allows only named votes.
    #[serde(default)]
    pub votes: Option<String>,
    /// RFC 3339; within a year. Omit to leave it open until closed by hand.
    #[serde(default)]
    pub closes_at: Option<String>,
}

/// A post's poll as the caller sees it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PollView {
    /// `single` or `multiple`.
    pub choice: String,
    /// `after_vote` or `at_close`.
    pub results: String,
    /// `anonymous` or `named`.
    pub votes: String,
    pub closes_at: Option<String>,
    pub closed: bool,
    /// How many people voted.
    pub voters: i64,
    pub options: Vec<PollOptionView>,
    /// Whether `votes` of the options are filled in: after the caller voted (when
    /// results show after voting), when the poll closed, or for its author.
    pub results_visible: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PollOptionView {
    /// What a vote names.
    pub position: i64,
    pub label: String,
    /// Absent while the results are hidden from the caller.
    pub votes: Option<i64>,
    /// Whether the caller chose it.
    pub mine: bool,
}

/// A vote: the positions of the options chosen (one for a single-choice poll).
/// Voting again replaces the earlier vote.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VoteRequest {
    pub options: Vec<i64>,
}

/// Who chose one option of a named poll.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PollVotersView {
    pub position: i64,
    pub label: String,
    pub people: Vec<PollVoterView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PollVoterView {
    pub user_id: String,
    pub display_name: String,
}

/// Which kinds of vote the network's new polls may have: `any` (the author
/// chooses), `named` or `anonymous`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PollSettingsView {
    pub allowed_votes: String,
}
