//! Communities (groups): where colleagues gather around work or interests.

use crate::validation::ValidationError;
use crate::{CommunityId, Millis, NetworkId, UserId};

macro_rules! text_enum_impl {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            pub fn parse(raw: &str) -> Option<Self> {
                match raw { $($text => Some(Self::$variant),)+ _ => None }
            }

            /// The accepted words, for error messages.
            pub fn choices() -> &'static str {
                concat!($("\"", $text, "\" "),+)
            }
        }
    };
}

text_enum_impl!(
    /// Who can find a community and read it.
    /// Public: anyone in the network reads and joins. Private: listed, but only
    /// members read; joining takes a request or an invitation. Secret: unlisted,
    /// invitation only.
    Visibility { Public => "public", Private => "private", Secret => "secret" }
);
text_enum_impl!(
    /// Used by analytics to tell work from social activity.
    Category { Work => "work", Social => "social" }
);
text_enum_impl!(
    /// A member's standing in one community. Owners and admins manage it.
    CommunityRole { Owner => "owner", Admin => "admin", Member => "member" }
);
text_enum_impl!(
    /// Where a person stands with a community: in it, asking to join, or invited.
    MembershipState { Member => "member", Requested => "requested", Invited => "invited" }
);

pub(crate) use text_enum_impl as text_enum;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Community {
    pub id: CommunityId,
    pub network_id: NetworkId,
    pub name: String,
    pub description: String,
    pub visibility: Visibility,
    pub category: Category,
    pub created_by: UserId,
    pub created_at: Millis,
    /// An archived community stays readable but takes no new posts.
    pub archived_at: Option<Millis>,
    /// Its cover image (a cover upload), if its managers set one.
    pub cover: Option<crate::UploadId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub community_id: CommunityId,
    pub user_id: UserId,
    pub role: CommunityRole,
    pub state: MembershipState,
}

impl Membership {
    pub fn is_member(&self) -> bool {
        self.state == MembershipState::Member
    }

    pub fn manages(&self) -> bool {
        self.is_member() && matches!(self.role, CommunityRole::Owner | CommunityRole::Admin)
    }
}

/// A community's name: 1–100 characters, unique in the network regardless of case.
pub fn parse_name(raw: &str) -> Result<String, ValidationError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(ValidationError::new("name", "a community needs a name"));
    }
    if value.chars().count() > 100 {
        return Err(ValidationError::new("name", "at most 100 characters"));
    }
    if value.chars().any(char::is_control) {
        return Err(ValidationError::new(
            "name",
            "must not contain control characters",
        ));
    }
    Ok(value.to_owned())
}

pub fn parse_description(raw: &str) -> Result<String, ValidationError> {
    let value = raw.trim();
    if value.chars().count() > 2000 {
        return Err(ValidationError::new(
            "description",
            "at most 2000 characters",
        ));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_unknown_words_are_refused() {
        for v in [Visibility::Public, Visibility::Private, Visibility::Secret] {
            assert_eq!(Visibility::parse(v.as_str()), Some(v));
        }
        assert_eq!(Visibility::parse("hidden"), None);
        assert!(Visibility::choices().contains("\"secret\""));
        assert_eq!(CommunityRole::parse("owner"), Some(CommunityRole::Owner));
    }

    #[test]
    fn names_are_required_and_bounded() {
        assert_eq!(parse_name("  Cycling club ").unwrap(), "Cycling club");
        assert_eq!(parse_name(" ").unwrap_err().field, "name");
        assert!(parse_name(&"x".repeat(101)).is_err());
        assert!(parse_description(&"x".repeat(2001)).is_err());
    }

    #[test]
    fn only_full_members_with_a_managing_role_manage() {
        let m = |role, state| Membership {
            community_id: CommunityId(1),
            user_id: UserId(1),
            role,
            state,
        };
        assert!(m(CommunityRole::Owner, MembershipState::Member).manages());
        assert!(m(CommunityRole::Admin, MembershipState::Member).manages());
        assert!(!m(CommunityRole::Member, MembershipState::Member).manages());
        assert!(!m(CommunityRole::Admin, MembershipState::Invited).manages());
    }
}
