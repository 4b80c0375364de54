//! Who may administer a network: people's accounts, the audit log, the usage policy,
//! retention and exports. Moderation of content is in `moderation`.
//!
//! Network admins administer their own network. Compliance officers read the audit
//! log and export, and change nothing. The operator at the command line may do all.

use super::{Denied, is_network_admin};
use crate::{Actor, AuditActorKind, Role, User, UserStatus};

/// Inviting, deactivating, suspending, reactivating, deleting people and changing
/// their role.
pub fn may_administer_people(actor: &Actor) -> Result<(), Denied> {
    match actor {
        Actor::Operator => Ok(()),
        Actor::User(user) if is_network_admin(user) => Ok(()),
        Actor::User(_) => Err(Denied::Forbidden(
            "only network administrators can manage people's accounts",
        )),
    }
}

/// The same, for one account: admins act within their own network only.
pub fn may_administer(actor: &Actor, target: &User) -> Result<(), Denied> {
    may_administer_people(actor)?;
    match actor {
        Actor::User(admin) if admin.network_id != target.network_id => {
            Err(Denied::Forbidden("this person is not in your network"))
        }
        _ if target.status == UserStatus::Deleted => Err(Denied::Forbidden(
            "this account has been deleted and cannot be changed",
        )),
        _ => Ok(()),
    }
}

/// May an identity provider (a SCIM client) reactivate an account that was shut out
/// by `shut_out_by` (the actor of its last deactivation or suspension)? Only when it
/// shut the account out itself: an account an admin or the operator shut out, for
/// cause, comes back only through an admin, whatever the provider's directory says.
pub fn may_provider_reactivate(shut_out_by: Option<AuditActorKind>) -> Result<(), Denied> {
    match shut_out_by {
        Some(AuditActorKind::Scim) => Ok(()),
        _ => Err(Denied::Forbidden(
            "an administrator shut this account out; only an administrator can reactivate it",
        )),
    }
}

/// Network settings: the usage policy, retention, the keyword watch list.
pub fn may_configure_network(actor: &Actor) -> Result<(), Denied> {
    match actor {
        Actor::Operator => Ok(()),
        Actor::User(user) if is_network_admin(user) => Ok(()),
        Actor::User(_) => Err(Denied::Forbidden(
            "only network administrators can change the network's settings",
        )),
    }
}

/// The network's analytics dashboard: counts only, for the people who run the network.
/// Compliance officers read content, not adoption figures.
pub fn may_view_network_analytics(actor: &Actor) -> Result<(), Denied> {
    match actor {
        Actor::Operator => Ok(()),
        Actor::User(user) if is_network_admin(user) => Ok(()),
        Actor::User(_) => Err(Denied::Forbidden(
            "only network administrators can see the network's analytics",
        )),
    }
}

/// Reading and exporting the audit log, and exporting content for compliance.
pub fn may_audit(actor: &Actor) -> Result<(), Denied> {
    match actor {
        Actor::Operator => Ok(()),
        Actor::User(user) if matches!(user.role, Role::Admin | Role::Compliance) => Ok(()),
        Actor::User(_) => Err(Denied::Forbidden(
            "only network administrators and compliance officers can do this",
        )),
    }
}

/// Whether the admin console is worth showing this person at all.
pub fn may_open_console(user: &User) -> bool {
    matches!(user.role, Role::Admin | Role::Compliance)
}

/// Password sign-in, when the network may require single sign-on. Network admins keep
/// their password as a break-glass: were the identity provider down or misconfigured,
/// someone must still be able to sign in and turn the requirement off.
pub fn may_sign_in_with_password(user: &User, sso_required: bool) -> Result<(), Denied> {
    if sso_required && !is_network_admin(user) {
        return Err(Denied::Forbidden(
            "your network requires single sign-on: use the single sign-on button on the \
             sign-in page instead of a password",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::fixtures;

    fn user(id: i64, network: i64, role: Role) -> User {
        fixtures::user(id, network, role, UserStatus::Active)
    }

    #[test]
    fn only_admins_and_the_operator_administer_and_only_their_own_network() {
        let target = user(9, 1, Role::Member);
        let allowed = [Actor::Operator, Actor::User(user(1, 1, Role::Admin))];
        for actor in &allowed {
            assert!(may_administer(actor, &target).is_ok(), "{actor:?}");
            assert!(may_configure_network(actor).is_ok(), "{actor:?}");
        }
        let refused = [
            Actor::User(user(2, 1, Role::Member)),
            Actor::User(user(3, 1, Role::Compliance)),
            Actor::User(user(4, 2, Role::Admin)),
        ];
        for actor in &refused {
            assert!(may_administer(actor, &target).is_err(), "{actor:?}");
        }
        assert!(may_configure_network(&refused[1]).is_err());
    }

    #[test]
    fn compliance_officers_audit_but_members_do_not() {
        assert!(may_audit(&Actor::User(user(1, 1, Role::Compliance))).is_ok());
        assert!(may_audit(&Actor::User(user(1, 1, Role::Admin))).is_ok());
        assert!(may_audit(&Actor::Operator).is_ok());
        assert!(may_audit(&Actor::User(user(1, 1, Role::Member))).is_err());
    }

    #[test]
    fn when_sso_is_required_only_admins_sign_in_with_a_password() {
        for role in [Role::Member, Role::Compliance, Role::Admin] {
            assert!(may_sign_in_with_password(&user(1, 1, role), false).is_ok());
        }
        assert!(may_sign_in_with_password(&user(1, 1, Role::Member), true).is_err());
        assert!(may_sign_in_with_password(&user(1, 1, Role::Compliance), true).is_err());
        assert!(may_sign_in_with_password(&user(1, 1, Role::Admin), true).is_ok());
    }

    #[test]
    fn a_deleted_account_cannot_be_administered() {
        let mut gone = user(9, 1, Role::Member);
        gone.status = UserStatus::Deleted;
        assert!(may_administer(&Actor::Operator, &gone).is_err());
    }
}
