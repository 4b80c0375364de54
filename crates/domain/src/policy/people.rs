//! Who may create accounts and grant roles, view and edit profiles, follow
//! colleagues and manage API tokens.

use super::{Denied, is_network_admin};
use crate::{Actor, Profile, Role, User};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UserStatus;
    use crate::policy::fixtures::user;

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
            time_zone: crate::DEFAULT_TIME_ZONE.into(),
            about: String::new(),
            manager_id: None,
            status: user.status,
            created_at: 0,
            photo: None,
            guest: false,
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
}
