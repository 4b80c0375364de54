//! The `invitations` table: single-use links that let the person named create their
//! account. Only a hash of each link's secret is stored, as for sessions.

use crate::{Conn, StoreError};
use hearth_domain::invitation::Invitation;
use hearth_domain::{InvitationId, Millis, NetworkId, Role, UserId};

const COLUMNS: &str = "id, network_id, email, role, invited_by, created_at, expires_at, \
    accepted_at, accepted_by, revoked_at";

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    network_id: i64,
    email: String,
    role: String,
    invited_by: Option<i64>,
    created_at: i64,
    expires_at: i64,
    accepted_at: Option<i64>,
    accepted_by: Option<i64>,
    revoked_at: Option<i64>,
}

impl TryFrom<InvitationRow> for Invitation {
    type Error = StoreError;

    fn try_from(row: InvitationRow) -> Result<Self, StoreError> {
        let role = Role::parse(&row.role)
            .ok_or_else(|| StoreError::Corrupt(format!("invitation role {:?}", row.role)))?;
        Ok(Invitation {
            id: InvitationId(row.id),
            network_id: NetworkId(row.network_id),
            email: row.email,
            role,
            invited_by: row.invited_by.map(UserId),
            created_at: row.created_at,
            expires_at: row.expires_at,
            accepted_at: row.accepted_at,
            accepted_by: row.accepted_by.map(UserId),
            revoked_at: row.revoked_at,
        })
    }
}

pub async fn insert(
    db: &mut Conn,
    invitation: &Invitation,
    secret_hash: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO invitations (id, network_id, email, role, secret_hash, invited_by, \
         created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(invitation.id.0)
    .bind(invitation.network_id.0)
    .bind(&invitation.email)
    .bind(invitation.role.as_str())
    .bind(secret_hash)
    .bind(invitation.invited_by.map(|id| id.0))
    .bind(invitation.created_at)
    .bind(invitation.expires_at)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn get(db: &mut Conn, id: InvitationId) -> Result<Option<Invitation>, StoreError> {
    sqlx::query_as::<_, InvitationRow>(&format!("SELECT {COLUMNS} FROM invitations WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(db)
        .await?
        .map(Invitation::try_from)
        .transpose()
}

pub async fn find_by_secret_hash(
    db: &mut Conn,
    secret_hash: &str,
) -> Result<Option<Invitation>, StoreError> {
    sqlx::query_as::<_, InvitationRow>(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE secret_hash = $1"
    ))
    .bind(secret_hash)
    .fetch_optional(db)
    .await?
    .map(Invitation::try_from)
    .transpose()
}

/// A network's invitations, newest first.
pub async fn list(
    db: &mut Conn,
    network: NetworkId,
    limit: i64,
) -> Result<Vec<Invitation>, StoreError> {
    let rows = sqlx::query_as::<_, InvitationRow>(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE network_id = $1 ORDER BY id DESC LIMIT $2"
    ))
    .bind(network.0)
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(Invitation::try_from).collect()
}

/// Whether this address holds an invitation that can still be accepted.
pub async fn has_open(db: &mut Conn, email: &str, now: Millis) -> Result<bool, StoreError> {
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM invitations WHERE email = $1 AND accepted_at IS NULL \
         AND revoked_at IS NULL AND expires_at > $2",
    )
    .bind(email)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(open > 0)
}

/// Uses the invitation up, if it is still open at `now`; answers whether it was.
/// The condition sits in the statement so that two acceptances racing each other
/// cannot both succeed.
pub async fn mark_accepted(
    db: &mut Conn,
    id: InvitationId,
    user: UserId,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE invitations SET accepted_at = $1, accepted_by = $2 WHERE id = $3 \
         AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(user.0)
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Withdraws the invitation, if it is still open at `now`; answers whether it was.
pub async fn mark_revoked(
    db: &mut Conn,
    id: InvitationId,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE invitations SET revoked_at = $1 WHERE id = $2 \
         AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Withdraws, at once, every invitation `inviter` sent that could still be accepted;
/// answers how many.
pub async fn revoke_sent_by(
    db: &mut Conn,
    inviter: UserId,
    now: Millis,
) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE invitations SET revoked_at = $1 WHERE invited_by = $2 \
         AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(inviter.0)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
