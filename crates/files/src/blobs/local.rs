//! The folder backend: `<root>/<2 hex>/<2 hex>/<key>`.
//!
//! Written by hand rather than with object_store's `LocalFileSystem`: that one does not
//! fsync, and a file the database already points to must survive a power cut. Here a
//! file is copied into a temporary file beside its final place, fsynced, renamed over
//! (atomic: readers see the whole file or none) and its directory fsynced.
//!
//! Temporary files are named `.tmp-…` inside the `<2 hex>/<2 hex>` folders; a crash
//! mid-copy can leave one behind, never a partial file under a key.

use std::path::{Path, PathBuf};

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use futures_util::stream;
use tokio::io::AsyncReadExt;

use super::{Blob, BlobError, BlobKey, PROBE_CONTENT, relative_path, unique_name};

/// Read size when streaming a file out: a few network packets' worth per chunk.
const READ_CHUNK: usize = 64 * 1024;

pub(super) struct FolderStore {
    root: PathBuf,
}

impl FolderStore {
    pub(super) fn new(root: PathBuf) -> Result<Self, BlobError> {
        std::fs::create_dir_all(&root)?;
        Ok(Self { root })
    }

    fn path_of(&self, key: &BlobKey) -> PathBuf {
        self.root
            .join(relative_path(key).iter().collect::<PathBuf>())
    }

    pub(super) async fn put_file(&self, key: &BlobKey, source: &Path) -> Result<(), BlobError> {
        let target = self.path_of(key);
        if tokio::fs::try_exists(&target).await? {
            return Ok(());
        }
        let dir = target.parent().unwrap_or(&self.root);
        create_dirs_durably(&self.root, dir).await?;
        write_atomically(dir, &target, Source::File(source)).await
    }

    pub(super) async fn get(&self, key: &BlobKey) -> Result<Blob, BlobError> {
        let file = tokio::fs::File::open(self.path_of(key))
            .await
            .map_err(not_found)?;
        let size = file.metadata().await?.len();
        Ok(Blob {
            size,
            stream: read_chunks(file),
        })
    }

    pub(super) async fn delete(&self, key: &BlobKey) -> Result<(), BlobError> {
        match tokio::fs::remove_file(self.path_of(key)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    pub(super) async fn exists(&self, key: &BlobKey) -> Result<bool, BlobError> {
        Ok(tokio::fs::try_exists(self.path_of(key)).await?)
    }

    /// Writes a probe file at the root the way `put_file` writes (so a read-only or
    /// full disk shows here), reads it back and removes it.
    pub(super) async fn check(&self) -> Result<(), BlobError> {
        let probe = self.root.join(unique_name(".probe-"));
        write_atomically(&self.root, &probe, Source::Bytes(PROBE_CONTENT)).await?;
        let read = tokio::fs::read(&probe).await;
        tokio::fs::remove_file(&probe).await?;
        if read? != PROBE_CONTENT {
            return Err(std::io::Error::other("the probe file read back differs").into());
        }
        Ok(())
    }

    pub(super) fn describe(&self) -> String {
        format!("folder {}", self.root.display())
    }
}

enum Source<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

/// Writes `source` to a temporary file in `dir`, fsyncs it, renames it to `target` and
/// fsyncs `dir`, so `target` is either absent or complete, even after a power cut.
async fn write_atomically(dir: &Path, target: &Path, source: Source<'_>) -> Result<(), BlobError> {
    let temp = dir.join(unique_name(".tmp-"));
    let written = async {
        match source {
            // `fs::copy` streams (copy_file_range on Linux), never holding the file whole.
            Source::File(path) => tokio::fs::copy(path, &temp).await.map(drop)?,
            Source::Bytes(bytes) => tokio::fs::write(&temp, bytes).await?,
        }
        tokio::fs::File::open(&temp).await?.sync_all().await?;
        tokio::fs::rename(&temp, target).await
    }
    .await;
    if let Err(e) = written {
        // The temporary file is ours alone; failing to remove it changes nothing for
        // the caller, who gets the first error.
        let _ = tokio::fs::remove_file(&temp).await;
        return Err(e.into());
    }
    sync_dir(dir).await
}

/// Creates `dir` (a descendant of `root`) and the folders between them, fsyncing each
/// parent whose listing changed, so the new file's path survives a power cut too.
async fn create_dirs_durably(root: &Path, dir: &Path) -> Result<(), BlobError> {
    if tokio::fs::try_exists(dir).await? {
        return Ok(());
    }
    let mut missing = Vec::new();
    let mut cursor = dir;
    while cursor != root && !tokio::fs::try_exists(cursor).await? {
        missing.push(cursor);
        match cursor.parent() {
            Some(parent) => cursor = parent,
            None => break,
        }
    }
    for created in missing.into_iter().rev() {
        match tokio::fs::create_dir(created).await {
            // Another upload to the same folder got there first: as good as ours.
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e.into()),
            _ => {}
        }
        if let Some(parent) = created.parent() {
            sync_dir(parent).await?;
        }
    }
    Ok(())
}

async fn sync_dir(dir: &Path) -> Result<(), BlobError> {
    tokio::fs::File::open(dir).await?.sync_all().await?;
    Ok(())
}

fn not_found(e: std::io::Error) -> BlobError {
    if e.kind() == std::io::ErrorKind::NotFound {
        BlobError::NotFound
    } else {
        e.into()
    }
}

/// The file's bytes in chunks of at most [`READ_CHUNK`], ending at end of file.
fn read_chunks(
    file: tokio::fs::File,
) -> futures_util::stream::BoxStream<'static, Result<Bytes, BlobError>> {
    stream::try_unfold(file, |mut file| async move {
        let mut buf = BytesMut::with_capacity(READ_CHUNK);
        let n = file.read_buf(&mut buf).await?;
        Ok((n > 0).then(|| (buf.freeze(), file)))
    })
    .boxed()
}
