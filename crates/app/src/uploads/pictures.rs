//! Pictures: a person's photo and a community's cover. Each is an upload made for
//! the purpose (cropped square, or wide), set by its owner or the community's
//! managers; the one it replaces is swept with the unattached uploads.

use crate::{App, AppError, signed_in};
use hearth_domain::upload::{AttachedTo, Purpose};
use hearth_domain::{Actor, CommunityId, UploadId, User, ValidationError, policy};
use hearth_store::{Conn, communities, uploads};

/// Checks that `id` is one of `user`'s own uploads made for `purpose`.
async fn own_picture(
    db: &mut Conn,
    user: &User,
    id: UploadId,
    purpose: Purpose,
) -> Result<(), AppError> {
    let usable = uploads::get(db, user.network_id, id)
        .await?
        .is_some_and(|u| {
            u.owner_id == user.id && u.purpose == purpose && u.attached_to == AttachedTo::Nothing
        });
    if usable {
        Ok(())
    } else {
        Err(ValidationError::new(
            "upload_id",
            format!(
                "there is no upload {id} of yours made as a {}; upload the picture with purpose {}",
                purpose.as_str(),
                purpose.as_str()
            ),
        )
        .into())
    }
}

/// Sets (or, with `None`, takes down) the signed-in person's photo.
pub async fn set_photo(
    app: &App,
    actor: &Actor,
    photo: Option<UploadId>,
) -> Result<Option<UploadId>, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    set_photo_of(&mut tx, user, photo).await?;
    tx.commit().await?;
    tracing::info!(user.id = %user.id, set = photo.is_some(), "profile photo changed");
    Ok(photo)
}

/// Sets (or, with `None`, takes down) `user`'s photo inside the caller's transaction,
/// for a caller that acts on their behalf and has checked it may (the identity
/// provider): the photo must still be one of their own uploads made as a photo.
pub(crate) async fn set_photo_of(
    tx: &mut Conn,
    user: &User,
    photo: Option<UploadId>,
) -> Result<(), AppError> {
    match photo {
        Some(id) => {
            own_picture(tx, user, id, Purpose::Avatar).await?;
            uploads::set_photo(tx, user.id, id).await
        }
        None => uploads::clear_photo(tx, user.id).await,
    }
    .map_err(AppError::from)
}

/// Sets (or, with `None`, removes) a community's cover image: its owners and admins,
/// or a network admin.
pub async fn set_cover(
    app: &App,
    actor: &Actor,
    community: CommunityId,
    cover: Option<UploadId>,
) -> Result<Option<UploadId>, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let found = communities::get(&mut tx, user.network_id, community)
        .await?
        .ok_or(AppError::NotFound("community"))?;
    let membership = communities::membership(&mut tx, community, user.id).await?;
    if !policy::may_see_community(user, &found, membership.as_ref()) {
        return Err(AppError::NotFound("community"));
    }
    policy::may_manage_community(user, &found, membership.as_ref())?;
    if let Some(id) = cover {
        own_picture(&mut tx, user, id, Purpose::Cover).await?;
    }
    uploads::set_cover(&mut tx, community, cover).await?;
    tx.commit().await?;
    Ok(cover)
}
