//! The `[storage]` table of the configuration file.
//!
//! ```toml
//! [storage]
//! backend = "folder"            # the default; path defaults to <data dir>/files
//!
//! [storage]
//! backend = "s3"
//! bucket = "hearth"
//! endpoint = "https://s3.example.net"
//! access_key_id = "…"
//! secret_access_key = "…"
//! ```

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Where files live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "backend", rename_all = "snake_case", deny_unknown_fields)]
pub enum StorageConfig {
    /// A folder on this machine: enough for a single node.
    Folder {
        /// The folder (default `<data dir>/files`). Left out of the serialized
        /// default, so that settings merged over it may name another backend.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        path: Option<PathBuf>,
    },
    /// S3-compatible object storage, shared by several nodes.
    S3 {
        /// The bucket; it must exist already.
        bucket: String,
        /// The region (default `us-east-1`, which most self-hosted servers accept).
        region: Option<String>,
        /// The server, e.g. `https://s3.example.net` (default: Amazon S3 itself).
        endpoint: Option<String>,
        /// The access key; with neither key set, the machine's own AWS credentials
        /// (instance profile, web identity) are used.
        access_key_id: Option<String>,
        secret_access_key: Option<String>,
        /// Path-style requests (http://host/bucket/key), needed by most self-hosted S3
        /// servers; `false` for virtual-hosted style (http://bucket.host/key).
        #[serde(default = "default_path_style")]
        path_style: bool,
        /// A folder inside the bucket for Hearth's files, e.g. `hearth/` when the bucket
        /// is shared (default: the bucket's root).
        prefix: Option<String>,
        /// Plain http to the endpoint (a local test server); refused unless set, since
        /// the requests carry the files and signed credentials.
        #[serde(default)]
        allow_http: bool,
    },
}

fn default_path_style() -> bool {
    true
}

impl Default for StorageConfig {
    fn default() -> Self {
        Self::Folder { path: None }
    }
}
