//! The `thread_subscriptions` table: who asked to hear of every reply in a thread,
//! and who asked not to.

use crate::{Conn, StoreError};
use hearth_domain::{Millis, PostId, UserId};

/// Someone's choice about one thread; none means "as a participant would": told of
/// replies once they took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Following,
    Muted,
}

impl Choice {
    fn as_str(self) -> &'static str {
        match self {
            Self::Following => "following",
            Self::Muted => "muted",
        }
    }
}

pub async fn choice(
    db: &mut Conn,
    root: PostId,
    user: UserId,
) -> Result<Option<Choice>, StoreError> {
    let state: Option<String> = sqlx::query_scalar(
        "SELECT state FROM thread_subscriptions WHERE root_id = $1 AND user_id = $2",
    )
    .bind(root.0)
    .bind(user.0)
    .fetch_optional(db)
    .await?;
    Ok(match state.as_deref() {
        Some("following") => Some(Choice::Following),
        Some("muted") => Some(Choice::Muted),
        _ => None,
    })
}

pub async fn set(
    db: &mut Conn,
    root: PostId,
    user: UserId,
    choice: Choice,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO thread_subscriptions (root_id, user_id, state, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (root_id, user_id) DO UPDATE SET state = excluded.state",
    )
    .bind(root.0)
    .bind(user.0)
    .bind(choice.as_str())
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Whether this person took part in the thread: wrote its post or a reply still there.
pub async fn took_part(db: &mut Conn, root: PostId, user: UserId) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM posts WHERE (id = $1 OR root_id = $1) AND author_id = $2 \
         AND deleted_at IS NULL LIMIT 1",
    )
    .bind(root.0)
    .bind(user.0)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}
