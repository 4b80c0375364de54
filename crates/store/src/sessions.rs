//! The `sessions` table. Only a hash of each session secret is stored, so a leaked
//! database cannot be replayed as cookies.

use crate::users::CallerRow;
use crate::{Conn, StoreError};
use hearth_domain::{Millis, SessionId, User, UserId};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub user_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub user_agent: String,
    pub client_ip: String,
}

impl SessionRow {
    pub fn id(&self) -> SessionId {
        SessionId(self.id)
    }

    pub fn user_id(&self) -> UserId {
        UserId(self.user_id)
    }
}

const COLUMNS: &str = "id, user_id, created_at, last_seen_at, expires_at, user_agent, client_ip";

pub async fn insert(db: &mut Conn, row: &SessionRow, secret_hash: &str) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sessions (id, user_id, secret_hash, created_at, last_seen_at, expires_at, \
         user_agent, client_ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(row.id)
    .bind(row.user_id)
    .bind(secret_hash)
    .bind(row.created_at)
    .bind(row.last_seen_at)
    .bind(row.expires_at)
    .bind(&row.user_agent)
    .bind(&row.client_ip)
    .execute(&mut *db)
    .await?;
    // Adoption counts the accounts signed in to at least once (`analytics`).
    sqlx::query(
        "UPDATE users SET first_signed_in_at = $2 WHERE id = $1 AND first_signed_in_at IS NULL",
    )
    .bind(row.user_id)
    .bind(row.created_at)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn find_by_secret_hash(
    db: &mut Conn,
    secret_hash: &str,
) -> Result<Option<SessionRow>, StoreError> {
    Ok(sqlx::query_as::<_, SessionRow>(&format!(
        "SELECT {COLUMNS} FROM sessions WHERE secret_hash = $1"
    ))
    .bind(secret_hash)
    .fetch_optional(db)
    .await?)
}

/// A session found by its secret, with the person signed in by it.
#[derive(Debug, Clone)]
pub struct SessionHolder {
    pub session: SessionId,
    pub last_seen_at: Millis,
    pub expires_at: Millis,
    pub user: User,
    /// The usage-policy version the holder must still accept, if any.
    pub pending_policy: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct SessionHolderRow {
    session_id: i64,
    session_last_seen_at: i64,
    session_expires_at: i64,
    #[sqlx(flatten)]
    caller: CallerRow,
}

/// The session with this secret and its holder, in one statement: every signed-in
/// page and request asks this first.
pub async fn find_holder_by_secret_hash(
    db: &mut Conn,
    secret_hash: &str,
) -> Result<Option<SessionHolder>, StoreError> {
    let row = sqlx::query_as::<_, SessionHolderRow>(&format!(
        "SELECT s.id AS session_id, s.last_seen_at AS session_last_seen_at, \
         s.expires_at AS session_expires_at, {} \
         FROM sessions s JOIN users u ON u.id = COALESCE(s.acting_user_id, s.user_id) \
         WHERE s.secret_hash = $1",
        CallerRow::columns()
    ))
    .bind(secret_hash)
    .fetch_optional(db)
    .await?;
    row.map(|row| {
        let (user, pending_policy) = row.caller.into_parts()?;
        Ok(SessionHolder {
            session: SessionId(row.session_id),
            last_seen_at: row.session_last_seen_at,
            expires_at: row.session_expires_at,
            user,
            pending_policy,
        })
    })
    .transpose()
}

/// One of a user's sessions, by id.
pub async fn get_for_user(
    db: &mut Conn,
    user: UserId,
    id: SessionId,
) -> Result<Option<SessionRow>, StoreError> {
    Ok(sqlx::query_as::<_, SessionRow>(&format!(
        "SELECT {COLUMNS} FROM sessions WHERE id = $1 AND user_id = $2"
    ))
    .bind(id.0)
    .bind(user.0)
    .fetch_optional(db)
    .await?)
}

/// How many ids one `IN (…)` binds: far below either backend's limit on parameters.
const IDS_PER_QUERY: usize = 500;

/// These sessions, those that still exist; any number of ids.
pub async fn by_ids(db: &mut Conn, ids: &[SessionId]) -> Result<Vec<SessionRow>, StoreError> {
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT {COLUMNS} FROM sessions WHERE id IN ({})",
            crate::placeholders(1, chunk.len())
        );
        let mut query =
            sqlx::query_as::<_, SessionRow>(&sql).persistent(crate::keep_prepared(chunk.len()));
        for id in chunk {
            query = query.bind(id.0);
        }
        found.extend(query.fetch_all(&mut *db).await?);
    }
    Ok(found)
}

pub async fn touch(db: &mut Conn, id: SessionId, now: Millis) -> Result<(), StoreError> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn list_for_user(db: &mut Conn, user: UserId) -> Result<Vec<SessionRow>, StoreError> {
    Ok(sqlx::query_as::<_, SessionRow>(&format!(
        "SELECT {COLUMNS} FROM sessions WHERE user_id = $1 ORDER BY id DESC"
    ))
    .bind(user.0)
    .fetch_all(db)
    .await?)
}

/// Deletes one session; answers whether it existed.
pub async fn delete(db: &mut Conn, id: SessionId) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM sessions WHERE id = $1")
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Deletes one of a user's sessions; the user id keeps people to their own sessions.
pub async fn delete_for_user(
    db: &mut Conn,
    user: UserId,
    id: SessionId,
) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
        .bind(id.0)
        .bind(user.0)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Deletes every session of a user; answers how many there were.
pub async fn delete_all_for_user(db: &mut Conn, user: UserId) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.0)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// Removes sessions whose absolute or idle lifetime has run out.
pub async fn delete_expired(
    db: &mut Conn,
    now: Millis,
    idle_cutoff: Millis,
) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(idle_cutoff)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}
