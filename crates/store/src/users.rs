//! The `users` table.

use crate::{Conn, StoreError};
use hearth_domain::{Millis, NetworkId, Role, User, UserId, UserStatus};

pub(crate) const COLUMNS: &str = "id, network_id, email, display_name, role, status, \
     suspended_until, created_at, language, time_zone, photo_upload_id";

/// Who is calling, as a statement authenticating a request reads it: the person
/// (`users u`) and the usage-policy version they must still accept.
#[derive(sqlx::FromRow)]
pub(crate) struct CallerRow {
    #[sqlx(flatten)]
    user: UserRow,
    pending_policy: Option<i64>,
}

impl CallerRow {
    /// The columns such a statement selects, over `users u`.
    pub(crate) fn columns() -> String {
        format!(
            "{}, ({}) AS pending_policy",
            crate::qualify(COLUMNS, "u"),
            crate::usage_policies::pending_sql("u.network_id", "u.id")
        )
    }

    /// The person, and the policy version they must still accept.
    pub(crate) fn into_parts(self) -> Result<(User, Option<i64>), StoreError> {
        Ok((User::try_from(self.user)?, self.pending_policy))
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: i64,
    network_id: i64,
    email: String,
    display_name: String,
    role: String,
    status: String,
    suspended_until: Option<i64>,
    created_at: i64,
    language: Option<String>,
    time_zone: String,
    photo_upload_id: Option<i64>,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;

    fn try_from(row: UserRow) -> Result<Self, StoreError> {
        let role = Role::parse(&row.role)
            .ok_or_else(|| StoreError::Corrupt(format!("user role {:?}", row.role)))?;
        let status = UserStatus::parse(&row.status)
            .ok_or_else(|| StoreError::Corrupt(format!("user status {:?}", row.status)))?;
        Ok(User {
            id: UserId(row.id),
            network_id: NetworkId(row.network_id),
            email: row.email,
            display_name: row.display_name,
            role,
            status,
            suspended_until: row.suspended_until,
            created_at: row.created_at,
            language: row.language,
            time_zone: row.time_zone,
            photo: row.photo_upload_id.map(hearth_domain::UploadId),
        })
    }
}

/// A new account, as the store writes it.
pub struct NewUser<'a> {
    pub user: &'a User,
    pub handle: &'a str,
    pub password_hash: Option<&'a str>,
    /// For an employee's row in an external network: their home row.
    pub home_user_id: Option<UserId>,
}

pub async fn insert(db: &mut Conn, new: NewUser<'_>) -> Result<(), StoreError> {
    let user = new.user;
    sqlx::query(
        "INSERT INTO users (id, network_id, email, display_name, password_hash, role, status, \
         suspended_until, created_at, updated_at, handle, name_key, language, time_zone, \
         home_user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12, $13, $14)",
    )
    .bind(user.id.0)
    .bind(user.network_id.0)
    .bind(&user.email)
    .bind(&user.display_name)
    .bind(new.password_hash)
    .bind(user.role.as_str())
    .bind(user.status.as_str())
    .bind(user.suspended_until)
    .bind(user.created_at)
    .bind(new.handle)
    .bind(user.display_name.to_lowercase())
    .bind(&user.language)
    .bind(&user.time_zone)
    .bind(new.home_user_id.map(|id| id.0))
    .execute(db)
    .await?;
    Ok(())
}

/// Handles in a network that start with `prefix`, to pick a free one.
pub async fn handles_starting_with(
    db: &mut Conn,
    network: NetworkId,
    prefix: &str,
) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT handle FROM users WHERE network_id = $1 AND SUBSTR(handle, 1, LENGTH($2)) = $2",
    )
    .bind(network.0)
    .bind(prefix)
    .fetch_all(db)
    .await?)
}

pub async fn get(db: &mut Conn, id: UserId) -> Result<Option<User>, StoreError> {
    sqlx::query_as::<_, UserRow>(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(db)
        .await?
        .map(User::try_from)
        .transpose()
}

pub async fn find_by_email(db: &mut Conn, email: &str) -> Result<Option<User>, StoreError> {
    // An employee's rows in external networks share the address of their home row,
    // which is the one the address names.
    sqlx::query_as::<_, UserRow>(&format!(
        "SELECT {COLUMNS} FROM users WHERE email = $1 AND home_user_id IS NULL"
    ))
    .bind(email)
    .fetch_optional(db)
    .await?
    .map(User::try_from)
    .transpose()
}

/// The account and its password hash, for sign-in only.
pub async fn find_credentials(
    db: &mut Conn,
    email: &str,
) -> Result<Option<(User, Option<String>)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        password_hash: Option<String>,
    }
    let row = sqlx::query_as::<_, Row>(&format!(
        "SELECT {COLUMNS}, password_hash FROM users WHERE email = $1 AND home_user_id IS NULL"
    ))
    .bind(email)
    .fetch_optional(db)
    .await?;
    row.map(|row| Ok((User::try_from(row.user)?, row.password_hash)))
        .transpose()
}

pub async fn set_password_hash(
    db: &mut Conn,
    id: UserId,
    password_hash: &str,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(now)
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn count_in_network(db: &mut Conn, network: NetworkId) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE network_id = $1")
            .bind(network.0)
            .fetch_one(db)
            .await?,
    )
}

/// Changes an account's status; `suspended_until` applies to suspensions only.
pub async fn set_status(
    db: &mut Conn,
    id: UserId,
    status: UserStatus,
    suspended_until: Option<Millis>,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE users SET status = $1, suspended_until = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(status.as_str())
    .bind(suspended_until)
    .bind(now)
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(())
}

/// The person's own choice of language; `None` follows their browser.
pub async fn set_language(
    db: &mut Conn,
    id: UserId,
    language: Option<&str>,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET language = $1, updated_at = $2 WHERE id = $3")
        .bind(language)
        .bind(now)
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}
