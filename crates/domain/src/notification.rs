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
    /// Someone linked to their post from another post.
    Reference,
    /// Their reply was marked the best answer.
    BestAnswer,
    /// A direct message (folded per conversation while unread).
    DirectMessage,
    /// A moderator decided about their content.
    Moderation,
    /// A new top-level post in a community they subscribed to.
    CommunityPost,
    /// An announcement in one of their communities or to the whole company.
    Announcement,
    /// Their poll closed at the time they set: the results are in.
    PollClosed,
    /// Someone praised them publicly.
    Praise,
    /// Someone praised a person who reports to them (when the network tells managers).
    PraiseForReport,
    /// A new article by an author, in a community, or company-wide, that they
    /// subscribed to.
    ArticlePublished,
}

impl NotificationKind {
    pub const ALL: [Self; 15] = [
        Self::Mention,
        Self::Reply,
        Self::ThreadReply,
        Self::Reaction,
        Self::Share,
        Self::Reference,
        Self::BestAnswer,
        Self::DirectMessage,
        Self::Moderation,
        Self::CommunityPost,
        Self::Announcement,
        Self::PollClosed,
        Self::Praise,
        Self::PraiseForReport,
        Self::ArticlePublished,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mention => "mention",
            Self::Reply => "reply",
            Self::ThreadReply => "thread_reply",
            Self::Reaction => "reaction",
            Self::Share => "share",
            Self::Reference => "reference",
            Self::BestAnswer => "best_answer",
            Self::DirectMessage => "direct_message",
            Self::Moderation => "moderation",
            Self::CommunityPost => "community_post",
            Self::Announcement => "announcement",
            Self::PollClosed => "poll_closed",
            Self::Praise => "praise",
            Self::PraiseForReport => "praise_for_report",
            Self::ArticlePublished => "article_published",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }

    /// How a person hears of this kind until they choose: what is addressed to them
    /// personally comes by e-mail, the rest waits for the weekly digest so that
    /// signing up never floods an inbox.
    pub fn default_channel(self) -> Channel {
        match self {
            Self::DirectMessage | Self::Mention | Self::Praise => Channel::Email,
            _ => Channel::Weekly,
        }
    }
}

/// How a person wants to hear of a kind of notification, or of a community's posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// In the notification centre only.
    App,
    /// In the centre, and by e-mail soon after unless read meanwhile.
    Email,
    /// In the centre, and in the daily digest.
    Daily,
    /// In the centre, and in the weekly digest.
    Weekly,
    /// Not at all.
    Off,
}

impl Channel {
    pub const ALL: [Self; 5] = [Self::App, Self::Email, Self::Daily, Self::Weekly, Self::Off];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::App => "app",
            Self::Email => "email",
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Off => "off",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|channel| channel.as_str() == raw)
    }

    /// The words a settings page shows for it.
    pub fn label(self) -> &'static str {
        match self {
            Self::App => "In the app only",
            Self::Email => "By e-mail",
            Self::Daily => "Daily digest",
            Self::Weekly => "Weekly digest",
            Self::Off => "Off",
        }
    }

    /// The digest period this channel feeds, if any.
    pub fn digest(self) -> Option<DigestPeriod> {
        match self {
            Self::Daily => Some(DigestPeriod::Daily),
            Self::Weekly => Some(DigestPeriod::Weekly),
            _ => None,
        }
    }
}

/// The two digests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DigestPeriod {
    Daily,
    Weekly,
}

impl DigestPeriod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Daily => "daily",
            Self::Weekly => "weekly",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "daily" => Some(Self::Daily),
            "weekly" => Some(Self::Weekly),
            _ => None,
        }
    }

    /// The channel that routes into this digest.
    pub fn channel(self) -> Channel {
        match self {
            Self::Daily => Channel::Daily,
            Self::Weekly => Channel::Weekly,
        }
    }

    /// How far back a digest looks, in milliseconds.
    pub fn length_millis(self) -> i64 {
        match self {
            Self::Daily => 24 * 3600 * 1000,
            Self::Weekly => 7 * 24 * 3600 * 1000,
        }
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
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        assert_eq!(Channel::parse("sms"), None);
    }

    #[test]
    fn only_personal_kinds_are_emailed_by_default() {
        for kind in NotificationKind::ALL {
            let expected = match kind {
                NotificationKind::DirectMessage
                | NotificationKind::Mention
                | NotificationKind::Praise => Channel::Email,
                _ => Channel::Weekly,
            };
            assert_eq!(kind.default_channel(), expected, "{kind:?}");
        }
    }
}
