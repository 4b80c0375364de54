//! The `external_identities` table (who a person is at an OpenID Connect provider),
//! and the network's "require single sign-on" setting.

use crate::{Conn, StoreError};
use hearth_domain::{Millis, NetworkId, UserId};

/// The account linked to the provider's `subject`, if any.
pub async fn find_user(
    db: &mut Conn,
    issuer: &str,
    subject: &str,
) -> Result<Option<UserId>, StoreError> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM external_identities WHERE issuer = $1 AND subject = $2",
    )
    .bind(issuer)
    .bind(subject)
    .fetch_optional(db)
    .await?;
    Ok(id.map(UserId))
}

/// The subject by which `issuer` knows the account, if the account is linked to it.
pub async fn subject_of(
    db: &mut Conn,
    user: UserId,
    issuer: &str,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT subject FROM external_identities WHERE user_id = $1 AND issuer = $2",
    )
    .bind(user.0)
    .bind(issuer)
    .fetch_optional(db)
    .await?)
}

/// Links the provider's `subject` to an account; a second link of the same subject,
/// or a second subject of the same issuer for the account, is a conflict.
pub async fn link(
    db: &mut Conn,
    issuer: &str,
    subject: &str,
    user: UserId,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO external_identities (issuer, subject, user_id, created_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(issuer)
    .bind(subject)
    .bind(user.0)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// A link as the admin console lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkedIdentity {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub issuer: String,
    pub created_at: i64,
}

/// How many people of the network are linked to a provider account.
pub async fn count_linked(db: &mut Conn, network: NetworkId) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM external_identities e JOIN users u ON u.id = e.user_id \
         WHERE u.network_id = $1",
    )
    .bind(network.0)
    .fetch_one(db)
    .await?)
}

/// The network's newest links, newest first.
pub async fn recent_links(
    db: &mut Conn,
    network: NetworkId,
    limit: i64,
) -> Result<Vec<LinkedIdentity>, StoreError> {
    Ok(sqlx::query_as::<_, LinkedIdentity>(
        "SELECT u.id AS user_id, u.display_name, u.email, e.issuer, e.created_at \
         FROM external_identities e JOIN users u ON u.id = e.user_id \
         WHERE u.network_id = $1 ORDER BY e.created_at DESC, u.id DESC LIMIT $2",
    )
    .bind(network.0)
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// Whether the network's employees must sign in through the identity provider.
pub async fn sso_required(db: &mut Conn, network: NetworkId) -> Result<bool, StoreError> {
    let required: Option<i64> =
        sqlx::query_scalar("SELECT sso_required FROM networks WHERE id = $1")
            .bind(network.0)
            .fetch_optional(db)
            .await?;
    Ok(required.unwrap_or(0) != 0)
}

/// Whether each single sign-on refreshes name, department and job title from the
/// provider's claims.
pub async fn profile_from_provider(db: &mut Conn, network: NetworkId) -> Result<bool, StoreError> {
    let from_provider: Option<i64> =
        sqlx::query_scalar("SELECT sso_profile_from_provider FROM networks WHERE id = $1")
            .bind(network.0)
            .fetch_optional(db)
            .await?;
    Ok(from_provider.unwrap_or(0) != 0)
}

pub async fn set_profile_from_provider(
    db: &mut Conn,
    network: NetworkId,
    from_provider: bool,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE networks SET sso_profile_from_provider = $1 WHERE id = $2")
        .bind(i64::from(from_provider))
        .bind(network.0)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn set_sso_required(
    db: &mut Conn,
    network: NetworkId,
    required: bool,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE networks SET sso_required = $1 WHERE id = $2")
        .bind(i64::from(required))
        .bind(network.0)
        .execute(db)
        .await?;
    Ok(())
}
