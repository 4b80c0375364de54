//! Receiving an upload: streamed to a scratch folder while it is hashed and counted,
//! its type judged from its first bytes, an image cleaned and thumbnailed in a
//! blocking task (a few at once), then stored by content and recorded.

use crate::{App, AppError, signed_in};
use futures_util::{Stream, StreamExt};
use hearth_domain::upload::{AttachedTo, Purpose, Upload, Variant, clean_name, parse_alt_text};
use hearth_domain::{Actor, UploadId, User, ValidationError};
use hearth_files::blobs::BlobKey;
use hearth_files::images::{self, ImageError, Processed, Sniffed};
use hearth_store::uploads::{self, NewRendition};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tokio::io::AsyncWriteExt;

/// What the sender says about a file; its type is never taken from them.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The file's name as the sender's computer calls it.
    pub name: String,
    pub purpose: Purpose,
    /// Alternative text, for an image.
    pub alt_text: Option<String>,
}

/// One stored form of the upload before it is recorded.
struct Ready {
    variant: Variant,
    path: PathBuf,
    key: BlobKey,
    content_type: String,
    dimensions: Option<(i64, i64)>,
    size: i64,
}

/// Receives a file from `body`, a stream of chunks, for `actor`. Refuses (changing
/// nothing) a file over the size limit or the person's quota, an empty one, an image
/// with too many pixels or that cannot be read, and anything but an image for a
/// picture.
pub async fn receive<S, B, E>(
    app: &App,
    actor: &Actor,
    incoming: Incoming,
    body: S,
) -> Result<Upload, AppError>
where
    S: Stream<Item = Result<B, E>> + Unpin,
    B: AsRef<[u8]>,
    E: std::error::Error + Send + Sync + 'static,
{
    receive_for(app, signed_in(actor)?, incoming, body).await
}

/// Receives a file as [`receive`] does, owned by `user`, for a caller that acts on
/// their behalf and has checked it may (the identity provider setting a photo): the
/// same limits, the person's quota and the same checks of the content apply.
pub(crate) async fn receive_for<S, B, E>(
    app: &App,
    user: &User,
    incoming: Incoming,
    body: S,
) -> Result<Upload, AppError>
where
    S: Stream<Item = Result<B, E>> + Unpin,
    B: AsRef<[u8]>,
    E: std::error::Error + Send + Sync + 'static,
{
    let alt_text = parse_alt_text(incoming.alt_text.as_deref())?;
    let name = clean_name(&incoming.name);
    let files = app.files().clone();
    let settings = files.settings().clone();
    let used = {
        let mut db = app.store().conn().await?;
        u64::try_from(uploads::bytes_used(&mut db, user.id).await?).unwrap_or(0)
    };
    if used >= settings.quota_bytes {
        return Err(over_quota(settings.quota_bytes));
    }
    let allowed = settings.max_file_bytes.min(settings.quota_bytes - used);

    // Everything made of this upload lives in one scratch folder, removed on return
    // whatever happens.
    let work = tempfile::TempDir::new_in(files.scratch()).map_err(internal)?;
    let raw = work.path().join("upload");
    let (digest, size) = write(&raw, body, allowed).await.map_err(|err| match err {
        Received::TooLarge if allowed < settings.max_file_bytes => over_quota(settings.quota_bytes),
        Received::TooLarge => AppError::TooLarge(format!(
            "the file is larger than {}",
            megabytes(settings.max_file_bytes)
        )),
        Received::Interrupted => {
            ValidationError::new("file", "the upload was interrupted; try again").into()
        }
        Received::Disk(err) => internal(err),
    })?;
    if size == 0 {
        return Err(ValidationError::new("file", "the file is empty").into());
    }

    let sniff_path = raw.clone();
    let sniffed = tokio::task::spawn_blocking(move || images::sniff_file(&sniff_path))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    let (ready, kind) = match sniffed {
        Sniffed::Image(_) => {
            let processed = process(app, incoming.purpose, &raw, work.path()).await?;
            let mut ready = Vec::with_capacity(processed.renditions.len());
            for rendition in &processed.renditions {
                let key = BlobKey::of_file(&rendition.path).await.map_err(internal)?;
                ready.push(Ready {
                    variant: variant(rendition.variant),
                    path: rendition.path.clone(),
                    key,
                    content_type: rendition.mime.to_owned(),
                    dimensions: Some((i64::from(rendition.width), i64::from(rendition.height))),
                    size: i64::try_from(rendition.bytes).unwrap_or(i64::MAX),
                });
            }
            let dimensions = (i64::from(processed.width), i64::from(processed.height));
            (ready, Some((dimensions, processed.animated)))
        }
        Sniffed::Other { .. } if incoming.purpose != Purpose::Attachment => {
            return Err(ValidationError::new(
                "file",
                "choose a picture: a JPEG, PNG, GIF or WebP image",
            )
            .into());
        }
        Sniffed::Other { mime } => (
            vec![Ready {
                variant: Variant::Original,
                path: raw.clone(),
                key: BlobKey::from_digest(&digest),
                content_type: mime.to_owned(),
                dimensions: None,
                size: i64::try_from(size).unwrap_or(i64::MAX),
            }],
            None,
        ),
    };
    let original = ready
        .iter()
        .find(|r| r.variant == Variant::Original)
        .ok_or_else(|| internal(std::io::Error::other("no original was made")))?;
    let stored_size = original.size;
    let content_type = original.content_type.clone();

    // The content is touched before it is stored, so the sweeper never removes
    // content an upload is about to refer to (see `uploads::sweep`).
    let now = app.now();
    let mut tx = app.store().begin().await?;
    for r in &ready {
        uploads::touch_blob(&mut tx, r.key.as_str(), r.size, now).await?;
    }
    tx.commit().await?;
    for r in &ready {
        files.put(&r.key, &r.path).await?;
    }

    let upload = Upload {
        id: UploadId(app.next_id()),
        network_id: user.network_id,
        owner_id: user.id,
        purpose: incoming.purpose,
        name,
        content_type,
        size: stored_size,
        dimensions: kind.map(|(d, _)| d),
        animated: kind.is_some_and(|(_, animated)| animated),
        alt_text,
        created_at: now,
        attached_to: AttachedTo::Nothing,
        variants: ready.iter().map(|r| r.variant).collect(),
    };
    let renditions: Vec<NewRendition> = ready
        .iter()
        .map(|r| NewRendition {
            variant: r.variant,
            blob_key: r.key.as_str().to_owned(),
            content_type: r.content_type.clone(),
            dimensions: r.dimensions,
            size: r.size,
        })
        .collect();
    let mut tx = app.store().begin().await?;
    for r in &ready {
        uploads::touch_blob(&mut tx, r.key.as_str(), r.size, app.now()).await?;
    }
    uploads::insert(&mut tx, &upload, &renditions).await?;
    tx.commit().await?;
    tracing::info!(
        upload.id = %upload.id,
        user.id = %user.id,
        size = upload.size,
        content_type = %upload.content_type,
        "file uploaded"
    );
    Ok(upload)
}

/// Cleans and thumbnails an image in a blocking task, a few images at a time.
async fn process(
    app: &App,
    purpose: Purpose,
    raw: &Path,
    out_dir: &Path,
) -> Result<Processed, AppError> {
    let files = app.files();
    let limits = files.image_limits();
    let _turn = files.decoding_turn().await?;
    let (raw, out_dir) = (raw.to_owned(), out_dir.to_owned());
    let processed = tokio::task::spawn_blocking(move || match purpose {
        Purpose::Attachment => images::process_attachment(&raw, &out_dir, limits),
        Purpose::Avatar => images::process_avatar(&raw, &out_dir, limits),
        Purpose::Cover => images::process_cover(&raw, &out_dir, limits),
    })
    .await
    .map_err(internal)?;
    processed.map_err(|err| match err {
        ImageError::TooManyPixels {
            width,
            height,
            max_pixels,
        } => {
            let size = format!("{width}×{height}");
            let max = max_pixels / 1_000_000;
            ValidationError::new(
                "file",
                format!("the image is {size} pixels; at most {max} megapixels"),
            )
            .into()
        }
        ImageError::Unreadable(_) => {
            ValidationError::new("file", "the image cannot be read; is the file damaged?").into()
        }
        ImageError::Io(err) => internal(err),
    })
}

fn variant(made: images::Variant) -> Variant {
    match made {
        images::Variant::Original => Variant::Original,
        images::Variant::Large => Variant::Large,
        images::Variant::Small => Variant::Small,
        images::Variant::Avatar => Variant::Avatar,
        images::Variant::AvatarSmall => Variant::AvatarSmall,
    }
}

enum Received {
    TooLarge,
    Interrupted,
    Disk(std::io::Error),
}

/// Writes the stream to `path`, hashing as it goes, and stops at `limit` bytes.
async fn write<S, B, E>(path: &Path, mut body: S, limit: u64) -> Result<([u8; 32], u64), Received>
where
    S: Stream<Item = Result<B, E>> + Unpin,
    B: AsRef<[u8]>,
    E: std::error::Error + Send + Sync + 'static,
{
    let mut file = tokio::fs::File::create(path)
        .await
        .map_err(Received::Disk)?;
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|err| {
            tracing::debug!(error = %err, "an upload stopped before its end");
            Received::Interrupted
        })?;
        let bytes = chunk.as_ref();
        size += bytes.len() as u64;
        if size > limit {
            return Err(Received::TooLarge);
        }
        hasher.update(bytes);
        file.write_all(bytes).await.map_err(Received::Disk)?;
    }
    file.flush().await.map_err(Received::Disk)?;
    Ok((hasher.finalize().into(), size))
}

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

fn over_quota(quota: u64) -> AppError {
    AppError::TooLarge(format!(
        "this file would take your files over the {} you may store",
        megabytes(quota)
    ))
}

fn internal<E: std::error::Error + Send + Sync + 'static>(err: E) -> AppError {
    AppError::Internal(Box::new(err))
}
