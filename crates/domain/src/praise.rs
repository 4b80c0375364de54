//! Praise: thanking colleagues publicly. A praise post names one or more people and
//! a kind, with a message; it shows as its own card and on the recipients' profiles.

use crate::validation::ValidationError;
use crate::{PostId, UserId};

crate::community::text_enum!(
    /// What the praise is for.
    PraiseKind {
        Thanks => "thanks", Teamwork => "teamwork",
        AboveAndBeyond => "above_and_beyond", Welcome => "welcome"
    }
);

impl PraiseKind {
    pub const ALL: [Self; 4] = [
        Self::Thanks,
        Self::Teamwork,
        Self::AboveAndBeyond,
        Self::Welcome,
    ];

    pub fn emoji(self) -> &'static str {
        match self {
            Self::Thanks => "🙏",
            Self::Teamwork => "🤝",
            Self::AboveAndBeyond => "🚀",
            Self::Welcome => "👋",
        }
    }
}

/// At most this many people in one praise: beyond, it is an announcement.
pub const MAX_RECIPIENTS: usize = 10;

/// A praise as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Praise {
    pub post_id: PostId,
    pub kind: PraiseKind,
    pub recipients: Vec<UserId>,
}

/// The people to praise: 1 to 10, each once, never the author.
pub fn parse_recipients(raw: &[UserId], author: UserId) -> Result<Vec<UserId>, ValidationError> {
    let mut people = raw.to_vec();
    people.sort_unstable();
    people.dedup();
    if people.is_empty() || people.len() > MAX_RECIPIENTS {
        return Err(ValidationError::new(
            "recipients",
            format!("praise names between 1 and {MAX_RECIPIENTS} people"),
        ));
    }
    if people.contains(&author) {
        return Err(ValidationError::new(
            "recipients",
            "praise is for others, not for yourself",
        ));
    }
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_are_others_each_once_and_not_too_many() {
        let me = UserId(1);
        assert_eq!(
            parse_recipients(&[UserId(3), UserId(2), UserId(3)], me).unwrap(),
            [UserId(2), UserId(3)]
        );
        assert!(parse_recipients(&[], me).is_err());
        assert!(parse_recipients(&[UserId(2), me], me).is_err());
        let many: Vec<UserId> = (2..13).map(UserId).collect();
        assert!(parse_recipients(&many, me).is_err());
        assert!(parse_recipients(&many[..10], me).is_ok());
    }

    #[test]
    fn kinds_are_a_fixed_set() {
        assert_eq!(
            PraiseKind::parse("above_and_beyond"),
            Some(PraiseKind::AboveAndBeyond)
        );
        assert_eq!(PraiseKind::parse("kudos"), None);
    }
}
