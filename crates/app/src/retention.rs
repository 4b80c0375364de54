//! The network's retention policy: content older than a number of days is deleted,
//! by whole threads and single chat messages (`store::retention` says exactly what
//! goes). Admins and the operator set it and apply it; the server applies it every
//! hour. A dry run counts what would go and changes nothing, not even the audit log.

use crate::audit::{self, Acting, Target};
use crate::{App, AppError};
use hearth_domain::{Actor, AuditAction, Millis, NetworkId, ValidationError, policy};
use hearth_store::{networks, retention};
use serde_json::json;

pub use hearth_domain::retention::RetentionCounts;

/// The longest policy: a hundred years.
pub const MAX_DAYS: i64 = 36_500;

const DAY_MILLIS: i64 = 24 * 3600 * 1000;

/// A run of the policy, real or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionReport {
    pub days: i64,
    /// Content last active before this time goes.
    pub cutoff: Millis,
    pub counts: RetentionCounts,
}

/// Checks a number of days for a policy.
pub fn parse_days(days: i64) -> Result<i64, ValidationError> {
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(ValidationError::new(
            "retention_days",
            format!("retention must be between 1 and {MAX_DAYS} days, or off"),
        ));
    }
    Ok(days)
}

fn cutoff(app: &App, days: i64) -> Millis {
    app.now().saturating_sub(days.saturating_mul(DAY_MILLIS))
}

fn no_policy() -> AppError {
    AppError::Conflict {
        message: "this network keeps everything: set a retention policy first".to_owned(),
        field: Some("retention_days"),
    }
}

/// The network's policy in days; `None` keeps everything.
pub async fn setting(app: &App, actor: &Actor) -> Result<Option<i64>, AppError> {
    policy::may_audit(actor)?;
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    Ok(networks::retention_days(&mut db, network).await?)
}

/// Sets the policy (`None` turns it off). Nothing is deleted until it is applied.
pub async fn set(
    app: &App,
    acting: Acting<'_>,
    days: Option<i64>,
) -> Result<Option<i64>, AppError> {
    policy::may_configure_network(acting.actor)?;
    let days = days.map(parse_days).transpose()?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let before = networks::retention_days(&mut tx, network).await?;
    networks::set_retention_days(&mut tx, network, days).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::RetentionSet,
        Target::network(network),
        "",
        json!({ "before_days": before, "days": days }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(network.id = %network, retention.days = ?days, "retention policy set");
    Ok(days)
}

/// Counts what the policy would delete now, or a policy of `days` if given, without
/// changing anything.
pub async fn dry_run(
    app: &App,
    actor: &Actor,
    days: Option<i64>,
) -> Result<RetentionReport, AppError> {
    policy::may_audit(actor)?;
    let days = days.map(parse_days).transpose()?;
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    let days = match days {
        Some(days) => days,
        None => networks::retention_days(&mut db, network)
            .await?
            .ok_or_else(no_policy)?,
    };
    let cutoff = cutoff(app, days);
    let counts = retention::count(&mut db, network, cutoff).await?;
    Ok(RetentionReport {
        days,
        cutoff,
        counts,
    })
}

/// Applies the network's policy now, as an admin or the operator asks.
pub async fn apply(app: &App, acting: Acting<'_>) -> Result<RetentionReport, AppError> {
    policy::may_configure_network(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let days = networks::retention_days(&mut tx, network)
        .await?
        .ok_or_else(no_policy)?;
    let cutoff = cutoff(app, days);
    let counts = retention::delete(&mut tx, network, cutoff).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::RetentionApplied,
        Target::network(network),
        "",
        details(days, cutoff, counts),
    )
    .await?;
    tx.commit().await?;
    log_applied(network, counts);
    Ok(RetentionReport {
        days,
        cutoff,
        counts,
    })
}

/// Applies every network's policy, as the server does every hour. A run that deletes
/// nothing writes no audit entry, so the log is not filled with empty hours.
pub async fn apply_scheduled(app: &App) -> Result<Vec<(NetworkId, RetentionCounts)>, AppError> {
    let policies = {
        let mut db = app.store().conn().await?;
        networks::with_retention(&mut db).await?
    };
    let mut applied = Vec::new();
    for (network, days) in policies {
        let cutoff = cutoff(app, days);
        let mut tx = app.store().begin().await?;
        let counts = retention::delete(&mut tx, network, cutoff).await?;
        if counts == RetentionCounts::default() {
            continue;
        }
        audit::record_system(
            &mut tx,
            app,
            network,
            AuditAction::RetentionApplied,
            Target::network(network),
            details(days, cutoff, counts),
        )
        .await?;
        tx.commit().await?;
        log_applied(network, counts);
        applied.push((network, counts));
    }
    Ok(applied)
}

fn details(days: i64, cutoff: Millis, counts: RetentionCounts) -> serde_json::Value {
    json!({
        "days": days,
        "cutoff": crate::rfc3339(cutoff),
        "posts": counts.posts,
        "reactions": counts.reactions,
        "messages": counts.messages,
    })
}

fn log_applied(network: NetworkId, counts: RetentionCounts) {
    tracing::info!(
        network.id = %network,
        posts = counts.posts,
        reactions = counts.reactions,
        messages = counts.messages,
        "retention policy applied"
    );
}
