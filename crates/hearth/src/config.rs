//! Configuration: defaults in code, then a TOML file, then `HEARTH_*` environment
//! variables, then command-line flags; each later source overrides the earlier.
//! Every field is listed, with its variable, in README.md's configuration table.
//!
//! The file is `--config PATH` (or `HEARTH_CONFIG`); without one, `./hearth.toml` is
//! read when it exists. Unknown keys in the file are an error, not silently ignored.

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use hearth_app::ContentLimits;
use hearth_app::domain::ids::MAX_NODE_ID;
use hearth_app::files::blobs::StorageConfig;
use hearth_app::uploads::FileSettings;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Address and port the server listens on.
    pub listen: String,
    /// Serve `/metrics` on this address and port instead of on `listen`, e.g. an
    /// address only the monitoring network reaches. Unset: `/metrics` is on `listen`.
    pub metrics_listen: Option<String>,
    /// Folder for the embedded SQLite database when no `database_url` is given.
    pub data_dir: PathBuf,
    /// `sqlite://path/file.db` or `postgres://user@host/db`. Unset: SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// The address people use to reach Hearth, used in links. Unset: `http://<listen>`.
    pub public_url: Option<String>,
    /// This node's id (0–1022) for id generation; give each node of a cluster its own.
    /// 1023 is reserved for `hearth admin` commands.
    pub node_id: u32,
    /// `text` or `json`.
    pub log_format: LogFormat,
    /// Largest number of database connections this node opens.
    pub db_max_connections: u32,
    /// Seconds a request may run before it is answered with 408.
    pub request_timeout_secs: u64,
    /// Hours a session lasts after sign-in, however active.
    pub session_lifetime_hours: u64,
    /// Hours without a request after which a session ends.
    pub session_idle_hours: u64,
    /// Believe `X-Forwarded-For` for the client address; only behind a trusted proxy.
    pub trust_forwarded_for: bool,
    /// SQLite: `full` waits for the disk on every commit (survives power loss);
    /// `normal` only at checkpoints (survives a killed process), for more writes/s.
    pub sqlite_synchronous: SqliteSynchronous,
    /// `nats://host:4222`: carry live events between the nodes of a cluster over NATS.
    /// Unset: live events stay in this process (one node).
    pub nats_url: Option<String>,
    /// Single sign-on through an OpenID Connect provider, for the home network. Unset:
    /// password sign-in only. Each key can be set as `HEARTH_OIDC_<KEY>`.
    pub oidc: Option<OidcConfig>,
    /// The SMTP server e-mail goes through. Unset: nothing is sent and the outbox
    /// waits. Each key can be set as `HEARTH_SMTP_<KEY>`.
    pub smtp: Option<SmtpConfig>,
    /// How long a notification's e-mail waits before it is sent, so that a burst
    /// folds into one e-mail and what is read meanwhile is not mailed.
    pub mail_delay_secs: u64,
    /// At most this many notification e-mails per person an hour; the rest are left
    /// for the digest.
    pub mail_cap_per_hour: u32,
    /// How long a node's mail worker holds an e-mail it took before another node may
    /// send it (after a crash). Keep it above the 30-second SMTP timeout.
    pub mail_claim_secs: u64,
    /// How many SMTP conversations a node's mail worker holds at once; one person's
    /// e-mails still go one after another. Three, because Exchange Online's SMTP
    /// submission refuses a fourth (432 4.3.2).
    pub mail_concurrency: u32,
    /// The `[digest]` table: when the daily and weekly digests go out.
    pub digest: DigestConfig,
    /// The `[limits]` table: how fast one person may create content, and how many
    /// live connections they may hold.
    pub limits: LimitsConfig,
    /// The `[storage]` table: where uploaded files go. `backend = "folder"` (the
    /// default: `<data_dir>/files`, or `path`) or `backend = "s3"` with `bucket`,
    /// `region`, `endpoint`, `access_key_id`, `secret_access_key`, `path_style`,
    /// `prefix` and `allow_http`. Every node of a cluster needs the same S3 bucket.
    pub storage: StorageConfig,
    /// The `[uploads]` table: how big files may be.
    pub uploads: UploadsConfig,
}

/// The `[uploads]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UploadsConfig {
    /// The largest file one person may upload, in megabytes.
    pub max_file_mb: u64,
    /// How many megabytes one person's files may take in all.
    pub quota_mb: u64,
    /// Images with more megapixels are refused before they are decoded.
    pub max_megapixels: u64,
    /// How many images one node decodes at once (each may take a few hundred MB).
    pub images_at_once: usize,
    /// Lets a SCIM `photos` URL point at this machine (a loopback address) and use
    /// plain `http://`: for tests and development only.
    pub scim_photo_fetch_loopback: bool,
}

impl Default for UploadsConfig {
    fn default() -> Self {
        let files = FileSettings::default();
        Self {
            max_file_mb: files.max_file_bytes / MB,
            quota_mb: files.quota_bytes / MB,
            max_megapixels: files.max_pixels / 1_000_000,
            images_at_once: files.images_at_once,
            scim_photo_fetch_loopback: files.scim_photo_fetch_loopback,
        }
    }
}

const MB: u64 = 1024 * 1024;

/// The `[limits]` table. Each allowance is per person and per node, a burst of that
/// many that then comes back evenly over the minute; 0 turns a limit off. Going over
/// is answered with 429 and `Retry-After`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    /// Top-level posts and shares a minute.
    pub posts_per_minute: u32,
    /// Replies a minute.
    pub replies_per_minute: u32,
    /// Chat messages a minute.
    pub chat_messages_per_minute: u32,
    /// Reactions added a minute.
    pub reactions_per_minute: u32,
    /// Live-stream connections one person may hold open on one node; one more is
    /// closed at once with code 4029.
    pub live_connections_per_person: u32,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        let limits = ContentLimits::default();
        Self {
            posts_per_minute: limits.posts_per_minute,
            replies_per_minute: limits.replies_per_minute,
            chat_messages_per_minute: limits.chat_messages_per_minute,
            reactions_per_minute: limits.reactions_per_minute,
            live_connections_per_person: limits.live_connections_per_person,
        }
    }
}

/// The keys of the `[limits]` table that `HEARTH_LIMITS_*` variables may set.
pub const LIMITS_ENV_KEYS: &[&str] = &[
    "posts_per_minute",
    "replies_per_minute",
    "chat_messages_per_minute",
    "reactions_per_minute",
    "live_connections_per_person",
];

/// The keys of the `[uploads]` table that `HEARTH_UPLOADS_*` variables may set.
pub const UPLOADS_ENV_KEYS: &[&str] = &[
    "max_file_mb",
    "quota_mb",
    "max_megapixels",
    "images_at_once",
    "scim_photo_fetch_loopback",
];

/// The keys of the `[storage]` table that `HEARTH_STORAGE_*` variables may set, so
/// that the S3 secret need not be written in a file.
pub const STORAGE_ENV_KEYS: &[&str] = &[
    "backend",
    "path",
    "bucket",
    "region",
    "endpoint",
    "access_key_id",
    "secret_access_key",
    "path_style",
    "prefix",
    "allow_http",
];

impl LimitsConfig {
    /// The limits as the use cases take them.
    pub fn content_limits(&self) -> ContentLimits {
        ContentLimits {
            posts_per_minute: self.posts_per_minute,
            replies_per_minute: self.replies_per_minute,
            chat_messages_per_minute: self.chat_messages_per_minute,
            reactions_per_minute: self.reactions_per_minute,
            live_connections_per_person: self.live_connections_per_person,
        }
    }
}

/// The `[digest]` table. Each node checks the schedule every minute; the outbox keys
/// make sure a period's digest is enqueued once however many nodes run it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DigestConfig {
    /// Send digests at all (`hearth admin send-digests` works either way).
    pub enabled: bool,
    /// The hour of the day (0–23, UTC) at which the daily and weekly digests go out.
    pub hour_utc: u8,
    /// The day the weekly digest goes out: `monday` … `sunday`.
    pub weekly_day: String,
}

impl Default for DigestConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            hour_utc: 7,
            weekly_day: "monday".to_owned(),
        }
    }
}

/// The keys of the `[digest]` table that `HEARTH_DIGEST_*` variables may set.
pub const DIGEST_ENV_KEYS: &[&str] = &["enabled", "hour_utc", "weekly_day"];

impl DigestConfig {
    /// The weekly digest's day, 0 for Monday to 6 for Sunday.
    pub fn weekday(&self) -> Option<u8> {
        const DAYS: [&str; 7] = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        let wanted = self.weekly_day.trim().to_ascii_lowercase();
        DAYS.iter()
            .position(|day| *day == wanted)
            .and_then(|i| u8::try_from(i).ok())
    }
}

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same host or a test sink.
    None,
}

/// The `[smtp]` table: where e-mail goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmtpConfig {
    /// The SMTP server's host name.
    pub host: String,
    /// The SMTP server's port.
    pub port: u16,
    /// `starttls`, `tls` or `none`.
    pub security: SmtpSecurity,
    /// The user name to authenticate with; empty: no authentication.
    pub username: String,
    /// The password to authenticate with.
    pub password: String,
    /// The sender, e.g. `Hearth <hearth@example.com>`.
    pub from: String,
}

impl Default for SmtpConfig {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: 587,
            security: SmtpSecurity::Starttls,
            username: String::new(),
            password: String::new(),
            from: String::new(),
        }
    }
}

/// The keys of the `[smtp]` table that `HEARTH_SMTP_*` variables may set.
pub const SMTP_ENV_KEYS: &[&str] = &["host", "port", "security", "username", "password", "from"];

/// The `[oidc]` table: the company's OpenID Connect provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OidcConfig {
    /// The provider's issuer URL; its discovery document is at
    /// `<issuer_url>/.well-known/openid-configuration`.
    pub issuer_url: String,
    /// Hearth's client id at the provider.
    pub client_id: String,
    /// Hearth's client secret at the provider.
    pub client_secret: String,
    /// Scopes asked for, separated by spaces; `openid` is always asked for.
    pub scopes: String,
    /// The claim (of the ID token, else of UserInfo) holding the person's name.
    pub name_claim: String,
    /// The claim (of the ID token, else of UserInfo) holding the person's e-mail address.
    pub email_claim: String,
    /// The claim (of the ID token, else of UserInfo) holding the person's department.
    pub department_claim: String,
    /// The claim (of the ID token, else of UserInfo) holding the person's job title.
    pub title_claim: String,
    /// The sign-in page's button reads "Sign in with <button_label>".
    pub button_label: String,
}

impl Default for OidcConfig {
    fn default() -> Self {
        Self {
            issuer_url: String::new(),
            client_id: String::new(),
            client_secret: String::new(),
            scopes: "openid email profile".to_owned(),
            name_claim: "name".to_owned(),
            email_claim: "email".to_owned(),
            department_claim: "department".to_owned(),
            title_claim: "title".to_owned(),
            button_label: "single sign-on".to_owned(),
        }
    }
}

/// The keys of the `[oidc]` table that `HEARTH_OIDC_*` variables may set.
pub const OIDC_ENV_KEYS: &[&str] = &[
    "issuer_url",
    "client_id",
    "client_secret",
    "scopes",
    "name_claim",
    "email_claim",
    "department_claim",
    "title_claim",
    "button_label",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SqliteSynchronous {
    Full,
    Normal,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".to_owned(),
            metrics_listen: None,
            data_dir: PathBuf::from("./hearth-data"),
            database_url: None,
            public_url: None,
            node_id: 0,
            log_format: LogFormat::Text,
            db_max_connections: 16,
            request_timeout_secs: 30,
            session_lifetime_hours: 30 * 24,
            session_idle_hours: 7 * 24,
            trust_forwarded_for: false,
            sqlite_synchronous: SqliteSynchronous::Full,
            nats_url: None,
            oidc: None,
            smtp: None,
            mail_delay_secs: 120,
            mail_cap_per_hour: 10,
            mail_claim_secs: 60,
            mail_concurrency: 3,
            digest: DigestConfig::default(),
            limits: LimitsConfig::default(),
            storage: StorageConfig::default(),
            uploads: UploadsConfig::default(),
        }
    }
}

/// Read when no file is named, from the current folder only.
const DEFAULT_FILE: &str = "hearth.toml";

/// The keys that `HEARTH_*` variables may set. Other `HEARTH_*` variables (such as
/// `HEARTH_CONFIG` or the test suite's) are not configuration and are left alone.
pub const ENV_KEYS: &[&str] = &[
    "listen",
    "metrics_listen",
    "data_dir",
    "database_url",
    "public_url",
    "node_id",
    "log_format",
    "db_max_connections",
    "request_timeout_secs",
    "session_lifetime_hours",
    "session_idle_hours",
    "trust_forwarded_for",
    "sqlite_synchronous",
    "nats_url",
    "mail_delay_secs",
    "mail_cap_per_hour",
    "mail_claim_secs",
    "mail_concurrency",
];

/// Values given on the command line; `None` leaves the earlier sources in force.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics_listen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_format: Option<LogFormat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_id: Option<u32>,
}

impl Config {
    /// Reads every source and validates the result.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> anyhow::Result<Self> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(path) => {
                if !path.exists() {
                    bail!("configuration file {} does not exist", path.display());
                }
                figment = figment.merge(Toml::file_exact(path));
            }
            None if Path::new(DEFAULT_FILE).exists() => {
                figment = figment.merge(Toml::file_exact(DEFAULT_FILE));
            }
            None => {}
        }
        let config: Config = figment
            .merge(Env::prefixed("HEARTH_").only(ENV_KEYS))
            .merge(
                Env::prefixed("HEARTH_OIDC_")
                    .only(OIDC_ENV_KEYS)
                    .map(|key| format!("oidc.{key}").into()),
            )
            .merge(
                Env::prefixed("HEARTH_SMTP_")
                    .only(SMTP_ENV_KEYS)
                    .map(|key| format!("smtp.{key}").into()),
            )
            .merge(
                Env::prefixed("HEARTH_DIGEST_")
                    .only(DIGEST_ENV_KEYS)
                    .map(|key| format!("digest.{key}").into()),
            )
            .merge(
                Env::prefixed("HEARTH_LIMITS_")
                    .only(LIMITS_ENV_KEYS)
                    .map(|key| format!("limits.{key}").into()),
            )
            .merge(
                Env::prefixed("HEARTH_UPLOADS_")
                    .only(UPLOADS_ENV_KEYS)
                    .map(|key| format!("uploads.{key}").into()),
            )
            .merge(
                Env::prefixed("HEARTH_STORAGE_")
                    .only(STORAGE_ENV_KEYS)
                    .map(|key| format!("storage.{key}").into()),
            )
            .merge(Serialized::defaults(overrides))
            .extract()
            .context("the configuration is not valid")?;
        config.validate()?;
        Ok(config)
    }

    /// Refuses settings that cannot work, before anything is started.
    pub fn validate(&self) -> anyhow::Result<()> {
        let uploads = &self.uploads;
        if uploads.max_file_mb == 0 || uploads.quota_mb == 0 {
            bail!("uploads.max_file_mb and uploads.quota_mb must be at least 1");
        }
        if uploads.max_megapixels == 0 || uploads.images_at_once == 0 {
            bail!("uploads.max_megapixels and uploads.images_at_once must be at least 1");
        }
        let listen = self.listen_addr()?;
        if let Some(metrics) = self.metrics_listen_addr()?
            && metrics == listen
            && metrics.port() != 0
        {
            bail!(
                "metrics_listen must differ from listen ({listen}): it takes /metrics off that port"
            );
        }
        if self.node_id >= u32::from(MAX_NODE_ID) {
            bail!(
                "node_id {} is out of range: use 0 to {} (1023 is reserved for `hearth admin`)",
                self.node_id,
                MAX_NODE_ID - 1
            );
        }
        hearth_app::database::Backend::from_url(&self.database_url())?;
        if let Some(public_url) = &self.public_url
            && !(public_url.starts_with("http://") || public_url.starts_with("https://"))
        {
            bail!("public_url must start with http:// or https://, not {public_url:?}");
        }
        if self.db_max_connections == 0 {
            bail!("db_max_connections must be at least 1");
        }
        if self.request_timeout_secs == 0 {
            bail!("request_timeout_secs must be at least 1");
        }
        if self.session_lifetime_hours == 0 || self.session_idle_hours == 0 {
            bail!("session_lifetime_hours and session_idle_hours must be at least 1");
        }
        if let Some(oidc) = &self.oidc {
            if !(oidc.issuer_url.starts_with("https://") || oidc.issuer_url.starts_with("http://"))
            {
                bail!(
                    "oidc.issuer_url must start with https:// (or http:// on loopback), not {:?}",
                    oidc.issuer_url
                );
            }
            if oidc.client_id.trim().is_empty() || oidc.client_secret.is_empty() {
                bail!("oidc.client_id and oidc.client_secret are required with [oidc]");
            }
            if oidc.email_claim.trim().is_empty() {
                bail!("oidc.email_claim cannot be empty: Hearth matches people by e-mail");
            }
        }
        if let Some(smtp) = &self.smtp {
            if smtp.host.trim().is_empty() {
                bail!("smtp.host is required with [smtp]");
            }
            if smtp.from.trim().is_empty() {
                bail!("smtp.from is required with [smtp], e.g. \"Hearth <hearth@example.com>\"");
            }
            if smtp.username.is_empty() != smtp.password.is_empty() {
                bail!("smtp.username and smtp.password go together: set both or neither");
            }
        }
        if self.digest.hour_utc > 23 {
            bail!(
                "digest.hour_utc must be 0 to 23, not {}",
                self.digest.hour_utc
            );
        }
        if self.digest.weekday().is_none() {
            bail!(
                "digest.weekly_day must be a day of the week (monday … sunday), not {:?}",
                self.digest.weekly_day
            );
        }
        if self.mail_claim_secs == 0 {
            bail!("mail_claim_secs must be at least 1");
        }
        if self.mail_cap_per_hour == 0 {
            bail!("mail_cap_per_hour must be at least 1");
        }
        if self.mail_concurrency == 0 {
            bail!("mail_concurrency must be at least 1");
        }
        Ok(())
    }

    pub fn mail_delay(&self) -> Duration {
        Duration::from_secs(self.mail_delay_secs)
    }

    pub fn listen_addr(&self) -> anyhow::Result<SocketAddr> {
        self.listen.parse().with_context(|| {
            format!(
                "listen must be an address and port like 127.0.0.1:8080, not {:?}",
                self.listen
            )
        })
    }

    /// The separate address of `/metrics`, when one is configured (an empty value
    /// means none).
    pub fn metrics_listen_addr(&self) -> anyhow::Result<Option<SocketAddr>> {
        let Some(raw) = self.metrics_listen.as_deref().map(str::trim) else {
            return Ok(None);
        };
        if raw.is_empty() {
            return Ok(None);
        }
        raw.parse().map(Some).with_context(|| {
            format!("metrics_listen must be an address and port like 127.0.0.1:9090, not {raw:?}")
        })
    }

    /// Where files go and how big they may be, as the use cases take it.
    pub fn file_settings(&self) -> FileSettings {
        FileSettings {
            storage: self.storage.clone(),
            default_folder: self.data_dir.join("files"),
            scratch: self.data_dir.join("incoming"),
            max_file_bytes: self.uploads.max_file_mb.saturating_mul(MB),
            quota_bytes: self.uploads.quota_mb.saturating_mul(MB),
            max_pixels: self.uploads.max_megapixels.saturating_mul(1_000_000),
            images_at_once: self.uploads.images_at_once,
            scim_photo_fetch_loopback: self.uploads.scim_photo_fetch_loopback,
        }
    }

    /// Whether Hearth keeps its own SQLite database inside `data_dir`.
    pub fn uses_data_dir_database(&self) -> bool {
        self.database_url
            .as_deref()
            .is_none_or(|url| url.trim().is_empty())
    }

    /// The database to use: the configured URL, or SQLite inside `data_dir`.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !self.uses_data_dir_database() => url.trim().to_owned(),
            _ => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("hearth.db").display()
            ),
        }
    }

    /// The base of every link Hearth prints or sends, without a trailing slash.
    pub fn public_url(&self, bound: SocketAddr) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{bound}"),
        }
    }

    /// The single sign-on settings as the HTTP layer takes them, when configured.
    pub fn oidc_settings(&self) -> Option<hearth_http::OidcSettings> {
        let oidc = self.oidc.as_ref()?;
        Some(hearth_http::OidcSettings {
            issuer_url: oidc.issuer_url.trim().to_owned(),
            client_id: oidc.client_id.trim().to_owned(),
            client_secret: oidc.client_secret.clone(),
            scopes: oidc.scopes.split_whitespace().map(str::to_owned).collect(),
            name_claim: oidc.name_claim.trim().to_owned(),
            email_claim: oidc.email_claim.trim().to_owned(),
            department_claim: oidc.department_claim.trim().to_owned(),
            title_claim: oidc.title_claim.trim().to_owned(),
            button_label: oidc.button_label.trim().to_owned(),
        })
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    pub fn session_lifetime(&self) -> Duration {
        Duration::from_secs(self.session_lifetime_hours * 3600)
    }

    pub fn session_idle_timeout(&self) -> Duration {
        Duration::from_secs(self.session_idle_hours * 3600)
    }
}

#[cfg(test)]
mod properties;

#[cfg(test)]
#[expect(
    clippy::result_large_err,
    reason = "figment::Jail's closures must return figment::Error"
)]
mod tests {
    use super::*;

    #[test]
    fn every_field_can_be_set_from_the_environment() {
        let value = serde_json::to_value(Config::default()).unwrap();
        let mut fields: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        let mut keys = ENV_KEYS.to_vec();
        // A table, set key by key through `HEARTH_OIDC_*`; checked below.
        keys.push("oidc");
        keys.push("smtp");
        keys.push("digest");
        keys.push("limits");
        keys.push("storage");
        keys.push("uploads");
        keys.sort_unstable();
        assert_eq!(fields, keys);

        let value = serde_json::to_value(UploadsConfig::default()).unwrap();
        let mut fields: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        let mut keys = UPLOADS_ENV_KEYS.to_vec();
        keys.sort_unstable();
        assert_eq!(fields, keys);

        let value = serde_json::to_value(LimitsConfig::default()).unwrap();
        let mut fields: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        let mut keys = LIMITS_ENV_KEYS.to_vec();
        keys.sort_unstable();
        assert_eq!(fields, keys);

        let value = serde_json::to_value(DigestConfig::default()).unwrap();
        let mut fields: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        let mut keys = DIGEST_ENV_KEYS.to_vec();
        keys.sort_unstable();
        assert_eq!(fields, keys);

        let value = serde_json::to_value(OidcConfig::default()).unwrap();
        let mut fields: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        let mut keys = OIDC_ENV_KEYS.to_vec();
        keys.sort_unstable();
        assert_eq!(fields, keys);
    }

    #[test]
    fn storage_and_upload_limits_come_from_the_file_and_the_environment() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "s.toml",
                "[storage]\nbackend = \"s3\"\nbucket = \"hearth\"\n[uploads]\nmax_file_mb = 5\n",
            )?;
            jail.set_env("HEARTH_STORAGE_SECRET_ACCESS_KEY", "from-the-environment");
            jail.set_env("HEARTH_STORAGE_ACCESS_KEY_ID", "hearth");
            jail.set_env("HEARTH_UPLOADS_QUOTA_MB", "100");
            let config = Config::load(Some(Path::new("s.toml")), &Overrides::default())
                .map_err(|e| format!("{e:#}"))?;
            let StorageConfig::S3 {
                bucket,
                secret_access_key,
                ..
            } = &config.storage
            else {
                return Err(format!("not S3: {:?}", config.storage).into());
            };
            assert_eq!(bucket, "hearth");
            assert_eq!(secret_access_key.as_deref(), Some("from-the-environment"));
            let files = config.file_settings();
            assert_eq!(files.max_file_bytes, 5 * 1024 * 1024);
            assert_eq!(files.quota_bytes, 100 * 1024 * 1024);
            assert_eq!(files.default_folder, config.data_dir.join("files"));
            Ok(())
        });
        figment::Jail::expect_with(|jail| {
            jail.create_file("z.toml", "[uploads]\nmax_file_mb = 0\n")?;
            let refused = Config::load(Some(Path::new("z.toml")), &Overrides::default());
            assert!(format!("{:#}", refused.unwrap_err()).contains("max_file_mb"));
            jail.create_file("b.toml", "[storage]\nbackend = \"ftp\"\n")?;
            assert!(Config::load(Some(Path::new("b.toml")), &Overrides::default()).is_err());
            Ok(())
        });
    }

    #[test]
    fn the_digest_table_comes_from_the_file_and_the_environment_and_is_checked() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("d.toml", "[digest]\nhour_utc = 18\n")?;
            jail.set_env("HEARTH_DIGEST_WEEKLY_DAY", "Friday");
            let config = Config::load(Some(Path::new("d.toml")), &Overrides::default())
                .map_err(|e| format!("{e:#}"))?;
            assert_eq!(config.digest.hour_utc, 18);
            assert_eq!(config.digest.weekday(), Some(4));
            assert!(config.digest.enabled);

            jail.set_env("HEARTH_DIGEST_WEEKLY_DAY", "someday");
            let err = Config::load(Some(Path::new("d.toml")), &Overrides::default()).unwrap_err();
            assert!(err.to_string().contains("weekly_day"), "{err}");
            jail.clear_env();
            jail.create_file("late.toml", "[digest]\nhour_utc = 24\n")?;
            let err =
                Config::load(Some(Path::new("late.toml")), &Overrides::default()).unwrap_err();
            assert!(err.to_string().contains("hour_utc"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn the_limits_table_comes_from_the_file_and_the_environment() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("l.toml", "[limits]\nposts_per_minute = 3\n")?;
            jail.set_env("HEARTH_LIMITS_REACTIONS_PER_MINUTE", "0");
            let config = Config::load(Some(Path::new("l.toml")), &Overrides::default())
                .map_err(|e| format!("{e:#}"))?;
            let limits = config.limits.content_limits();
            assert_eq!(limits.posts_per_minute, 3);
            assert_eq!(limits.reactions_per_minute, 0);
            assert_eq!(
                limits.replies_per_minute,
                ContentLimits::default().replies_per_minute
            );
            jail.create_file("typo.toml", "[limits]\npost_per_minute = 3\n")?;
            let err =
                Config::load(Some(Path::new("typo.toml")), &Overrides::default()).unwrap_err();
            assert!(format!("{err:#}").contains("post_per_minute"), "{err:#}");
            Ok(())
        });
    }

    #[test]
    fn the_oidc_table_comes_from_the_file_and_the_environment() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "sso.toml",
                "[oidc]\nissuer_url = \"https://id.acme.test\"\nclient_id = \"hearth\"\n",
            )?;
            jail.set_env("HEARTH_OIDC_CLIENT_SECRET", "s3cret");
            jail.set_env("HEARTH_OIDC_BUTTON_LABEL", "Acme ID");
            let config = Config::load(Some(Path::new("sso.toml")), &Overrides::default())
                .map_err(|e| format!("{e:#}"))?;
            let oidc = config.oidc_settings().unwrap();
            assert_eq!(oidc.issuer_url, "https://id.acme.test");
            assert_eq!(oidc.client_secret, "s3cret");
            assert_eq!(oidc.button_label, "Acme ID");
            assert_eq!(oidc.scopes, ["openid", "email", "profile"]);

            jail.create_file(
                "half.toml",
                "[oidc]\nissuer_url = \"https://id.acme.test\"\n",
            )?;
            jail.clear_env();
            let err =
                Config::load(Some(Path::new("half.toml")), &Overrides::default()).unwrap_err();
            assert!(err.to_string().contains("client_secret"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn the_defaults_are_valid_and_use_sqlite_in_the_data_folder() {
        let config = Config::default();
        config.validate().unwrap();
        assert_eq!(
            config.database_url(),
            "sqlite://./hearth-data/hearth.db?mode=rwc"
        );
        assert_eq!(config.listen_addr().unwrap().port(), 8080);
    }

    #[test]
    fn an_empty_database_url_means_sqlite_in_the_data_folder() {
        let config = Config {
            database_url: Some("  ".to_owned()),
            ..Config::default()
        };
        assert!(config.uses_data_dir_database());
        assert_eq!(config.database_url(), Config::default().database_url());
    }

    #[test]
    fn file_then_environment_then_flags() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "custom.toml",
                "listen = \"127.0.0.1:9000\"\nnode_id = 4\nlog_format = \"json\"\n",
            )?;
            jail.set_env("HEARTH_NODE_ID", "5");
            jail.set_env("HEARTH_TEST_DATABASE_URL", "ignored://");
            let overrides = Overrides {
                listen: Some("127.0.0.1:9100".to_owned()),
                ..Overrides::default()
            };
            let config = Config::load(Some(Path::new("custom.toml")), &overrides)
                .map_err(|e| e.to_string())?;
            assert_eq!(config.listen, "127.0.0.1:9100");
            assert_eq!(config.node_id, 5);
            assert_eq!(config.log_format, LogFormat::Json);
            Ok(())
        });
    }

    #[test]
    fn metrics_listen_comes_from_the_file_the_environment_or_the_flag_and_is_checked() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("m.toml", "metrics_listen = \"127.0.0.1:9090\"\n")?;
            let config = Config::load(Some(Path::new("m.toml")), &Overrides::default())
                .map_err(|e| format!("{e:#}"))?;
            assert_eq!(
                config.metrics_listen_addr().unwrap(),
                Some("127.0.0.1:9090".parse().unwrap())
            );

            jail.set_env("HEARTH_METRICS_LISTEN", "127.0.0.1:9091");
            let config = Config::load(Some(Path::new("m.toml")), &Overrides::default())
                .map_err(|e| format!("{e:#}"))?;
            assert_eq!(config.metrics_listen.as_deref(), Some("127.0.0.1:9091"));

            let overrides = Overrides {
                metrics_listen: Some("127.0.0.1:9092".to_owned()),
                ..Overrides::default()
            };
            let config = Config::load(Some(Path::new("m.toml")), &overrides)
                .map_err(|e| format!("{e:#}"))?;
            assert_eq!(config.metrics_listen.as_deref(), Some("127.0.0.1:9092"));

            jail.set_env("HEARTH_METRICS_LISTEN", "somewhere");
            let err = Config::load(None, &Overrides::default()).unwrap_err();
            assert!(err.to_string().contains("metrics_listen"), "{err}");

            jail.set_env("HEARTH_METRICS_LISTEN", "127.0.0.1:8080");
            let err = Config::load(None, &Overrides::default()).unwrap_err();
            assert!(err.to_string().contains("must differ"), "{err}");

            jail.set_env("HEARTH_METRICS_LISTEN", "");
            let config = Config::load(None, &Overrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(config.metrics_listen_addr().unwrap(), None);
            Ok(())
        });
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused_with_a_reason() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("typo.toml", "lisen = \"127.0.0.1:9000\"\n")?;
            let err =
                Config::load(Some(Path::new("typo.toml")), &Overrides::default()).unwrap_err();
            assert!(format!("{err:#}").contains("lisen"), "{err:#}");

            jail.create_file("bad.toml", "database_url = \"mysql://x\"\n")?;
            let err = Config::load(Some(Path::new("bad.toml")), &Overrides::default()).unwrap_err();
            assert!(
                format!("{err:#}").contains("unsupported database URL"),
                "{err:#}"
            );

            let err =
                Config::load(Some(Path::new("missing.toml")), &Overrides::default()).unwrap_err();
            assert!(err.to_string().contains("does not exist"), "{err}");

            jail.set_env("HEARTH_NODE_ID", "1023");
            let err = Config::load(None, &Overrides::default()).unwrap_err();
            assert!(err.to_string().contains("reserved"), "{err}");
            Ok(())
        });
    }
}
