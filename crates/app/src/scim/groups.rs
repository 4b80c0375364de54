//! SCIM Groups are Hearth's communities of the token's network: `displayName` is the
//! community's name and `members` its full members (not pending requests or
//! invitations). Communities a group creates are private, "work" communities,
//! recorded as created by the network's longest-standing admin. DELETE archives the
//! community: its posts stay readable.

use super::{
    GROUP_SCHEMA, ListPage, ListQuery, ScimClient, ScimError, check_version, checked_filter, page,
    version_of,
};
use crate::App;
use hearth_domain::scim_filter::{self, AttrPath, AttrType, Scalar, Schema};
use hearth_domain::{
    AuditAction, Category, Community, CommunityId, CommunityRole, Membership, MembershipState,
    Millis, UserId, Visibility, policy,
};
use hearth_store::communities;
use hearth_store::scim::{self as store, ScimGroupRow};
use serde_json::json;
use std::collections::BTreeSet;

/// A community as the identity provider sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimGroup {
    pub id: CommunityId,
    /// The community's name: SCIM's `displayName`.
    pub name: String,
    pub external_id: Option<String>,
    /// Its full members.
    pub members: Vec<UserId>,
    pub created_at: Millis,
    /// Never before `created_at`.
    pub last_modified: Millis,
    /// The version for ETags and `If-Match`.
    pub version: String,
}

impl ScimGroup {
    fn of(row: &ScimGroupRow, members: &[i64]) -> Self {
        Self {
            id: row.community_id(),
            name: row.name.clone(),
            external_id: row.external_id.clone(),
            members: members.iter().copied().map(UserId).collect(),
            created_at: row.created_at,
            last_modified: row.updated_at.max(row.created_at),
            version: version_of(row.updated_at),
        }
    }
}

/// What a Group resource says, validated: the whole of a PUT, or a PATCH applied to
/// the current resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInput {
    /// A valid community name ([`hearth_domain::community::parse_name`]).
    pub name: String,
    pub external_id: Option<String>,
    pub members: BTreeSet<UserId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Id,
    DisplayName,
    ExternalId,
    Member,
    LastModified,
}

struct Groups;

impl Schema for Groups {
    type Attr = Attr;

    fn resolve(&self, path: &AttrPath) -> Option<(Attr, AttrType)> {
        if path
            .uri
            .as_deref()
            .is_some_and(|uri| !uri.eq_ignore_ascii_case(GROUP_SCHEMA))
        {
            return None;
        }
        let text = AttrType::String { case_exact: false };
        let exact = AttrType::String { case_exact: true };
        [
            ("id", None, Attr::Id, exact),
            ("displayName", None, Attr::DisplayName, text),
            ("externalId", None, Attr::ExternalId, exact),
            ("members", None, Attr::Member, exact),
            ("members", Some("value"), Attr::Member, exact),
            (
                "meta",
                Some("lastModified"),
                Attr::LastModified,
                AttrType::DateTime,
            ),
        ]
        .into_iter()
        .find(|(name, sub, _, _)| path.is(name, *sub))
        .map(|(_, _, attr, ty)| (attr, ty))
    }

    fn parse_time(&self, raw: &str) -> Option<Millis> {
        crate::parse_rfc3339(raw)
    }
}

/// A Group's values of a filterable attribute.
fn values(group: &ScimGroup, attr: Attr) -> Vec<Scalar> {
    match attr {
        Attr::Id => vec![Scalar::Str(group.id.to_string())],
        Attr::DisplayName => vec![Scalar::Str(group.name.clone())],
        Attr::ExternalId => group
            .external_id
            .iter()
            .map(|e| Scalar::Str(e.clone()))
            .collect(),
        Attr::Member => group
            .members
            .iter()
            .map(|m| Scalar::Str(m.to_string()))
            .collect(),
        Attr::LastModified => vec![Scalar::Time(group.last_modified)],
    }
}

async fn read(
    db: &mut hearth_store::Conn,
    client: &ScimClient,
    id: CommunityId,
) -> Result<(ScimGroupRow, Vec<i64>), ScimError> {
    let row = store::group(db, client.network, id)
        .await?
        .ok_or(ScimError::NotFound("Group"))?;
    let members = store::group_member_ids(db, id).await?;
    Ok((row, members))
}

/// One Group of the token's network.
pub async fn get(app: &App, client: &ScimClient, id: CommunityId) -> Result<ScimGroup, ScimError> {
    let mut db = app.store().conn().await?;
    let (row, members) = read(&mut db, client, id).await?;
    Ok(ScimGroup::of(&row, &members))
}

/// The Groups of the token's network that match the filter, one page of them.
pub async fn list(
    app: &App,
    client: &ScimClient,
    query: &ListQuery,
) -> Result<ListPage<ScimGroup>, ScimError> {
    let filter = checked_filter(query.filter.as_deref(), &Groups)?;
    let mut db = app.store().conn().await?;
    let rows = store::groups(&mut db, client.network).await?;
    let pairs = store::group_members(&mut db, client.network).await?;
    drop(db);
    let matching = rows
        .iter()
        .map(|row| {
            let members: Vec<i64> = pairs
                .iter()
                .filter(|(community, _)| *community == row.id)
                .map(|(_, user)| *user)
                .collect();
            ScimGroup::of(row, &members)
        })
        .filter(|group| {
            filter
                .as_ref()
                .is_none_or(|f| scim_filter::matches(f, &|attr| values(group, attr)))
        })
        .collect();
    Ok(page(matching, query))
}

/// Creates a community for the group (POST /Groups).
pub async fn create(
    app: &App,
    client: &ScimClient,
    input: GroupInput,
) -> Result<ScimGroup, ScimError> {
    policy::may_administer_people(client.acting().actor)?;
    let now = app.now();
    let mut tx = app.store().begin().await?;
    let creator = store::senior_admin(&mut tx, client.network)
        .await?
        .ok_or_else(|| {
            ScimError::Conflict(
                "the network has no administrator to own new communities".to_owned(),
            )
        })?;
    let community = Community {
        id: CommunityId(app.next_id()),
        network_id: client.network,
        name: input.name.clone(),
        description: String::new(),
        visibility: Visibility::Private,
        category: Category::Work,
        created_by: UserId(creator),
        created_at: now,
        archived_at: None,
        cover: None,
    };
    communities::insert(&mut tx, &community)
        .await
        .map_err(name_taken)?;
    store::set_group_attributes(
        &mut tx,
        community.id,
        &input.name,
        input.external_id.as_deref(),
        now,
    )
    .await?;
    set_members(
        &mut tx,
        client,
        community.id,
        &BTreeSet::new(),
        &input.members,
        now,
    )
    .await?;
    let (row, members) = read(&mut tx, client, community.id).await?;
    provisioned(
        &mut tx,
        app,
        client,
        &row,
        &members,
        AuditAction::GroupProvisioned,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(community.id = %community.id, network.id = %client.network, "community provisioned");
    Ok(ScimGroup::of(&row, &members))
}

/// Changes a Group (PUT or PATCH /Groups/{id}) to what `change` makes of it. The
/// group is read, its version checked against `If-Match`, the change computed and
/// written, all in one transaction.
pub async fn replace<E: From<ScimError>>(
    app: &App,
    client: &ScimClient,
    id: CommunityId,
    if_match: Option<&str>,
    change: impl FnOnce(&ScimGroup) -> Result<GroupInput, E>,
) -> Result<ScimGroup, E> {
    policy::may_administer_people(client.acting().actor).map_err(ScimError::from)?;
    let mut tx = app.store().begin().await.map_err(ScimError::from)?;
    let (current, current_members) = read(&mut tx, client, id).await?;
    check_version(if_match, &version_of(current.updated_at))?;
    let input = change(&ScimGroup::of(&current, &current_members))?;
    Ok(write(app, tx, client, id, &current_members, &input).await?)
}

/// Writes a group's new state in the transaction that read it, and commits.
async fn write(
    app: &App,
    mut tx: hearth_store::Tx,
    client: &ScimClient,
    id: CommunityId,
    current_members: &[i64],
    input: &GroupInput,
) -> Result<ScimGroup, ScimError> {
    let now = app.now();
    store::set_group_attributes(&mut tx, id, &input.name, input.external_id.as_deref(), now)
        .await
        .map_err(name_taken)?;
    let before: BTreeSet<UserId> = current_members.iter().copied().map(UserId).collect();
    set_members(&mut tx, client, id, &before, &input.members, now).await?;
    let (row, members) = read(&mut tx, client, id).await?;
    provisioned(
        &mut tx,
        app,
        client,
        &row,
        &members,
        AuditAction::GroupProvisioned,
    )
    .await?;
    tx.commit().await?;
    Ok(ScimGroup::of(&row, &members))
}

/// The audit entry of a group's creation, change or archiving, with its members.
async fn provisioned(
    db: &mut hearth_store::Conn,
    app: &App,
    client: &ScimClient,
    row: &ScimGroupRow,
    members: &[i64],
    action: AuditAction,
) -> Result<(), ScimError> {
    crate::audit::record(
        db,
        app,
        client.acting(),
        client.network,
        action,
        crate::audit::Target {
            kind: "community",
            id: Some(row.id),
            name: row.name.clone(),
        },
        "",
        json!({
            "external_id": row.external_id,
            "members": members.iter().map(ToString::to_string).collect::<Vec<_>>(),
        }),
    )
    .await?;
    Ok(())
}

/// Archives the group's community (DELETE /Groups/{id}).
pub async fn archive(
    app: &App,
    client: &ScimClient,
    id: CommunityId,
    if_match: Option<&str>,
) -> Result<(), ScimError> {
    policy::may_administer_people(client.acting().actor)?;
    let mut tx = app.store().begin().await?;
    let (row, _) = read(&mut tx, client, id).await?;
    check_version(if_match, &version_of(row.updated_at))?;
    let community = communities::get(&mut tx, client.network, id)
        .await?
        .ok_or(ScimError::NotFound("Group"))?;
    let now = app.now();
    communities::update(
        &mut tx,
        &Community {
            archived_at: Some(now),
            ..community
        },
    )
    .await?;
    store::touch_group(&mut tx, id, now).await?;
    provisioned(&mut tx, app, client, &row, &[], AuditAction::GroupArchived).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes `wanted` the community's members: people of the token's network only.
async fn set_members(
    db: &mut hearth_store::Conn,
    client: &ScimClient,
    community: CommunityId,
    before: &BTreeSet<UserId>,
    wanted: &BTreeSet<UserId>,
    now: Millis,
) -> Result<(), ScimError> {
    for added in wanted.difference(before) {
        if store::user(db, client.network, *added).await?.is_none() {
            return Err(ScimError::InvalidValue(format!(
                "member {added} is not a User here"
            )));
        }
        let membership = Membership {
            community_id: community,
            user_id: *added,
            role: CommunityRole::Member,
            state: MembershipState::Member,
        };
        communities::put_membership(db, &membership, now).await?;
    }
    for removed in before.difference(wanted) {
        communities::delete_membership(db, community, *removed).await?;
    }
    if before != wanted {
        store::touch_group(db, community, now).await?;
    }
    Ok(())
}

fn name_taken(err: hearth_store::StoreError) -> ScimError {
    match err {
        hearth_store::StoreError::Conflict { .. } => {
            ScimError::Uniqueness("a community with this name already exists".to_owned())
        }
        other => other.into(),
    }
}
