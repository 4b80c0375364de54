//! The `guests` table: who answers for each guest of an external network, and until
//! when the guest may use Hearth. The guest's account itself is a `users` row of the
//! external network, found at sign-in by its address like an employee's home row.

use crate::users::{COLUMNS as USER_COLUMNS, UserRow};
use crate::{Conn, StoreError};
use hearth_domain::{Millis, NetworkId, User, UserId};

/// A guest's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub user: UserId,
    pub network: NetworkId,
    pub sponsor: UserId,
    pub access_until: Millis,
    pub reminded_at: Option<Millis>,
    pub sponsor_left_at: Option<Millis>,
    pub ended_at: Option<Millis>,
}

#[derive(sqlx::FromRow)]
struct TermsRow {
    user_id: i64,
    network_id: i64,
    sponsor_id: i64,
    access_until: i64,
    reminded_at: Option<i64>,
    sponsor_left_at: Option<i64>,
    ended_at: Option<i64>,
}

impl From<TermsRow> for Terms {
    fn from(row: TermsRow) -> Self {
        Self {
            user: UserId(row.user_id),
            network: NetworkId(row.network_id),
            sponsor: UserId(row.sponsor_id),
            access_until: row.access_until,
            reminded_at: row.reminded_at,
            sponsor_left_at: row.sponsor_left_at,
            ended_at: row.ended_at,
        }
    }
}

/// 1 when the `users` row whose id is the column named (`"users.id"`, `"u.id"`) is a
/// guest's, else 0: the same integer on both backends, where a bare `EXISTS` is a
/// boolean on one and not the other. A macro, so that constant column lists can hold
/// it.
macro_rules! is_guest {
    ($id:literal) => {
        concat!(
            "CAST(CASE WHEN EXISTS (SELECT 1 FROM guests g WHERE g.user_id = ",
            $id,
            ") THEN 1 ELSE 0 END AS BIGINT)"
        )
    };
}
pub(crate) use is_guest;

const COLUMNS: &str =
    "user_id, network_id, sponsor_id, access_until, reminded_at, sponsor_left_at, ended_at";

pub async fn insert(db: &mut Conn, terms: &Terms) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO guests (user_id, network_id, sponsor_id, access_until) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(terms.user.0)
    .bind(terms.network.0)
    .bind(terms.sponsor.0)
    .bind(terms.access_until)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn get(db: &mut Conn, user: UserId) -> Result<Option<Terms>, StoreError> {
    Ok(
        sqlx::query_as::<_, TermsRow>(&format!("SELECT {COLUMNS} FROM guests WHERE user_id = $1"))
            .bind(user.0)
            .fetch_optional(db)
            .await?
            .map(Terms::from),
    )
}

/// A guest as the people who answer for the network see them.
#[derive(Debug, Clone)]
pub struct Listed {
    pub user: User,
    pub terms: Terms,
    pub sponsor_name: String,
    /// Their latest session's last use or latest post, whichever is later.
    pub last_active: Option<Millis>,
}

/// The network's guests (those whose access ended too), by name; or the one named.
pub async fn list(
    db: &mut Conn,
    network: NetworkId,
    only: Option<UserId>,
) -> Result<Vec<Listed>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        #[sqlx(flatten)]
        terms: TermsRow,
        sponsor_name: String,
        last_seen: Option<i64>,
        last_posted: Option<i64>,
    }
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT {}, {}, s.display_name AS sponsor_name, \
         (SELECT MAX(last_seen_at) FROM sessions WHERE user_id = u.id) AS last_seen, \
         (SELECT MAX(created_at) FROM posts WHERE author_id = u.id) AS last_posted \
         FROM guests g JOIN users u ON u.id = g.user_id JOIN users s ON s.id = g.sponsor_id \
         WHERE g.network_id = $1 AND ($2 IS NULL OR g.user_id = $2) AND u.status <> 'deleted' \
         ORDER BY u.display_name, u.id",
        crate::qualify(USER_COLUMNS, "u"),
        crate::qualify(COLUMNS, "g"),
    ))
    .bind(network.0)
    .bind(only.map(|id| id.0))
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Listed {
                user: User::try_from(row.user)?,
                terms: row.terms.into(),
                sponsor_name: row.sponsor_name,
                last_active: row.last_seen.max(row.last_posted),
            })
        })
        .collect()
}

/// Gives a guest a new end of access (and reopens it), so the sponsor is reminded
/// again before it.
pub async fn extend(db: &mut Conn, user: UserId, access_until: Millis) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE guests SET access_until = $1, reminded_at = NULL, ended_at = NULL \
         WHERE user_id = $2",
    )
    .bind(access_until)
    .bind(user.0)
    .execute(db)
    .await?;
    Ok(())
}

/// Records that a guest's access ended; answers false when it already had.
pub async fn mark_ended(db: &mut Conn, user: UserId, now: Millis) -> Result<bool, StoreError> {
    let done =
        sqlx::query("UPDATE guests SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL")
            .bind(now)
            .bind(user.0)
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_sponsor(db: &mut Conn, user: UserId, sponsor: UserId) -> Result<(), StoreError> {
    sqlx::query("UPDATE guests SET sponsor_id = $1, sponsor_left_at = NULL WHERE user_id = $2")
        .bind(sponsor.0)
        .bind(user.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Flags the guests of a sponsor who just left the company, all in one statement.
pub async fn sponsor_left(db: &mut Conn, sponsor: UserId, now: Millis) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE guests SET sponsor_left_at = $1 \
         WHERE sponsor_id = $2 AND sponsor_left_at IS NULL AND ended_at IS NULL",
    )
    .bind(now)
    .bind(sponsor.0)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Unflags the guests of a sponsor who came back.
pub async fn sponsor_returned(db: &mut Conn, sponsor: UserId) -> Result<u64, StoreError> {
    let done = sqlx::query("UPDATE guests SET sponsor_left_at = NULL WHERE sponsor_id = $1")
        .bind(sponsor.0)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// Guests still in whose access ran out by `now`, or whose sponsor left before
/// `sponsor_left_before` and nobody took them over.
pub async fn due_to_end(
    db: &mut Conn,
    now: Millis,
    sponsor_left_before: Millis,
    limit: i64,
) -> Result<Vec<Terms>, StoreError> {
    // Two arms, each on its own partial index.
    Ok(sqlx::query_as::<_, TermsRow>(&format!(
        "SELECT {COLUMNS} FROM guests WHERE ended_at IS NULL AND access_until <= $1 \
         UNION SELECT {COLUMNS} FROM guests WHERE ended_at IS NULL \
         AND sponsor_left_at IS NOT NULL AND sponsor_left_at <= $2 \
         LIMIT $3"
    ))
    .bind(now)
    .bind(sponsor_left_before)
    .bind(limit)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(Terms::from)
    .collect())
}

/// Guests still in whose access ends by `by` and whose sponsor was not told yet.
pub async fn due_for_reminder(
    db: &mut Conn,
    by: Millis,
    limit: i64,
) -> Result<Vec<Terms>, StoreError> {
    Ok(sqlx::query_as::<_, TermsRow>(&format!(
        "SELECT {COLUMNS} FROM guests WHERE ended_at IS NULL AND access_until <= $1 \
         AND reminded_at IS NULL LIMIT $2"
    ))
    .bind(by)
    .bind(limit)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(Terms::from)
    .collect())
}

/// Records that the sponsor was told of the end in `terms`; answers false when another
/// node did first, or the access was extended or ended meanwhile.
pub async fn mark_reminded(db: &mut Conn, terms: &Terms, now: Millis) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE guests SET reminded_at = $1 WHERE user_id = $2 AND reminded_at IS NULL \
         AND access_until = $3 AND ended_at IS NULL",
    )
    .bind(now)
    .bind(terms.user.0)
    .bind(terms.access_until)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that a guest's access ended because it ran out by `now`, or because their
/// sponsor left before `sponsor_left_before`; answers false when neither holds any
/// more (extended, taken over, or already ended).
pub async fn end_if_due(
    db: &mut Conn,
    user: UserId,
    now: Millis,
    sponsor_left_before: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE guests SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL \
         AND (access_until <= $1 OR sponsor_left_at <= $3)",
    )
    .bind(now)
    .bind(user.0)
    .bind(sponsor_left_before)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether `sponsor` sponsors a guest of `network` whose access has not ended.
pub async fn sponsors_in(
    db: &mut Conn,
    sponsor: UserId,
    network: NetworkId,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM guests WHERE sponsor_id = $1 AND network_id = $2 \
         AND ended_at IS NULL LIMIT 1",
    )
    .bind(sponsor.0)
    .bind(network.0)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}
