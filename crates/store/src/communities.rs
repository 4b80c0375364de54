//! The `communities` and `community_members` tables.

use crate::{Conn, StoreError};
use hearth_domain::{
    Category, Community, CommunityId, CommunityRole, Membership, MembershipState, Millis,
    NetworkId, UploadId, UserId, Visibility,
};

pub(crate) const COLUMNS: &str = "id, network_id, name, description, visibility, category, created_by, created_at, archived_at, \
     cover_upload_id";

#[derive(sqlx::FromRow)]
pub(crate) struct CommunityRow {
    id: i64,
    network_id: i64,
    name: String,
    description: String,
    visibility: String,
    category: String,
    created_by: i64,
    created_at: i64,
    archived_at: Option<i64>,
    cover_upload_id: Option<i64>,
}

impl TryFrom<CommunityRow> for Community {
    type Error = StoreError;

    fn try_from(row: CommunityRow) -> Result<Self, StoreError> {
        Ok(Community {
            id: CommunityId(row.id),
            network_id: NetworkId(row.network_id),
            name: row.name,
            description: row.description,
            visibility: Visibility::parse(&row.visibility)
                .ok_or_else(|| StoreError::Corrupt(format!("visibility {:?}", row.visibility)))?,
            category: Category::parse(&row.category)
                .ok_or_else(|| StoreError::Corrupt(format!("category {:?}", row.category)))?,
            created_by: UserId(row.created_by),
            created_at: row.created_at,
            archived_at: row.archived_at,
            cover: row.cover_upload_id.map(UploadId),
        })
    }
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    community_id: i64,
    user_id: i64,
    role: String,
    state: String,
}

impl TryFrom<MemberRow> for Membership {
    type Error = StoreError;

    fn try_from(row: MemberRow) -> Result<Self, StoreError> {
        Ok(Membership {
            community_id: CommunityId(row.community_id),
            user_id: UserId(row.user_id),
            role: CommunityRole::parse(&row.role)
                .ok_or_else(|| StoreError::Corrupt(format!("community role {:?}", row.role)))?,
            state: MembershipState::parse(&row.state)
                .ok_or_else(|| StoreError::Corrupt(format!("membership state {:?}", row.state)))?,
        })
    }
}

pub async fn insert(db: &mut Conn, community: &Community) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO communities (id, network_id, name, name_key, description, visibility, \
         category, created_by, created_at, archived_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(community.id.0)
    .bind(community.network_id.0)
    .bind(&community.name)
    .bind(community.name.to_lowercase())
    .bind(&community.description)
    .bind(community.visibility.as_str())
    .bind(community.category.as_str())
    .bind(community.created_by.0)
    .bind(community.created_at)
    .bind(community.archived_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Writes a community's editable fields as they are in `community`.
pub async fn update(db: &mut Conn, community: &Community) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE communities SET name = $1, name_key = $2, description = $3, visibility = $4, \
         category = $5, archived_at = $6 WHERE id = $7",
    )
    .bind(&community.name)
    .bind(community.name.to_lowercase())
    .bind(&community.description)
    .bind(community.visibility.as_str())
    .bind(community.category.as_str())
    .bind(community.archived_at)
    .bind(community.id.0)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn get(
    db: &mut Conn,
    network: NetworkId,
    id: CommunityId,
) -> Result<Option<Community>, StoreError> {
    sqlx::query_as::<_, CommunityRow>(&format!(
        "SELECT {COLUMNS} FROM communities WHERE network_id = $1 AND id = $2"
    ))
    .bind(network.0)
    .bind(id.0)
    .fetch_optional(db)
    .await?
    .map(Community::try_from)
    .transpose()
}

/// A community of the network and this person's membership of it, in one
/// statement: what deciding whether they may read or post there needs.
pub async fn get_with_membership(
    db: &mut Conn,
    network: NetworkId,
    id: CommunityId,
    user: UserId,
) -> Result<Option<(Community, Option<Membership>)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        community: CommunityRow,
        my_role: Option<String>,
        my_state: Option<String>,
    }
    let row = sqlx::query_as::<_, Row>(&format!(
        "SELECT {}, m.role AS my_role, m.state AS my_state FROM communities c \
         LEFT JOIN community_members m ON m.community_id = c.id AND m.user_id = $3 \
         WHERE c.network_id = $1 AND c.id = $2",
        crate::qualify(COLUMNS, "c")
    ))
    .bind(network.0)
    .bind(id.0)
    .bind(user.0)
    .fetch_optional(db)
    .await?;
    row.map(|row| {
        let community = Community::try_from(row.community)?;
        let membership = membership_of(&community, user, row.my_role, row.my_state)?;
        Ok((community, membership))
    })
    .transpose()
}

/// The membership a `LEFT JOIN` of the person's `community_members` row found.
fn membership_of(
    community: &Community,
    user: UserId,
    role: Option<String>,
    state: Option<String>,
) -> Result<Option<Membership>, StoreError> {
    match (role, state) {
        (Some(role), Some(state)) => Ok(Some(Membership::try_from(MemberRow {
            community_id: community.id.0,
            user_id: user.0,
            role,
            state,
        })?)),
        _ => Ok(None),
    }
}

/// The communities a person may see, by name: every public and private one of the
/// network and the secret ones they belong to or are invited to (all of them for a
/// network admin). With `mine_only`, just those they are a member of.
pub async fn list_visible(
    db: &mut Conn,
    network: NetworkId,
    viewer: UserId,
    viewer_is_admin: bool,
    mine_only: bool,
) -> Result<Vec<(Community, Option<Membership>, i64)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        community: CommunityRow,
        my_role: Option<String>,
        my_state: Option<String>,
        members: i64,
    }
    let columns = crate::qualify(COLUMNS, "c");
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT {columns}, m.role AS my_role, m.state AS my_state, \
           (SELECT COUNT(*) FROM community_members x \
             WHERE x.community_id = c.id AND x.state = 'member') AS members \
         FROM communities c \
         LEFT JOIN community_members m ON m.community_id = c.id AND m.user_id = $2 \
         WHERE c.network_id = $1 \
           AND (c.visibility <> 'secret' OR $3 = 1 OR m.state IN ('member', 'invited')) \
           AND ($4 = 0 OR m.state = 'member') \
         ORDER BY c.name_key, c.id"
    ))
    .bind(network.0)
    .bind(viewer.0)
    .bind(i64::from(viewer_is_admin))
    .bind(i64::from(mine_only))
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|row| {
            let community = Community::try_from(row.community)?;
            let membership = membership_of(&community, viewer, row.my_role, row.my_state)?;
            Ok((community, membership, row.members))
        })
        .collect()
}

pub async fn membership(
    db: &mut Conn,
    community: CommunityId,
    user: UserId,
) -> Result<Option<Membership>, StoreError> {
    sqlx::query_as::<_, MemberRow>(
        "SELECT community_id, user_id, role, state FROM community_members \
         WHERE community_id = $1 AND user_id = $2",
    )
    .bind(community.0)
    .bind(user.0)
    .fetch_optional(db)
    .await?
    .map(Membership::try_from)
    .transpose()
}

/// Creates or replaces a person's membership row.
pub async fn put_membership(
    db: &mut Conn,
    membership: &Membership,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO community_members (community_id, user_id, role, state, created_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (community_id, user_id) DO UPDATE SET role = $3, state = $4",
    )
    .bind(membership.community_id.0)
    .bind(membership.user_id.0)
    .bind(membership.role.as_str())
    .bind(membership.state.as_str())
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn delete_membership(
    db: &mut Conn,
    community: CommunityId,
    user: UserId,
) -> Result<bool, StoreError> {
    let done =
        sqlx::query("DELETE FROM community_members WHERE community_id = $1 AND user_id = $2")
            .bind(community.0)
            .bind(user.0)
            .execute(db)
            .await?;
    Ok(done.rows_affected() > 0)
}

/// How many full members a community has.
pub async fn member_count(db: &mut Conn, community: CommunityId) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM community_members WHERE community_id = $1 AND state = 'member'",
    )
    .bind(community.0)
    .fetch_one(db)
    .await?)
}

/// How many full members hold the owner role.
pub async fn owner_count(db: &mut Conn, community: CommunityId) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM community_members \
         WHERE community_id = $1 AND role = 'owner' AND state = 'member'",
    )
    .bind(community.0)
    .fetch_one(db)
    .await?)
}

/// The people of a community with their display names, by name. Pending requests and
/// invitations are included only with `with_pending`.
pub async fn members(
    db: &mut Conn,
    community: CommunityId,
    with_pending: bool,
) -> Result<Vec<(Membership, String)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        member: MemberRow,
        display_name: String,
    }
    let rows = sqlx::query_as::<_, Row>(
        "SELECT m.community_id, m.user_id, m.role, m.state, u.display_name \
         FROM community_members m JOIN users u ON u.id = m.user_id \
         WHERE m.community_id = $1 AND ($2 = 1 OR m.state = 'member') \
         ORDER BY u.name_key, u.id",
    )
    .bind(community.0)
    .bind(i64::from(with_pending))
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|row| Ok((Membership::try_from(row.member)?, row.display_name)))
        .collect()
}

/// The ids of a community's members (not of those asking or invited).
pub async fn member_ids(db: &mut Conn, community: CommunityId) -> Result<Vec<i64>, StoreError> {
    let ids = sqlx::query_scalar::<_, i64>(
        "SELECT user_id FROM community_members WHERE community_id = $1 AND state = 'member'",
    )
    .bind(community.0)
    .fetch_all(db)
    .await?;
    Ok(ids)
}

/// Of these people, the community's members.
pub async fn members_among(
    db: &mut Conn,
    community: CommunityId,
    people: &[hearth_domain::UserId],
) -> Result<Vec<hearth_domain::UserId>, StoreError> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT user_id FROM community_members WHERE community_id = $1 AND state = 'member' \
         AND user_id IN ({})",
        crate::placeholders(2, people.len())
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(community.0);
    for person in people {
        query = query.bind(person.0);
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(hearth_domain::UserId)
        .collect())
}
