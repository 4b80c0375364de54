//! SCIM provisioning: the `scim_tokens` and `provisioning_events` tables, and the
//! SCIM view of people (`users`) and groups (`communities`). Every read is bounded to
//! one network, so a client can never reach past its token's network.

use crate::{Conn, StoreError};
use hearth_domain::{CommunityId, Millis, NetworkId, UserId};

/// A SCIM client's bearer token (its secret is stored hashed, never read back).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScimTokenRow {
    pub id: i64,
    pub network_id: i64,
    pub name: String,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl ScimTokenRow {
    pub fn network_id(&self) -> NetworkId {
        NetworkId(self.network_id)
    }
}

const TOKEN_COLUMNS: &str =
    "id, network_id, name, created_by, created_at, last_used_at, revoked_at";

pub async fn insert_token(
    db: &mut Conn,
    row: &ScimTokenRow,
    secret_hash: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO scim_tokens (id, network_id, name, secret_hash, created_by, created_at, \
         last_used_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(row.id)
    .bind(row.network_id)
    .bind(&row.name)
    .bind(secret_hash)
    .bind(row.created_by)
    .bind(row.created_at)
    .bind(row.last_used_at)
    .bind(row.revoked_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The token with this secret, unless it was revoked or the admin who made it no
/// longer stands (shut out, or not an admin any more). Tokens the operator made on
/// the command line belong to nobody and stand until revoked.
pub async fn find_live_token(
    db: &mut Conn,
    secret_hash: &str,
) -> Result<Option<ScimTokenRow>, StoreError> {
    Ok(sqlx::query_as::<_, ScimTokenRow>(&format!(
        "SELECT {TOKEN_COLUMNS} FROM scim_tokens t WHERE secret_hash = $1 AND revoked_at IS NULL \
         AND (created_by IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = t.created_by \
         AND u.role = 'admin' AND u.status = 'active'))"
    ))
    .bind(secret_hash)
    .fetch_optional(db)
    .await?)
}

pub async fn get_token(
    db: &mut Conn,
    network: NetworkId,
    id: i64,
) -> Result<Option<ScimTokenRow>, StoreError> {
    Ok(sqlx::query_as::<_, ScimTokenRow>(&format!(
        "SELECT {TOKEN_COLUMNS} FROM scim_tokens WHERE network_id = $1 AND id = $2"
    ))
    .bind(network.0)
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// A network's tokens, newest first, revoked ones included.
pub async fn tokens(db: &mut Conn, network: NetworkId) -> Result<Vec<ScimTokenRow>, StoreError> {
    Ok(sqlx::query_as::<_, ScimTokenRow>(&format!(
        "SELECT {TOKEN_COLUMNS} FROM scim_tokens WHERE network_id = $1 ORDER BY id DESC"
    ))
    .bind(network.0)
    .fetch_all(db)
    .await?)
}

/// Revokes a live token; answers whether one was revoked.
pub async fn revoke_token(
    db: &mut Conn,
    network: NetworkId,
    id: i64,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE scim_tokens SET revoked_at = $1 \
         WHERE network_id = $2 AND id = $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(network.0)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Revokes, at once, every live token `creator` made; answers how many.
pub async fn revoke_tokens_made_by(
    db: &mut Conn,
    creator: UserId,
    now: Millis,
) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE scim_tokens SET revoked_at = $1 WHERE created_by = $2 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(creator.0)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

pub async fn touch_token(db: &mut Conn, id: i64, now: Millis) -> Result<(), StoreError> {
    sqlx::query("UPDATE scim_tokens SET last_used_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// One SCIM request that changed something (or tried to).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProvisioningEvent {
    pub id: i64,
    pub network_id: i64,
    pub token_id: Option<i64>,
    pub method: String,
    pub path: String,
    pub status: i64,
    pub summary: String,
    pub created_at: i64,
}

pub async fn insert_event(db: &mut Conn, event: &ProvisioningEvent) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO provisioning_events (id, network_id, token_id, method, path, status, \
         summary, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(event.id)
    .bind(event.network_id)
    .bind(event.token_id)
    .bind(&event.method)
    .bind(&event.path)
    .bind(event.status)
    .bind(&event.summary)
    .bind(event.created_at)
    .execute(db)
    .await?;
    Ok(())
}

/// A network's latest events, newest first.
pub async fn recent_events(
    db: &mut Conn,
    network: NetworkId,
    limit: i64,
) -> Result<Vec<ProvisioningEvent>, StoreError> {
    Ok(sqlx::query_as::<_, ProvisioningEvent>(
        "SELECT id, network_id, token_id, method, path, status, summary, created_at \
         FROM provisioning_events WHERE network_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(network.0)
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// A person as SCIM sees them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScimUserRow {
    pub id: i64,
    pub network_id: i64,
    /// SCIM's `userName`: the provider's name for the person, else the e-mail address.
    pub user_name: String,
    pub email: String,
    pub display_name: String,
    pub status: String,
    pub suspended_until: Option<i64>,
    pub external_id: Option<String>,
    pub employee_number: String,
    pub department: String,
    pub job_title: String,
    pub manager_id: Option<i64>,
    /// The profile photo, if any.
    pub photo_upload_id: Option<i64>,
    /// A digest of the `photos` value the photo was last taken from (see
    /// [`set_photo_source`]); `None` when the identity provider never set it.
    pub photo_source: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl ScimUserRow {
    pub fn user_id(&self) -> UserId {
        UserId(self.id)
    }
}

const USER_COLUMNS: &str = "id, network_id, COALESCE(scim_user_name, email) AS user_name, \
     email, display_name, status, suspended_until, external_id, employee_number, department, \
     job_title, manager_id, photo_upload_id, photo_source, created_at, updated_at";

/// The accounts SCIM sees: neither deleted (anonymized) by an admin nor deleted by
/// the identity provider, which are not the provider's any more.
const VISIBLE: &str = "status <> 'deleted' AND scim_deleted_at IS NULL";

/// Every account of a network that SCIM sees, oldest first.
pub async fn users(db: &mut Conn, network: NetworkId) -> Result<Vec<ScimUserRow>, StoreError> {
    Ok(sqlx::query_as::<_, ScimUserRow>(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE network_id = $1 AND {VISIBLE} \
         ORDER BY created_at, id"
    ))
    .bind(network.0)
    .fetch_all(db)
    .await?)
}

pub async fn user(
    db: &mut Conn,
    network: NetworkId,
    id: UserId,
) -> Result<Option<ScimUserRow>, StoreError> {
    Ok(sqlx::query_as::<_, ScimUserRow>(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE network_id = $1 AND id = $2 AND {VISIBLE}"
    ))
    .bind(network.0)
    .bind(id.0)
    .fetch_optional(db)
    .await?)
}

/// Whether another account SCIM sees in the network has this userName, ignoring case
/// (`key` is the name in lower case); an account SCIM never named goes by its e-mail.
pub async fn user_name_taken(
    db: &mut Conn,
    network: NetworkId,
    key: &str,
    except: Option<UserId>,
) -> Result<bool, StoreError> {
    let found: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM users WHERE network_id = $1 AND {VISIBLE} AND id <> $3 \
         AND (scim_user_name_key = $2 OR (scim_user_name_key IS NULL AND lower(email) = $2))"
    ))
    .bind(network.0)
    .bind(key)
    .bind(except.map_or(0, |id| id.0))
    .fetch_one(db)
    .await?;
    Ok(found > 0)
}

/// Marks the account deleted by the identity provider, and frees its userName for
/// someone else.
pub async fn mark_deleted(db: &mut Conn, id: UserId, now: Millis) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE users SET scim_deleted_at = $1, scim_user_name = NULL, \
         scim_user_name_key = NULL, updated_at = $1 WHERE id = $2",
    )
    .bind(now)
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(())
}

/// Shows an account to SCIM again after the identity provider deleted it: an admin
/// let it back in, and the provider must be able to see and offboard it.
pub async fn undo_deletion(db: &mut Conn, id: UserId) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET scim_deleted_at = NULL WHERE id = $1")
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Who last deactivated or suspended the account, as the audit log's actor kind
/// (`scim`, `user`, `operator`); `None` when the log has no such act.
pub async fn last_shut_out_by(db: &mut Conn, id: UserId) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT actor_kind FROM audit_log WHERE target_id = $1 AND target_kind = 'user' \
         AND action IN ('user.deactivated', 'user.suspended') ORDER BY id DESC LIMIT 1",
    )
    .bind(id.0)
    .fetch_optional(db)
    .await?)
}

/// The attributes SCIM writes on a person, all at once.
pub struct UserAttributes<'a> {
    pub user_name: &'a str,
    pub email: &'a str,
    pub display_name: &'a str,
    pub external_id: Option<&'a str>,
    pub employee_number: &'a str,
    pub department: &'a str,
    pub job_title: &'a str,
    pub manager_id: Option<UserId>,
}

pub async fn set_user_attributes(
    db: &mut Conn,
    id: UserId,
    attributes: &UserAttributes<'_>,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE users SET email = $1, display_name = $2, name_key = $3, external_id = $4, \
         employee_number = $5, department = $6, job_title = $7, manager_id = $8, \
         updated_at = $9, scim_user_name = $11, scim_user_name_key = $12 WHERE id = $10",
    )
    .bind(attributes.email)
    .bind(attributes.display_name)
    .bind(attributes.display_name.to_lowercase())
    .bind(attributes.external_id)
    .bind(attributes.employee_number)
    .bind(attributes.department)
    .bind(attributes.job_title)
    .bind(attributes.manager_id.map(|m| m.0))
    .bind(now)
    .bind(id.0)
    .bind(attributes.user_name)
    .bind(attributes.user_name.to_lowercase())
    .execute(&mut *db)
    .await?;
    // The person's rows in external networks go by the same address and name.
    sqlx::query(
        "UPDATE users SET email = $1, display_name = $2, name_key = $3, updated_at = $4 \
         WHERE home_user_id = $5",
    )
    .bind(attributes.email)
    .bind(attributes.display_name)
    .bind(attributes.display_name.to_lowercase())
    .bind(now)
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(())
}

/// Notes the digest of the `photos` value the person's photo was just set from (or
/// `None`, taken down), as a change of the User.
pub async fn set_photo_source(
    db: &mut Conn,
    id: UserId,
    source: Option<&str>,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET photo_source = $1, updated_at = $2 WHERE id = $3")
        .bind(source)
        .bind(now)
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// A community as SCIM sees it (a group).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScimGroupRow {
    pub id: i64,
    pub network_id: i64,
    pub name: String,
    pub external_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl ScimGroupRow {
    pub fn community_id(&self) -> CommunityId {
        CommunityId(self.id)
    }
}

const GROUP_COLUMNS: &str = "id, network_id, name, external_id, created_at, updated_at";

/// A network's communities that are not archived, oldest first.
pub async fn groups(db: &mut Conn, network: NetworkId) -> Result<Vec<ScimGroupRow>, StoreError> {
    Ok(sqlx::query_as::<_, ScimGroupRow>(&format!(
        "SELECT {GROUP_COLUMNS} FROM communities \
         WHERE network_id = $1 AND archived_at IS NULL ORDER BY created_at, id"
    ))
    .bind(network.0)
    .fetch_all(db)
    .await?)
}

pub async fn group(
    db: &mut Conn,
    network: NetworkId,
    id: CommunityId,
) -> Result<Option<ScimGroupRow>, StoreError> {
    Ok(sqlx::query_as::<_, ScimGroupRow>(&format!(
        "SELECT {GROUP_COLUMNS} FROM communities \
         WHERE network_id = $1 AND id = $2 AND archived_at IS NULL"
    ))
    .bind(network.0)
    .bind(id.0)
    .fetch_optional(db)
    .await?)
}

/// Renames a community and sets the provider's id for it.
pub async fn set_group_attributes(
    db: &mut Conn,
    id: CommunityId,
    name: &str,
    external_id: Option<&str>,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE communities SET name = $1, name_key = $2, external_id = $3, updated_at = $4 \
         WHERE id = $5",
    )
    .bind(name)
    .bind(name.to_lowercase())
    .bind(external_id)
    .bind(now)
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(())
}

/// Marks a community changed (e.g. its members), for its version.
pub async fn touch_group(db: &mut Conn, id: CommunityId, now: Millis) -> Result<(), StoreError> {
    sqlx::query("UPDATE communities SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// The members of a network's communities that SCIM sees, as (community id, user id)
/// pairs.
pub async fn group_members(
    db: &mut Conn,
    network: NetworkId,
) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(sqlx::query_as::<_, (i64, i64)>(
        "SELECT m.community_id, m.user_id FROM community_members m \
         JOIN communities c ON c.id = m.community_id JOIN users u ON u.id = m.user_id \
         WHERE c.network_id = $1 AND m.state = 'member' \
         AND u.status <> 'deleted' AND u.scim_deleted_at IS NULL \
         ORDER BY m.community_id, m.user_id",
    )
    .bind(network.0)
    .fetch_all(db)
    .await?)
}

/// The members of one community that SCIM sees.
pub async fn group_member_ids(db: &mut Conn, id: CommunityId) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT m.user_id FROM community_members m JOIN users u ON u.id = m.user_id \
         WHERE m.community_id = $1 AND m.state = 'member' \
         AND u.status <> 'deleted' AND u.scim_deleted_at IS NULL ORDER BY m.user_id",
    )
    .bind(id.0)
    .fetch_all(db)
    .await?)
}

/// The network's longest-standing usable admin: a community the identity provider
/// creates is recorded as created by them, since a SCIM client is nobody.
pub async fn senior_admin(db: &mut Conn, network: NetworkId) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM users WHERE network_id = $1 AND role = 'admin' AND status = 'active' \
         ORDER BY created_at, id LIMIT 1",
    )
    .bind(network.0)
    .fetch_optional(db)
    .await?)
}
