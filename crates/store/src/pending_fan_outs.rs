//! The `pending_fan_outs` table: new posts whose notifications are still to be
//! written, each left by the post's own transaction.

use crate::{Conn, StoreError};
use hearth_domain::{Millis, NetworkId, Post, PostId};

/// A post waiting to be told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingFanOut {
    pub network: NetworkId,
    pub post: PostId,
}

impl From<&Post> for PendingFanOut {
    fn from(post: &Post) -> Self {
        Self {
            network: post.network_id,
            post: post.id,
        }
    }
}

/// Leaves the post to be told about after the caller's transaction commits.
pub async fn insert(db: &mut Conn, pending: PendingFanOut, now: Millis) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO pending_fan_outs (post_id, network_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(pending.post.0)
    .bind(pending.network.0)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Takes the post off the list in the caller's transaction, if its progress is
/// still `from`: false when someone else told about it or went on meanwhile.
pub async fn take(db: &mut Conn, post: PostId, from: i64) -> Result<bool, StoreError> {
    let deleted = sqlx::query("DELETE FROM pending_fan_outs WHERE post_id = $1 AND progress = $2")
        .bind(post.0)
        .bind(from)
        .execute(db)
        .await?
        .rows_affected();
    Ok(deleted == 1)
}

/// Takes the post off the list whatever its progress, e.g. when it is given up.
pub async fn drop_post(db: &mut Conn, post: PostId) -> Result<bool, StoreError> {
    let deleted = sqlx::query("DELETE FROM pending_fan_outs WHERE post_id = $1")
        .bind(post.0)
        .execute(db)
        .await?
        .rows_affected();
    Ok(deleted == 1)
}

/// How many of the people the post concerns have been told so far; `None` once it
/// is no longer waiting.
pub async fn progress(db: &mut Conn, post: PostId) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT progress FROM pending_fan_outs WHERE post_id = $1")
            .bind(post.0)
            .fetch_optional(db)
            .await?,
    )
}

/// Records in the caller's transaction that the people from `from` to `to` are told:
/// false when the progress is no longer `from`, because someone else went on.
pub async fn advance(db: &mut Conn, post: PostId, from: i64, to: i64) -> Result<bool, StoreError> {
    let moved = sqlx::query(
        "UPDATE pending_fan_outs SET progress = $1 WHERE post_id = $2 AND progress = $3",
    )
    .bind(to)
    .bind(post.0)
    .bind(from)
    .execute(db)
    .await?
    .rows_affected();
    Ok(moved == 1)
}

/// The oldest posts left waiting since `before` or earlier.
pub async fn left_since(
    db: &mut Conn,
    before: Millis,
    limit: i64,
) -> Result<Vec<PendingFanOut>, StoreError> {
    Ok(sqlx::query_as::<_, (i64, i64)>(
        "SELECT network_id, post_id FROM pending_fan_outs WHERE created_at <= $1 \
         ORDER BY created_at, post_id LIMIT $2",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(network, post)| PendingFanOut {
        network: NetworkId(network),
        post: PostId(post),
    })
    .collect())
}

/// Counts a failed attempt; answers how many there have been.
pub async fn failed(db: &mut Conn, post: PostId) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "UPDATE pending_fan_outs SET attempts = attempts + 1 WHERE post_id = $1 RETURNING attempts",
    )
    .bind(post.0)
    .fetch_optional(db)
    .await?
    .unwrap_or(0))
}

/// How many posts wait to be told about.
pub async fn count(db: &mut Conn) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM pending_fan_outs")
            .fetch_one(db)
            .await?,
    )
}
