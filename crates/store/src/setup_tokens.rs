//! The `setup_tokens` table: one-time links that create the home network.

use crate::{Conn, StoreError};
use hearth_domain::Millis;

/// Replaces any earlier link: only the link printed last works.
pub async fn replace(
    db: &mut Conn,
    secret_hash: &str,
    expires_at: Millis,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM setup_tokens")
        .execute(&mut *db)
        .await?;
    sqlx::query("INSERT INTO setup_tokens (secret_hash, expires_at) VALUES ($1, $2)")
        .bind(secret_hash)
        .bind(expires_at)
        .execute(db)
        .await?;
    Ok(())
}

/// Whether an unexpired link with this hash exists.
pub async fn is_valid(db: &mut Conn, secret_hash: &str, now: Millis) -> Result<bool, StoreError> {
    let found: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM setup_tokens WHERE secret_hash = $1 AND expires_at > $2",
    )
    .bind(secret_hash)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(found > 0)
}

/// Uses the link up: answers whether it was valid, and removes every link.
pub async fn consume(db: &mut Conn, secret_hash: &str, now: Millis) -> Result<bool, StoreError> {
    let valid = is_valid(&mut *db, secret_hash, now).await?;
    sqlx::query("DELETE FROM setup_tokens").execute(db).await?;
    Ok(valid)
}
