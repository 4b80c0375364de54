//! Reading access: who may read a post, and the place it lives in (the whole company,
//! or a community with the reader's membership of it). Posts, feeds and moderation
//! all load what they show or change through here, so a private, hidden or held post
//! is "not found" alike everywhere.

use crate::AppError;
use hearth_domain::policy::{self, Place};
use hearth_domain::{Community, CommunityId, Membership, Post, PostId, User};
use hearth_store::posts::{self, Reader};
use hearth_store::{Conn, communities};

/// The reader the store's visibility rule answers for.
pub(crate) fn reader(user: &User) -> Reader {
    Reader {
        network: user.network_id,
        user: user.id,
        is_network_admin: policy::reads_everything(user),
    }
}

/// A community and the person's membership, when the post lives in one.
pub(crate) type PlaceRows = Option<(Community, Option<Membership>)>;

pub(crate) fn place(rows: &PlaceRows) -> Place<'_> {
    match rows {
        None => Place::Company,
        Some((community, membership)) => Place::Community(community, membership.as_ref()),
    }
}

pub(crate) async fn load_place(
    db: &mut Conn,
    user: &User,
    community: Option<CommunityId>,
) -> Result<PlaceRows, AppError> {
    match community {
        None => Ok(None),
        Some(id) => Ok(Some(load_community(db, user, id).await?)),
    }
}

/// A community and the person's membership, answering "not found" when they may
/// not know it exists.
pub(crate) async fn load_community(
    db: &mut Conn,
    user: &User,
    id: CommunityId,
) -> Result<(Community, Option<Membership>), AppError> {
    let (community, membership) =
        communities::get_with_membership(db, user.network_id, id, user.id)
            .await?
            .ok_or(AppError::NotFound("community"))?;
    if !policy::may_see_community(user, &community, membership.as_ref()) {
        return Err(AppError::NotFound("community"));
    }
    Ok((community, membership))
}

/// Loads a post, deleted or not, with its place, when the person may read that
/// place; anything else is "not found", so nobody learns that a post of a private
/// community exists.
pub(crate) async fn load_in_readable_place(
    db: &mut Conn,
    user: &User,
    id: PostId,
) -> Result<(Post, PlaceRows), AppError> {
    let post = posts::get(db, user.network_id, id)
        .await?
        .ok_or(AppError::NotFound("post"))?;
    let rows = load_place(db, user, post.community_id)
        .await
        .map_err(|_| AppError::NotFound("post"))?;
    if !policy::may_read_in(user, place(&rows)) {
        return Err(AppError::NotFound("post"));
    }
    Ok((post, rows))
}

/// Loads a post the person may read, with its place; anything else is "not found",
/// so nobody learns that a private, hidden or held post exists.
pub(crate) async fn load_readable(
    db: &mut Conn,
    user: &User,
    id: PostId,
) -> Result<(Post, PlaceRows), AppError> {
    let (post, rows) = load_in_readable_place(db, user, id).await?;
    if !is_shown(user, &post, &rows) {
        return Err(AppError::NotFound("post"));
    }
    Ok((post, rows))
}

/// Whether a post in a place the person may read is shown to them: not deleted, and
/// not hidden or held from them.
pub(crate) fn is_shown(user: &User, post: &Post, rows: &PlaceRows) -> bool {
    post.deleted_at.is_none() && policy::may_see_moderated(user, post, place(rows))
}
