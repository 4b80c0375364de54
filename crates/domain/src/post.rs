//! Posts, replies and shares, and the reactions people leave on them.

use crate::validation::ValidationError;
use crate::{CommunityId, Millis, NetworkId, PostId, UserId};

crate::community::text_enum!(
    /// What a top-level post is for. Replies are always discussions.
    PostKind { Discussion => "discussion", Question => "question", Announcement => "announcement" }
);
crate::community::text_enum!(
    /// The fixed set of reactions; one of each kind per person and post.
    ReactionKind { Like => "like", Celebrate => "celebrate", Insightful => "insightful", Funny => "funny" }
);

impl ReactionKind {
    pub const ALL: [ReactionKind; 4] = [Self::Like, Self::Celebrate, Self::Insightful, Self::Funny];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub id: PostId,
    pub network_id: NetworkId,
    pub author_id: UserId,
    /// `None`: posted to the whole company.
    pub community_id: Option<CommunityId>,
    pub kind: PostKind,
    /// The top-level post of the thread, for replies.
    pub root_id: Option<PostId>,
    /// The post this one answers, for replies.
    pub parent_id: Option<PostId>,
    /// The post this one quotes, for shares.
    pub shared_post_id: Option<PostId>,
    pub body_markdown: String,
    pub body_html: String,
    /// On a question: the reply marked as its best answer.
    pub best_answer_id: Option<PostId>,
    pub created_at: Millis,
    pub edited_at: Option<Millis>,
    pub deleted_at: Option<Millis>,
}

impl Post {
    pub fn is_reply(&self) -> bool {
        self.root_id.is_some()
    }

    /// The thread this post belongs to: its root, or itself when it is the root.
    pub fn thread_id(&self) -> PostId {
        self.root_id.unwrap_or(self.id)
    }
}

pub const MAX_BODY_CHARS: usize = 20_000;

/// A post's markdown: present (unless `may_be_empty`, for a share without comment)
/// and at most 20,000 characters.
pub fn parse_body(raw: &str, may_be_empty: bool) -> Result<String, ValidationError> {
    let value = raw.trim();
    if value.is_empty() && !may_be_empty {
        return Err(ValidationError::new("body", "write something first"));
    }
    if value.chars().count() > MAX_BODY_CHARS {
        return Err(ValidationError::new(
            "body",
            format!("at most {MAX_BODY_CHARS} characters"),
        ));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_required_except_for_bare_shares_and_bounded() {
        assert_eq!(parse_body("  hi ", false).unwrap(), "hi");
        assert_eq!(parse_body(" ", false).unwrap_err().field, "body");
        assert_eq!(parse_body(" ", true).unwrap(), "");
        assert!(parse_body(&"x".repeat(MAX_BODY_CHARS + 1), false).is_err());
    }

    #[test]
    fn reaction_kinds_are_a_fixed_set() {
        assert_eq!(ReactionKind::ALL.len(), 4);
        assert_eq!(ReactionKind::parse("funny"), Some(ReactionKind::Funny));
        assert_eq!(ReactionKind::parse("angry"), None);
    }
}
