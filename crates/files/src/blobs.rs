//! Content-addressed storage of files: a folder on disk, or S3-compatible object storage.
//!
//! A file's key is the hex SHA-256 of its bytes ([`BlobKey`]), so the same file uploaded
//! twice is stored once and a stored file never changes. Uploads reach Hearth as a local
//! temporary file that the app has already hashed; the store only puts that finished
//! file under its key, streams it back out and deletes it.
//!
//! Both backends lay files out the same way, `<first 2 hex>/<next 2 hex>/<key>` (under
//! the folder, or under the bucket's prefix): no directory grows huge, and moving from
//! a folder to a bucket is a plain copy of the tree.
//!
//! Errors: [`BlobError::NotFound`] is the only one a caller should branch on (a missing
//! file is a 404); the others are failures of the storage to log and report as 500/503.

mod config;
mod key;
mod local;
mod s3;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use futures_util::stream::BoxStream;

pub use config::StorageConfig;
pub use key::BlobKey;

/// Where stored files live; cheap to clone (one shared backend).
#[derive(Clone)]
pub struct BlobStore {
    backend: Arc<Backend>,
}

/// An enum rather than a trait object: two backends, each with its own small module.
enum Backend {
    Folder(local::FolderStore),
    S3(s3::S3Store),
}

/// A stored file on its way out: its length (for `Content-Length`) and its bytes.
pub struct Blob {
    pub size: u64,
    pub stream: BoxStream<'static, Result<Bytes, BlobError>>,
}

impl std::fmt::Debug for Blob {
    // The stream has no useful `Debug`; the size is what a test or a log wants to see.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Blob")
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error("no such file")]
    NotFound,
    #[error("storage configuration: {0}")]
    Config(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("object storage: {0}")]
    Store(#[source] object_store::Error),
}

impl BlobStore {
    /// Files in a folder on this machine (one node); creates the folder if needed.
    pub fn folder(root: impl Into<PathBuf>) -> Result<Self, BlobError> {
        let store = local::FolderStore::new(root.into())?;
        Ok(Self::with(Backend::Folder(store)))
    }

    /// The store the `[storage]` table describes; `default_folder` is used by a folder
    /// backend without a `path` (normally `<data dir>/files`).
    pub fn from_config(config: &StorageConfig, default_folder: &Path) -> Result<Self, BlobError> {
        match config {
            StorageConfig::Folder { path } => {
                Self::folder(path.clone().unwrap_or_else(|| default_folder.to_path_buf()))
            }
            StorageConfig::S3 { .. } => Ok(Self::with(Backend::S3(s3::S3Store::new(config)?))),
        }
    }

    fn with(backend: Backend) -> Self {
        Self {
            backend: Arc::new(backend),
        }
    }

    /// Stores the file at `path` under `key`. Storing a key that exists already is a
    /// successful no-op: same key, same bytes. The caller vouches that `key` is the hash
    /// of the file (it hashed the upload as it wrote it); the file is not read twice.
    pub async fn put_file(&self, key: &BlobKey, path: &Path) -> Result<(), BlobError> {
        match &*self.backend {
            Backend::Folder(store) => store.put_file(key, path).await,
            Backend::S3(store) => store.put_file(key, path).await,
        }
    }

    /// Streams a stored file: its length and its bytes in chunks.
    pub async fn get(&self, key: &BlobKey) -> Result<Blob, BlobError> {
        match &*self.backend {
            Backend::Folder(store) => store.get(key).await,
            Backend::S3(store) => store.get(key).await,
        }
    }

    /// Removes a stored file; removing one that is absent succeeds.
    pub async fn delete(&self, key: &BlobKey) -> Result<(), BlobError> {
        match &*self.backend {
            Backend::Folder(store) => store.delete(key).await,
            Backend::S3(store) => store.delete(key).await,
        }
    }

    pub async fn exists(&self, key: &BlobKey) -> Result<bool, BlobError> {
        match &*self.backend {
            Backend::Folder(store) => store.exists(key).await,
            Backend::S3(store) => store.exists(key).await,
        }
    }

    /// Start-up check that the storage answers: writes, reads back and deletes a small
    /// probe object, so a wrong path, bucket or key fails at start and not at the first
    /// upload.
    pub async fn check(&self) -> Result<(), BlobError> {
        match &*self.backend {
            Backend::Folder(store) => store.check().await,
            Backend::S3(store) => store.check().await,
        }
    }

    /// A description for logs, e.g. "folder /var/lib/hearth/files"; never secrets.
    pub fn describe(&self) -> String {
        match &*self.backend {
            Backend::Folder(store) => store.describe(),
            Backend::S3(store) => store.describe(),
        }
    }
}

impl std::fmt::Debug for BlobStore {
    // What `describe` says, so a `Debug` of a struct holding a store shows no secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("BlobStore").field(&self.describe()).finish()
    }
}

/// The path of a key relative to the store's root, shared by both backends.
fn relative_path(key: &BlobKey) -> [&str; 3] {
    let hex = key.as_str();
    [&hex[..2], &hex[2..4], hex]
}

/// The content of the probe object `check` writes: small, and recognisable if a crash
/// ever leaves one behind.
const PROBE_CONTENT: &[u8] = b"hearth storage check\n";

/// A name for a probe object or a temporary file that no other process or call uses.
fn unique_name(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}{}-{nanos}-{n}", std::process::id())
}
