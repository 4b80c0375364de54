//! People and who is acting.

use crate::{Millis, NetworkId, UserId};

/// What a person may administer in their network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Member,
    Admin,
    /// Reads everything in the network for legal holds and investigations, and acts on
    /// nothing but exports.
    Compliance,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Admin => "admin",
            Self::Compliance => "compliance",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "member" => Some(Self::Member),
            "admin" => Some(Self::Admin),
            "compliance" => Some(Self::Compliance),
            _ => None,
        }
    }
}

/// Whether an account may be used. A suspension ends by itself at `suspended_until`;
/// a deactivation ("left the company") lasts until an admin reactivates the account;
/// a deleted account is anonymized and never comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserStatus {
    Active,
    Suspended,
    Deactivated,
    Deleted,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Deactivated => "deactivated",
            Self::Deleted => "deleted",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "active" => Some(Self::Active),
            "suspended" => Some(Self::Suspended),
            "deactivated" => Some(Self::Deactivated),
            "deleted" => Some(Self::Deleted),
            _ => None,
        }
    }
}

/// A person's time zone until they choose one (the `users.time_zone` column's default).
pub const DEFAULT_TIME_ZONE: &str = "UTC";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub network_id: NetworkId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub status: UserStatus,
    pub suspended_until: Option<Millis>,
    pub created_at: Millis,
    /// The language the person chose for Hearth (a tag such as `de`); `None` follows
    /// their browser, then the network's default.
    pub language: Option<String>,
    /// Where the person lives (`Europe/Lisbon`), for the dates pages show them.
    pub time_zone: String,
    /// The photo they (or the identity provider) set; initials stand in without one.
    pub photo: Option<crate::UploadId>,
}

impl User {
    /// The status in force at `now`: a suspension whose end has passed counts as active.
    pub fn effective_status(&self, now: Millis) -> UserStatus {
        match (self.status, self.suspended_until) {
            (UserStatus::Suspended, Some(until)) if until <= now => UserStatus::Active,
            (status, _) => status,
        }
    }
}

/// Who is performing a use case.
#[derive(Debug, Clone)]
pub enum Actor {
    /// A signed-in person, through a session or an API token.
    User(User),
    /// The operator at the server's command line. Whoever can run `hearth admin` can
    /// read the configuration and the database, so nothing is withheld from them.
    Operator,
}
