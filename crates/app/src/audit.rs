//! The audit log: every administrative and moderation use case calls [`record`] in
//! its own transaction, so an act and its entry commit together or not at all.

use crate::{App, AppError};
pub use hearth_domain::audit::AuditFilter;
use hearth_domain::{Actor, AuditAction, AuditActorKind, AuditEntry, NetworkId, policy};
use hearth_store::Conn;
use hearth_store::audit;

/// Who performs an administrative act, and from where; the audit log records both.
#[derive(Debug, Clone, Copy)]
pub struct Acting<'a> {
    pub actor: &'a Actor,
    /// The client's address, or `"command line"` for the operator.
    pub address: &'a str,
    /// The SCIM client acting, by its token's name; the actor is then the operator,
    /// since a provisioning client may do what the operator may, in its network.
    scim_client: Option<&'a str>,
}

impl<'a> Acting<'a> {
    pub fn new(actor: &'a Actor, address: &'a str) -> Self {
        Self {
            actor,
            address,
            scim_client: None,
        }
    }

    /// The operator at the command line.
    pub fn operator() -> Acting<'static> {
        Acting {
            actor: &Actor::Operator,
            address: "command line",
            scim_client: None,
        }
    }

    /// A SCIM client, named by its token, calling from `address`. The caller must
    /// keep it to the token's network: the operator's powers are not bounded by one.
    pub fn scim(client: &'a str, address: &'a str) -> Self {
        Self {
            actor: &Actor::Operator,
            address,
            scim_client: Some(client),
        }
    }

    /// Whether an identity provider is acting (through SCIM).
    pub fn is_scim(&self) -> bool {
        self.scim_client.is_some()
    }
}

/// What an act was done to.
#[derive(Debug, Clone)]
pub struct Target {
    /// `user`, `post`, `message`, `invitation`, `watch_term`, `network` …
    pub kind: &'static str,
    pub id: Option<i64>,
    /// A readable name at the time of the act (a person's name, a term, an excerpt).
    pub name: String,
}

impl Target {
    pub fn user(user: &hearth_domain::User) -> Self {
        Self {
            kind: "user",
            id: Some(user.id.0),
            name: format!("{} <{}>", user.display_name, user.email),
        }
    }

    pub fn network(id: NetworkId) -> Self {
        Self {
            kind: "network",
            id: Some(id.0),
            name: String::new(),
        }
    }
}

/// Writes one entry in the caller's transaction.
#[expect(
    clippy::too_many_arguments,
    reason = "an audit entry names its network, act, target, reason and details; a struct would only rename them"
)]
pub(crate) async fn record(
    db: &mut Conn,
    app: &App,
    acting: Acting<'_>,
    network: NetworkId,
    action: AuditAction,
    target: Target,
    reason: &str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    let (actor_kind, actor_id, actor_name) = match (acting.actor, acting.scim_client) {
        (_, Some(client)) => (AuditActorKind::Scim, None, format!("SCIM: {client}")),
        (Actor::User(user), None) => (
            AuditActorKind::User,
            Some(user.id.0),
            format!("{} <{}>", user.display_name, user.email),
        ),
        (Actor::Operator, None) => (AuditActorKind::Operator, None, "operator".to_owned()),
    };
    let entry = AuditEntry {
        id: app.next_id(),
        network_id: network,
        actor_kind,
        actor_id,
        actor_name,
        action: action.as_str().to_owned(),
        target_kind: target.kind.to_owned(),
        target_id: target.id,
        target_name: target.name,
        reason: reason.to_owned(),
        client_ip: acting.address.chars().take(64).collect(),
        details: details.to_string(),
        created_at: app.now(),
    };
    audit::insert(db, &entry).await?;
    Ok(())
}

/// Writes one entry, in the caller's transaction, for an act of Hearth itself (actor
/// kind `system`), e.g. the retention policy applied by the server's hourly
/// housekeeping. No person stands behind it, so it has no actor id, and no address.
pub(crate) async fn record_system(
    db: &mut Conn,
    app: &App,
    network: NetworkId,
    action: AuditAction,
    target: Target,
    details: serde_json::Value,
) -> Result<(), AppError> {
    let entry = AuditEntry {
        id: app.next_id(),
        network_id: network,
        actor_kind: AuditActorKind::System,
        actor_id: None,
        actor_name: "Hearth".to_owned(),
        action: action.as_str().to_owned(),
        target_kind: target.kind.to_owned(),
        target_id: target.id,
        target_name: target.name,
        reason: String::new(),
        client_ip: "server".to_owned(),
        details: details.to_string(),
        created_at: app.now(),
    };
    audit::insert(db, &entry).await?;
    Ok(())
}

/// The network an administrative act applies to: the acting admin's own, or for the
/// operator the home network.
pub(crate) async fn network_of(db: &mut Conn, actor: &Actor) -> Result<NetworkId, AppError> {
    match actor {
        Actor::User(user) => Ok(user.network_id),
        Actor::Operator => hearth_store::networks::home(db)
            .await?
            .map(|home| home.id)
            .ok_or(AppError::NotFound("network")),
    }
}

/// The most entries one page holds.
pub const MAX_PAGE: i64 = 500;

/// A page of the log, newest first, for admins, compliance officers and the operator.
pub async fn list(
    app: &App,
    actor: &Actor,
    filter: &AuditFilter,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>, AppError> {
    policy::may_audit(actor)?;
    let mut db = app.store().conn().await?;
    let network = network_of(&mut db, actor).await?;
    Ok(audit::page(
        &mut db,
        network,
        filter,
        before.unwrap_or(i64::MAX),
        limit.clamp(1, MAX_PAGE),
    )
    .await?)
}
