//! Files people upload: receiving one (streamed to a scratch file, its type judged
//! from its content, images cleaned and thumbnailed), reading one back (only by
//! someone who may read what it is attached to), and sweeping away what nobody
//! attached and content nothing refers to.

mod files;
mod pictures;
mod receive;

pub use files::{FileSettings, Files};
pub(crate) use pictures::set_photo_of;
pub use pictures::{set_cover, set_photo};
pub(crate) use receive::receive_for;
pub use receive::{Incoming, receive};

use crate::access::load_readable;
use crate::{App, AppError, signed_in};
use hearth_domain::policy;
use hearth_domain::upload::{AttachedTo, Purpose, Upload, Variant};
use hearth_domain::{Actor, UploadId, User};
use hearth_store::uploads::{self, Target};
use hearth_store::{Conn, communities, conversations, messages};

/// How long an upload may wait to be attached before it is removed.
pub const UNATTACHED_LIFETIME_MS: i64 = 24 * 3600 * 1000;
/// How long content nothing refers to is kept, so that an upload of the same bytes
/// racing the sweeper never loses its file.
const BLOB_GRACE_MS: i64 = 3600 * 1000;

/// A file to send: its bytes, and how to send them.
pub struct Download {
    pub upload: Upload,
    pub variant: Variant,
    pub content_type: String,
    pub blob: hearth_files::blobs::Blob,
}

impl Download {
    /// Images are shown in the page; everything else is saved, never rendered, so a
    /// file that a browser would run (HTML, SVG) cannot run as Hearth.
    pub fn inline(&self) -> bool {
        self.upload.is_image() && self.content_type.starts_with("image/")
    }
}

/// An upload the person may see: their own, or one attached to something they may
/// read. Anything else is "not found", so nobody learns a file exists.
pub async fn get(app: &App, actor: &Actor, id: UploadId) -> Result<Upload, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    readable(&mut db, user, id).await
}

/// The bytes of one variant of an upload the person may see; a variant an upload
/// lacks (a thumbnail of a small image) falls back to the original.
pub async fn download(
    app: &App,
    actor: &Actor,
    id: UploadId,
    variant: Variant,
) -> Result<Download, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let upload = readable(&mut db, user, id).await?;
    let variant = upload.best_variant(variant);
    let stored = uploads::rendition(&mut db, id, variant)
        .await?
        .ok_or(AppError::NotFound("upload"))?;
    drop(db);
    let blob = app.files().open(&stored.blob_key).await?;
    Ok(Download {
        upload,
        variant,
        content_type: stored.content_type,
        blob,
    })
}

/// The uploader describes an image for people who cannot see it (or removes the
/// description with `None` or an empty text).
pub async fn describe(
    app: &App,
    actor: &Actor,
    id: UploadId,
    alt_text: Option<&str>,
) -> Result<Upload, AppError> {
    let user = signed_in(actor)?;
    let alt_text = hearth_domain::upload::parse_alt_text(alt_text)?;
    let mut tx = app.store().begin().await?;
    let mut upload = uploads::get(&mut tx, user.network_id, id)
        .await?
        .filter(|u| u.owner_id == user.id)
        .ok_or(AppError::NotFound("upload"))?;
    uploads::set_alt_text(&mut tx, id, alt_text.as_deref()).await?;
    tx.commit().await?;
    upload.alt_text = alt_text;
    Ok(upload)
}

pub(crate) async fn readable(db: &mut Conn, user: &User, id: UploadId) -> Result<Upload, AppError> {
    let upload = uploads::get(db, user.network_id, id)
        .await?
        .ok_or(AppError::NotFound("upload"))?;
    if upload.owner_id == user.id {
        return Ok(upload);
    }
    let may = match upload.attached_to {
        AttachedTo::Post(post) => may_read_post(db, user, post).await?,
        AttachedTo::Message(message) => may_read_message(db, user, message).await?,
        AttachedTo::Nothing => match upload.purpose {
            Purpose::Attachment => false,
            // A picture is public to the network once it is someone's photo or a
            // cover of a community the reader may see.
            Purpose::Avatar => uploads::is_photo(db, id).await?,
            Purpose::Cover => match uploads::cover_of(db, id).await? {
                Some(community) => {
                    match communities::get_with_membership(db, user.network_id, community, user.id)
                        .await?
                    {
                        Some((community, membership)) => {
                            policy::may_see_community(user, &community, membership.as_ref())
                        }
                        None => false,
                    }
                }
                None => false,
            },
        },
    };
    if may {
        Ok(upload)
    } else {
        Err(AppError::NotFound("upload"))
    }
}

/// A reply's files are readable where the reply and its thread are.
async fn may_read_post(
    db: &mut Conn,
    user: &User,
    post: hearth_domain::PostId,
) -> Result<bool, AppError> {
    let (post, _) = match load_readable(db, user, post).await {
        Ok(found) => found,
        Err(AppError::NotFound(_)) => return Ok(false),
        Err(other) => return Err(other),
    };
    match post.root_id {
        None => Ok(true),
        Some(root) => match load_readable(db, user, root).await {
            Ok(_) => Ok(true),
            Err(AppError::NotFound(_)) => Ok(false),
            Err(other) => Err(other),
        },
    }
}

async fn may_read_message(
    db: &mut Conn,
    user: &User,
    message: hearth_domain::MessageId,
) -> Result<bool, AppError> {
    let Some(message) = messages::get(db, user.network_id, message).await? else {
        return Ok(false);
    };
    if message.deleted_at.is_some() {
        return Ok(false);
    }
    let conversation = conversations::get(db, user.network_id, message.conversation_id).await?;
    let membership = conversations::membership(db, message.conversation_id, user.id).await?;
    Ok(match conversation {
        Some(conversation) => {
            policy::may_read_conversation(user, &conversation, membership.as_ref())
        }
        None => false,
    })
}

/// Checks before the write turn that every upload named for a post or message is
/// the writer's own, unattached attachment; the write then attaches them all in one
/// statement (see [`attach`]).
pub(crate) async fn check_attachable(
    db: &mut Conn,
    user: &User,
    ids: &[UploadId],
) -> Result<Vec<Upload>, AppError> {
    let ids = hearth_domain::upload::parse_attachments(ids)?;
    let found = uploads::get_many(db, user.network_id, &ids).await?;
    for id in &ids {
        let usable = found
            .iter()
            .any(|u| u.id == *id && u.is_free_attachment_of(user.id));
        // An article's cover and files are kept for it until it is published.
        if !usable || hearth_store::article_files::is_reserved(db, *id, None).await? {
            return Err(hearth_domain::ValidationError::new(
                "attachments",
                format!("there is no upload {id} of yours to attach"),
            )
            .into());
        }
    }
    let mut ordered = Vec::with_capacity(ids.len());
    for id in &ids {
        if let Some(upload) = found.iter().find(|u| u.id == *id) {
            ordered.push(upload.clone());
        }
    }
    Ok(ordered)
}

/// Attaches checked uploads inside the write transaction: one statement; if another
/// request attached one of them meanwhile, the whole write is refused.
pub(crate) async fn attach(
    tx: &mut Conn,
    user: &User,
    target: Target,
    ids: &[UploadId],
) -> Result<(), AppError> {
    let attached = uploads::attach(tx, user.id, target, ids).await?;
    if attached != ids.len() as u64 {
        return Err(hearth_domain::ValidationError::new(
            "attachments",
            "a file was attached somewhere else meanwhile; upload it again",
        )
        .into());
    }
    Ok(())
}

/// What one sweep removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    pub uploads: u64,
    pub files: u64,
}

/// Removes uploads nobody attached within a day, then the stored content that no
/// upload refers to any more. Any node may run it; the statements are idempotent.
pub async fn sweep(app: &App) -> Result<Swept, AppError> {
    let now = app.now();
    let mut tx = app.store().begin().await?;
    let removed = uploads::delete_unattached(&mut tx, now - UNATTACHED_LIFETIME_MS).await?;
    tx.commit().await?;
    let before = now - BLOB_GRACE_MS;
    let mut files = 0;
    loop {
        let mut db = app.store().conn().await?;
        let keys = uploads::unreferenced_blobs(&mut db, before, 100).await?;
        drop(db);
        if keys.is_empty() {
            break;
        }
        let mut forgotten = 0;
        for key in &keys {
            // The row goes first, and only if no upload touched the content since
            // `before`: an upload touches its content before storing it, so content
            // being uploaded again now keeps its row and is not removed. What remains
            // is an upload of the same bytes starting in the instant between these two
            // steps.
            let mut tx = app.store().begin().await?;
            let forget = uploads::forget_blob(&mut tx, key, before).await?;
            tx.commit().await?;
            if forget {
                app.files().remove(key).await?;
                forgotten += 1;
            }
        }
        files += forgotten;
        if keys.len() < 100 {
            break;
        }
    }
    if removed > 0 || files > 0 {
        tracing::info!(
            uploads = removed,
            files,
            "swept unattached uploads and unused files"
        );
    }
    Ok(Swept {
        uploads: removed,
        files,
    })
}
