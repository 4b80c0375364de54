//! Profiles (the people-facing columns of `users`) and the `follows` table.

use crate::{Conn, StoreError};
use hearth_domain::profile::ValidProfileChanges;
use hearth_domain::{Millis, NetworkId, Profile, UploadId, UserId, UserStatus};

pub(crate) const COLUMNS: &str = concat!(
    "id, network_id, handle, display_name, job_title, department, location, time_zone, about, \
     manager_id, status, created_at, photo_upload_id, ",
    crate::guests::is_guest!("users.id"),
    " AS guest"
);

#[derive(sqlx::FromRow)]
pub(crate) struct ProfileRow {
    id: i64,
    network_id: i64,
    handle: Option<String>,
    display_name: String,
    job_title: String,
    department: String,
    location: String,
    time_zone: String,
    about: String,
    manager_id: Option<i64>,
    status: String,
    created_at: i64,
    photo_upload_id: Option<i64>,
    guest: i64,
}

impl TryFrom<ProfileRow> for Profile {
    type Error = StoreError;

    fn try_from(row: ProfileRow) -> Result<Self, StoreError> {
        let status = UserStatus::parse(&row.status)
            .ok_or_else(|| StoreError::Corrupt(format!("user status {:?}", row.status)))?;
        Ok(Profile {
            user_id: UserId(row.id),
            network_id: NetworkId(row.network_id),
            handle: row.handle.unwrap_or_else(|| format!("user{}", row.id)),
            display_name: row.display_name,
            job_title: row.job_title,
            department: row.department,
            location: row.location,
            time_zone: row.time_zone,
            about: row.about,
            manager_id: row.manager_id.map(UserId),
            status,
            created_at: row.created_at,
            photo: row.photo_upload_id.map(UploadId),
            guest: row.guest != 0,
        })
    }
}

fn all(rows: Vec<ProfileRow>) -> Result<Vec<Profile>, StoreError> {
    rows.into_iter().map(Profile::try_from).collect()
}

/// A profile within a network; people of other networks are not found.
pub async fn get(
    db: &mut Conn,
    network: NetworkId,
    id: UserId,
) -> Result<Option<Profile>, StoreError> {
    sqlx::query_as::<_, ProfileRow>(&format!(
        "SELECT {COLUMNS} FROM users WHERE network_id = $1 AND id = $2"
    ))
    .bind(network.0)
    .bind(id.0)
    .fetch_optional(db)
    .await?
    .map(Profile::try_from)
    .transpose()
}

pub async fn get_by_handle(
    db: &mut Conn,
    network: NetworkId,
    handle: &str,
) -> Result<Option<Profile>, StoreError> {
    sqlx::query_as::<_, ProfileRow>(&format!(
        "SELECT {COLUMNS} FROM users WHERE network_id = $1 AND handle = $2"
    ))
    .bind(network.0)
    .bind(handle)
    .fetch_optional(db)
    .await?
    .map(Profile::try_from)
    .transpose()
}

/// Writes the fields that are `Some`; the others keep their value.
pub async fn update(
    db: &mut Conn,
    id: UserId,
    changes: &ValidProfileChanges,
    now: Millis,
) -> Result<(), StoreError> {
    let display_name = changes.display_name.as_ref().map(|n| n.as_str().to_owned());
    let name_key = display_name.as_ref().map(|n| n.to_lowercase());
    let (manager_changed, manager) = match changes.manager_id {
        Some(manager) => (1_i64, manager.map(|m| m.0)),
        None => (0, None),
    };
    sqlx::query(
        "UPDATE users SET \
           display_name = COALESCE($1, display_name), \
           name_key = COALESCE($2, name_key), \
           handle = COALESCE($3, handle), \
           job_title = COALESCE($4, job_title), \
           department = COALESCE($5, department), \
           location = COALESCE($6, location), \
           time_zone = COALESCE($7, time_zone), \
           about = COALESCE($8, about), \
           manager_id = CASE WHEN $9 = 1 THEN $10 ELSE manager_id END, \
           updated_at = $11 \
         WHERE id = $12",
    )
    .bind(display_name)
    .bind(name_key)
    .bind(changes.handle.as_ref().map(|h| h.as_str().to_owned()))
    .bind(changes.job_title.clone())
    .bind(changes.department.clone())
    .bind(changes.location.clone())
    .bind(changes.time_zone.clone())
    .bind(changes.about.clone())
    .bind(manager_changed)
    .bind(manager)
    .bind(now)
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(())
}

/// Which people the directory lists.
#[derive(Debug, Clone, Default)]
pub struct DirectoryFilter {
    /// Lower-cased text that must occur in the name.
    pub name_contains: Option<String>,
    /// Exact department, compared without regard to case.
    pub department: Option<String>,
    /// Continue after this (name key, id), as returned with the previous page.
    pub after: Option<(String, UserId)>,
    pub limit: i64,
}

/// The network's people who have not left, alphabetically, a page at a time.
/// Answers each profile with its sort key, for the next page's cursor.
pub async fn directory(
    db: &mut Conn,
    network: NetworkId,
    filter: &DirectoryFilter,
) -> Result<Vec<(Profile, String)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        profile: ProfileRow,
        name_key: String,
    }
    let pattern = filter
        .name_contains
        .as_ref()
        .map(|text| format!("%{}%", escape_like(text)));
    let (after_key, after_id) = match &filter.after {
        Some((key, id)) => (Some(key.clone()), Some(id.0)),
        None => (None, None),
    };
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT {COLUMNS}, name_key FROM users \
         WHERE network_id = $1 AND status <> 'deactivated' \
           AND ($2 IS NULL OR name_key LIKE $2 ESCAPE '\\') \
           AND ($3 IS NULL OR LOWER(department) = LOWER($3)) \
           AND ($4 IS NULL OR name_key > $4 OR (name_key = $4 AND id > $5)) \
         ORDER BY name_key, id \
         LIMIT $6"
    ))
    .bind(network.0)
    .bind(pattern)
    .bind(filter.department.clone())
    .bind(after_key)
    .bind(after_id)
    .bind(filter.limit)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|row| Ok((Profile::try_from(row.profile)?, row.name_key)))
        .collect()
}

/// `text` with the characters LIKE treats specially escaped by `\`.
pub(crate) fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Starts following; following twice is the same as once.
pub async fn follow(
    db: &mut Conn,
    network: NetworkId,
    follower: UserId,
    followee: UserId,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO follows (follower_id, followee_id, network_id, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (follower_id, followee_id) DO NOTHING",
    )
    .bind(follower.0)
    .bind(followee.0)
    .bind(network.0)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn unfollow(db: &mut Conn, follower: UserId, followee: UserId) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2")
        .bind(follower.0)
        .bind(followee.0)
        .execute(db)
        .await?;
    Ok(())
}

/// How many people follow `user`, how many `user` follows, and whether `viewer`
/// follows `user`.
pub async fn follow_counts(
    db: &mut Conn,
    user: UserId,
    viewer: UserId,
) -> Result<(i64, i64, bool), StoreError> {
    let (followers, following, viewer_follows): (i64, i64, i64) = sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM follows WHERE followee_id = $1), \
           (SELECT COUNT(*) FROM follows WHERE follower_id = $1), \
           (SELECT COUNT(*) FROM follows WHERE followee_id = $1 AND follower_id = $2)",
    )
    .bind(user.0)
    .bind(viewer.0)
    .fetch_one(db)
    .await?;
    Ok((followers, following, viewer_follows > 0))
}

/// The people `user` follows, or who follow `user`, by name.
pub async fn follow_list(
    db: &mut Conn,
    user: UserId,
    followers_of_user: bool,
) -> Result<Vec<Profile>, StoreError> {
    let (join_on, filter_on) = if followers_of_user {
        ("follower_id", "followee_id")
    } else {
        ("followee_id", "follower_id")
    };
    // `users` keeps its name: the guest mark among the columns refers to it by name.
    let columns = crate::qualify(COLUMNS, "users");
    let rows = sqlx::query_as::<_, ProfileRow>(&format!(
        "SELECT {columns} FROM follows f JOIN users ON users.id = f.{join_on} \
         WHERE f.{filter_on} = $1 ORDER BY users.name_key, users.id"
    ))
    .bind(user.0)
    .fetch_all(db)
    .await?;
    all(rows)
}

/// The people of a network with these handles.
pub async fn ids_for_handles(
    db: &mut Conn,
    network: NetworkId,
    handles: &[String],
) -> Result<Vec<(String, UserId)>, StoreError> {
    if handles.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT handle, id FROM users WHERE network_id = $1 AND handle IN ({})",
        crate::placeholders(2, handles.len())
    );
    let mut query = sqlx::query_as::<_, (String, i64)>(&sql)
        .persistent(crate::keep_prepared(handles.len()))
        .bind(network.0);
    for handle in handles {
        query = query.bind(handle.clone());
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(handle, id)| (handle, UserId(id)))
        .collect())
}
