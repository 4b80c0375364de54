//! The `usage_policies` and `policy_acceptances` tables: each version of a network's
//! usage policy, and who accepted which version.

use crate::{Conn, StoreError};
use hearth_domain::usage_policy::UsagePolicy;
use hearth_domain::{Millis, NetworkId, UserId};

#[derive(sqlx::FromRow)]
struct UsagePolicyRow {
    network_id: i64,
    version: i64,
    body_markdown: String,
    body_html: String,
    published_at: Millis,
    published_by: Option<i64>,
}

impl From<UsagePolicyRow> for UsagePolicy {
    fn from(row: UsagePolicyRow) -> Self {
        Self {
            network_id: NetworkId(row.network_id),
            version: row.version,
            body_markdown: row.body_markdown,
            body_html: row.body_html,
            published_at: row.published_at,
            published_by: row.published_by.map(UserId),
        }
    }
}

const COLUMNS: &str = "network_id, version, body_markdown, body_html, published_at, published_by";

pub async fn insert(db: &mut Conn, policy: &UsagePolicy) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "INSERT INTO usage_policies ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"
    ))
    .bind(policy.network_id.0)
    .bind(policy.version)
    .bind(&policy.body_markdown)
    .bind(&policy.body_html)
    .bind(policy.published_at)
    .bind(policy.published_by.map(|id| id.0))
    .execute(db)
    .await?;
    Ok(())
}

/// The network's newest version, if any was published.
pub async fn current(db: &mut Conn, network: NetworkId) -> Result<Option<UsagePolicy>, StoreError> {
    Ok(sqlx::query_as::<_, UsagePolicyRow>(&format!(
        "SELECT {COLUMNS} FROM usage_policies WHERE network_id = $1 \
         ORDER BY version DESC LIMIT 1"
    ))
    .bind(network.0)
    .fetch_optional(db)
    .await?
    .map(UsagePolicy::from))
}

/// The current version when this person has not accepted it yet, else `None` (also
/// when no policy exists). One statement over two primary keys: it runs on every
/// request.
pub async fn pending_version(
    db: &mut Conn,
    network: NetworkId,
    user: UserId,
) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(&pending_sql("$1", "$2"))
        .bind(network.0)
        .bind(user.0)
        .fetch_optional(db)
        .await?)
}

/// The statement answering the network's current policy version when the person
/// has not accepted it, and no row otherwise; also a scalar subquery of the
/// statements that find who is calling, so no request asks it separately.
pub(crate) fn pending_sql(network: &str, user: &str) -> String {
    format!(
        "SELECT p.version FROM usage_policies p WHERE p.network_id = {network} \
         AND NOT EXISTS (SELECT 1 FROM policy_acceptances a \
                         WHERE a.user_id = {user} AND a.version = p.version) \
         AND NOT EXISTS (SELECT 1 FROM usage_policies newer \
                         WHERE newer.network_id = p.network_id AND newer.version > p.version)"
    )
}

/// Records that the person accepted this version; accepting twice changes nothing.
pub async fn accept(
    db: &mut Conn,
    user: UserId,
    version: i64,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO policy_acceptances (user_id, version, accepted_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, version) DO NOTHING",
    )
    .bind(user.0)
    .bind(version)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn has_accepted(db: &mut Conn, user: UserId, version: i64) -> Result<bool, StoreError> {
    let found: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM policy_acceptances WHERE user_id = $1 AND version = $2",
    )
    .bind(user.0)
    .bind(version)
    .fetch_one(db)
    .await?;
    Ok(found > 0)
}

/// How many people of the network accepted this version.
pub async fn count_accepted(
    db: &mut Conn,
    network: NetworkId,
    version: i64,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM policy_acceptances a JOIN users u ON u.id = a.user_id \
         WHERE u.network_id = $1 AND a.version = $2",
    )
    .bind(network.0)
    .bind(version)
    .fetch_one(db)
    .await?)
}
