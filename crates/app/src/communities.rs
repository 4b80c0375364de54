//! Communities: create, edit, archive, find, and membership (join, request, invite,
//! approve, leave, remove, roles).

use crate::access::load_community;
use crate::{App, AppError, signed_in};
use hearth_domain::community::{parse_description, parse_name};
use hearth_domain::policy::{self, JoinOutcome};
use hearth_domain::{
    Actor, Category, Community, CommunityId, CommunityRole, Membership, MembershipState, UserId,
    ValidationError, Visibility,
};
use hearth_store::{Conn, StoreError, communities, profiles};

fn name_taken(err: StoreError) -> AppError {
    match err {
        StoreError::Conflict { .. } => AppError::Conflict {
            message: "a community with this name already exists".to_owned(),
            field: Some("name"),
        },
        other => other.into(),
    }
}

fn parse_visibility(raw: &str) -> Result<Visibility, ValidationError> {
    Visibility::parse(raw).ok_or_else(|| {
        ValidationError::new(
            "visibility",
            format!("use one of {}", Visibility::choices().trim()),
        )
    })
}

fn parse_category(raw: &str) -> Result<Category, ValidationError> {
    Category::parse(raw).ok_or_else(|| {
        ValidationError::new(
            "category",
            format!("use one of {}", Category::choices().trim()),
        )
    })
}

/// A community as one person sees it.
#[derive(Debug, Clone)]
pub struct CommunityView {
    pub community: Community,
    pub membership: Option<Membership>,
    pub member_count: i64,
}

/// What a new community needs.
#[derive(Debug, Clone, Default)]
pub struct NewCommunity {
    pub name: String,
    pub description: String,
    pub visibility: String,
    pub category: String,
}

/// Creates a community; its creator is its first owner.
pub async fn create(app: &App, actor: &Actor, input: &NewCommunity) -> Result<Community, AppError> {
    let user = signed_in(actor)?;
    let community = Community {
        id: CommunityId(app.next_id()),
        network_id: user.network_id,
        name: parse_name(&input.name)?,
        description: parse_description(&input.description)?,
        visibility: parse_visibility(&input.visibility)?,
        category: parse_category(&input.category)?,
        created_by: user.id,
        created_at: app.now(),
        archived_at: None,
        cover: None,
    };
    let mut tx = app.store().begin().await?;
    communities::insert(&mut tx, &community)
        .await
        .map_err(name_taken)?;
    let owner = Membership {
        community_id: community.id,
        user_id: user.id,
        role: CommunityRole::Owner,
        state: MembershipState::Member,
    };
    communities::put_membership(&mut tx, &owner, app.now()).await?;
    tx.commit().await?;
    tracing::info!(community.id = %community.id, user.id = %user.id, "community created");
    Ok(community)
}

/// Changes to a community; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct CommunityChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub visibility: Option<String>,
    pub category: Option<String>,
    /// `Some(true)` archives, `Some(false)` brings it back.
    pub archived: Option<bool>,
}

/// Edits or archives a community (its owners and admins, or a network admin).
pub async fn update(
    app: &App,
    actor: &Actor,
    id: CommunityId,
    changes: &CommunityChanges,
) -> Result<Community, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (mut community, membership) = load_community(&mut tx, user, id).await?;
    policy::may_manage_community(user, &community, membership.as_ref())?;
    if let Some(name) = &changes.name {
        community.name = parse_name(name)?;
    }
    if let Some(description) = &changes.description {
        community.description = parse_description(description)?;
    }
    if let Some(visibility) = &changes.visibility {
        community.visibility = parse_visibility(visibility)?;
    }
    if let Some(category) = &changes.category {
        community.category = parse_category(category)?;
    }
    match changes.archived {
        Some(true) if community.archived_at.is_none() => community.archived_at = Some(app.now()),
        Some(false) => community.archived_at = None,
        _ => {}
    }
    communities::update(&mut tx, &community)
        .await
        .map_err(name_taken)?;
    tx.commit().await?;
    Ok(community)
}

/// One community with the viewer's standing in it.
pub async fn get(app: &App, actor: &Actor, id: CommunityId) -> Result<CommunityView, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (community, membership) = load_community(&mut db, user, id).await?;
    let member_count = communities::member_count(&mut db, id).await?;
    Ok(CommunityView {
        community,
        membership,
        member_count,
    })
}

/// The community, for someone about to change how it looks (its cover): refused to
/// anyone who may not manage it, before they send anything.
pub async fn get_to_manage(
    app: &App,
    actor: &Actor,
    id: CommunityId,
) -> Result<CommunityView, AppError> {
    let view = get(app, actor, id).await?;
    policy::may_manage_community(signed_in(actor)?, &view.community, view.membership.as_ref())?;
    Ok(view)
}

/// The communities the viewer may see (or, with `mine_only`, belongs to), by name.
pub async fn list(
    app: &App,
    actor: &Actor,
    mine_only: bool,
) -> Result<Vec<CommunityView>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let rows = communities::list_visible(
        &mut db,
        user.network_id,
        user.id,
        policy::reads_everything(user),
        mine_only,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|(community, membership, member_count)| CommunityView {
            community,
            membership,
            member_count,
        })
        .collect())
}

/// Joins a community: at once when it is public or the person was invited, as a
/// request awaiting approval when it is private.
pub async fn join(app: &App, actor: &Actor, id: CommunityId) -> Result<MembershipState, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (community, membership) = load_community(&mut tx, user, id).await?;
    if let Some(existing) = membership.filter(|m| m.state != MembershipState::Invited) {
        return Ok(existing.state);
    }
    let state = match policy::join_outcome(user, &community, membership.as_ref())? {
        JoinOutcome::Joined => MembershipState::Member,
        JoinOutcome::Requested => MembershipState::Requested,
    };
    let role = membership.map_or(CommunityRole::Member, |m| m.role);
    let joined = Membership {
        community_id: id,
        user_id: user.id,
        role,
        state,
    };
    communities::put_membership(&mut tx, &joined, app.now()).await?;
    tx.commit().await?;
    Ok(state)
}

/// Leaves a community, withdraws a request or declines an invitation. The last owner
/// must hand over before leaving.
pub async fn leave(app: &App, actor: &Actor, id: CommunityId) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (_, membership) = load_community(&mut tx, user, id).await?;
    let Some(membership) = membership else {
        return Ok(());
    };
    ensure_not_last_owner(&mut tx, &membership).await?;
    communities::delete_membership(&mut tx, id, user.id).await?;
    tx.commit().await?;
    Ok(())
}

fn refuse_if_archived(community: &Community) -> Result<(), AppError> {
    if community.archived_at.is_some() {
        return Err(AppError::Forbidden(
            "this community is archived and takes no new members",
        ));
    }
    Ok(())
}

async fn ensure_not_last_owner(db: &mut Conn, membership: &Membership) -> Result<(), AppError> {
    if membership.is_member()
        && membership.role == CommunityRole::Owner
        && communities::owner_count(db, membership.community_id).await? <= 1
    {
        return Err(AppError::Conflict {
            message: "a community needs an owner: make someone else an owner first".to_owned(),
            field: None,
        });
    }
    Ok(())
}

/// Invites a colleague (or accepts their pending request). Managers only.
pub async fn invite(
    app: &App,
    actor: &Actor,
    id: CommunityId,
    invitee: UserId,
) -> Result<MembershipState, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (community, membership) = load_community(&mut tx, user, id).await?;
    policy::may_manage_community(user, &community, membership.as_ref())?;
    refuse_if_archived(&community)?;
    if profiles::get(&mut tx, community.network_id, invitee)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound("person"));
    }
    let existing = communities::membership(&mut tx, id, invitee).await?;
    let state = match existing.map(|m| m.state) {
        Some(MembershipState::Member) => return Ok(MembershipState::Member),
        Some(MembershipState::Requested) => MembershipState::Member,
        _ => MembershipState::Invited,
    };
    let row = Membership {
        community_id: id,
        user_id: invitee,
        role: CommunityRole::Member,
        state,
    };
    communities::put_membership(&mut tx, &row, app.now()).await?;
    tx.commit().await?;
    Ok(state)
}

/// Approves a pending join request. Managers only.
pub async fn approve(
    app: &App,
    actor: &Actor,
    id: CommunityId,
    requester: UserId,
) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (community, membership) = load_community(&mut tx, user, id).await?;
    policy::may_manage_community(user, &community, membership.as_ref())?;
    refuse_if_archived(&community)?;
    let request = communities::membership(&mut tx, id, requester)
        .await?
        .filter(|m| m.state == MembershipState::Requested)
        .ok_or(AppError::NotFound("join request"))?;
    let approved = Membership {
        state: MembershipState::Member,
        ..request
    };
    communities::put_membership(&mut tx, &approved, app.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a member, declines a request or withdraws an invitation. Managers only;
/// the last owner stays.
pub async fn remove(
    app: &App,
    actor: &Actor,
    id: CommunityId,
    member: UserId,
) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (community, membership) = load_community(&mut tx, user, id).await?;
    policy::may_manage_community(user, &community, membership.as_ref())?;
    let target = communities::membership(&mut tx, id, member)
        .await?
        .ok_or(AppError::NotFound("member"))?;
    if target.role == CommunityRole::Owner && target.user_id != user.id {
        policy::may_grant_community_role(user, membership.as_ref(), CommunityRole::Owner)?;
    }
    ensure_not_last_owner(&mut tx, &target).await?;
    communities::delete_membership(&mut tx, id, member).await?;
    tx.commit().await?;
    Ok(())
}

/// Gives a member another role. Managers only; making owners is for owners.
pub async fn set_role(
    app: &App,
    actor: &Actor,
    id: CommunityId,
    member: UserId,
    role: &str,
) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let role = CommunityRole::parse(role).ok_or_else(|| {
        ValidationError::new(
            "role",
            format!("use one of {}", CommunityRole::choices().trim()),
        )
    })?;
    let mut tx = app.store().begin().await?;
    let (community, membership) = load_community(&mut tx, user, id).await?;
    policy::may_manage_community(user, &community, membership.as_ref())?;
    policy::may_grant_community_role(user, membership.as_ref(), role)?;
    let target = communities::membership(&mut tx, id, member)
        .await?
        .filter(Membership::is_member)
        .ok_or(AppError::NotFound("member"))?;
    if target.role == CommunityRole::Owner {
        // Demoting an owner is as weighty as making one.
        policy::may_grant_community_role(user, membership.as_ref(), CommunityRole::Owner)?;
    }
    if role != CommunityRole::Owner {
        ensure_not_last_owner(&mut tx, &target).await?;
    }
    communities::put_membership(&mut tx, &Membership { role, ..target }, app.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// A community's people. Everyone who may read it sees the members; managers also
/// see pending requests and invitations.
pub async fn members(
    app: &App,
    actor: &Actor,
    id: CommunityId,
) -> Result<Vec<(Membership, String)>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (community, membership) = load_community(&mut db, user, id).await?;
    if !policy::may_read_community(user, &community, membership.as_ref()) {
        return Err(AppError::Forbidden(
            "join this community to see its members",
        ));
    }
    let manages = policy::may_manage_community(user, &community, membership.as_ref()).is_ok();
    Ok(communities::members(&mut db, id, manages).await?)
}
