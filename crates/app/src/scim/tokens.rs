//! SCIM bearer tokens: one per identity provider connection, created by an admin or
//! the operator for their network, shown once, stored hashed, revocable; creating
//! and revoking them is audited.

use crate::audit::{self, Acting, Target};
use crate::{App, AppError, secrets};
use hearth_domain::{AuditAction, TokenName, policy};
use hearth_store::scim::{self as store, ScimTokenRow};

/// Every SCIM token starts with this, so a leaked one is easy to recognise.
pub const SCIM_TOKEN_PREFIX: &str = "hscim_";

/// Token use is recorded at most once a minute, to keep reads from becoming writes.
const TOUCH_INTERVAL_MILLIS: i64 = 60_000;

/// A freshly created token. `secret` is shown once and never stored.
#[derive(Debug)]
pub struct NewScimToken {
    pub token: ScimTokenRow,
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
    Ok(NewScimToken { token, secret })
}

/// The tokens of the acting admin's network, newest first (secrets are never listed).
pub async fn list(app: &App, actor: &hearth_domain::Actor) -> Result<Vec<ScimTokenRow>, AppError> {
    policy::may_administer_people(actor)?;
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    Ok(store::tokens(&mut db, network).await?)
}

/// Revokes a token of the acting admin's network; its client is refused at once.
pub async fn revoke(app: &App, acting: Acting<'_>, id: i64) -> Result<ScimTokenRow, AppError> {
    policy::may_administer_people(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let token = store::get_token(&mut tx, network, id)
        .await?
        .ok_or(AppError::NotFound("SCIM token"))?;
    let now = app.now();
    if !store::revoke_token(&mut tx, network, id, now).await? {
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
    tracing::info!(network.id = %network, scim_token.id = id, "SCIM token revoked");
    Ok(ScimTokenRow {
        revoked_at: Some(now),
        ..token
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
