//! The network's keyword watch list: terms whose posts are flagged into the queue or
//! held there unseen (see `screening` for what happens to a post).

use crate::audit::{self, Acting, Target};
use crate::{App, AppError};
use hearth_domain::moderation::WatchTerm;
use hearth_domain::post::{WatchMode, parse_term};
use hearth_domain::{Actor, AuditAction, ValidationError, WatchTermId, policy};
use hearth_store::moderation as store;
use serde_json::json;

/// The network's keyword watch list (network admins).
pub async fn watch_list(app: &App, actor: &Actor) -> Result<Vec<WatchTerm>, AppError> {
    policy::may_configure_network(actor)?;
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    Ok(store::terms(&mut db, network).await?)
}

/// Adds a term to the watch list; a term already watched is a conflict.
pub async fn add_watch_term(
    app: &App,
    acting: Acting<'_>,
    term: &str,
    mode: &str,
) -> Result<WatchTerm, AppError> {
    policy::may_configure_network(acting.actor)?;
    let term = parse_term(term)?;
    let mode = WatchMode::parse(mode.trim()).ok_or_else(|| {
        ValidationError::new(
            "mode",
            format!("use one of {}", WatchMode::choices().trim()),
        )
    })?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let duplicate = || AppError::Conflict {
        message: format!("“{term}” is already on the watch list"),
        field: Some("term"),
    };
    if store::terms(&mut tx, network)
        .await?
        .iter()
        .any(|t| t.term == term)
    {
        return Err(duplicate());
    }
    let watched = WatchTerm {
        id: WatchTermId(app.next_id()),
        network_id: network,
        term: term.clone(),
        mode,
        created_by: match acting.actor {
            Actor::User(user) => Some(user.id),
            Actor::Operator => None,
        },
        created_at: app.now(),
    };
    store::insert_term(&mut tx, &watched)
        .await
        .map_err(|err| match err {
            hearth_store::StoreError::Conflict { .. } => duplicate(),
            other => other.into(),
        })?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::WatchTermAdded,
        Target {
            kind: "watch_term",
            id: Some(watched.id.0),
            name: watched.term.clone(),
        },
        "",
        json!({ "mode": mode.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(watched)
}

/// Takes a term off the watch list. Reports it already caused stay in the queue.
pub async fn remove_watch_term(
    app: &App,
    acting: Acting<'_>,
    id: WatchTermId,
) -> Result<(), AppError> {
    policy::may_configure_network(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let watched = store::term(&mut tx, network, id)
        .await?
        .ok_or(AppError::NotFound("watch term"))?;
    store::delete_term(&mut tx, id).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::WatchTermRemoved,
        Target {
            kind: "watch_term",
            id: Some(id.0),
            name: watched.term,
        },
        "",
        json!({ "mode": watched.mode.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
