//! Who may moderate content: network admins everything in their network; community
//! managers (a community's owners and admins) the posts of their communities, but
//! not company-wide posts and not chat messages. Compliance officers read, and act on
//! nothing, so they moderate nothing even where they hold a community role.

use super::{Denied, Place, is_network_admin};
use crate::post::Moderation;
use crate::{CommunityId, Post, Role, User};

/// Hiding, removing, restoring, locking and pinning a post, and dismissing its reports.
pub fn may_moderate_post(user: &User, post: &Post, place: Place<'_>) -> Result<(), Denied> {
    if user.network_id != post.network_id {
        return Err(Denied::Forbidden("this post is not in your network"));
    }
    if is_network_admin(user) {
        return Ok(());
    }
    match place {
        Place::Community(community, membership)
            if user.role != Role::Compliance
                && post.community_id == Some(community.id)
                && membership.is_some_and(|m| m.user_id == user.id && m.manages()) =>
        {
            Ok(())
        }
        Place::Company => Err(Denied::Forbidden(
            "only network administrators moderate company-wide posts",
        )),
        Place::Community(..) => Err(Denied::Forbidden(
            "only the community's managers and network administrators moderate its posts",
        )),
    }
}

/// Removing and restoring chat messages, and dismissing their reports.
pub fn may_moderate_messages(user: &User) -> Result<(), Denied> {
    if is_network_admin(user) {
        return Ok(());
    }
    Err(Denied::Forbidden(
        "only network administrators moderate chat messages",
    ))
}

/// Whether this person still sees a hidden or held post: its author, and whoever may
/// moderate it. Everyone sees a visible post they may read.
pub fn may_see_moderated(user: &User, post: &Post, place: Place<'_>) -> bool {
    post.moderation == Moderation::Visible
        || post.author_id == user.id
        || may_moderate_post(user, post, place).is_ok()
}

/// A locked thread takes no new replies, from anyone: a moderator who wants the last
/// word unlocks it first, which the audit log then shows.
pub fn may_reply_in(thread_root: &Post) -> Result<(), Denied> {
    if thread_root.locked_at.is_some() {
        return Err(Denied::Forbidden(
            "this thread is locked and takes no new replies",
        ));
    }
    Ok(())
}

/// Which open reports a person's moderation queue shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueReach {
    /// Every report of the network.
    Network,
    /// Reports of posts in these communities.
    Communities(Vec<CommunityId>),
}

/// Network admins see the network's queue; community managers the reports of their
/// communities' posts (`managed`); everyone else nothing.
pub fn queue_reach(user: &User, managed: &[CommunityId]) -> Result<QueueReach, Denied> {
    match user.role {
        Role::Admin => Ok(QueueReach::Network),
        Role::Member if !managed.is_empty() => Ok(QueueReach::Communities(managed.to_vec())),
        Role::Member | Role::Compliance => Err(Denied::Forbidden(
            "only network administrators and community managers see the moderation queue",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Visibility;
    use crate::policy::fixtures;
    use crate::{Community, CommunityRole, Membership, MembershipState, PostKind, UserStatus};

    fn user(id: i64, network: i64, role: Role) -> User {
        fixtures::user(id, network, role, UserStatus::Active)
    }

    fn community() -> Community {
        fixtures::community(Visibility::Public)
    }

    fn membership(user: &User, role: CommunityRole) -> Membership {
        fixtures::membership(user, role, MembershipState::Member)
    }

    fn post(author: &User, community: Option<CommunityId>, moderation: Moderation) -> Post {
        Post {
            moderation,
            ..fixtures::post_by(author, community, PostKind::Discussion)
        }
    }

    #[test]
    fn moderation_matrix() {
        let author = user(1, 1, Role::Member);
        let admin = user(2, 1, Role::Admin);
        let manager = user(3, 1, Role::Member);
        let owner_officer = user(4, 1, Role::Compliance);
        let member = user(5, 1, Role::Member);
        let outside_admin = user(6, 2, Role::Admin);
        let c = community();
        let managing = membership(&manager, CommunityRole::Admin);
        let officer_owns = membership(&owner_officer, CommunityRole::Owner);
        let plain = membership(&member, CommunityRole::Member);
        let in_community = post(&author, Some(c.id), Moderation::Visible);
        let company_wide = post(&author, None, Moderation::Visible);

        let here = |m: Option<&Membership>| -> Result<(), Denied> {
            may_moderate_post(
                if m.is_some_and(|m| m.user_id == manager.id) {
                    &manager
                } else if m.is_some_and(|m| m.user_id == owner_officer.id) {
                    &owner_officer
                } else {
                    &member
                },
                &in_community,
                Place::Community(&c, m),
            )
        };
        assert!(here(Some(&managing)).is_ok());
        assert!(here(Some(&plain)).is_err());
        assert!(
            here(Some(&officer_owns)).is_err(),
            "compliance acts on nothing"
        );
        assert!(
            may_moderate_post(&manager, &in_community, Place::Community(&c, Some(&plain))).is_err(),
            "someone else's membership proves nothing"
        );
        assert!(may_moderate_post(&admin, &in_community, Place::Community(&c, None)).is_ok());
        assert!(may_moderate_post(&admin, &company_wide, Place::Company).is_ok());
        assert!(may_moderate_post(&manager, &company_wide, Place::Company).is_err());
        assert!(
            may_moderate_post(&outside_admin, &in_community, Place::Community(&c, None)).is_err()
        );
        assert!(may_moderate_messages(&admin).is_ok());
        assert!(may_moderate_messages(&manager).is_err());
        assert!(may_moderate_messages(&owner_officer).is_err());
    }

    #[test]
    fn hidden_and_held_posts_are_seen_by_their_author_and_moderators_only() {
        let author = user(1, 1, Role::Member);
        let admin = user(2, 1, Role::Admin);
        let manager = user(3, 1, Role::Member);
        let member = user(5, 1, Role::Member);
        let officer = user(4, 1, Role::Compliance);
        let c = community();
        let managing = membership(&manager, CommunityRole::Owner);
        for state in [Moderation::Hidden, Moderation::Held] {
            let p = post(&author, Some(c.id), state);
            assert!(may_see_moderated(&author, &p, Place::Community(&c, None)));
            assert!(may_see_moderated(&admin, &p, Place::Community(&c, None)));
            assert!(may_see_moderated(
                &manager,
                &p,
                Place::Community(&c, Some(&managing))
            ));
            assert!(!may_see_moderated(&member, &p, Place::Community(&c, None)));
            assert!(!may_see_moderated(&officer, &p, Place::Community(&c, None)));
        }
        let visible = post(&author, Some(c.id), Moderation::Visible);
        assert!(may_see_moderated(
            &member,
            &visible,
            Place::Community(&c, None)
        ));
    }

    #[test]
    fn a_locked_thread_takes_no_replies() {
        let author = user(1, 1, Role::Member);
        let mut root = post(&author, None, Moderation::Visible);
        assert!(may_reply_in(&root).is_ok());
        root.locked_at = Some(5);
        assert!(may_reply_in(&root).is_err());
    }

    #[test]
    fn the_queue_is_for_admins_and_community_managers() {
        let admin = user(2, 1, Role::Admin);
        let member = user(5, 1, Role::Member);
        let officer = user(4, 1, Role::Compliance);
        assert_eq!(queue_reach(&admin, &[]), Ok(QueueReach::Network));
        assert_eq!(
            queue_reach(&member, &[CommunityId(10)]),
            Ok(QueueReach::Communities(vec![CommunityId(10)]))
        );
        assert!(queue_reach(&member, &[]).is_err());
        assert!(queue_reach(&officer, &[CommunityId(10)]).is_err());
    }
}
