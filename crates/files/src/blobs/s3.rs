//! The S3-compatible backend, through the `object_store` crate.
//!
//! Objects are named `<prefix>/<2 hex>/<2 hex>/<key>`, the folder backend's layout, so
//! moving a folder into a bucket is a plain copy.

use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, PutPayload, WriteMultipart};
use tokio::io::AsyncReadExt;

use super::{Blob, BlobError, BlobKey, PROBE_CONTENT, StorageConfig, relative_path, unique_name};

/// Files up to this size are sent in one request; larger ones in parts of this size.
/// S3 wants parts of at least 5 MiB; 8 MiB keeps a 100 MiB file under 13 requests.
const PART_SIZE: usize = 8 * 1024 * 1024;

/// Parts in flight at once per upload: memory stays under (this + 1) × [`PART_SIZE`].
const PARTS_IN_FLIGHT: usize = 2;

/// Read size from the local file; the uploader gathers these into parts.
const READ_CHUNK: usize = 1024 * 1024;

const DEFAULT_REGION: &str = "us-east-1";

pub(super) struct S3Store {
    store: Arc<dyn ObjectStore>,
    prefix: Option<String>,
    description: String,
}

impl S3Store {
    pub(super) fn new(config: &StorageConfig) -> Result<Self, BlobError> {
        let StorageConfig::S3 {
            bucket,
            region,
            endpoint,
            access_key_id,
            secret_access_key,
            path_style,
            prefix,
            allow_http,
        } = config
        else {
            return Err(BlobError::Config("not an S3 configuration".into()));
        };
        if bucket.is_empty() {
            return Err(BlobError::Config("the bucket is empty".into()));
        }
        let region = region.as_deref().unwrap_or(DEFAULT_REGION);
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(bucket)
            .with_region(region)
            .with_virtual_hosted_style_request(!path_style)
            .with_allow_http(*allow_http);
        if let Some(endpoint) = endpoint {
            // object_store would only fail at the first request; say it at start, and why.
            if endpoint.to_ascii_lowercase().starts_with("http://") && !allow_http {
                return Err(BlobError::Config(format!(
                    "the endpoint {endpoint} is plain http; use https, or set allow_http = true \
                     for a local test server"
                )));
            }
            builder = builder.with_endpoint(bucket_endpoint(endpoint, bucket, *path_style)?);
        }
        match (access_key_id, secret_access_key) {
            (Some(id), Some(secret)) => {
                builder = builder
                    .with_access_key_id(id)
                    .with_secret_access_key(secret);
            }
            (None, None) => {}
            _ => {
                return Err(BlobError::Config(
                    "set both access_key_id and secret_access_key, or neither".into(),
                ));
            }
        }
        let store = builder
            .build()
            .map_err(|e| BlobError::Config(e.to_string()))?;

        let prefix = prefix
            .as_deref()
            .map(|p| p.trim_matches('/'))
            .filter(|p| !p.is_empty());
        let mut description = format!("s3 bucket {bucket} ");
        match endpoint {
            Some(endpoint) => description.push_str(&format!("at {endpoint}")),
            None => description.push_str(&format!("in Amazon S3 region {region}")),
        }
        if let Some(prefix) = prefix {
            description.push_str(&format!(" under {prefix}/"));
        }
        Ok(Self {
            store: Arc::new(store),
            prefix: prefix.map(str::to_owned),
            description,
        })
    }

    fn path_of(&self, key: &BlobKey) -> ObjectPath {
        self.path_named(&relative_path(key).join("/"))
    }

    fn path_named(&self, name: &str) -> ObjectPath {
        match &self.prefix {
            Some(prefix) => ObjectPath::from(format!("{prefix}/{name}")),
            None => ObjectPath::from(name),
        }
    }

    pub(super) async fn put_file(&self, key: &BlobKey, source: &Path) -> Result<(), BlobError> {
        // Content addressing: an object under this key already holds these bytes. Two
        // nodes racing on the same upload both write identical bytes, which is harmless.
        if self.exists(key).await? {
            return Ok(());
        }
        let location = self.path_of(key);
        let mut file = tokio::fs::File::open(source).await?;
        let size = file.metadata().await?.len();
        if size <= PART_SIZE as u64 {
            let mut bytes = Vec::with_capacity(PART_SIZE.min(size as usize));
            file.read_to_end(&mut bytes).await?;
            self.store
                .put(&location, PutPayload::from(bytes))
                .await
                .map_err(store_error)?;
            return Ok(());
        }
        let upload = self
            .store
            .put_multipart(&location)
            .await
            .map_err(store_error)?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_SIZE);
        match send_parts(&mut file, &mut writer).await {
            Ok(()) => {
                writer.finish().await.map_err(store_error)?;
                Ok(())
            }
            Err(e) => {
                // Uploaded parts cost storage until aborted; the first error is the one
                // worth reporting.
                if let Err(abort) = writer.abort().await {
                    tracing::warn!(error = %abort, %key, "could not abort a failed multipart upload");
                }
                Err(e)
            }
        }
    }

    pub(super) async fn get(&self, key: &BlobKey) -> Result<Blob, BlobError> {
        let result = self
            .store
            .get(&self.path_of(key))
            .await
            .map_err(store_error)?;
        let size = result.meta.size;
        let stream = result.into_stream().map_err(store_error).boxed();
        Ok(Blob { size, stream })
    }

    pub(super) async fn delete(&self, key: &BlobKey) -> Result<(), BlobError> {
        // S3 answers a delete of a missing object with success; some servers do not.
        match self.store.delete(&self.path_of(key)).await {
            Err(object_store::Error::NotFound { .. }) | Ok(()) => Ok(()),
            Err(e) => Err(store_error(e)),
        }
    }

    pub(super) async fn exists(&self, key: &BlobKey) -> Result<bool, BlobError> {
        match self.store.head(&self.path_of(key)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(store_error(e)),
        }
    }

    pub(super) async fn check(&self) -> Result<(), BlobError> {
        let probe = self.path_named(&unique_name(".probe-"));
        self.store
            .put(&probe, PutPayload::from_static(PROBE_CONTENT))
            .await
            .map_err(store_error)?;
        let read = match self.store.get(&probe).await {
            Ok(result) => result.bytes().await,
            Err(e) => Err(e),
        };
        self.store.delete(&probe).await.map_err(store_error)?;
        if read.map_err(store_error)? != Bytes::from_static(PROBE_CONTENT) {
            return Err(std::io::Error::other("the probe object read back differs").into());
        }
        Ok(())
    }

    pub(super) fn describe(&self) -> String {
        self.description.clone()
    }
}

/// Reads the file in chunks into the multipart writer, waiting for parts in flight so
/// memory stays bounded whatever the file's size.
async fn send_parts(
    file: &mut tokio::fs::File,
    writer: &mut WriteMultipart,
) -> Result<(), BlobError> {
    let mut buf = vec![0; READ_CHUNK];
    loop {
        let n = file.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        writer
            .wait_for_capacity(PARTS_IN_FLIGHT)
            .await
            .map_err(store_error)?;
        writer.write(&buf[..n]);
    }
}

/// The URL object_store should send requests to. Path style appends the bucket itself;
/// virtual-hosted style wants the bucket's own host, `scheme://<bucket>.<host>`.
fn bucket_endpoint(endpoint: &str, bucket: &str, path_style: bool) -> Result<String, BlobError> {
    if path_style {
        return Ok(endpoint.to_owned());
    }
    let (scheme, rest) = endpoint
        .split_once("://")
        .ok_or_else(|| BlobError::Config(format!("the endpoint {endpoint} is not a URL")))?;
    Ok(format!("{scheme}://{bucket}.{rest}"))
}

fn store_error(e: object_store::Error) -> BlobError {
    match e {
        object_store::Error::NotFound { .. } => BlobError::NotFound,
        e => BlobError::Store(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_hosted_style_puts_the_bucket_in_the_host() {
        let endpoint = |path_style| bucket_endpoint("https://s3.example.net", "hearth", path_style);
        assert_eq!(endpoint(true).unwrap(), "https://s3.example.net");
        assert_eq!(endpoint(false).unwrap(), "https://hearth.s3.example.net");
        assert!(matches!(
            bucket_endpoint("s3.example.net", "b", false),
            Err(BlobError::Config(_))
        ));
    }
}
