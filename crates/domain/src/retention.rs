//! Retention: how long a network keeps content before it goes.

/// How much content a retention run deletes, or would delete.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetentionCounts {
    /// Posts and replies.
    pub posts: i64,
    pub reactions: i64,
    pub messages: i64,
}
