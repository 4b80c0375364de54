//! Who may see, read, post in, manage and join a community.

use super::{Denied, is_network_admin, reads_everything};
use crate::{Community, CommunityRole, Membership, MembershipState, User, Visibility};

/// Whether a community exists for this person at all: public and private ones are
/// listed for the whole network; a secret one only for its members, people invited
/// to it, and network admins (who moderate every community).
pub fn may_see_community(
    user: &User,
    community: &Community,
    membership: Option<&Membership>,
) -> bool {
    user.network_id == community.network_id
        && (community.visibility != Visibility::Secret
            || membership.is_some_and(|m| m.state != MembershipState::Requested)
            || reads_everything(user))
}

/// Whether this person may read a community's posts and members.
pub fn may_read_community(
    user: &User,
    community: &Community,
    membership: Option<&Membership>,
) -> bool {
    user.network_id == community.network_id
        && (community.visibility == Visibility::Public
            || membership.is_some_and(Membership::is_member)
            || reads_everything(user))
}

/// Posting takes membership, and an archived community takes no new posts.
pub fn may_post_in(
    user: &User,
    community: &Community,
    membership: Option<&Membership>,
) -> Result<(), Denied> {
    if community.archived_at.is_some() {
        return Err(Denied::Forbidden(
            "this community is archived and takes no new posts",
        ));
    }
    if user.network_id == community.network_id && membership.is_some_and(Membership::is_member) {
        return Ok(());
    }
    Err(Denied::Forbidden("join this community to post in it"))
}

/// Community owners and admins manage their community; network admins manage all.
pub fn may_manage_community(
    user: &User,
    community: &Community,
    membership: Option<&Membership>,
) -> Result<(), Denied> {
    if user.network_id == community.network_id
        && (membership.is_some_and(Membership::manages) || is_network_admin(user))
    {
        return Ok(());
    }
    Err(Denied::Forbidden(
        "only the community's owners and admins can do this",
    ))
}

/// Making someone an owner is for owners and network admins.
pub fn may_grant_community_role(
    user: &User,
    membership: Option<&Membership>,
    role: CommunityRole,
) -> Result<(), Denied> {
    let is_owner = membership.is_some_and(|m| m.is_member() && m.role == CommunityRole::Owner);
    if role != CommunityRole::Owner || is_owner || is_network_admin(user) {
        return Ok(());
    }
    Err(Denied::Forbidden("only owners can make someone an owner"))
}

/// What joining does for this person: become a member, ask to join, or nothing
/// they are allowed to know about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinOutcome {
    Joined,
    Requested,
}

pub fn join_outcome(
    user: &User,
    community: &Community,
    membership: Option<&Membership>,
) -> Result<JoinOutcome, Denied> {
    if user.network_id != community.network_id {
        return Err(Denied::Forbidden("this community is not in your network"));
    }
    if community.archived_at.is_some() {
        return Err(Denied::Forbidden("this community is archived"));
    }
    let invited = membership.is_some_and(|m| m.state == MembershipState::Invited);
    match community.visibility {
        _ if invited => Ok(JoinOutcome::Joined),
        Visibility::Public => Ok(JoinOutcome::Joined),
        Visibility::Private => Ok(JoinOutcome::Requested),
        Visibility::Secret => Err(Denied::Forbidden("this community is by invitation only")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::fixtures::{community, membership, user};
    use crate::{Role, UserStatus};

    #[test]
    fn community_visibility_matrix() {
        let member = user(1, 1, Role::Member, UserStatus::Active);
        let outsider = user(2, 1, Role::Member, UserStatus::Active);
        let admin = user(3, 1, Role::Admin, UserStatus::Active);
        let other_network = user(4, 2, Role::Admin, UserStatus::Active);
        let joined = membership(&member, CommunityRole::Member, MembershipState::Member);
        let asked = membership(&outsider, CommunityRole::Member, MembershipState::Requested);
        for visibility in [Visibility::Public, Visibility::Private, Visibility::Secret] {
            let c = community(visibility);
            assert!(may_read_community(&member, &c, Some(&joined)));
            assert!(may_read_community(&admin, &c, None));
            assert!(!may_see_community(&other_network, &c, None));
            assert_eq!(
                may_read_community(&outsider, &c, Some(&asked)),
                visibility == Visibility::Public
            );
            assert_eq!(
                may_see_community(&outsider, &c, None),
                visibility != Visibility::Secret
            );
        }
        let secret = community(Visibility::Secret);
        assert!(
            !may_see_community(&outsider, &secret, Some(&asked)),
            "asking reveals nothing"
        );
        assert_eq!(
            join_outcome(&outsider, &community(Visibility::Private), None),
            Ok(JoinOutcome::Requested)
        );
        assert!(join_outcome(&outsider, &secret, None).is_err());
        let invited = membership(&outsider, CommunityRole::Member, MembershipState::Invited);
        assert_eq!(
            join_outcome(&outsider, &secret, Some(&invited)),
            Ok(JoinOutcome::Joined)
        );
    }
}
