//! The `api_tokens` table: personal tokens for scripts and the JSON API, stored hashed.

use crate::users::CallerRow;
use crate::{Conn, StoreError};
use hearth_domain::{Millis, TokenId, User, UserId};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

impl TokenRow {
    pub fn id(&self) -> TokenId {
        TokenId(self.id)
    }

    pub fn user_id(&self) -> UserId {
        UserId(self.user_id)
    }
}

const COLUMNS: &str = "id, user_id, name, created_at, last_used_at";

pub async fn insert(db: &mut Conn, row: &TokenRow, secret_hash: &str) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, name, secret_hash, created_at, last_used_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(row.id)
    .bind(row.user_id)
    .bind(&row.name)
    .bind(secret_hash)
    .bind(row.created_at)
    .bind(row.last_used_at)
    .execute(db)
    .await?;
    Ok(())
}

/// A token found by its secret, with the person it belongs to.
#[derive(Debug, Clone)]
pub struct TokenHolder {
    pub token: TokenId,
    pub last_used_at: Option<Millis>,
    pub user: User,
    /// The usage-policy version the holder must still accept, if any.
    pub pending_policy: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct TokenHolderRow {
    token_id: i64,
    token_last_used_at: Option<i64>,
    #[sqlx(flatten)]
    caller: CallerRow,
}

/// The token with this secret and its holder, in one statement: every API request
/// asks this first.
pub async fn find_holder_by_secret_hash(
    db: &mut Conn,
    secret_hash: &str,
) -> Result<Option<TokenHolder>, StoreError> {
    let row = sqlx::query_as::<_, TokenHolderRow>(&format!(
        "SELECT t.id AS token_id, t.last_used_at AS token_last_used_at, {} \
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.secret_hash = $1",
        CallerRow::columns()
    ))
    .bind(secret_hash)
    .fetch_optional(db)
    .await?;
    row.map(|row| {
        let (user, pending_policy) = row.caller.into_parts()?;
        Ok(TokenHolder {
            token: TokenId(row.token_id),
            last_used_at: row.token_last_used_at,
            user,
            pending_policy,
        })
    })
    .transpose()
}

pub async fn list_for_user(db: &mut Conn, user: UserId) -> Result<Vec<TokenRow>, StoreError> {
    Ok(sqlx::query_as::<_, TokenRow>(&format!(
        "SELECT {COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id DESC"
    ))
    .bind(user.0)
    .fetch_all(db)
    .await?)
}

pub async fn touch(db: &mut Conn, id: TokenId, now: Millis) -> Result<(), StoreError> {
    sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Revokes one of a user's tokens; answers whether it existed.
pub async fn delete_for_user(db: &mut Conn, user: UserId, id: TokenId) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
        .bind(id.0)
        .bind(user.0)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Revokes every token of a user; answers how many there were.
pub async fn delete_all_for_user(db: &mut Conn, user: UserId) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
        .bind(user.0)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}
