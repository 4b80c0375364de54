//! Moderation: `reports` (the queue), `moderation_actions` (moderators' decisions,
//! which authors are shown) and `watch_terms` (the keyword watch list).

use crate::{Conn, StoreError, placeholders};
use hearth_domain::moderation::{Report, WatchTerm};
use hearth_domain::post::{ContentKind, WatchMode};
use hearth_domain::{CommunityId, Millis, NetworkId, ReportId, UserId, WatchTermId};
use std::collections::HashMap;

/// A report about to be written; it starts open.
#[derive(Debug, Clone)]
pub struct NewReport<'a> {
    pub id: ReportId,
    pub network_id: NetworkId,
    pub reporter_id: Option<UserId>,
    pub target_kind: ContentKind,
    pub target_id: i64,
    pub community_id: Option<CommunityId>,
    pub reason: &'a str,
    pub created_at: Millis,
}

#[derive(sqlx::FromRow)]
struct ReportRow {
    id: i64,
    network_id: i64,
    reporter_id: Option<i64>,
    reporter_name: Option<String>,
    target_kind: String,
    target_id: i64,
    community_id: Option<i64>,
    reason: String,
    created_at: i64,
}

impl TryFrom<ReportRow> for Report {
    type Error = StoreError;

    fn try_from(row: ReportRow) -> Result<Self, StoreError> {
        Ok(Report {
            id: ReportId(row.id),
            network_id: NetworkId(row.network_id),
            reporter_id: row.reporter_id.map(UserId),
            reporter_name: row.reporter_name.unwrap_or_default(),
            target_kind: ContentKind::parse(&row.target_kind).ok_or_else(|| {
                StoreError::Corrupt(format!("report target kind {:?}", row.target_kind))
            })?,
            target_id: row.target_id,
            community_id: row.community_id.map(CommunityId),
            reason: row.reason,
            created_at: row.created_at,
        })
    }
}

const REPORT_COLUMNS: &str = "r.id, r.network_id, r.reporter_id, u.display_name AS reporter_name, \
    r.target_kind, r.target_id, r.community_id, r.reason, r.created_at";

pub async fn insert_report(db: &mut Conn, report: &NewReport<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO reports (id, network_id, reporter_id, target_kind, target_id, community_id, \
         reason, state, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8)",
    )
    .bind(report.id.0)
    .bind(report.network_id.0)
    .bind(report.reporter_id.map(|u| u.0))
    .bind(report.target_kind.as_str())
    .bind(report.target_id)
    .bind(report.community_id.map(|c| c.0))
    .bind(report.reason)
    .bind(report.created_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Whether this reporter (`None`: the watch list) has an open report of the target.
pub async fn has_open_report(
    db: &mut Conn,
    reporter: Option<UserId>,
    kind: ContentKind,
    target: i64,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM reports WHERE target_kind = $1 AND target_id = $2 AND state = 'open' \
         AND ((reporter_id IS NULL AND $3 = 0) OR reporter_id = $4) LIMIT 1",
    )
    .bind(kind.as_str())
    .bind(target)
    .bind(i64::from(reporter.is_some()))
    .bind(reporter.map_or(0, |u| u.0))
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// Whether anyone (or the watch list) ever reported the target.
pub async fn ever_reported(
    db: &mut Conn,
    kind: ContentKind,
    target: i64,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM reports WHERE target_kind = $1 AND target_id = $2 LIMIT 1",
    )
    .bind(kind.as_str())
    .bind(target)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// One open report of the network.
pub async fn open_report(
    db: &mut Conn,
    network: NetworkId,
    id: ReportId,
) -> Result<Option<Report>, StoreError> {
    sqlx::query_as::<_, ReportRow>(&format!(
        "SELECT {REPORT_COLUMNS} FROM reports r LEFT JOIN users u ON u.id = r.reporter_id \
         WHERE r.network_id = $1 AND r.id = $2 AND r.state = 'open'"
    ))
    .bind(network.0)
    .bind(id.0)
    .fetch_optional(db)
    .await?
    .map(Report::try_from)
    .transpose()
}

/// The open reports of a network, oldest first: all of them (`None`) or those of
/// posts in these communities.
pub async fn open_reports(
    db: &mut Conn,
    network: NetworkId,
    communities: Option<&[CommunityId]>,
    limit: i64,
) -> Result<Vec<Report>, StoreError> {
    let rows = match communities {
        None => {
            sqlx::query_as::<_, ReportRow>(&format!(
                "SELECT {REPORT_COLUMNS} FROM reports r LEFT JOIN users u ON u.id = r.reporter_id \
                 WHERE r.network_id = $1 AND r.state = 'open' ORDER BY r.id LIMIT $2"
            ))
            .bind(network.0)
            .bind(limit)
            .fetch_all(db)
            .await?
        }
        Some([]) => Vec::new(),
        Some(ids) => {
            let sql = format!(
                "SELECT {REPORT_COLUMNS} FROM reports r LEFT JOIN users u ON u.id = r.reporter_id \
                 WHERE r.network_id = $1 AND r.state = 'open' AND r.target_kind = 'post' \
                 AND r.community_id IN ({}) ORDER BY r.id LIMIT $2",
                placeholders(3, ids.len())
            );
            let mut query = sqlx::query_as::<_, ReportRow>(&sql)
                .persistent(crate::keep_prepared(ids.len()))
                .bind(network.0)
                .bind(limit);
            for id in ids {
                query = query.bind(id.0);
            }
            query.fetch_all(db).await?
        }
    };
    rows.into_iter().map(Report::try_from).collect()
}

/// Closes every open report of a target as `resolved` or `dismissed`; answers how
/// many there were.
pub async fn close_reports(
    db: &mut Conn,
    kind: ContentKind,
    target: i64,
    state: &str,
    by: UserId,
    resolution: &str,
    now: Millis,
) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE reports SET state = $1, resolved_by = $2, resolved_at = $3, resolution = $4 \
         WHERE target_kind = $5 AND target_id = $6 AND state = 'open'",
    )
    .bind(state)
    .bind(by.0)
    .bind(now)
    .bind(resolution)
    .bind(kind.as_str())
    .bind(target)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// A moderator's decision (`moderator: None` for the watch list holding a post).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub action: String,
    pub reason: String,
    pub created_at: Millis,
}

/// Records one decision on one piece of content.
#[expect(
    clippy::too_many_arguments,
    reason = "one value per column of the row written; callers name each at the call"
)]
pub async fn insert_action(
    db: &mut Conn,
    id: i64,
    network: NetworkId,
    kind: ContentKind,
    target: i64,
    action: &str,
    reason: &str,
    moderator: Option<UserId>,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO moderation_actions (id, network_id, target_kind, target_id, action, reason, \
         moderator_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(network.0)
    .bind(kind.as_str())
    .bind(target)
    .bind(action)
    .bind(reason)
    .bind(moderator.map(|u| u.0))
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// The latest decision of one of these `actions` on each of these targets that has
/// one.
pub async fn latest_decisions(
    db: &mut Conn,
    kind: ContentKind,
    targets: &[i64],
    actions: &[&str],
) -> Result<HashMap<i64, Decision>, StoreError> {
    if targets.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT target_id, action, reason, created_at FROM moderation_actions \
         WHERE target_kind = $1 AND target_id IN ({}) ORDER BY target_id, id",
        placeholders(2, targets.len())
    );
    let mut query = sqlx::query_as::<_, (i64, String, String, i64)>(&sql)
        .persistent(crate::keep_prepared(targets.len()))
        .bind(kind.as_str());
    for id in targets {
        query = query.bind(*id);
    }
    // Ordered by id, so the last row kept for each target is its latest.
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .filter(|(_, action, _, _)| actions.contains(&action.as_str()))
        .map(|(target, action, reason, created_at)| {
            (
                target,
                Decision {
                    action,
                    reason,
                    created_at,
                },
            )
        })
        .collect())
}

/// Every decision on one target, oldest first.
pub async fn decisions(
    db: &mut Conn,
    kind: ContentKind,
    target: i64,
) -> Result<Vec<Decision>, StoreError> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT action, reason, created_at FROM moderation_actions \
         WHERE target_kind = $1 AND target_id = $2 ORDER BY id",
    )
    .bind(kind.as_str())
    .bind(target)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(action, reason, created_at)| Decision {
            action,
            reason,
            created_at,
        })
        .collect())
}

/// The communities this person manages (owner or admin, and a member).
pub async fn managed_communities(
    db: &mut Conn,
    user: UserId,
) -> Result<Vec<CommunityId>, StoreError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT community_id FROM community_members WHERE user_id = $1 AND state = 'member' \
         AND role IN ('owner', 'admin') ORDER BY community_id",
    )
    .bind(user.0)
    .fetch_all(db)
    .await?;
    Ok(ids.into_iter().map(CommunityId).collect())
}

/// Brings a removed message back.
pub async fn restore_message(db: &mut Conn, id: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE messages SET deleted_at = NULL WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

type WatchRow = (i64, i64, String, String, Option<i64>, i64);

fn watch_term(row: WatchRow) -> Result<WatchTerm, StoreError> {
    let (id, network, term, mode, created_by, created_at) = row;
    Ok(WatchTerm {
        id: WatchTermId(id),
        network_id: NetworkId(network),
        term,
        mode: WatchMode::parse(&mode)
            .ok_or_else(|| StoreError::Corrupt(format!("watch mode {mode:?}")))?,
        created_by: created_by.map(UserId),
        created_at,
    })
}

/// Adds a term; a term already watched is a conflict on `term`.
pub async fn insert_term(db: &mut Conn, term: &WatchTerm) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO watch_terms (id, network_id, term, mode, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(term.id.0)
    .bind(term.network_id.0)
    .bind(&term.term)
    .bind(term.mode.as_str())
    .bind(term.created_by.map(|u| u.0))
    .bind(term.created_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The network's watched terms, alphabetically.
pub async fn terms(db: &mut Conn, network: NetworkId) -> Result<Vec<WatchTerm>, StoreError> {
    let rows: Vec<WatchRow> = sqlx::query_as(
        "SELECT id, network_id, term, mode, created_by, created_at FROM watch_terms \
         WHERE network_id = $1 ORDER BY term",
    )
    .bind(network.0)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(watch_term).collect()
}

pub async fn term(
    db: &mut Conn,
    network: NetworkId,
    id: WatchTermId,
) -> Result<Option<WatchTerm>, StoreError> {
    let row: Option<WatchRow> = sqlx::query_as(
        "SELECT id, network_id, term, mode, created_by, created_at FROM watch_terms \
         WHERE network_id = $1 AND id = $2",
    )
    .bind(network.0)
    .bind(id.0)
    .fetch_optional(db)
    .await?;
    row.map(watch_term).transpose()
}

pub async fn delete_term(db: &mut Conn, id: WatchTermId) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM watch_terms WHERE id = $1")
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}
