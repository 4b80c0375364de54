//! One suite of storage tests, run on the folder backend always and on S3 when
//! `HEARTH_TEST_S3_URL` names an S3-compatible server (scripts/test starts moto's; see
//! tests/s3/README.md). With `HEARTH_TEST_REQUIRE_S3=1` and no server, the S3 tests
//! fail instead of skipping, so CI cannot pass without having run them.
#![expect(clippy::unwrap_used, reason = "a test stops at the first surprise")]

use std::path::{Path, PathBuf};

use futures_util::TryStreamExt;
use hearth_files::blobs::{BlobError, BlobKey, BlobStore, StorageConfig};
use sha2::{Digest, Sha256};
use tempfile::TempDir;

/// A store for one test, and whatever must live as long as it.
struct Harness {
    store: BlobStore,
    /// Input files, and the folder backend's root.
    dir: TempDir,
}

impl Harness {
    fn folder() -> Self {
        let dir = TempDir::new().unwrap();
        let store = BlobStore::folder(dir.path().join("files")).unwrap();
        Self { store, dir }
    }

    /// A store on a fresh bucket of the test server, or `None` when there is no server
    /// and none is required.
    async fn s3() -> Option<Self> {
        let url = match std::env::var("HEARTH_TEST_S3_URL") {
            Ok(url) if !url.is_empty() => url,
            _ => {
                assert!(
                    std::env::var("HEARTH_TEST_REQUIRE_S3").as_deref() != Ok("1"),
                    "HEARTH_TEST_REQUIRE_S3=1 but HEARTH_TEST_S3_URL is unset: \
                     start an S3-compatible server (tests/s3/README.md)"
                );
                eprintln!("skipped: HEARTH_TEST_S3_URL is unset");
                return None;
            }
        };
        let bucket = unique_bucket();
        // The store never creates buckets (production ones are made by the operator);
        // moto takes an unsigned `PUT /<bucket>`.
        let response = reqwest::Client::new()
            .put(format!("{}/{bucket}", url.trim_end_matches('/')))
            .send()
            .await
            .unwrap_or_else(|e| panic!("the S3 test server at {url} does not answer: {e}"));
        assert!(
            response.status().is_success(),
            "creating bucket {bucket}: {}",
            response.status()
        );
        let config = StorageConfig::S3 {
            bucket,
            region: None,
            endpoint: Some(url),
            access_key_id: Some("test".into()),
            secret_access_key: Some("test".into()),
            path_style: true,
            prefix: Some("hearth/".into()),
            allow_http: true,
        };
        let dir = TempDir::new().unwrap();
        let store = BlobStore::from_config(&config, dir.path()).unwrap();
        Some(Self { store, dir })
    }

    /// Writes `bytes` to an input file and returns its path and key.
    fn input(&self, name: &str, bytes: &[u8]) -> (PathBuf, BlobKey) {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        (path, key_of(bytes))
    }
}

fn unique_bucket() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!(
        "hearth-test-{}-{}-{n}",
        std::process::id(),
        nanos.as_nanos()
    )
}

fn key_of(bytes: &[u8]) -> BlobKey {
    BlobKey::from_digest(&Sha256::digest(bytes).into())
}

/// `len` bytes that are the same on every run and do not compress to nothing
/// (xorshift64), so a lost or reordered part shows.
fn deterministic_bytes(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(len);
    out
}

async fn read_all(store: &BlobStore, key: &BlobKey) -> Result<Vec<u8>, BlobError> {
    let blob = store.get(key).await?;
    let chunks: Vec<_> = blob.stream.try_collect().await?;
    let bytes = chunks.concat();
    assert_eq!(
        blob.size,
        bytes.len() as u64,
        "the announced size matches the bytes"
    );
    Ok(bytes)
}

// The suite: each case takes a harness, whatever its backend.

/// 20 MiB is above the multipart threshold, so S3 sends it in parts.
async fn put_then_get_20_mib(h: Harness) {
    let bytes = deterministic_bytes(20 * 1024 * 1024);
    let (path, key) = h.input("big", &bytes);
    h.store.put_file(&key, &path).await.unwrap();
    assert!(h.store.exists(&key).await.unwrap());
    let back = read_all(&h.store, &key).await.unwrap();
    assert!(
        back == bytes,
        "the 20 MiB file came back different ({} bytes)",
        back.len()
    );
    h.store.delete(&key).await.unwrap();
}

async fn put_small_then_get(h: Harness) {
    let (path, key) = h.input("small", b"a small file");
    h.store.put_file(&key, &path).await.unwrap();
    assert_eq!(read_all(&h.store, &key).await.unwrap(), b"a small file");
}

async fn put_empty_then_get(h: Harness) {
    let (path, key) = h.input("empty", b"");
    h.store.put_file(&key, &path).await.unwrap();
    assert_eq!(read_all(&h.store, &key).await.unwrap(), b"");
}

async fn put_twice_is_fine(h: Harness) {
    let (path, key) = h.input("twice", b"uploaded twice");
    h.store.put_file(&key, &path).await.unwrap();
    h.store.put_file(&key, &path).await.unwrap();
    assert_eq!(read_all(&h.store, &key).await.unwrap(), b"uploaded twice");
}

async fn get_missing_is_not_found(h: Harness) {
    let key = key_of(b"never stored");
    assert!(matches!(h.store.get(&key).await, Err(BlobError::NotFound)));
    assert!(!h.store.exists(&key).await.unwrap());
}

async fn delete_then_get_is_not_found(h: Harness) {
    let (path, key) = h.input("deleted", b"soon gone");
    h.store.put_file(&key, &path).await.unwrap();
    h.store.delete(&key).await.unwrap();
    assert!(matches!(h.store.get(&key).await, Err(BlobError::NotFound)));
    assert!(!h.store.exists(&key).await.unwrap());
}

async fn delete_missing_is_ok(h: Harness) {
    h.store.delete(&key_of(b"never stored")).await.unwrap();
}

async fn put_of_a_missing_file_fails(h: Harness) {
    let path = h.dir.path().join("not there");
    let error = h.store.put_file(&key_of(b"x"), &path).await.unwrap_err();
    assert!(matches!(error, BlobError::Io(_)), "{error:?}");
}

async fn check_works(h: Harness) {
    h.store.check().await.unwrap();
}

/// Runs each case of the suite on both backends: `folder::<case>` and `s3::<case>`.
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod folder {
            $(
                #[tokio::test]
                async fn $case() {
                    super::$case(super::Harness::folder()).await;
                }
            )*
        }
        mod s3 {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    if let Some(harness) = super::Harness::s3().await {
                        super::$case(harness).await;
                    }
                }
            )*
        }
    };
}

on_both_backends!(
    put_then_get_20_mib,
    put_small_then_get,
    put_empty_then_get,
    put_twice_is_fine,
    get_missing_is_not_found,
    delete_then_get_is_not_found,
    delete_missing_is_ok,
    put_of_a_missing_file_fails,
    check_works,
);

// Backend-specific and backend-free tests.

#[test]
fn parse_accepts_only_64_lowercase_hex() {
    let good = "0123456789abcdef".repeat(4);
    assert_eq!(BlobKey::parse(&good).unwrap().as_str(), good);
    for bad in [
        good.to_uppercase().as_str(),
        &good[..63],
        &format!("{good}0"),
        "",
        &format!("{}g", &good[..63]),
        "../..",
        &format!("../{}", &good[..61]),
        &format!("{}/..", &good[..61]),
        &format!("{} ", &good[..63]),
    ] {
        assert_eq!(BlobKey::parse(bad), None, "{bad:?} was accepted");
    }
}

#[tokio::test]
async fn of_file_matches_sha256_of_the_bytes() {
    let dir = TempDir::new().unwrap();
    // Larger than one read, and not a multiple of it.
    let bytes = deterministic_bytes(3 * 1024 * 1024 + 17);
    let path = dir.path().join("file");
    std::fs::write(&path, &bytes).unwrap();
    let key = BlobKey::of_file(&path).await.unwrap();
    assert_eq!(key, key_of(&bytes));
    assert_eq!(key.as_str(), format!("{:x}", Sha256::digest(&bytes)));
}

#[tokio::test]
async fn of_file_of_a_missing_file_is_an_error() {
    let dir = TempDir::new().unwrap();
    let error = BlobKey::of_file(&dir.path().join("missing"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
}

#[tokio::test]
async fn folder_layout_is_two_levels_of_two_hex_digits() {
    let h = Harness::folder();
    let (path, key) = h.input("laid out", b"where does it go");
    h.store.put_file(&key, &path).await.unwrap();
    let hex = key.as_str();
    let stored = h
        .dir
        .path()
        .join("files")
        .join(&hex[..2])
        .join(&hex[2..4])
        .join(hex);
    assert_eq!(std::fs::read(stored).unwrap(), b"where does it go");
    // No temporary file is left beside it.
    assert_eq!(
        std::fs::read_dir(h.dir.path().join("files").join(&hex[..2]).join(&hex[2..4]))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn folder_creates_its_root() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("a").join("b");
    let store = BlobStore::folder(&root).unwrap();
    assert!(root.is_dir());
    assert_eq!(store.describe(), format!("folder {}", root.display()));
}

fn s3_config(endpoint: &str, allow_http: bool) -> StorageConfig {
    StorageConfig::S3 {
        bucket: "hearth".into(),
        region: None,
        endpoint: Some(endpoint.into()),
        access_key_id: Some("AKIDEXAMPLE".into()),
        secret_access_key: Some("very-secret".into()),
        path_style: true,
        prefix: None,
        allow_http,
    }
}

#[test]
fn from_config_refuses_plain_http_unless_allowed() {
    let unused = Path::new("/nonexistent");
    let error =
        BlobStore::from_config(&s3_config("http://127.0.0.1:9000", false), unused).unwrap_err();
    assert!(matches!(error, BlobError::Config(_)), "{error:?}");
    assert!(BlobStore::from_config(&s3_config("http://127.0.0.1:9000", true), unused).is_ok());
    assert!(BlobStore::from_config(&s3_config("https://s3.example.net", false), unused).is_ok());
}

#[test]
fn from_config_refuses_half_credentials() {
    let StorageConfig::S3 {
        bucket, endpoint, ..
    } = s3_config("https://s3.example.net", false)
    else {
        unreachable!()
    };
    let config = StorageConfig::S3 {
        bucket,
        region: None,
        endpoint,
        access_key_id: Some("AKIDEXAMPLE".into()),
        secret_access_key: None,
        path_style: true,
        prefix: None,
        allow_http: false,
    };
    let error = BlobStore::from_config(&config, Path::new("/nonexistent")).unwrap_err();
    assert!(matches!(error, BlobError::Config(_)), "{error:?}");
}

#[test]
fn describe_names_the_bucket_and_never_the_secret() {
    let store =
        BlobStore::from_config(&s3_config("https://s3.example.net", false), Path::new("/x"))
            .unwrap();
    let description = store.describe();
    assert_eq!(description, "s3 bucket hearth at https://s3.example.net");
    assert!(!format!("{store:?}").contains("very-secret"));
}

#[test]
fn storage_table_deserializes_with_defaults() {
    let config: StorageConfig = toml::from_str("backend = \"s3\"\nbucket = \"hearth\"\n").unwrap();
    let StorageConfig::S3 {
        bucket,
        region,
        path_style,
        allow_http,
        prefix,
        ..
    } = config
    else {
        panic!("not s3: {config:?}");
    };
    assert_eq!(
        (bucket.as_str(), region, path_style, allow_http, prefix),
        ("hearth", None, true, false, None)
    );

    let config: StorageConfig = toml::from_str("backend = \"folder\"\n").unwrap();
    assert!(matches!(config, StorageConfig::Folder { path: None }));
    let config: StorageConfig =
        toml::from_str("backend = \"folder\"\npath = \"/srv/files\"\n").unwrap();
    assert!(
        matches!(config, StorageConfig::Folder { path: Some(p) } if p == Path::new("/srv/files"))
    );
}

#[test]
fn storage_table_refuses_unknown_fields_and_backends() {
    assert!(toml::from_str::<StorageConfig>("backend = \"folder\"\npaht = \"/srv\"\n").is_err());
    assert!(
        toml::from_str::<StorageConfig>("backend = \"s3\"\nbucket = \"b\"\nsecret = \"x\"\n")
            .is_err()
    );
    assert!(toml::from_str::<StorageConfig>("backend = \"ftp\"\n").is_err());
}

#[tokio::test]
async fn from_config_folder_defaults_to_the_given_folder() {
    let dir = TempDir::new().unwrap();
    let store =
        BlobStore::from_config(&StorageConfig::default(), &dir.path().join("files")).unwrap();
    assert!(dir.path().join("files").is_dir());
    store.check().await.unwrap();
}
