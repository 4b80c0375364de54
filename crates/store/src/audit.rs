//! The `audit_log` table. Entries are only ever inserted; the schema's triggers
//! refuse updates and deletes, so nothing in Hearth can rewrite history.

use crate::{Conn, StoreError};
use hearth_domain::audit::AuditFilter;
use hearth_domain::{AuditActorKind, AuditEntry, NetworkId};

const COLUMNS: &str = "id, network_id, actor_kind, actor_id, actor_name, action, target_kind, \
    target_id, target_name, reason, client_ip, details, created_at";

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    network_id: i64,
    actor_kind: String,
    actor_id: Option<i64>,
    actor_name: String,
    action: String,
    target_kind: String,
    target_id: Option<i64>,
    target_name: String,
    reason: String,
    client_ip: String,
    details: String,
    created_at: i64,
}

impl TryFrom<AuditRow> for AuditEntry {
    type Error = StoreError;

    fn try_from(row: AuditRow) -> Result<Self, StoreError> {
        let actor_kind = AuditActorKind::parse(&row.actor_kind)
            .ok_or_else(|| StoreError::Corrupt(format!("audit actor kind {:?}", row.actor_kind)))?;
        Ok(AuditEntry {
            id: row.id,
            network_id: NetworkId(row.network_id),
            actor_kind,
            actor_id: row.actor_id,
            actor_name: row.actor_name,
            action: row.action,
            target_kind: row.target_kind,
            target_id: row.target_id,
            target_name: row.target_name,
            reason: row.reason,
            client_ip: row.client_ip,
            details: row.details,
            created_at: row.created_at,
        })
    }
}

pub async fn insert(db: &mut Conn, entry: &AuditEntry) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "INSERT INTO audit_log ({COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    ))
    .bind(entry.id)
    .bind(entry.network_id.0)
    .bind(entry.actor_kind.as_str())
    .bind(entry.actor_id)
    .bind(&entry.actor_name)
    .bind(&entry.action)
    .bind(&entry.target_kind)
    .bind(entry.target_id)
    .bind(&entry.target_name)
    .bind(&entry.reason)
    .bind(&entry.client_ip)
    .bind(&entry.details)
    .bind(entry.created_at)
    .execute(db)
    .await?;
    Ok(())
}

/// A page of a network's entries matching `filter`, newest first, before the cursor
/// id (`i64::MAX` for the first page).
pub async fn page(
    db: &mut Conn,
    network: NetworkId,
    filter: &AuditFilter,
    before: i64,
    limit: i64,
) -> Result<Vec<AuditEntry>, StoreError> {
    // Absent filters are bound as values that match every row, so one statement
    // serves every combination and keeps its plan.
    let rows = sqlx::query_as::<_, AuditRow>(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE network_id = $1 AND id < $2 \
         AND ($3 = '' OR action = $3) AND ($4 = 0 OR actor_id = $4) \
         AND ($5 = 0 OR target_id = $5) AND created_at >= $6 AND created_at < $7 \
         ORDER BY id DESC LIMIT $8"
    ))
    .bind(network.0)
    .bind(before)
    .bind(filter.action.clone().unwrap_or_default())
    .bind(filter.actor_id.unwrap_or(0))
    .bind(filter.target_id.unwrap_or(0))
    .bind(filter.from.unwrap_or(i64::MIN))
    .bind(filter.until.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(AuditEntry::try_from).collect()
}
