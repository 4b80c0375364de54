//! The `node_orders` table: orders every node must carry out even when no bus joins
//! the processes, such as closing a deactivated person's live connections when the
//! deactivation came from the command line. Nodes poll it; old orders are forgotten.

use crate::{Conn, StoreError};
use hearth_domain::Millis;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NodeOrderRow {
    pub id: i64,
    pub payload: String,
    pub created_at: Millis,
}

pub async fn insert(db: &mut Conn, row: &NodeOrderRow) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO node_orders (id, payload, created_at) VALUES ($1, $2, $3)")
        .bind(row.id)
        .bind(&row.payload)
        .bind(row.created_at)
        .execute(db)
        .await?;
    Ok(())
}

/// Orders written at or after `since`, oldest first.
pub async fn since(db: &mut Conn, since: Millis) -> Result<Vec<NodeOrderRow>, StoreError> {
    Ok(sqlx::query_as::<_, NodeOrderRow>(
        "SELECT id, payload, created_at FROM node_orders WHERE created_at >= $1 ORDER BY id",
    )
    .bind(since)
    .fetch_all(db)
    .await?)
}

pub async fn purge_before(db: &mut Conn, before: Millis) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM node_orders WHERE created_at < $1")
        .bind(before)
        .execute(db)
        .await?
        .rows_affected())
}
