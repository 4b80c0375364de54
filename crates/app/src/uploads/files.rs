//! The file storage the app was given, with the limits on what it accepts.

use crate::AppError;
use hearth_files::blobs::{Blob, BlobError, BlobKey, BlobStore, StorageConfig};
use hearth_files::images::ImageLimits;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Where files go and how big they may be. Built by the binary from `[storage]` and
/// `[uploads]`.
#[derive(Debug, Clone)]
pub struct FileSettings {
    pub storage: StorageConfig,
    /// The folder a folder storage without a path uses: `<data>/files`.
    pub default_folder: PathBuf,
    /// Where uploads arrive before they are stored: on local disk, whatever the
    /// storage, so that a file is never held whole in memory.
    pub scratch: PathBuf,
    /// The largest file one may upload, in bytes.
    pub max_file_bytes: u64,
    /// How many bytes one person's uploads may take in all.
    pub quota_bytes: u64,
    /// Images with more pixels are refused before they are decoded.
    pub max_pixels: u64,
    /// How many images are decoded at once; each may take a few hundred megabytes.
    pub images_at_once: usize,
    /// Whether a photo the identity provider gives by URL (SCIM `photos`) may be
    /// fetched from this machine (a loopback address), and over plain `http://`. Off
    /// outside tests: a URL must never make Hearth call its own neighbours.
    pub scim_photo_fetch_loopback: bool,
}

impl Default for FileSettings {
    fn default() -> Self {
        let base = std::env::temp_dir().join("hearth-files");
        Self {
            storage: StorageConfig::Folder { path: None },
            default_folder: base.join("files"),
            scratch: base.join("incoming"),
            max_file_bytes: 25 * 1024 * 1024,
            quota_bytes: 2 * 1024 * 1024 * 1024,
            max_pixels: ImageLimits::default().max_pixels,
            images_at_once: 2,
            scim_photo_fetch_loopback: false,
        }
    }
}

/// The storage and the limits, shared by every request.
#[derive(Clone)]
pub struct Files {
    store: BlobStore,
    settings: FileSettings,
    decoding: Arc<Semaphore>,
}

impl Files {
    pub fn new(settings: FileSettings) -> Result<Self, BlobError> {
        let store = BlobStore::from_config(&settings.storage, &settings.default_folder)?;
        std::fs::create_dir_all(&settings.scratch)?;
        Ok(Self {
            store,
            decoding: Arc::new(Semaphore::new(settings.images_at_once.max(1))),
            settings,
        })
    }

    pub fn settings(&self) -> &FileSettings {
        &self.settings
    }

    pub(crate) fn scratch(&self) -> &Path {
        &self.settings.scratch
    }

    pub(crate) fn image_limits(&self) -> ImageLimits {
        ImageLimits {
            max_pixels: self.settings.max_pixels,
        }
    }

    /// A turn to decode an image; held while the image is processed.
    pub(crate) async fn decoding_turn(
        &self,
    ) -> Result<tokio::sync::OwnedSemaphorePermit, AppError> {
        Arc::clone(&self.decoding)
            .acquire_owned()
            .await
            .map_err(|err| AppError::Internal(Box::new(err)))
    }

    pub(crate) async fn put(&self, key: &BlobKey, path: &Path) -> Result<(), AppError> {
        self.store.put_file(key, path).await.map_err(internal)
    }

    pub(crate) async fn open(&self, key: &str) -> Result<Blob, AppError> {
        let key = BlobKey::parse(key).ok_or(AppError::NotFound("upload"))?;
        match self.store.get(&key).await {
            Ok(blob) => Ok(blob),
            // The row says the file exists: its absence is the operator's problem to
            // see in the logs, and the reader's a plain "not found".
            Err(BlobError::NotFound) => {
                tracing::error!(blob = key.as_str(), "a stored file is missing");
                Err(AppError::NotFound("upload"))
            }
            Err(other) => Err(internal(other)),
        }
    }

    pub(crate) async fn remove(&self, key: &str) -> Result<(), AppError> {
        match BlobKey::parse(key) {
            Some(key) => self.store.delete(&key).await.map_err(internal),
            None => Ok(()),
        }
    }

    /// Whether the storage answers: start-up and readiness checks.
    pub async fn check(&self) -> Result<(), AppError> {
        self.store.check().await.map_err(internal)
    }

    /// Where files go, for the start-up log (never a secret).
    pub fn describe(&self) -> String {
        self.store.describe()
    }
}

fn internal(err: BlobError) -> AppError {
    AppError::Internal(Box::new(err))
}
