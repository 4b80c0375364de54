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
crate::community::text_enum!(
    /// Who sees a post besides its author and moderators: everyone who may read its
    /// place (`visible`), or nobody else (`hidden` by a moderator, `held` by the
    /// keyword watch list until a moderator lets it through).
    Moderation { Visible => "visible", Hidden => "hidden", Held => "held" }
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
    pub moderation: Moderation,
    /// On a thread's top-level post: when a moderator locked it against new replies.
    pub locked_at: Option<Millis>,
    /// When a moderator pinned it above its community's feed.
    pub pinned_at: Option<Millis>,
}

impl Post {
    pub fn is_reply(&self) -> bool {
        self.root_id.is_some()
    }

    /// A top-level post that is not a share: what may carry a poll or praise.
    pub fn carries_extras(&self) -> bool {
        !self.is_reply() && self.shared_post_id.is_none()
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

crate::community::text_enum!(
    /// What a moderator can do to a post or a message. Messages can only be removed
    /// and restored: locking and pinning are about threads and feeds, and a message
    /// cannot be half-hidden inside a conversation its members all read.
    ModerationAction {
        Hide => "hide", Remove => "remove", Restore => "restore", Lock => "lock",
        Unlock => "unlock", Pin => "pin", Unpin => "unpin"
    }
);
crate::community::text_enum!(
    /// What the watch list does with a post containing a term: put a report in the
    /// queue (`flag`), or also keep the post from everyone else until a moderator
    /// lets it through (`hold`).
    WatchMode { Flag => "flag", Hold => "hold" }
);
crate::community::text_enum!(
    /// What was reported or moderated.
    ContentKind { Post => "post", Message => "message" }
);

pub const MAX_REASON_CHARS: usize = 500;

/// A report's or a moderator's reason: required, so the author and the audit log are
/// always told why, and short enough to show in a list.
pub fn parse_reason(raw: &str) -> Result<String, ValidationError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(ValidationError::new("reason", "say why"));
    }
    if value.chars().count() > MAX_REASON_CHARS {
        return Err(ValidationError::new(
            "reason",
            format!("at most {MAX_REASON_CHARS} characters"),
        ));
    }
    Ok(value.to_owned())
}

pub const MAX_TERM_CHARS: usize = 100;

/// A watched term, kept lower-case so matching and the uniqueness of terms ignore
/// case: one word or a phrase of letters, digits and spaces.
pub fn parse_term(raw: &str) -> Result<String, ValidationError> {
    let value = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if value.is_empty() {
        return Err(ValidationError::new(
            "term",
            "enter a word or phrase to watch for",
        ));
    }
    if value.chars().count() > MAX_TERM_CHARS {
        return Err(ValidationError::new(
            "term",
            format!("at most {MAX_TERM_CHARS} characters"),
        ));
    }
    if !value
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '\'')
    {
        return Err(ValidationError::new(
            "term",
            "use letters, digits, spaces, hyphens and apostrophes only",
        ));
    }
    Ok(value)
}

/// Whether `text` contains `term` (as [`parse_term`] keeps it) as a whole word or
/// phrase, ignoring case: "ass" must not flag "class".
pub fn contains_term(text: &str, term: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let wanted: Vec<&str> = term.split(' ').filter(|w| !w.is_empty()).collect();
    !wanted.is_empty()
        && words
            .windows(wanted.len())
            .any(|window| window == wanted.as_slice())
}

/// Numbers shown with each post, all counted among what the reader may see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostStats {
    pub replies: i64,
    pub reactions: Vec<(ReactionKind, i64)>,
    /// The reader's own reactions.
    pub mine: Vec<ReactionKind>,
    pub shares: i64,
    pub referenced_by: i64,
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
    fn reasons_are_required_and_bounded() {
        assert_eq!(parse_reason("  spam ").unwrap(), "spam");
        assert_eq!(parse_reason(" ").unwrap_err().field, "reason");
        assert!(parse_reason(&"x".repeat(MAX_REASON_CHARS + 1)).is_err());
    }

    #[test]
    fn watched_terms_match_whole_words_ignoring_case() {
        let term = parse_term("  Secret   Project ").unwrap();
        assert_eq!(term, "secret project");
        assert!(contains_term("About the SECRET project, today", &term));
        assert!(!contains_term("secret projects", &term));
        assert!(contains_term("Crypto!", "crypto"));
        assert!(!contains_term("cryptography", "crypto"));
        assert_eq!(parse_term(" ").unwrap_err().field, "term");
        assert!(parse_term("a<b").is_err());
    }

    #[test]
    fn reaction_kinds_are_a_fixed_set() {
        assert_eq!(ReactionKind::ALL.len(), 4);
        assert_eq!(ReactionKind::parse("funny"), Some(ReactionKind::Funny));
        assert_eq!(ReactionKind::parse("angry"), None);
    }
}
