//! What a person is told about: the kinds of notification.

/// Why someone is notified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotificationKind {
    /// Someone mentioned them in a post or reply.
    Mention,
    /// Someone replied to their post.
    Reply,
    /// Someone replied in a thread they took part in.
    ThreadReply,
    /// People reacted to their post (folded: "Ana and 4 others").
    Reaction,
    /// Someone shared their post.
    Share,
    /// Their reply was marked the best answer.
    BestAnswer,
    /// A direct message (folded per conversation while unread).
    DirectMessage,
    /// A moderator decided about their content.
    Moderation,
}

impl NotificationKind {
    pub const ALL: [Self; 8] = [
        Self::Mention,
        Self::Reply,
        Self::ThreadReply,
        Self::Reaction,
        Self::Share,
        Self::BestAnswer,
        Self::DirectMessage,
        Self::Moderation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mention => "mention",
            Self::Reply => "reply",
            Self::ThreadReply => "thread_reply",
            Self::Reaction => "reaction",
            Self::Share => "share",
            Self::BestAnswer => "best_answer",
            Self::DirectMessage => "direct_message",
            Self::Moderation => "moderation",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }
}

/// Who acted, as a notification names them: the first name and how many others.
pub fn actors_phrase(names: &[String], count: i64) -> String {
    let Some(first) = names.first() else {
        return "Someone".to_owned();
    };
    match count {
        ..=1 => first.clone(),
        2 => match names.get(1) {
            Some(second) => format!("{first} and {second}"),
            None => format!("{first} and 1 other"),
        },
        more => format!("{first} and {} others", more - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(NotificationKind::parse("newsletter"), None);
    }

    #[test]
    fn folded_actors_read_naturally() {
        let names = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(actors_phrase(&names(&["Ana"]), 1), "Ana");
        assert_eq!(actors_phrase(&names(&["Ana", "Ben"]), 2), "Ana and Ben");
        assert_eq!(
            actors_phrase(&names(&["Ana", "Ben"]), 5),
            "Ana and 4 others"
        );
        assert_eq!(actors_phrase(&[], 0), "Someone");
    }
}
