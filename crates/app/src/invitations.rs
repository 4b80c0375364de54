//! Invitations: an admin (or the operator) invites a person by e-mail with a role.
//! The invitation is a single-use link, valid for [`LIFETIME`]; whoever opens it
//! chooses a name and password and is signed in to a new account with that role.
//! Until e-mail sending exists the link is shown once to the inviter, to pass on.

use crate::audit::{self, Acting, Target};
use crate::sessions::{self, ClientInfo, SignedIn};
use crate::{App, AppError, millis, secrets};
pub use hearth_domain::invitation::Invitation;
use hearth_domain::{AuditAction, DisplayName, Email, InvitationId, Password, Role, policy};
use hearth_store::invitations;
use hearth_store::users;
use std::time::Duration;

/// How long an invitation link can be used.
pub const LIFETIME: Duration = Duration::from_secs(7 * 24 * 3600);

/// The most invitations the console and the API list.
pub const MAX_LISTED: i64 = 500;

/// Where an invitation stands at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    Open,
    Accepted,
    Expired,
    Revoked,
}

impl InvitationState {
    pub fn of(invitation: &Invitation, now: hearth_domain::Millis) -> Self {
        if invitation.revoked_at.is_some() {
            Self::Revoked
        } else if invitation.accepted_at.is_some() {
            Self::Accepted
        } else if invitation.expires_at <= now {
            Self::Expired
        } else {
            Self::Open
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Accepted => "accepted",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
        }
    }
}

/// A new invitation and the secret of its link, which is never stored or shown again.
#[derive(Debug)]
pub struct Invited {
    pub invitation: Invitation,
    pub secret: String,
}

/// Invites a person into the actor's network (the home network for the operator).
pub async fn invite(
    app: &App,
    acting: Acting<'_>,
    email: &str,
    role: Role,
) -> Result<Invited, AppError> {
    policy::may_administer_people(acting.actor)?;
    policy::may_grant_role(acting.actor, role)?;
    let email = Email::parse(email)?;

    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    if users::find_by_email(&mut tx, email.as_str())
        .await?
        .is_some()
    {
        return Err(AppError::Conflict {
            message: "an account with this e-mail address already exists".to_owned(),
            field: Some("email"),
        });
    }
    let invited_by = match acting.actor {
        hearth_domain::Actor::User(user) => Some(user.id),
        hearth_domain::Actor::Operator => None,
    };
    let Invited { invitation, secret } =
        insert_new(&mut tx, app, network, &email, role, invited_by).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::UserInvited,
        target(&invitation),
        "",
        serde_json::json!({ "email": invitation.email, "role": role.as_str() }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(invitation.id = %invitation.id, network.id = %network, "person invited");
    Ok(Invited { invitation, secret })
}

/// Writes a new invitation of `email` into `network`, unless the address already has
/// an open one, and answers it with its secret.
pub(crate) async fn insert_new(
    db: &mut hearth_store::Conn,
    app: &App,
    network: hearth_domain::NetworkId,
    email: &Email,
    role: Role,
    invited_by: Option<hearth_domain::UserId>,
) -> Result<Invited, AppError> {
    let now = app.now();
    if invitations::has_open(db, email.as_str(), now).await? {
        return Err(AppError::Conflict {
            message: "this e-mail address already has an open invitation; revoke it first to \
                      send a new one"
                .to_owned(),
            field: Some("email"),
        });
    }
    let secret = secrets::generate("");
    let invitation = Invitation {
        id: InvitationId(app.next_id()),
        network_id: network,
        email: email.as_str().to_owned(),
        role,
        invited_by,
        created_at: now,
        expires_at: now + millis(LIFETIME),
        accepted_at: None,
        accepted_by: None,
        revoked_at: None,
    };
    invitations::insert(db, &invitation, &secrets::hash(&secret)).await?;
    Ok(Invited { invitation, secret })
}

pub(crate) fn target(invitation: &Invitation) -> Target {
    Target {
        kind: "invitation",
        id: Some(invitation.id.0),
        name: invitation.email.clone(),
    }
}

/// The network's invitations, newest first, for its admins and the operator.
pub async fn list(app: &App, actor: &hearth_domain::Actor) -> Result<Vec<Invitation>, AppError> {
    policy::may_administer_people(actor)?;
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    Ok(invitations::list(&mut db, network, MAX_LISTED).await?)
}

/// Withdraws an open invitation: its link stops working at once.
pub async fn revoke(
    app: &App,
    acting: Acting<'_>,
    id: InvitationId,
) -> Result<Invitation, AppError> {
    policy::may_administer_people(acting.actor)?;
    let now = app.now();
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let invitation = revoke_open(&mut tx, network, id, now).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::InvitationRevoked,
        target(&invitation),
        "",
        serde_json::json!({ "email": invitation.email }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(invitation.id = %invitation.id, network.id = %network, "invitation revoked");
    Ok(Invitation {
        revoked_at: Some(now),
        ..invitation
    })
}

/// Marks `network`'s open invitation `id` revoked at `now`; anything else is refused.
pub(crate) async fn revoke_open(
    db: &mut hearth_store::Conn,
    network: hearth_domain::NetworkId,
    id: InvitationId,
    now: hearth_domain::Millis,
) -> Result<Invitation, AppError> {
    let invitation = invitations::get(db, id)
        .await?
        .filter(|found| found.network_id == network)
        .ok_or(AppError::NotFound("invitation"))?;
    let state = InvitationState::of(&invitation, now);
    if state != InvitationState::Open || !invitations::mark_revoked(db, invitation.id, now).await? {
        return Err(AppError::Conflict {
            message: format!(
                "only an open invitation can be revoked; this one is {}",
                state.as_str()
            ),
            field: None,
        });
    }
    Ok(invitation)
}

/// The invitation behind a link, if it can still be accepted; otherwise a refusal
/// that says why, so the page tells the person whom to ask.
pub async fn check_link(app: &App, secret: &str) -> Result<Invitation, AppError> {
    let mut db = app.store().conn().await?;
    usable(&mut db, secret, app.now()).await
}

async fn usable(
    db: &mut hearth_store::Conn,
    secret: &str,
    now: hearth_domain::Millis,
) -> Result<Invitation, AppError> {
    let invitation = invitations::find_by_secret_hash(db, &secrets::hash(secret))
        .await?
        .ok_or(AppError::Unauthenticated(
            "this invitation link is not valid; check that it was copied whole",
        ))?;
    match InvitationState::of(&invitation, now) {
        InvitationState::Open => {}
        InvitationState::Accepted => {
            return Err(AppError::Unauthenticated(
                "this invitation has already been used; sign in instead",
            ));
        }
        InvitationState::Expired => {
            return Err(AppError::Unauthenticated(
                "this invitation has expired; ask your network administrator for a new one",
            ));
        }
        InvitationState::Revoked => {
            return Err(AppError::Unauthenticated(
                "this invitation was withdrawn; ask your network administrator",
            ));
        }
    }
    if users::find_by_email(db, &invitation.email).await?.is_some() {
        return Err(AppError::Conflict {
            message: "an account with this e-mail address already exists; sign in instead"
                .to_owned(),
            field: Some("email"),
        });
    }
    Ok(invitation)
}

/// What the invited person typed.
pub struct AcceptForm<'a> {
    pub secret: &'a str,
    pub name: &'a str,
    pub password: &'a str,
}

/// Creates the invited person's account with the invitation's role, uses the link
/// up and signs the person in, all in one transaction. Not an administrative act, so
/// no audit entry: the invitation itself was audited.
pub async fn accept(
    app: &App,
    form: AcceptForm<'_>,
    client: &ClientInfo,
) -> Result<SignedIn, AppError> {
    let name = DisplayName::parse(form.name)?;
    let password = Password::parse(form.password)?;
    check_link(app, form.secret).await?;
    let password_hash = crate::passwords::hash(password.expose().to_owned()).await?;

    let now = app.now();
    let mut tx = app.store().begin().await?;
    // Checked again inside the transaction: the link may have been used or revoked
    // while the password was being hashed.
    let invitation = usable(&mut tx, form.secret, now).await?;
    let email = Email::parse(&invitation.email)?;
    let user = crate::accounts::insert_account(
        app,
        &mut tx,
        invitation.network_id,
        &email,
        &name,
        invitation.role,
        Some(&password_hash),
    )
    .await?;
    crate::guests::on_accepted(&mut tx, &invitation, user.id).await?;
    if !invitations::mark_accepted(&mut tx, invitation.id, user.id, now).await? {
        return Err(AppError::Unauthenticated(
            "this invitation has already been used; sign in instead",
        ));
    }
    let signed_in = sessions::start(app, &mut tx, user, client).await?;
    tx.commit().await?;
    tracing::info!(
        invitation.id = %invitation.id,
        user.id = %signed_in.user.id,
        "invitation accepted"
    );
    Ok(signed_in)
}
