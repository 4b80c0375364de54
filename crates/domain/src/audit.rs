//! The audit log's vocabulary: every administrative and moderation act Hearth knows.
//! A use case that performs one of these writes exactly one entry, in the same
//! transaction as the act, so the log and the data never disagree.

/// One kind of administrative or moderation act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    UserCreated,
    UserInvited,
    InvitationRevoked,
    UserDeactivated,
    UserSuspended,
    UserReactivated,
    UserDeleted,
    RoleChanged,
    TokenIssued,
    ReportDismissed,
    ContentHidden,
    ContentRemoved,
    ContentRestored,
    ThreadLocked,
    ThreadUnlocked,
    PostPinned,
    PostUnpinned,
    WatchTermAdded,
    WatchTermRemoved,
    UsagePolicyPublished,
    RetentionSet,
    RetentionApplied,
    DefaultLanguageSet,
    NetworkExported,
    UserExported,
    AuditExported,
    ScimTokenCreated,
    ScimTokenRevoked,
    SsoRequirementChanged,
    SsoProfileSourceChanged,
    SsoLinkRefused,
    UserProvisioned,
    GroupProvisioned,
    GroupArchived,
    PollClosed,
    PollVotesSet,
    PraiseManagersSet,
    ArticleAuthorsSet,
    EmbeddingSet,
    ExternalNetworkCreated,
    ExternalNetworkMemberAdded,
    ExternalNetworksByMembersSet,
    GuestInvited,
    GuestAccessExtended,
    GuestAccessEnded,
    GuestSponsorSet,
}

impl AuditAction {
    /// Every action, so tests can require each one to be audited.
    pub const ALL: [Self; 46] = [
        Self::UserCreated,
        Self::UserInvited,
        Self::InvitationRevoked,
        Self::UserDeactivated,
        Self::UserSuspended,
        Self::UserReactivated,
        Self::UserDeleted,
        Self::RoleChanged,
        Self::TokenIssued,
        Self::ReportDismissed,
        Self::ContentHidden,
        Self::ContentRemoved,
        Self::ContentRestored,
        Self::ThreadLocked,
        Self::ThreadUnlocked,
        Self::PostPinned,
        Self::PostUnpinned,
        Self::WatchTermAdded,
        Self::WatchTermRemoved,
        Self::UsagePolicyPublished,
        Self::RetentionSet,
        Self::RetentionApplied,
        Self::DefaultLanguageSet,
        Self::NetworkExported,
        Self::UserExported,
        Self::AuditExported,
        Self::ScimTokenCreated,
        Self::ScimTokenRevoked,
        Self::SsoRequirementChanged,
        Self::SsoProfileSourceChanged,
        Self::SsoLinkRefused,
        Self::UserProvisioned,
        Self::GroupProvisioned,
        Self::GroupArchived,
        Self::PollClosed,
        Self::PollVotesSet,
        Self::PraiseManagersSet,
        Self::ArticleAuthorsSet,
        Self::EmbeddingSet,
        Self::ExternalNetworkCreated,
        Self::ExternalNetworkMemberAdded,
        Self::ExternalNetworksByMembersSet,
        Self::GuestInvited,
        Self::GuestAccessExtended,
        Self::GuestAccessEnded,
        Self::GuestSponsorSet,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::UserCreated => "user.created",
            Self::UserInvited => "user.invited",
            Self::InvitationRevoked => "invitation.revoked",
            Self::UserDeactivated => "user.deactivated",
            Self::UserSuspended => "user.suspended",
            Self::UserReactivated => "user.reactivated",
            Self::UserDeleted => "user.deleted",
            Self::RoleChanged => "user.role_changed",
            Self::TokenIssued => "token.issued",
            Self::ReportDismissed => "report.dismissed",
            Self::ContentHidden => "content.hidden",
            Self::ContentRemoved => "content.removed",
            Self::ContentRestored => "content.restored",
            Self::ThreadLocked => "thread.locked",
            Self::ThreadUnlocked => "thread.unlocked",
            Self::PostPinned => "post.pinned",
            Self::PostUnpinned => "post.unpinned",
            Self::WatchTermAdded => "watch_term.added",
            Self::WatchTermRemoved => "watch_term.removed",
            Self::UsagePolicyPublished => "usage_policy.published",
            Self::RetentionSet => "retention.set",
            Self::RetentionApplied => "retention.applied",
            Self::DefaultLanguageSet => "network.language_set",
            Self::NetworkExported => "network.exported",
            Self::UserExported => "user.exported",
            Self::AuditExported => "audit.exported",
            Self::ScimTokenCreated => "scim_token.created",
            Self::ScimTokenRevoked => "scim_token.revoked",
            Self::SsoRequirementChanged => "sso.requirement_changed",
            Self::SsoProfileSourceChanged => "sso.profile_source_changed",
            Self::SsoLinkRefused => "sso.link_refused",
            Self::UserProvisioned => "user.provisioned",
            Self::GroupProvisioned => "group.provisioned",
            Self::GroupArchived => "group.archived",
            Self::PollClosed => "poll.closed",
            Self::PollVotesSet => "network.poll_votes_set",
            Self::PraiseManagersSet => "network.praise_managers_set",
            Self::ArticleAuthorsSet => "network.article_authors_set",
            Self::EmbeddingSet => "network.embedding_set",
            Self::ExternalNetworkCreated => "network.external_created",
            Self::ExternalNetworkMemberAdded => "network.external_member_added",
            Self::ExternalNetworksByMembersSet => "network.external_by_members_set",
            Self::GuestInvited => "guest.invited",
            Self::GuestAccessExtended => "guest.access_extended",
            Self::GuestAccessEnded => "guest.access_ended",
            Self::GuestSponsorSet => "guest.sponsor_set",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.as_str() == raw)
    }
}

/// Who performed an audited act, as the log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditActorKind {
    /// A person, in the console or through the API.
    User,
    /// The command line.
    Operator,
    /// An identity provider through SCIM.
    Scim,
    /// Hearth itself, e.g. the retention policy at work.
    System,
}

impl AuditActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Operator => "operator",
            Self::Scim => "scim",
            Self::System => "system",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "user" => Some(Self::User),
            "operator" => Some(Self::Operator),
            "scim" => Some(Self::Scim),
            "system" => Some(Self::System),
            _ => None,
        }
    }
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub network_id: crate::NetworkId,
    pub actor_kind: AuditActorKind,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    /// The action's name as stored (see [`AuditAction::as_str`]).
    pub action: String,
    /// `user`, `post`, `message`, `invitation`, `watch_term`, `network` …
    pub target_kind: String,
    pub target_id: Option<i64>,
    pub target_name: String,
    pub reason: String,
    pub client_ip: String,
    /// A JSON object with what else the act changed (e.g. the old and new role).
    pub details: String,
    pub created_at: crate::Millis,
}

/// Which entries to read; every part left `None` matches everything.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    /// Entries by this person (their user id).
    pub actor_id: Option<i64>,
    /// Entries about this user, post, message …
    pub target_id: Option<i64>,
    pub from: Option<crate::Millis>,
    pub until: Option<crate::Millis>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_distinct_name_that_parses_back() {
        let mut names = std::collections::HashSet::new();
        for action in AuditAction::ALL {
            assert!(names.insert(action.as_str()), "{action:?} repeats a name");
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(AuditAction::parse("user.teleported"), None);
    }
}
