//! The one place that answers "may this actor do that". Use cases call these before
//! they touch anything; handlers and pages never decide permissions themselves.

use crate::{
    Actor, Community, CommunityRole, Membership, MembershipState, Millis, Post, PostKind, Profile,
    Role, User, UserStatus, Visibility,
};
use crate::{Conversation, ConversationMember, Message, UserId};

mod administration;
pub use administration::*;
mod moderation;
pub use moderation::*;

/// Why a request was refused. The message is safe to show the person who asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0}")]
    AccountUnavailable(&'static str),
}

/// May this account start a session or use a token right now?
pub fn may_use_account(user: &User, now: Millis) -> Result<(), Denied> {
    match user.effective_status(now) {
        UserStatus::Active => Ok(()),
        UserStatus::Suspended => Err(Denied::AccountUnavailable(
            "this account is suspended; ask your network administrator",
        )),
        UserStatus::Deactivated => Err(Denied::AccountUnavailable(
            "this account has been deactivated; ask your network administrator",
        )),
        UserStatus::Deleted => Err(Denied::AccountUnavailable("this account has been deleted")),
    }
}

fn is_network_admin(user: &User) -> bool {
    user.role == Role::Admin
}

/// Network admins and compliance officers read every community of their network.
pub fn reads_everything(user: &User) -> bool {
    matches!(user.role, Role::Admin | Role::Compliance)
}

/// Creating accounts is an administrative act.
pub fn may_create_user(actor: &Actor) -> Result<(), Denied> {
    match actor {
        Actor::Operator => Ok(()),
        Actor::User(user) if is_network_admin(user) => Ok(()),
        Actor::User(_) => Err(Denied::Forbidden(
            "only network administrators can create accounts",
        )),
    }
}

/// Only an admin may hand out admin rights.
pub fn may_grant_role(actor: &Actor, role: Role) -> Result<(), Denied> {
    match (actor, role) {
        (_, Role::Member) | (Actor::Operator, _) => Ok(()),
        (Actor::User(user), _) if is_network_admin(user) => Ok(()),
        (Actor::User(_), _) => Err(Denied::Forbidden(
            "only network administrators can grant the admin or compliance role",
        )),
    }
}

/// People manage their own API tokens; the operator may mint one for anyone (for
/// scripts). Admins deliberately cannot: a token acts as its owner, and impersonation
/// is not an admin power in Hearth.
pub fn may_manage_tokens_of(actor: &Actor, owner: &User) -> Result<(), Denied> {
    match actor {
        Actor::Operator => Ok(()),
        Actor::User(user) if user.id == owner.id => Ok(()),
        Actor::User(_) => Err(Denied::Forbidden(
            "API tokens can only be managed by their owner",
        )),
    }
}

/// Profiles are visible to people of the same network.
pub fn may_view_user(actor: &Actor, target: &User) -> Result<(), Denied> {
    match actor {
        Actor::Operator => Ok(()),
        Actor::User(user) if user.network_id == target.network_id => Ok(()),
        Actor::User(_) => Err(Denied::Forbidden("this person is not in your network")),
    }
}

/// People edit their own profile; network admins may edit anyone's in their network
/// (to fix a title or a department after a reorganisation).
pub fn may_edit_profile(actor: &Actor, target: &Profile) -> Result<(), Denied> {
    match actor {
        Actor::Operator => Ok(()),
        Actor::User(user) if user.id == target.user_id => Ok(()),
        Actor::User(user) if is_network_admin(user) && user.network_id == target.network_id => {
            Ok(())
        }
        Actor::User(_) => Err(Denied::Forbidden(
            "only the person themselves or a network administrator can edit a profile",
        )),
    }
}

/// People follow colleagues of their own network, not themselves.
pub fn may_follow(follower: &User, target: &Profile) -> Result<(), Denied> {
    if follower.network_id != target.network_id {
        return Err(Denied::Forbidden("this person is not in your network"));
    }
    if follower.id == target.user_id {
        return Err(Denied::Forbidden("you cannot follow yourself"));
    }
    Ok(())
}

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

/// Where a post lives, as seen by one person: the whole company, or a community
/// together with that person's membership in it.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    Company,
    Community(&'a Community, Option<&'a Membership>),
}

/// Whether this person may read what is posted in this place. Every list query
/// applies the same rule in SQL (`store::posts`).
pub fn may_read_in(user: &User, place: Place<'_>) -> bool {
    match place {
        Place::Company => true,
        Place::Community(community, membership) => may_read_community(user, community, membership),
    }
}

/// Whether this person may start a post of this kind here. Company-wide
/// announcements are for network admins, community announcements for its managers.
pub fn may_write_in(user: &User, place: Place<'_>, kind: PostKind) -> Result<(), Denied> {
    match place {
        Place::Company if kind == PostKind::Announcement && !is_network_admin(user) => Err(
            Denied::Forbidden("only network administrators announce to the whole company"),
        ),
        Place::Company => Ok(()),
        Place::Community(community, membership) => {
            may_post_in(user, community, membership)?;
            if kind == PostKind::Announcement {
                may_manage_community(user, community, membership).map_err(|_| {
                    Denied::Forbidden("only the community's owners and admins make announcements")
                })?;
            }
            Ok(())
        }
    }
}

/// Only the author edits a post: nobody may put words in someone else's mouth.
pub fn may_edit_post(user: &User, post: &Post) -> Result<(), Denied> {
    if post.author_id == user.id && post.network_id == user.network_id {
        return Ok(());
    }
    Err(Denied::Forbidden("only the author can edit a post"))
}

/// The author, the community's managers and network admins may delete a post.
pub fn may_delete_post(user: &User, post: &Post, place: Place<'_>) -> Result<(), Denied> {
    if post.network_id != user.network_id {
        return Err(Denied::Forbidden("this post is not in your network"));
    }
    let manages = match place {
        Place::Company => is_network_admin(user),
        Place::Community(community, membership) => {
            may_manage_community(user, community, membership).is_ok()
        }
    };
    if post.author_id == user.id || manages {
        return Ok(());
    }
    Err(Denied::Forbidden(
        "only the author, the community's managers or a network admin can delete a post",
    ))
}

/// The asker, or whoever manages the place, marks a question's best answer.
pub fn may_mark_best_answer(user: &User, question: &Post, place: Place<'_>) -> Result<(), Denied> {
    if question.kind != PostKind::Question {
        return Err(Denied::Forbidden("only questions have a best answer"));
    }
    let manages = match place {
        Place::Company => is_network_admin(user),
        Place::Community(community, membership) => {
            may_manage_community(user, community, membership).is_ok()
        }
    };
    if question.author_id == user.id || manages {
        return Ok(());
    }
    Err(Denied::Forbidden(
        "only the person who asked, or a community manager, marks the best answer",
    ))
}

/// Earlier versions of an edited post are for network admins.
pub fn may_view_post_history(user: &User, post: &Post) -> Result<(), Denied> {
    if is_network_admin(user) && user.network_id == post.network_id {
        return Ok(());
    }
    Err(Denied::Forbidden(
        "only network administrators see earlier versions",
    ))
}

/// Whether this person may know a conversation exists and read its history: its
/// members only. Everyone else, network admins included, is told it does not exist.
/// The authors' accounts do not matter: what a member wrote before their account was
/// deactivated stays readable by the others.
pub fn may_read_conversation(
    user: &User,
    conversation: &Conversation,
    membership: Option<&ConversationMember>,
) -> bool {
    user.network_id == conversation.network_id
        && membership.is_some_and(|m| m.user_id == user.id && m.conversation_id == conversation.id)
}

fn require_chat_member(
    user: &User,
    conversation: &Conversation,
    membership: Option<&ConversationMember>,
) -> Result<(), Denied> {
    if may_read_conversation(user, conversation, membership) {
        return Ok(());
    }
    Err(Denied::Forbidden(
        "only the conversation's members can do this",
    ))
}

/// Writing in a conversation (and showing one is typing) takes membership and an
/// account in use.
pub fn may_send_message(
    user: &User,
    conversation: &Conversation,
    membership: Option<&ConversationMember>,
    now: Millis,
) -> Result<(), Denied> {
    require_chat_member(user, conversation, membership)?;
    may_use_account(user, now)
}

/// A direct conversation is with a colleague of one's own network, not oneself, whose
/// account is in use.
pub fn may_start_direct(user: &User, other: &User, now: Millis) -> Result<(), Denied> {
    if user.network_id != other.network_id {
        return Err(Denied::Forbidden("this person is not in your network"));
    }
    if user.id == other.id {
        return Err(Denied::Forbidden(
            "you cannot start a conversation with yourself",
        ));
    }
    if other.effective_status(now) != UserStatus::Active {
        return Err(Denied::Forbidden(
            "this person's account is not active, so they cannot be messaged",
        ));
    }
    Ok(())
}

/// Who may be put in a conversation: a colleague of the adder's network whose account
/// is in use.
pub fn may_join_conversation(adder: &User, candidate: &User, now: Millis) -> Result<(), Denied> {
    if adder.network_id != candidate.network_id {
        return Err(Denied::Forbidden("this person is not in your network"));
    }
    if candidate.effective_status(now) != UserStatus::Active {
        return Err(Denied::Forbidden(
            "this person's account is not active, so they cannot be added",
        ));
    }
    Ok(())
}

const DIRECT_IS_FIXED: &str =
    "a direct conversation is between its two people: start a group to include others";

/// Any member of a group may add people to it; a direct conversation keeps its two.
pub fn may_add_members(
    user: &User,
    conversation: &Conversation,
    membership: Option<&ConversationMember>,
) -> Result<(), Denied> {
    require_chat_member(user, conversation, membership)?;
    if conversation.is_direct() {
        return Err(Denied::Forbidden(DIRECT_IS_FIXED));
    }
    Ok(())
}

/// Anyone may leave a group; removing someone else is for the group's creator and
/// network admins. Nobody leaves or is removed from a direct conversation.
pub fn may_remove_member(
    user: &User,
    conversation: &Conversation,
    membership: Option<&ConversationMember>,
    member: UserId,
) -> Result<(), Denied> {
    require_chat_member(user, conversation, membership)?;
    if conversation.is_direct() {
        return Err(Denied::Forbidden(DIRECT_IS_FIXED));
    }
    if member == user.id || conversation.created_by == user.id || is_network_admin(user) {
        return Ok(());
    }
    Err(Denied::Forbidden(
        "only the group's creator or a network admin can remove someone else",
    ))
}

/// Any member of a group may rename it; a direct conversation has no title.
pub fn may_rename_conversation(
    user: &User,
    conversation: &Conversation,
    membership: Option<&ConversationMember>,
) -> Result<(), Denied> {
    require_chat_member(user, conversation, membership)?;
    if conversation.is_direct() {
        return Err(Denied::Forbidden(
            "a direct conversation has no title to change",
        ));
    }
    Ok(())
}

/// Only the author edits a message, not even an admin.
pub fn may_edit_message(user: &User, message: &Message) -> Result<(), Denied> {
    if message.author_id == user.id {
        return Ok(());
    }
    Err(Denied::Forbidden("only the author can edit a message"))
}

/// The author deletes a message; so may a network admin of the conversation's network
/// (who, like anyone, must be a member to see it at all).
pub fn may_delete_message(
    user: &User,
    conversation: &Conversation,
    message: &Message,
) -> Result<(), Denied> {
    if message.author_id == user.id
        || (is_network_admin(user) && user.network_id == conversation.network_id)
    {
        return Ok(());
    }
    Err(Denied::Forbidden(
        "only the author or a network admin can delete a message",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{NetworkId, UserId};

    fn user(id: i64, network: i64, role: Role, status: UserStatus) -> User {
        User {
            id: UserId(id),
            network_id: NetworkId(network),
            email: format!("u{id}@example.com"),
            display_name: format!("User {id}"),
            role,
            status,
            suspended_until: None,
            created_at: 0,
        }
    }

    #[test]
    fn only_active_accounts_and_ended_suspensions_may_be_used() {
        let active = user(1, 1, Role::Member, UserStatus::Active);
        assert!(may_use_account(&active, 10).is_ok());
        let gone = user(2, 1, Role::Admin, UserStatus::Deactivated);
        assert!(matches!(
            may_use_account(&gone, 10),
            Err(Denied::AccountUnavailable(_))
        ));
        let mut suspended = user(3, 1, Role::Member, UserStatus::Suspended);
        suspended.suspended_until = Some(100);
        assert!(may_use_account(&suspended, 99).is_err());
        assert!(may_use_account(&suspended, 100).is_ok());
    }

    #[test]
    fn account_creation_matrix() {
        let member = Actor::User(user(1, 1, Role::Member, UserStatus::Active));
        let admin = Actor::User(user(2, 1, Role::Admin, UserStatus::Active));
        assert!(may_create_user(&Actor::Operator).is_ok());
        assert!(may_create_user(&admin).is_ok());
        assert!(may_create_user(&member).is_err());
        assert!(may_grant_role(&member, Role::Member).is_ok());
        assert!(may_grant_role(&member, Role::Admin).is_err());
        assert!(may_grant_role(&admin, Role::Admin).is_ok());
    }

    #[test]
    fn tokens_belong_to_their_owner_alone() {
        let owner = user(1, 1, Role::Member, UserStatus::Active);
        let admin = Actor::User(user(2, 1, Role::Admin, UserStatus::Active));
        assert!(may_manage_tokens_of(&Actor::User(owner.clone()), &owner).is_ok());
        assert!(may_manage_tokens_of(&admin, &owner).is_err());
        assert!(may_manage_tokens_of(&Actor::Operator, &owner).is_ok());
    }

    fn profile_of(user: &User) -> Profile {
        Profile {
            user_id: user.id,
            network_id: user.network_id,
            handle: format!("u{}", user.id),
            display_name: user.display_name.clone(),
            job_title: String::new(),
            department: String::new(),
            location: String::new(),
            time_zone: "UTC".into(),
            about: String::new(),
            manager_id: None,
            status: user.status,
            created_at: 0,
        }
    }

    #[test]
    fn profile_editing_and_following_matrix() {
        let ana = user(1, 1, Role::Member, UserStatus::Active);
        let ben = user(2, 1, Role::Member, UserStatus::Active);
        let admin = user(3, 1, Role::Admin, UserStatus::Active);
        let outside_admin = user(4, 2, Role::Admin, UserStatus::Active);
        let anas = profile_of(&ana);
        assert!(may_edit_profile(&Actor::User(ana.clone()), &anas).is_ok());
        assert!(may_edit_profile(&Actor::User(ben.clone()), &anas).is_err());
        assert!(may_edit_profile(&Actor::User(admin), &anas).is_ok());
        assert!(may_edit_profile(&Actor::User(outside_admin.clone()), &anas).is_err());
        assert!(may_follow(&ben, &anas).is_ok());
        assert!(may_follow(&ana, &anas).is_err());
        assert!(may_follow(&outside_admin, &anas).is_err());
    }

    #[test]
    fn profiles_do_not_cross_networks() {
        let target = user(1, 1, Role::Member, UserStatus::Active);
        let colleague = Actor::User(user(2, 1, Role::Member, UserStatus::Active));
        let outsider = Actor::User(user(3, 2, Role::Admin, UserStatus::Active));
        assert!(may_view_user(&colleague, &target).is_ok());
        assert!(may_view_user(&outsider, &target).is_err());
    }

    fn community(visibility: Visibility) -> Community {
        Community {
            id: crate::CommunityId(10),
            network_id: NetworkId(1),
            name: "Team".into(),
            description: String::new(),
            visibility,
            category: crate::Category::Work,
            created_by: UserId(1),
            created_at: 0,
            archived_at: None,
        }
    }

    fn membership(user: &User, role: CommunityRole, state: MembershipState) -> Membership {
        Membership {
            community_id: crate::CommunityId(10),
            user_id: user.id,
            role,
            state,
        }
    }

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

    fn post_by(author: &User, community: Option<crate::CommunityId>, kind: PostKind) -> Post {
        Post {
            id: crate::PostId(100),
            network_id: author.network_id,
            author_id: author.id,
            community_id: community,
            kind,
            root_id: None,
            parent_id: None,
            shared_post_id: None,
            body_markdown: "x".into(),
            body_html: "<p>x</p>".into(),
            best_answer_id: None,
            created_at: 0,
            edited_at: None,
            deleted_at: None,
            moderation: crate::post::Moderation::Visible,
            locked_at: None,
            pinned_at: None,
        }
    }

    #[test]
    fn post_writing_matrix() {
        let author = user(1, 1, Role::Member, UserStatus::Active);
        let member = user(2, 1, Role::Member, UserStatus::Active);
        let manager = user(3, 1, Role::Member, UserStatus::Active);
        let admin = user(4, 1, Role::Admin, UserStatus::Active);
        let c = community(Visibility::Public);
        let m_author = membership(&author, CommunityRole::Member, MembershipState::Member);
        let m_manager = membership(&manager, CommunityRole::Admin, MembershipState::Member);
        fn here<'a>(c: &'a Community, m: Option<&'a Membership>) -> Place<'a> {
            Place::Community(c, m)
        }
        assert!(may_write_in(&author, here(&c, Some(&m_author)), PostKind::Discussion).is_ok());
        assert!(may_write_in(&member, here(&c, None), PostKind::Discussion).is_err());
        assert!(may_write_in(&author, here(&c, Some(&m_author)), PostKind::Announcement).is_err());
        assert!(may_write_in(&manager, here(&c, Some(&m_manager)), PostKind::Announcement).is_ok());
        assert!(may_write_in(&author, Place::Company, PostKind::Announcement).is_err());
        assert!(may_write_in(&admin, Place::Company, PostKind::Announcement).is_ok());
        let mut archived = community(Visibility::Public);
        archived.archived_at = Some(1);
        assert!(
            may_write_in(
                &author,
                Place::Community(&archived, Some(&m_author)),
                PostKind::Discussion
            )
            .is_err()
        );

        let post = post_by(&author, Some(c.id), PostKind::Question);
        assert!(may_edit_post(&author, &post).is_ok());
        assert!(may_edit_post(&admin, &post).is_err());
        assert!(may_delete_post(&member, &post, here(&c, None)).is_err());
        assert!(may_delete_post(&manager, &post, here(&c, Some(&m_manager))).is_ok());
        assert!(may_delete_post(&admin, &post, here(&c, None)).is_ok());
        assert!(may_mark_best_answer(&author, &post, here(&c, Some(&m_author))).is_ok());
        assert!(may_mark_best_answer(&member, &post, here(&c, None)).is_err());
        assert!(may_view_post_history(&admin, &post).is_ok());
        assert!(may_view_post_history(&author, &post).is_err());
    }

    fn conversation(kind: crate::ConversationKind, created_by: &User) -> Conversation {
        Conversation {
            id: crate::ConversationId(50),
            network_id: created_by.network_id,
            kind,
            title: String::new(),
            direct_key: None,
            created_by: created_by.id,
            created_at: 0,
        }
    }

    fn chat_member(user: &User) -> ConversationMember {
        ConversationMember {
            conversation_id: crate::ConversationId(50),
            user_id: user.id,
            joined_at: 0,
            last_read_id: 0,
            muted: false,
        }
    }

    #[test]
    fn conversations_are_for_their_members_alone() {
        let ana = user(1, 1, Role::Member, UserStatus::Active);
        let admin = user(2, 1, Role::Admin, UserStatus::Active);
        let gone = user(3, 1, Role::Member, UserStatus::Deactivated);
        let group = conversation(crate::ConversationKind::Group, &ana);
        let anas = chat_member(&ana);
        assert!(may_read_conversation(&ana, &group, Some(&anas)));
        assert!(!may_read_conversation(&admin, &group, None), "admins too");
        assert!(
            !may_read_conversation(&admin, &group, Some(&anas)),
            "someone else's membership proves nothing"
        );
        let mut elsewhere = group.clone();
        elsewhere.network_id = crate::NetworkId(2);
        assert!(!may_read_conversation(&ana, &elsewhere, Some(&anas)));

        assert!(may_send_message(&ana, &group, Some(&anas), 0).is_ok());
        assert!(may_send_message(&admin, &group, None, 0).is_err());
        let gones = chat_member(&gone);
        assert!(may_read_conversation(&gone, &group, Some(&gones)));
        assert!(matches!(
            may_send_message(&gone, &group, Some(&gones), 0),
            Err(Denied::AccountUnavailable(_))
        ));
    }

    #[test]
    fn direct_conversations_are_with_active_colleagues_only() {
        let ana = user(1, 1, Role::Member, UserStatus::Active);
        let ben = user(2, 1, Role::Member, UserStatus::Active);
        let gone = user(3, 1, Role::Member, UserStatus::Deactivated);
        let guest = user(4, 2, Role::Member, UserStatus::Active);
        let mut suspended = user(5, 1, Role::Member, UserStatus::Suspended);
        suspended.suspended_until = Some(100);
        assert!(may_start_direct(&ana, &ben, 0).is_ok());
        assert!(may_start_direct(&ana, &ana, 0).is_err());
        assert!(may_start_direct(&ana, &gone, 0).is_err());
        assert!(may_start_direct(&ana, &guest, 0).is_err());
        assert!(may_start_direct(&ana, &suspended, 99).is_err());
        assert!(may_start_direct(&ana, &suspended, 100).is_ok());
        assert!(may_join_conversation(&ana, &ben, 0).is_ok());
        assert!(may_join_conversation(&ana, &gone, 0).is_err());
        assert!(may_join_conversation(&ana, &guest, 0).is_err());
    }

    #[test]
    fn group_membership_and_title_matrix() {
        let creator = user(1, 1, Role::Member, UserStatus::Active);
        let member = user(2, 1, Role::Member, UserStatus::Active);
        let admin = user(3, 1, Role::Admin, UserStatus::Active);
        let outsider = user(4, 1, Role::Member, UserStatus::Active);
        let group = conversation(crate::ConversationKind::Group, &creator);
        let (c, m, a) = (
            chat_member(&creator),
            chat_member(&member),
            chat_member(&admin),
        );
        assert!(may_add_members(&member, &group, Some(&m)).is_ok());
        assert!(may_add_members(&outsider, &group, None).is_err());
        assert!(may_rename_conversation(&member, &group, Some(&m)).is_ok());
        assert!(may_rename_conversation(&outsider, &group, None).is_err());
        assert!(
            may_remove_member(&member, &group, Some(&m), member.id).is_ok(),
            "leaving"
        );
        assert!(may_remove_member(&member, &group, Some(&m), creator.id).is_err());
        assert!(may_remove_member(&creator, &group, Some(&c), member.id).is_ok());
        assert!(may_remove_member(&admin, &group, Some(&a), creator.id).is_ok());
        assert!(may_remove_member(&admin, &group, None, member.id).is_err());

        let direct = conversation(crate::ConversationKind::Direct, &creator);
        assert!(may_add_members(&creator, &direct, Some(&c)).is_err());
        assert!(may_rename_conversation(&creator, &direct, Some(&c)).is_err());
        assert!(may_remove_member(&creator, &direct, Some(&c), creator.id).is_err());
        assert!(may_remove_member(&admin, &direct, Some(&a), member.id).is_err());
    }

    #[test]
    fn messages_are_edited_by_their_author_and_deleted_by_the_author_or_an_admin() {
        let author = user(1, 1, Role::Member, UserStatus::Active);
        let member = user(2, 1, Role::Member, UserStatus::Active);
        let admin = user(3, 1, Role::Admin, UserStatus::Active);
        let outside_admin = user(4, 2, Role::Admin, UserStatus::Active);
        let group = conversation(crate::ConversationKind::Group, &author);
        let message = Message {
            id: crate::MessageId(60),
            conversation_id: group.id,
            author_id: author.id,
            body_markdown: "x".into(),
            body_html: "<p>x</p>".into(),
            created_at: 0,
            edited_at: None,
            deleted_at: None,
        };
        assert!(may_edit_message(&author, &message).is_ok());
        assert!(may_edit_message(&member, &message).is_err());
        assert!(may_edit_message(&admin, &message).is_err());
        assert!(may_delete_message(&author, &group, &message).is_ok());
        assert!(may_delete_message(&member, &group, &message).is_err());
        assert!(may_delete_message(&admin, &group, &message).is_ok());
        assert!(may_delete_message(&outside_admin, &group, &message).is_err());
    }
}
