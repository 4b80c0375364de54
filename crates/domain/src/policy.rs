//! The one place that answers "may this actor do that". Use cases call these before
//! they touch anything; handlers and pages never decide permissions themselves.
//!
//! One submodule per subject: `people` (accounts, profiles, follows, tokens),
//! `communities`, `posts`, `chat`, `moderation` and `administration`. Their
//! functions are all re-exported here, so callers name `policy::may_read_in`.

use crate::{Millis, Role, User, UserStatus};

mod administration;
pub use administration::*;
mod chat;
pub use chat::*;
mod communities;
pub use communities::*;
mod moderation;
pub use moderation::*;
mod people;
pub use people::*;
mod posts;
pub use posts::*;
#[cfg(test)]
mod fixtures;

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

#[cfg(test)]
mod tests {
    use super::*;
    use fixtures::user;

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
}
