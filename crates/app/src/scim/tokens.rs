//! SCIM bearer tokens: one per identity provider connection, created by an admin or
//! the operator for their network, shown once, stored hashed, revocable; creating
//! and revoking them is audited.

use crate::audit::{self, Acting, Target};
use crate::{App, AppError, secrets};
use hearth_domain::{AuditAction, Millis, NetworkId, ScimTokenId, TokenName, UserId, policy};
use hearth_store::scim::{self as store, ScimTokenRow};

/// Every SCIM token starts with this, so a leaked one is easy to recognise.
pub const SCIM_TOKEN_PREFIX: &str = "hscim_";

/// Token use is recorded at most once a minute, to keep reads from becoming writes.
const TOUCH_INTERVAL_MILLIS: i64 = 60_000;

/// A SCIM client's token as the console lists it; its secret is never read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimToken {
    pub id: ScimTokenId,
    pub network_id: NetworkId,
    pub name: String,
    /// `None` when the operator created it from the command line.
    pub created_by: Option<UserId>,
    pub created_at: Millis,
    /// Recorded at most once a minute.
    pub last_used_at: Option<Millis>,
    pub revoked_at: Option<Millis>,
}

impl From<ScimTokenRow> for ScimToken {
    fn from(row: ScimTokenRow) -> Self {
        Self {
            id: ScimTokenId(row.id),
            network_id: NetworkId(row.network_id),
            name: row.name,
            created_by: row.created_by.map(UserId),
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            revoked_at: row.revoked_at,
        }
    }
}

/// A freshly created token. `secret` is shown once and never stored.
#[derive(Debug)]
pub struct NewScimToken {
    pub token: ScimToken,
    pub secret: String,
}

/// Creates a token for the acting admin's network (the home network for the operator).
pub async fn create(app: &App, acting: Acting<'_>, name: &str) -> Result<NewScimToken, AppError> {
    policy::may_administer_people(acting.actor)?;
    let name = TokenName::parse(name)?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let secret = secrets::generate(SCIM_TOKEN_PREFIX);
    let token = ScimTokenRow {
        id: app.next_id(),
        network_id: network.0,
        name: name.as_str().to_owned(),
        created_by: match acting.actor {
            hearth_domain::Actor::User(admin) => Some(admin.id.0),
            hearth_domain::Actor::Operator => None,
        },
        created_at: app.now(),
        last_used_at: None,
        revoked_at: None,
    };
    store::insert_token(&mut tx, &token, &secrets::hash(&secret)).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::ScimTokenCreated,
        target(&token),
        "",
        serde_json::json!({ "token_id": token.id.to_string() }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(network.id = %network, scim_token.id = token.id, "SCIM token created");
    Ok(NewScimToken {
        token: token.into(),
        secret,
    })
}

/// The tokens of the acting admin's network, newest first (secrets are never listed).
pub async fn list(app: &App, actor: &hearth_domain::Actor) -> Result<Vec<ScimToken>, AppError> {
    policy::may_administer_people(actor)?;
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    let rows = store::tokens(&mut db, network).await?;
    Ok(rows.into_iter().map(ScimToken::from).collect())
}

/// Revokes a token of the acting admin's network; its client is refused at once.
pub async fn revoke(app: &App, acting: Acting<'_>, id: ScimTokenId) -> Result<ScimToken, AppError> {
    policy::may_administer_people(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let token = store::get_token(&mut tx, network, id.0)
        .await?
        .ok_or(AppError::NotFound("SCIM token"))?;
    let now = app.now();
    if !store::revoke_token(&mut tx, network, id.0, now).await? {
        return Err(AppError::Conflict {
            message: "this SCIM token is already revoked".to_owned(),
            field: None,
        });
    }
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::ScimTokenRevoked,
        target(&token),
        "",
        serde_json::json!({ "token_id": token.id.to_string() }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(network.id = %network, scim_token.id = %id, "SCIM token revoked");
    Ok(ScimToken {
        revoked_at: Some(now),
        ..token.into()
    })
}

/// Resolves a SCIM bearer secret to its live token, or refuses it.
pub(crate) async fn authenticate(app: &App, secret: &str) -> Result<ScimTokenRow, AppError> {
    const INVALID: &str = "the SCIM token is invalid or has been revoked";
    if !secret.starts_with(SCIM_TOKEN_PREFIX) {
        return Err(AppError::Unauthenticated(INVALID));
    }
    let mut db = app.store().conn().await?;
    let token = store::find_live_token(&mut db, &secrets::hash(secret))
        .await?
        .ok_or(AppError::Unauthenticated(INVALID))?;
    let now = app.now();
    if token
        .last_used_at
        .is_none_or(|used| now - used >= TOUCH_INTERVAL_MILLIS)
    {
        store::touch_token(&mut db, token.id, now).await?;
    }
    Ok(token)
}

fn target(token: &ScimTokenRow) -> Target {
    Target {
        kind: "scim_token",
        id: Some(token.id),
        name: token.name.clone(),
    }
}
