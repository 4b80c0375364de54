//! An account's life after it was created: deactivation when someone leaves the
//! company, suspension until a date, reactivation, deletion with anonymization, and
//! role changes. Each is one transaction that also writes its audit entry; shutting
//! someone out deletes every credential in that transaction and orders every node to
//! close their live connections.

use crate::audit::{self, Acting, Target};
use crate::live::{self, Closing};
use crate::{App, AppError};
use hearth_domain::markdown;
use hearth_domain::{
    AuditAction, AuditActorKind, Millis, Role, User, UserId, UserStatus, ValidationError, policy,
};
use hearth_store::{Conn, Tx, invitations, offboarding, scim, sessions, users};
use std::collections::BTreeSet;

/// The longest reason kept in the audit log.
pub const MAX_REASON_CHARS: usize = 1000;

/// The longest suspension: longer than this is a deactivation.
const MAX_SUSPENSION_MILLIS: Millis = 5 * 366 * 24 * 3600 * 1000;

/// What happens to a deleted person's posts and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeletedContent {
    /// They stay, shown as by "Deleted user".
    Keep,
    /// They are removed like a deleted post.
    Remove,
}

impl DeletedContent {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "keep" => Some(Self::Keep),
            "remove" => Some(Self::Remove),
            _ => None,
        }
    }
}

/// "Left the company": the account can no longer be used; its content stays, shown as
/// a former member's.
pub async fn deactivate(
    app: &App,
    acting: Acting<'_>,
    target: UserId,
    reason: &str,
) -> Result<User, AppError> {
    let reason = reason_of(reason)?;
    let (mut tx, user) = begin_on(app, acting, target).await?;
    if user.status == UserStatus::Deactivated {
        return Err(conflict("this account is already deactivated"));
    }
    keep_an_admin(&mut tx, app, acting, &user).await?;
    let now = app.now();
    users::set_status(&mut tx, user.id, UserStatus::Deactivated, None, now).await?;
    hearth_store::external_networks::mirror_home_status(
        &mut tx,
        user.id,
        UserStatus::Deactivated,
        None,
        now,
    )
    .await?;
    let (close, revoked) = shut_out(&mut tx, app, user.id).await?;
    crate::guests::sponsor_left(&mut tx, user.id, now).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        user.network_id,
        AuditAction::UserDeactivated,
        Target::user(&user),
        reason,
        revoked,
    )
    .await?;
    tx.commit().await?;
    app.publish(close);
    tracing::info!(user.id = %user.id, "account deactivated");
    changed(user, UserStatus::Deactivated, None)
}

/// Shuts an account out until `until`; afterwards it works again by itself.
pub async fn suspend(
    app: &App,
    acting: Acting<'_>,
    target: UserId,
    until: Millis,
    reason: &str,
) -> Result<User, AppError> {
    let reason = reason_of(reason)?;
    let now = app.now();
    if until <= now {
        return Err(ValidationError::new("until", "a suspension must end in the future").into());
    }
    if until - now > MAX_SUSPENSION_MILLIS {
        return Err(ValidationError::new(
            "until",
            "a suspension can last at most five years; deactivate the account instead",
        )
        .into());
    }
    let (mut tx, user) = begin_on(app, acting, target).await?;
    if user.status == UserStatus::Deactivated {
        return Err(conflict(
            "this account is deactivated; reactivate it before suspending it",
        ));
    }
    keep_an_admin(&mut tx, app, acting, &user).await?;
    users::set_status(&mut tx, user.id, UserStatus::Suspended, Some(until), now).await?;
    hearth_store::external_networks::mirror_home_status(
        &mut tx,
        user.id,
        UserStatus::Suspended,
        Some(until),
        now,
    )
    .await?;
    let (close, revoked) = shut_out(&mut tx, app, user.id).await?;
    let mut details = revoked;
    details["until"] = serde_json::Value::String(crate::rfc3339(until));
    audit::record(
        &mut tx,
        app,
        acting,
        user.network_id,
        AuditAction::UserSuspended,
        Target::user(&user),
        reason,
        details,
    )
    .await?;
    tx.commit().await?;
    app.publish(close);
    tracing::info!(user.id = %user.id, until, "account suspended");
    changed(user, UserStatus::Suspended, Some(until))
}

/// Lets a deactivated or suspended account be used again. The person signs in anew:
/// their old sessions and tokens are gone for good.
pub async fn reactivate(
    app: &App,
    acting: Acting<'_>,
    target: UserId,
    reason: &str,
) -> Result<User, AppError> {
    let reason = reason_of(reason)?;
    let (mut tx, user) = begin_on(app, acting, target).await?;
    if user.status == UserStatus::Active {
        return Err(conflict("this account is already active"));
    }
    not_a_guest(&mut tx, user.id).await?;
    may_reactivate(&mut tx, acting, user.id).await?;
    users::set_status(&mut tx, user.id, UserStatus::Active, None, app.now()).await?;
    // Their place in external networks went with the deactivation; it comes back.
    hearth_store::external_networks::mirror_home_status(
        &mut tx,
        user.id,
        UserStatus::Active,
        None,
        app.now(),
    )
    .await?;
    crate::guests::sponsor_returned(&mut tx, user.id).await?;
    if !acting.is_scim() {
        scim::undo_deletion(&mut tx, user.id).await?;
    }
    audit::record(
        &mut tx,
        app,
        acting,
        user.network_id,
        AuditAction::UserReactivated,
        Target::user(&user),
        reason,
        serde_json::json!({ "previous_status": user.status.as_str() }),
    )
    .await?;
    tx.commit().await?;
    changed(user, UserStatus::Active, None)
}

/// Deletes an account for good: the person's name, e-mail and profile are replaced,
/// mentions of them in others' posts become "a former member", and their own posts
/// and messages stay (by "Deleted user") or go, as the admin chose.
pub async fn delete(
    app: &App,
    acting: Acting<'_>,
    target: UserId,
    content: DeletedContent,
    reason: &str,
) -> Result<User, AppError> {
    let reason = reason_of(reason)?;
    let (mut tx, user) = begin_on(app, acting, target).await?;
    keep_an_admin(&mut tx, app, acting, &user).await?;
    let now = app.now();
    let (close, mut details) = shut_out(&mut tx, app, user.id).await?;
    crate::guests::sponsor_left(&mut tx, user.id, now).await?;
    let handle = hearth_store::profiles::get(&mut tx, user.network_id, user.id)
        .await?
        .map(|profile| profile.handle);
    let mut rewritten = 0;
    if let Some(handle) = handle {
        for post in offboarding::posts_mentioning(&mut tx, user.id).await? {
            let body = markdown::forget_mention(&post.body_markdown, &handle);
            let known: BTreeSet<String> = post.other_handles.into_iter().collect();
            // An article's headings keep the ids its table of contents links.
            let is_article =
                !hearth_store::articles::of_posts(&mut tx, &[hearth_domain::PostId(post.post_id)])
                    .await?
                    .is_empty();
            let html = if is_article {
                markdown::render_article(&body, &known)
            } else {
                markdown::render(&body, &known)
            };
            offboarding::replace_mentioning_body(&mut tx, post.post_id, user.id, &body, &html)
                .await?;
            rewritten += 1;
        }
    }
    let (posts, messages) = match content {
        DeletedContent::Keep => (0, 0),
        DeletedContent::Remove => {
            // Their files go with their words; the content is swept from storage
            // once nothing refers to it.
            hearth_store::uploads::delete_of_owner(&mut tx, user.id).await?;
            (
                offboarding::remove_posts_by(&mut tx, user.id, now).await?,
                offboarding::remove_messages_by(&mut tx, user.id, now).await?,
            )
        }
    };
    // An anonymized account shows no face, whatever happens to its content.
    hearth_store::uploads::clear_photo(&mut tx, user.id).await?;
    offboarding::anonymize(&mut tx, user.id, now).await?;
    for row in hearth_store::external_networks::member_rows(&mut tx, user.id).await? {
        offboarding::anonymize(&mut tx, row, now).await?;
    }
    details["content"] = serde_json::Value::from(match content {
        DeletedContent::Keep => "keep",
        DeletedContent::Remove => "remove",
    });
    details["posts_removed"] = posts.into();
    details["messages_removed"] = messages.into();
    details["mentions_rewritten"] = rewritten.into();
    audit::record(
        &mut tx,
        app,
        acting,
        user.network_id,
        AuditAction::UserDeleted,
        Target::user(&user),
        reason,
        details,
    )
    .await?;
    let deleted = users::get(&mut tx, user.id)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    tx.commit().await?;
    app.publish(close);
    tracing::info!(user.id = %user.id, "account deleted");
    Ok(deleted)
}

/// Makes someone a member, an admin or a compliance officer.
pub async fn change_role(
    app: &App,
    acting: Acting<'_>,
    target: UserId,
    role: Role,
    reason: &str,
) -> Result<User, AppError> {
    let reason = reason_of(reason)?;
    policy::may_grant_role(acting.actor, role)?;
    let (mut tx, user) = begin_on(app, acting, target).await?;
    if user.role == role {
        return Err(conflict("this person already has that role"));
    }
    not_a_guest(&mut tx, user.id).await?;
    if user.role == Role::Admin {
        keep_an_admin(&mut tx, app, acting, &user).await?;
    }
    offboarding::set_role(&mut tx, user.id, role, app.now()).await?;
    let mut details = serde_json::json!({ "from": user.role.as_str(), "to": role.as_str() });
    if user.role == Role::Admin {
        withdraw_issued(&mut tx, app, user.id, &mut details).await?;
    }
    audit::record(
        &mut tx,
        app,
        acting,
        user.network_id,
        AuditAction::RoleChanged,
        Target::user(&user),
        reason,
        details,
    )
    .await?;
    tx.commit().await?;
    Ok(User { role, ..user })
}

/// One account as the console lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub handle: Option<String>,
    pub role: Role,
    pub status: UserStatus,
    pub suspended_until: Option<Millis>,
    pub created_at: Millis,
}

impl TryFrom<offboarding::AccountRow> for Account {
    type Error = AppError;

    fn try_from(row: offboarding::AccountRow) -> Result<Self, AppError> {
        let corrupt = |what: &str, value: &str| {
            AppError::Internal(
                format!("account {} has the unknown {what} {value:?}", row.id).into(),
            )
        };
        Ok(Self {
            id: UserId(row.id),
            role: Role::parse(&row.role).ok_or_else(|| corrupt("role", &row.role))?,
            status: UserStatus::parse(&row.status).ok_or_else(|| corrupt("status", &row.status))?,
            email: row.email,
            display_name: row.display_name,
            handle: row.handle,
            suspended_until: row.suspended_until,
            created_at: row.created_at,
        })
    }
}

/// Accounts of the actor's network, for the console.
pub async fn accounts(
    app: &App,
    actor: &hearth_domain::Actor,
    status: Option<UserStatus>,
    text: Option<&str>,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<Account>, AppError> {
    policy::may_administer_people(actor)?;
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    let text = text
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase);
    offboarding::accounts(
        &mut db,
        network,
        status.map(UserStatus::as_str),
        text.as_deref(),
        after.unwrap_or(0),
        limit.clamp(1, 200),
    )
    .await?
    .into_iter()
    .map(Account::try_from)
    .collect()
}

/// One account, for the console, after the same policy check as the acts.
pub async fn account(
    app: &App,
    actor: &hearth_domain::Actor,
    target: UserId,
) -> Result<User, AppError> {
    policy::may_administer_people(actor)?;
    let mut db = app.store().conn().await?;
    let user = users::get(&mut db, target)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    if let hearth_domain::Actor::User(admin) = actor
        && admin.network_id != user.network_id
    {
        return Err(AppError::NotFound("user"));
    }
    Ok(user)
}

pub(crate) fn reason_of(raw: &str) -> Result<&str, AppError> {
    let reason = raw.trim();
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(ValidationError::new(
            "reason",
            format!("the reason can be at most {MAX_REASON_CHARS} characters"),
        )
        .into());
    }
    Ok(reason)
}

fn conflict(message: &str) -> AppError {
    AppError::Conflict {
        message: message.to_owned(),
        field: None,
    }
}

fn changed(
    user: User,
    status: UserStatus,
    suspended_until: Option<Millis>,
) -> Result<User, AppError> {
    Ok(User {
        status,
        suspended_until,
        ..user
    })
}

/// Opens the transaction and reads the target in it, after the policy check; someone
/// outside the admin's network is "not found", as if it did not exist.
async fn begin_on(app: &App, acting: Acting<'_>, target: UserId) -> Result<(Tx, User), AppError> {
    policy::may_administer_people(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let user = users::get(&mut tx, target)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    if let hearth_domain::Actor::User(admin) = acting.actor
        && admin.network_id != user.network_id
    {
        return Err(AppError::NotFound("user"));
    }
    policy::may_administer(acting.actor, &user)?;
    Ok((tx, user))
}

/// A guest's access is opened, extended and ended by their terms (see `guests`), not
/// by reactivating their account or changing their role from the command line.
async fn not_a_guest(db: &mut Conn, user: UserId) -> Result<(), AppError> {
    if hearth_store::guests::get(db, user).await?.is_some() {
        return Err(conflict(
            "this is a guest of an external network: extend or end their access on its Guests \
             page",
        ));
    }
    Ok(())
}

/// A network must keep one usable admin, or nobody could administer it any more.
async fn keep_an_admin(
    db: &mut Conn,
    app: &App,
    acting: Acting<'_>,
    user: &User,
) -> Result<(), AppError> {
    if user.role != Role::Admin || user.effective_status(app.now()) != UserStatus::Active {
        return Ok(());
    }
    let admins =
        offboarding::count_usable_with_role(db, user.network_id, Role::Admin, app.now()).await?;
    if admins <= 1 {
        let is_self = matches!(acting.actor, hearth_domain::Actor::User(me) if me.id == user.id);
        return Err(conflict(if is_self {
            "you are the network's last administrator; make someone else an administrator first"
        } else {
            "this is the network's last administrator; make someone else an administrator first"
        }));
    }
    Ok(())
}

/// Deletes every session and API token of the person, withdraws what they issued as
/// an admin, and orders every node to close their live connections; answers the
/// order to publish after commit and what was revoked, for the audit entry.
pub(crate) async fn shut_out(
    db: &mut Conn,
    app: &App,
    user: UserId,
) -> Result<(Vec<live::LiveEvent>, serde_json::Value), AppError> {
    let sessions = sessions::delete_all_for_user(db, user).await?;
    let mut tokens = offboarding::delete_tokens(db, user).await?;
    let mut closes = vec![live::order_close(db, app, user, Closing::All).await?];
    // Sessions are the home row's, wherever they act; tokens and live connections
    // belong to the person's row in each external network. A person has a few rows.
    for row in hearth_store::external_networks::member_rows(db, user).await? {
        tokens += offboarding::delete_tokens(db, row).await?;
        closes.push(live::order_close(db, app, row, Closing::All).await?);
    }
    let mut revoked = serde_json::json!({ "sessions_revoked": sessions, "tokens_revoked": tokens });
    withdraw_issued(db, app, user, &mut revoked).await?;
    Ok((closes, revoked))
}

/// Withdraws what an admin handed out in the network's name: their open invitations
/// and their SCIM tokens. Someone shut out, or no longer an admin, must not keep
/// letting people in or provisioning through links and tokens made before. Each is
/// one statement, whatever the number; the counts go into `details`.
async fn withdraw_issued(
    db: &mut Conn,
    app: &App,
    user: UserId,
    details: &mut serde_json::Value,
) -> Result<(), AppError> {
    let now = app.now();
    let invitations = invitations::revoke_sent_by(db, user, now).await?;
    let scim_tokens = scim::revoke_tokens_made_by(db, user, now).await?;
    details["invitations_cancelled"] = invitations.into();
    details["scim_tokens_revoked"] = scim_tokens.into();
    Ok(())
}

/// Refuses an identity provider's reactivation of an account it did not shut out
/// itself ([`policy::may_provider_reactivate`]); people acting are not limited here.
pub(crate) async fn may_reactivate(
    db: &mut Conn,
    acting: Acting<'_>,
    user: UserId,
) -> Result<(), AppError> {
    if !acting.is_scim() {
        return Ok(());
    }
    let by = scim::last_shut_out_by(db, user).await?;
    policy::may_provider_reactivate(by.as_deref().and_then(AuditActorKind::parse))?;
    Ok(())
}
