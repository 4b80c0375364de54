//! The `outbox` table: every e-mail Hearth sends, written in the transaction that
//! decides to send it and sent later by a worker that claims it. Also the
//! `server_secrets` every node shares, and the one-click unsubscribe's bulk change of
//! channels (one kind's channel is `preferences::set`).
//!
//! Claiming is where the backends differ: PostgreSQL has many writers, so a worker
//! locks the rows it takes with `FOR UPDATE SKIP LOCKED` and other nodes pass them
//! by; SQLite has one writer at a time, so a plain conditional UPDATE is already
//! exclusive. Both set `claimed_until`, after which another worker may retry.

use crate::{Conn, StoreError};
use hearth_domain::{Millis, NetworkId, UserId};

/// An e-mail to write.
#[derive(Debug, Clone)]
pub struct NewEmail<'a> {
    pub id: i64,
    pub network_id: NetworkId,
    pub user_id: UserId,
    /// Where it goes when not to `user_id`'s address (someone without an account yet).
    pub to_address: Option<&'a str>,
    pub idempotency_key: &'a str,
    pub kind: &'a str,
    pub notification_id: Option<i64>,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub send_after: Millis,
    pub now: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EmailRow {
    pub id: i64,
    pub network_id: i64,
    pub user_id: i64,
    pub to_address: Option<String>,
    pub idempotency_key: String,
    pub kind: String,
    pub notification_id: Option<i64>,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub state: String,
    pub attempts: i64,
    pub send_after: i64,
    pub last_error: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

const COLUMNS: &str = "id, network_id, user_id, to_address, idempotency_key, kind, notification_id, \
    subject, body_text, body_html, state, attempts, send_after, last_error, created_at, sent_at";

/// Writes the e-mail unless one with its idempotency key exists; answers whether it
/// was written.
pub async fn insert(db: &mut Conn, new: &NewEmail<'_>) -> Result<bool, StoreError> {
    let inserted = sqlx::query(
        "INSERT INTO outbox (id, network_id, user_id, idempotency_key, kind, notification_id, \
         subject, body_text, body_html, state, attempts, send_after, created_at, to_address) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $10, $11, $12) \
         ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(new.id)
    .bind(new.network_id.0)
    .bind(new.user_id.0)
    .bind(new.idempotency_key)
    .bind(new.kind)
    .bind(new.notification_id)
    .bind(new.subject)
    .bind(new.body_text)
    .bind(new.body_html)
    .bind(new.send_after)
    .bind(new.now)
    .bind(new.to_address)
    .execute(db)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Rewrites the text of a still pending, unclaimed e-mail (a burst folding into it);
/// answers whether there was one.
pub async fn rewrite_pending(
    db: &mut Conn,
    idempotency_key: &str,
    subject: &str,
    body_text: &str,
    body_html: &str,
    now: Millis,
) -> Result<bool, StoreError> {
    let updated = sqlx::query(
        "UPDATE outbox SET subject = $1, body_text = $2, body_html = $3 \
         WHERE idempotency_key = $4 AND state = 'pending' \
         AND (claimed_until IS NULL OR claimed_until < $5)",
    )
    .bind(subject)
    .bind(body_text)
    .bind(body_html)
    .bind(idempotency_key)
    .bind(now)
    .execute(db)
    .await?;
    Ok(updated.rows_affected() > 0)
}

/// Claims up to `limit` due e-mails for `worker` until `until`; answers them, oldest
/// first. Run it in a transaction of its own and commit before sending.
pub async fn claim_due(
    db: &mut Conn,
    worker: &str,
    now: Millis,
    until: Millis,
    limit: i64,
) -> Result<Vec<EmailRow>, StoreError> {
    let lock = if db.backend_name() == "SQLite" {
        ""
    } else {
        "FOR UPDATE SKIP LOCKED"
    };
    let sql = format!(
        "UPDATE outbox SET claimed_until = $1, claimed_by = $2 WHERE id IN (\
           SELECT id FROM outbox WHERE state = 'pending' AND send_after <= $3 \
           AND (claimed_until IS NULL OR claimed_until < $3) \
           ORDER BY send_after, id LIMIT $4 {lock}) \
         RETURNING {COLUMNS}"
    );
    let mut rows = sqlx::query_as::<_, EmailRow>(&sql)
        .bind(until)
        .bind(worker)
        .bind(now)
        .bind(limit)
        .fetch_all(db)
        .await?;
    rows.sort_by_key(|row| (row.send_after, row.id));
    Ok(rows)
}

/// Marks a claimed e-mail sent; answers false when the claim was lost meanwhile.
pub async fn mark_sent(
    db: &mut Conn,
    id: i64,
    worker: &str,
    now: Millis,
) -> Result<bool, StoreError> {
    let updated = sqlx::query(
        "UPDATE outbox SET state = 'sent', sent_at = $1, attempts = attempts + 1, \
         claimed_until = NULL, last_error = '' WHERE id = $2 AND claimed_by = $3 AND state = 'pending'",
    )
    .bind(now)
    .bind(id)
    .bind(worker)
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Marks a claimed e-mail skipped, saying why.
pub async fn mark_skipped(
    db: &mut Conn,
    id: i64,
    worker: &str,
    reason: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE outbox SET state = 'skipped', claimed_until = NULL, last_error = $1 \
         WHERE id = $2 AND claimed_by = $3 AND state = 'pending'",
    )
    .bind(reason)
    .bind(id)
    .bind(worker)
    .execute(db)
    .await?;
    Ok(())
}

/// Records a failed try: the e-mail waits until `retry_at`, or is parked for good.
pub async fn mark_failed(
    db: &mut Conn,
    id: i64,
    worker: &str,
    error: &str,
    retry_at: Option<Millis>,
) -> Result<(), StoreError> {
    let (state, send_after) = match retry_at {
        Some(at) => ("pending", Some(at)),
        None => ("parked", None),
    };
    sqlx::query(
        "UPDATE outbox SET state = $1, send_after = COALESCE($2, send_after), \
         attempts = attempts + 1, claimed_until = NULL, last_error = $3 \
         WHERE id = $4 AND claimed_by = $5 AND state = 'pending'",
    )
    .bind(state)
    .bind(send_after)
    .bind(error)
    .bind(id)
    .bind(worker)
    .execute(db)
    .await?;
    Ok(())
}

/// How many notification e-mails a person was sent at or after `since`.
pub async fn notifications_sent_since(
    db: &mut Conn,
    user: UserId,
    since: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE user_id = $1 AND kind = 'notification' \
         AND state = 'sent' AND sent_at >= $2",
    )
    .bind(user.0)
    .bind(since)
    .fetch_one(db)
    .await?)
}

/// A network's e-mails in one state, newest first.
pub async fn list(
    db: &mut Conn,
    network: NetworkId,
    state: &str,
    limit: i64,
) -> Result<Vec<EmailRow>, StoreError> {
    Ok(sqlx::query_as::<_, EmailRow>(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE network_id = $1 AND state = $2 \
         ORDER BY id DESC LIMIT $3"
    ))
    .bind(network.0)
    .bind(state)
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// How many e-mails are in a state, across networks (for tests and the log).
pub async fn count_in_state(db: &mut Conn, state: &str) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = $1")
            .bind(state)
            .fetch_one(db)
            .await?,
    )
}

/// What a notification e-mail is about, as the worker re-checks it before sending.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NotificationState {
    pub kind: String,
    pub subject_kind: String,
    pub subject_id: i64,
    pub actor_ids: String,
    pub actor_count: i64,
    pub excerpt: String,
    /// The community of the article it tells of (see `notifications::PLACE`).
    pub place: Option<String>,
    pub read_at: Option<i64>,
    pub emailed_at: Option<i64>,
    /// The recipient's own language, if they chose one.
    pub language: Option<String>,
    /// Their network's default language, for e-mail to people who chose none.
    pub default_language: String,
    /// The network's name when it is an external one, for the e-mail to name it.
    pub external_network: Option<String>,
}

pub async fn notification_state(
    db: &mut Conn,
    notification: i64,
) -> Result<Option<NotificationState>, StoreError> {
    Ok(sqlx::query_as::<_, NotificationState>(&format!(
        "SELECT n.kind, n.subject_kind, n.subject_id, n.actor_ids, n.actor_count, n.excerpt, \
         {}, n.read_at, n.emailed_at, u.language, w.default_language, \
         CASE WHEN w.kind = 'external' THEN w.name END AS external_network FROM notifications n \
         JOIN users u ON u.id = n.user_id JOIN networks w ON w.id = n.network_id \
         WHERE n.id = $1",
        crate::notifications::PLACE
    ))
    .bind(notification)
    .fetch_optional(db)
    .await?)
}

/// Records that a notification went out by e-mail, so no digest tells it again.
pub async fn mark_notification_emailed(
    db: &mut Conn,
    notification: i64,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE notifications SET emailed_at = $1 WHERE id = $2")
        .bind(now)
        .bind(notification)
        .execute(db)
        .await?;
    Ok(())
}

/// The shared secret called `name`, made from `candidate` if no node made it yet.
pub async fn server_secret(
    db: &mut Conn,
    name: &str,
    candidate: &str,
    now: Millis,
) -> Result<String, StoreError> {
    sqlx::query(
        "INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(candidate)
    .bind(now)
    .execute(&mut *db)
    .await?;
    Ok(
        sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(db)
            .await?,
    )
}

/// Moves every preference and community subscription of one person that uses one of
/// `from` to `to`; answers how many rows changed.
pub async fn move_channels(
    db: &mut Conn,
    user: UserId,
    from: &[&str],
    to: &str,
    community: Option<i64>,
) -> Result<u64, StoreError> {
    let list = crate::placeholders(3, from.len());
    let mut changed = 0;
    if community.is_none() {
        let sql = format!(
            "UPDATE notification_preferences SET channel = $1 WHERE user_id = $2 \
             AND channel IN ({list})"
        );
        let mut query = sqlx::query(&sql).bind(to).bind(user.0);
        for channel in from {
            query = query.bind(*channel);
        }
        changed += query.execute(&mut *db).await?.rows_affected();
    }
    let community_filter = if community.is_some() {
        format!(" AND community_id = ${}", 3 + from.len())
    } else {
        String::new()
    };
    let sql = format!(
        "UPDATE community_subscriptions SET channel = $1 WHERE user_id = $2 \
         AND channel IN ({list}){community_filter}"
    );
    let mut query = sqlx::query(&sql).bind(to).bind(user.0);
    for channel in from {
        query = query.bind(*channel);
    }
    if let Some(community) = community {
        query = query.bind(community);
    }
    changed += query.execute(&mut *db).await?.rows_affected();
    Ok(changed)
}

/// The shared secret called `name`, if a node made it.
pub async fn find_server_secret(db: &mut Conn, name: &str) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = $1")
            .bind(name)
            .fetch_optional(db)
            .await?,
    )
}

/// Extends a worker's claim on one e-mail just before it is sent; answers false when
/// the claim was lost (it expired and another worker took the e-mail).
pub async fn renew_claim(
    db: &mut Conn,
    id: i64,
    worker: &str,
    until: Millis,
) -> Result<bool, StoreError> {
    let renewed = sqlx::query(
        "UPDATE outbox SET claimed_until = $1 WHERE id = $2 AND claimed_by = $3 \
         AND state = 'pending'",
    )
    .bind(until)
    .bind(id)
    .bind(worker)
    .execute(db)
    .await?;
    Ok(renewed.rows_affected() == 1)
}
