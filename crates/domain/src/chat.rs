//! Chat: direct conversations between two people, group conversations with a title,
//! their members (each with a read marker and a mute) and their messages.
//!
//! Message bodies follow the rules of post bodies (markdown, trimmed, at most 20,000
//! characters, rendered to sanitized HTML by `markdown`).

use crate::validation::ValidationError;
use crate::{ConversationId, MessageId, Millis, NetworkId, UserId};

crate::community::text_enum!(
    /// A direct conversation joins exactly two people, for good; a group has a title
    /// and gains and loses members.
    ConversationKind { Direct => "direct", Group => "group" }
);

/// The most people a group conversation holds, its creator included.
pub const MAX_GROUP_MEMBERS: usize = 500;

/// The longest group title, in characters.
pub const MAX_TITLE_CHARS: usize = 100;

/// How many characters of a message a conversation list shows.
pub const PREVIEW_CHARS: usize = 140;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    pub id: ConversationId,
    pub network_id: NetworkId,
    pub kind: ConversationKind,
    /// A group's title; empty for a direct conversation, which each side sees under
    /// the other person's name.
    pub title: String,
    /// `Some(direct_key(a, b))` for a direct conversation, so two people have at most
    /// one; `None` for groups.
    pub direct_key: Option<String>,
    pub created_by: UserId,
    pub created_at: Millis,
}

impl Conversation {
    pub fn is_direct(&self) -> bool {
        self.kind == ConversationKind::Direct
    }
}

/// One person's place in a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConversationMember {
    pub conversation_id: ConversationId,
    pub user_id: UserId,
    pub joined_at: Millis,
    /// The newest message this member has read; 0 before the first.
    pub last_read_id: i64,
    pub muted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: MessageId,
    pub conversation_id: ConversationId,
    pub author_id: UserId,
    pub body_markdown: String,
    pub body_html: String,
    pub created_at: Millis,
    pub edited_at: Option<Millis>,
    /// A deleted message keeps its place in the history, without its text.
    pub deleted_at: Option<Millis>,
}

/// The key that makes a direct conversation unique per pair, whoever starts it:
/// `"<smaller id>:<larger id>"`.
pub fn direct_key(a: UserId, b: UserId) -> String {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    format!("{low}:{high}")
}

/// A group's title: 1–100 characters once trimmed, no control characters.
pub fn parse_title(raw: &str) -> Result<String, ValidationError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(ValidationError::new("title", "a group needs a title"));
    }
    if value.chars().count() > MAX_TITLE_CHARS {
        return Err(ValidationError::new(
            "title",
            format!("at most {MAX_TITLE_CHARS} characters"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(ValidationError::new(
            "title",
            "must not contain control characters",
        ));
    }
    Ok(value.to_owned())
}

/// A message's markdown: the rules of a post body (present, trimmed, at most 20,000
/// characters).
pub fn parse_body(raw: &str) -> Result<String, ValidationError> {
    crate::post::parse_body(raw, false)
}

/// The start of a message as one line of text, for conversation lists: whitespace
/// collapsed, at most [`PREVIEW_CHARS`] characters, with an ellipsis when cut.
pub fn preview(markdown: &str) -> String {
    let words: Vec<&str> = markdown.split_whitespace().collect();
    let line = words.join(" ");
    if line.chars().count() <= PREVIEW_CHARS {
        return line;
    }
    let mut cut: String = line.chars().take(PREVIEW_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// A member as a conversation shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberCard {
    pub user_id: crate::UserId,
    pub display_name: String,
    pub handle: String,
    pub status: crate::UserStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_has_one_key_whoever_starts() {
        assert_eq!(direct_key(UserId(9), UserId(10)), "9:10");
        assert_eq!(direct_key(UserId(10), UserId(9)), "9:10");
    }

    #[test]
    fn kinds_round_trip() {
        for kind in [ConversationKind::Direct, ConversationKind::Group] {
            assert_eq!(ConversationKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ConversationKind::parse("channel"), None);
    }

    #[test]
    fn titles_are_required_trimmed_and_bounded() {
        assert_eq!(parse_title("  Launch crew ").unwrap(), "Launch crew");
        assert_eq!(parse_title(" ").unwrap_err().field, "title");
        assert!(parse_title(&"x".repeat(MAX_TITLE_CHARS)).is_ok());
        assert!(parse_title(&"x".repeat(MAX_TITLE_CHARS + 1)).is_err());
        assert!(parse_title("a\u{7}b").is_err());
    }

    #[test]
    fn bodies_follow_the_post_rules() {
        assert_eq!(parse_body(" hi ").unwrap(), "hi");
        assert_eq!(parse_body("\n").unwrap_err().field, "body");
        assert!(parse_body(&"x".repeat(crate::post::MAX_BODY_CHARS + 1)).is_err());
    }

    #[test]
    fn previews_are_one_short_line() {
        assert_eq!(preview("Hello\n\n  **world**"), "Hello **world**");
        let long = preview(&"word ".repeat(100));
        assert_eq!(long.chars().count(), PREVIEW_CHARS);
        assert!(long.ends_with('…'));
    }
}
