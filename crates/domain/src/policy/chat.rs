//! Who may read and write in a conversation, and change who is in it.

use super::{Denied, is_network_admin, may_use_account};
use crate::{Conversation, ConversationMember, Message, Millis, User, UserId, UserStatus};

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
    use crate::Role;
    use crate::policy::fixtures::user;

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
