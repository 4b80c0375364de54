//! The `events` table: what the live stream delivered, read back by clients that
//! return after a dropped connection or a restart.

use crate::{Conn, StoreError};
use hearth_domain::{NetworkId, UserId};

/// Who an event is for. Read back, the scope is resolved against the reader's current
/// memberships, so whoever left a conversation or community stops receiving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Network,
    User(UserId),
    Conversation(i64),
    Community(i64),
}

impl Scope {
    fn parts(self, network: NetworkId) -> (&'static str, i64) {
        match self {
            Self::Network => ("network", network.0),
            Self::User(id) => ("user", id.0),
            Self::Conversation(id) => ("conversation", id),
            Self::Community(id) => ("community", id),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub created_at: i64,
}

pub async fn insert(
    db: &mut Conn,
    network: NetworkId,
    scope: Scope,
    row: &EventRow,
) -> Result<(), StoreError> {
    let (scope, scope_id) = scope.parts(network);
    sqlx::query(
        "INSERT INTO events (id, network_id, kind, scope, scope_id, payload, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(row.id)
    .bind(network.0)
    .bind(&row.kind)
    .bind(scope)
    .bind(scope_id)
    .bind(&row.payload)
    .bind(row.created_at)
    .execute(db)
    .await?;
    Ok(())
}

/// `since`, with `$1` network, `$2` person, `$3` after, `$4` limit; public so the
/// schema tests can check its plan.
pub const SINCE_SQL: &str = "SELECT id, kind, payload, created_at FROM ( \
           SELECT id, kind, payload, created_at FROM events \
           WHERE scope = 'network' AND scope_id = $1 AND id > $3 \
           UNION ALL \
           SELECT id, kind, payload, created_at FROM events \
           WHERE scope = 'user' AND scope_id = $2 AND id > $3 \
           UNION ALL \
           SELECT id, kind, payload, created_at FROM events \
           WHERE scope = 'conversation' AND id > $3 AND scope_id IN \
             (SELECT conversation_id FROM conversation_members WHERE user_id = $2) \
           UNION ALL \
           SELECT id, kind, payload, created_at FROM events \
           WHERE scope = 'community' AND id > $3 AND scope_id IN \
             (SELECT community_id FROM community_members \
              WHERE user_id = $2 AND state = 'member') \
         ) missed ORDER BY id LIMIT $4";

/// The events a person may receive with an id above `after`, oldest first: one
/// index range per scope the person belongs to, merged.
pub async fn since(
    db: &mut Conn,
    network: NetworkId,
    user: UserId,
    after: i64,
    limit: i64,
) -> Result<Vec<EventRow>, StoreError> {
    let rows = sqlx::query_as::<_, EventRow>(SINCE_SQL)
        .bind(network.0)
        .bind(user.0)
        .bind(after)
        .bind(limit)
        .fetch_all(db)
        .await?;
    Ok(rows)
}

/// Forgets events older than `before` (a time); answers how many went.
pub async fn purge_before(db: &mut Conn, before: i64) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM events WHERE created_at < $1")
        .bind(before)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}
