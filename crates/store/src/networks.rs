//! The `networks` table.

use crate::{Conn, StoreError};
use hearth_domain::poll::AllowedVotes;
use hearth_domain::{Network, NetworkId, NetworkKind};

pub(crate) const COLUMNS: &str = "id, name, kind, created_at, default_language, poll_votes";

#[derive(sqlx::FromRow)]
pub(crate) struct NetworkRow {
    id: i64,
    name: String,
    kind: String,
    created_at: i64,
    default_language: String,
    poll_votes: String,
}

impl TryFrom<NetworkRow> for Network {
    type Error = StoreError;

    fn try_from(row: NetworkRow) -> Result<Self, StoreError> {
        let kind = NetworkKind::parse(&row.kind)
            .ok_or_else(|| StoreError::Corrupt(format!("network kind {:?}", row.kind)))?;
        Ok(Network {
            id: NetworkId(row.id),
            name: row.name,
            kind,
            created_at: row.created_at,
            default_language: row.default_language,
            poll_votes: AllowedVotes::parse(&row.poll_votes).ok_or_else(|| {
                StoreError::Corrupt(format!("network poll votes {:?}", row.poll_votes))
            })?,
        })
    }
}

pub async fn insert(db: &mut Conn, network: &Network) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO networks (id, name, kind, created_at, default_language, poll_votes) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(network.id.0)
    .bind(&network.name)
    .bind(network.kind.as_str())
    .bind(network.created_at)
    .bind(&network.default_language)
    .bind(network.poll_votes.as_str())
    .execute(db)
    .await?;
    Ok(())
}

pub async fn home(db: &mut Conn) -> Result<Option<Network>, StoreError> {
    sqlx::query_as::<_, NetworkRow>(&format!(
        "SELECT {COLUMNS} FROM networks WHERE kind = 'home'"
    ))
    .fetch_optional(db)
    .await?
    .map(Network::try_from)
    .transpose()
}

pub async fn get(db: &mut Conn, id: NetworkId) -> Result<Option<Network>, StoreError> {
    sqlx::query_as::<_, NetworkRow>(&format!("SELECT {COLUMNS} FROM networks WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(db)
        .await?
        .map(Network::try_from)
        .transpose()
}

pub async fn count(db: &mut Conn) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM networks")
        .fetch_one(db)
        .await?)
}

/// The network's retention policy: content older than this many days is deleted;
/// `None` keeps everything.
pub async fn retention_days(db: &mut Conn, id: NetworkId) -> Result<Option<i64>, StoreError> {
    let days: Option<Option<i64>> =
        sqlx::query_scalar("SELECT retention_days FROM networks WHERE id = $1")
            .bind(id.0)
            .fetch_optional(db)
            .await?;
    Ok(days.flatten())
}

pub async fn set_retention_days(
    db: &mut Conn,
    id: NetworkId,
    days: Option<i64>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE networks SET retention_days = $1 WHERE id = $2")
        .bind(days)
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Every network with a retention policy, and its number of days.
pub async fn with_retention(db: &mut Conn) -> Result<Vec<(NetworkId, i64)>, StoreError> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, retention_days FROM networks WHERE retention_days IS NOT NULL ORDER BY id",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, days)| (NetworkId(id), days))
        .collect())
}

/// The network's default language: pages and e-mails for people who chose none.
pub async fn set_default_language(
    db: &mut Conn,
    id: NetworkId,
    language: &str,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE networks SET default_language = $1 WHERE id = $2")
        .bind(language)
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}
