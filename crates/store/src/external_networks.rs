//! External networks and the people in more than one network: an employee's rows in
//! external networks point at their home row (`users.home_user_id`), and a session
//! may act as any of them (`sessions.acting_user_id`).

use crate::users::{COLUMNS as USER_COLUMNS, UserRow};
use crate::{Conn, StoreError};
use hearth_domain::{Millis, Network, NetworkId, NetworkKind, User, UserId, UserStatus};

/// What an external network holds beyond a network's own row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub description: String,
    pub sponsor: Option<UserId>,
    pub guest_domain: Option<String>,
    pub guest_days: i64,
}

pub async fn insert(db: &mut Conn, network: &Network, details: &Details) -> Result<(), StoreError> {
    crate::networks::insert(db, network).await?;
    sqlx::query(
        "UPDATE networks SET description = $1, sponsor_id = $2, guest_domain = $3, \
         guest_days = $4 WHERE id = $5",
    )
    .bind(&details.description)
    .bind(details.sponsor.map(|id| id.0))
    .bind(&details.guest_domain)
    .bind(details.guest_days)
    .bind(network.id.0)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn details(db: &mut Conn, network: NetworkId) -> Result<Option<Details>, StoreError> {
    let row: Option<(String, Option<i64>, Option<String>, i64)> = sqlx::query_as(
        "SELECT description, sponsor_id, guest_domain, guest_days FROM networks \
         WHERE id = $1 AND kind = 'external'",
    )
    .bind(network.0)
    .fetch_optional(db)
    .await?;
    Ok(
        row.map(|(description, sponsor, guest_domain, guest_days)| Details {
            description,
            sponsor: sponsor.map(UserId),
            guest_domain,
            guest_days,
        }),
    )
}

/// The home row of whoever `user` is: itself, or the row it stands for.
pub async fn home_row_of(db: &mut Conn, user: UserId) -> Result<UserId, StoreError> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT COALESCE(home_user_id, id) FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_optional(db)
            .await?;
    Ok(UserId(id.unwrap_or(user.0)))
}

/// The person's active row in `network`, if they are in it.
pub async fn row_in(
    db: &mut Conn,
    home_row: UserId,
    network: NetworkId,
) -> Result<Option<User>, StoreError> {
    // Two arms, each an index search: an `OR` of the two would walk the network.
    sqlx::query_as::<_, UserRow>(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id = $2 AND network_id = $1 \
         AND status = 'active' \
         UNION ALL SELECT {USER_COLUMNS} FROM users WHERE home_user_id = $2 \
         AND network_id = $1 AND status = 'active'"
    ))
    .bind(network.0)
    .bind(home_row.0)
    .fetch_optional(db)
    .await?
    .map(User::try_from)
    .transpose()
}

/// The person's row in `network` whatever its status (gone ones aside).
pub async fn any_row_in(
    db: &mut Conn,
    home_row: UserId,
    network: NetworkId,
) -> Result<Option<User>, StoreError> {
    sqlx::query_as::<_, UserRow>(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id = $2 AND network_id = $1 \
         AND status <> 'deleted' \
         UNION ALL SELECT {USER_COLUMNS} FROM users WHERE home_user_id = $2 \
         AND network_id = $1 AND status <> 'deleted'"
    ))
    .bind(network.0)
    .bind(home_row.0)
    .fetch_optional(db)
    .await?
    .map(User::try_from)
    .transpose()
}

/// Every network the person behind `row` (any of their rows) has an active row in,
/// with that row's id: the home network first, then the others by name. One
/// statement, since every page's header asks.
pub async fn networks_of(db: &mut Conn, row: UserId) -> Result<Vec<(Network, UserId)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        network: crate::networks::NetworkRow,
        row_id: i64,
    }
    // The person's home row, then the rows standing for it: two arms, each an index
    // search (an `OR` of the two would walk every user).
    let home = "(SELECT COALESCE(home_user_id, id) FROM users WHERE id = $1)";
    let columns = crate::qualify(crate::networks::COLUMNS, "n");
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT {columns}, u.id AS row_id FROM users u JOIN networks n ON n.id = u.network_id \
         WHERE u.id = {home} AND u.status = 'active' \
         UNION ALL SELECT {columns}, u.id AS row_id FROM users u \
         JOIN networks n ON n.id = u.network_id \
         WHERE u.home_user_id = {home} AND u.status = 'active'"
    ))
    .bind(row.0)
    .fetch_all(db)
    .await?;
    let mut found = rows
        .into_iter()
        .map(|row| Ok((Network::try_from(row.network)?, UserId(row.row_id))))
        .collect::<Result<Vec<_>, StoreError>>()?;
    found.sort_by(|(a, _), (b, _)| {
        (a.kind != NetworkKind::Home, &a.name, a.id.0).cmp(&(
            b.kind != NetworkKind::Home,
            &b.name,
            b.id.0,
        ))
    });
    Ok(found)
}

/// Writes an employee's row in an external network, standing for their home row.
pub async fn insert_member_row(
    db: &mut Conn,
    row: &User,
    handle: &str,
    home_row: UserId,
) -> Result<(), StoreError> {
    crate::users::insert(
        db,
        crate::users::NewUser {
            user: row,
            handle,
            password_hash: None,
            home_user_id: Some(home_row),
        },
    )
    .await?;
    Ok(())
}

/// Whether employees other than admins may create external networks.
pub async fn members_create(db: &mut Conn, home: NetworkId) -> Result<bool, StoreError> {
    let on: Option<i64> =
        sqlx::query_scalar("SELECT members_create_external FROM networks WHERE id = $1")
            .bind(home.0)
            .fetch_optional(db)
            .await?;
    Ok(on == Some(1))
}

pub async fn set_members_create(
    db: &mut Conn,
    home: NetworkId,
    on: bool,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE networks SET members_create_external = $1 WHERE id = $2")
        .bind(i64::from(on))
        .bind(home.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Makes the session act as `row` (`None`: the row it was started for).
pub async fn set_session_row(
    db: &mut Conn,
    session: hearth_domain::SessionId,
    row: Option<UserId>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE sessions SET acting_user_id = $1 WHERE id = $2")
        .bind(row.map(|id| id.0))
        .bind(session.0)
        .execute(db)
        .await?;
    Ok(())
}

/// The person's rows in external networks, of any status.
pub async fn member_rows(db: &mut Conn, home_row: UserId) -> Result<Vec<UserId>, StoreError> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM users WHERE home_user_id = $1")
        .bind(home_row.0)
        .fetch_all(db)
        .await?;
    Ok(ids.into_iter().map(UserId).collect())
}

/// Gives the person's rows in external networks the status their home row
/// (`home_row`) just got, at `now`: deactivation, suspension (until `until`) and
/// reactivation reach every network they are in. Deleted rows stay deleted.
pub async fn mirror_home_status(
    db: &mut Conn,
    home_row: UserId,
    status: UserStatus,
    until: Option<Millis>,
    now: Millis,
) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE users SET status = $2, suspended_until = $3, updated_at = $4 \
         WHERE home_user_id = $1 AND status <> 'deleted'",
    )
    .bind(home_row.0)
    .bind(status.as_str())
    .bind(until)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// External networks with their details: all of them, or those `sponsor` sponsors,
/// by name.
pub async fn list(
    db: &mut Conn,
    sponsor: Option<UserId>,
) -> Result<Vec<(Network, Details)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        network: crate::networks::NetworkRow,
        description: String,
        sponsor_id: Option<i64>,
        guest_domain: Option<String>,
        guest_days: i64,
    }
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT {}, description, sponsor_id, guest_domain, guest_days FROM networks \
         WHERE kind = 'external' AND ($1 IS NULL OR sponsor_id = $1) ORDER BY name, id",
        crate::networks::COLUMNS
    ))
    .bind(sponsor.map(|id| id.0))
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok((
                Network::try_from(row.network)?,
                Details {
                    description: row.description,
                    sponsor: row.sponsor_id.map(UserId),
                    guest_domain: row.guest_domain,
                    guest_days: row.guest_days,
                },
            ))
        })
        .collect()
}

/// Gives the person's rows in external networks the name their home row now has, as
/// the identity provider sent it.
pub async fn rename_member_rows(
    db: &mut Conn,
    home_row: UserId,
    display_name: &str,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE users SET display_name = $1, name_key = $2, updated_at = $3 \
         WHERE home_user_id = $4",
    )
    .bind(display_name)
    .bind(display_name.to_lowercase())
    .bind(now)
    .bind(home_row.0)
    .execute(db)
    .await?;
    Ok(())
}
