//! Hearth's use cases. Each public function is one thing a person or the operator can
//! do: it takes the acting user, asks `domain::policy` first, validates, writes the
//! change in one transaction, and only then causes side effects.

mod access;
pub mod accounts;
pub mod analytics;
pub mod article_feeds;
pub mod articles;
pub mod audit;
pub mod chat;
pub mod communities;
mod content_limits;
mod csv_cells;
pub mod database;
pub mod digests;
pub mod embedding;
mod error;
pub mod export;
pub mod external_networks;
pub mod fan_out;
pub mod feeds;
pub mod guests;
pub mod invitations;
pub mod languages;
pub mod lifecycle;
pub mod links;
pub mod live;
pub mod mail;
pub mod moderation;
pub mod notification_settings;
pub mod notifications;
pub mod oidc;
pub mod page_comments;
mod passwords;
pub mod people;
pub mod polls;
pub mod posts;
pub mod praise;
mod rate_limit;
pub mod retention;
pub mod scim;
pub mod search;
pub mod secrets;
pub mod sessions;
pub mod setup;
pub mod suggestions;
pub mod thread_subscriptions;
pub mod tokens;
mod touches;
pub mod uploads;
pub mod usage_policy;

pub use content_limits::ContentLimits;
pub use error::AppError;
pub use hearth_domain as domain;
pub use hearth_files as files;
pub use hearth_i18n as i18n;
pub use rate_limit::SignInLimits;

use hearth_domain::{IdGenerator, Millis};
use hearth_store::Store;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The time source; tests replace it to move through expiry windows.
pub type Clock = Arc<dyn Fn() -> Millis + Send + Sync>;

/// The wall clock.
pub fn system_clock() -> Clock {
    Arc::new(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0)
    })
}

/// Settings the use cases need. Built by the binary from its configuration.
#[derive(Debug, Clone)]
pub struct AppSettings {
    /// Distinguishes this node's ids from every other node's.
    pub node_id: u32,
    /// A session ends this long after sign-in, however active it is.
    pub session_lifetime: Duration,
    /// A session ends after this long without a request.
    pub session_idle_timeout: Duration,
    /// How long a first-run set-up link stays valid.
    pub setup_link_lifetime: Duration,
    pub sign_in_limits: SignInLimits,
    /// How fast one person may post, reply, send chat messages and react.
    pub content_limits: ContentLimits,
    /// Where people reach Hearth, for links in e-mails, e.g. `https://hearth.example.com`.
    pub public_url: String,
    /// How long a notification's e-mail waits, so that a burst folds into one and
    /// what is read meanwhile is not mailed.
    pub mail_delay: Duration,
    /// At most this many notification e-mails per person an hour; the rest wait for
    /// the digest.
    pub mail_cap_per_hour: u32,
    /// How long a mail worker holds an e-mail it took; after that (say, it crashed)
    /// another worker sends it. Longer than one SMTP conversation may take.
    pub mail_claim: Duration,
    /// How many SMTP conversations a node's mail worker holds at once.
    pub mail_concurrency: usize,
    /// Where uploaded files go and how big they may be.
    pub files: uploads::FileSettings,
}

impl Default for AppSettings {
    fn default() -> Self {
        Self {
            node_id: 0,
            session_lifetime: Duration::from_secs(30 * 24 * 3600),
            session_idle_timeout: Duration::from_secs(7 * 24 * 3600),
            setup_link_lifetime: Duration::from_secs(24 * 3600),
            sign_in_limits: SignInLimits::default(),
            content_limits: ContentLimits::default(),
            public_url: "http://localhost:8080".to_owned(),
            mail_delay: Duration::from_secs(120),
            mail_cap_per_hour: 10,
            mail_claim: Duration::from_secs(60),
            mail_concurrency: 3,
            files: uploads::FileSettings::default(),
        }
    }
}

/// A Unix-millisecond time as RFC 3339 in UTC, as the API and live events write times.
pub fn rfc3339(millis: Millis) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// Reads an RFC 3339 time (as the API writes them) back into Unix milliseconds.
pub fn parse_rfc3339(raw: &str) -> Option<Millis> {
    let parsed =
        time::OffsetDateTime::parse(raw.trim(), &time::format_description::well_known::Rfc3339)
            .ok()?;
    i64::try_from(parsed.unix_timestamp_nanos() / 1_000_000).ok()
}

/// Everything a use case needs, shared by all requests of the process.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    settings: AppSettings,
    ids: Mutex<IdGenerator>,
    clock: Clock,
    sign_in_limiter: rate_limit::SignInLimiter,
    content_limiter: content_limits::ContentLimiter,
    bus: Arc<dyn live::Bus>,
    touches: touches::Touches,
    files: uploads::Files,
    fan_outs: fan_out::Worker,
}

/// Why an [`App`] could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(transparent)]
    NodeId(#[from] hearth_domain::ids::NodeIdOutOfRange),
    #[error("file storage: {0}")]
    Files(#[from] hearth_files::blobs::BlobError),
}

impl App {
    /// An app whose live events stay in this process (one node).
    pub fn new(store: Store, settings: AppSettings, clock: Clock) -> Result<Self, SettingsError> {
        Self::with_bus(store, settings, clock, Arc::new(live::LocalBus::new()))
    }

    /// An app whose live events travel over `bus`, e.g. to every node of a cluster.
    pub fn with_bus(
        store: Store,
        settings: AppSettings,
        clock: Clock,
        bus: Arc<dyn live::Bus>,
    ) -> Result<Self, SettingsError> {
        let ids = IdGenerator::new(settings.node_id)?;
        let sign_in_limiter = rate_limit::SignInLimiter::new(&settings.sign_in_limits);
        let content_limiter = content_limits::ContentLimiter::new(&settings.content_limits);
        let files = uploads::Files::new(settings.files.clone())?;
        Ok(Self {
            inner: Arc::new(Inner {
                store,
                settings,
                ids: Mutex::new(ids),
                clock,
                sign_in_limiter,
                content_limiter,
                bus,
                touches: touches::Touches::default(),
                files,
                fan_outs: fan_out::Worker::default(),
            }),
        })
    }

    /// Waits until every new post written through this app has been told about to
    /// the people it concerns: their notifications are written after the post's own
    /// transaction, a moment after the post is.
    pub async fn settled(&self) {
        fan_out::settled(self).await;
    }

    /// Sends events that are already committed (or never kept) to every node.
    pub fn publish(&self, events: impl IntoIterator<Item = live::LiveEvent>) {
        for event in events {
            self.inner.bus.publish(event);
        }
    }

    /// Hands an event to this node's connections only.
    pub(crate) fn deliver_here(&self, event: live::LiveEvent) {
        self.inner.bus.deliver_here(Arc::new(event));
    }

    /// This node's feed of every published event.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Arc<live::LiveEvent>> {
        self.inner.bus.subscribe()
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Where uploaded files are stored.
    pub fn files(&self) -> &uploads::Files {
        &self.inner.files
    }

    pub fn settings(&self) -> &AppSettings {
        &self.inner.settings
    }

    pub fn now(&self) -> Millis {
        (self.inner.clock)()
    }

    /// A fresh id from this node's generator.
    pub(crate) fn next_id(&self) -> i64 {
        let now = self.now();
        // A poisoned lock only means another thread panicked mid-call; the generator's
        // state is still a valid (last_millis, sequence) pair, so keep using it.
        let mut ids = self
            .inner
            .ids
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        ids.next(now)
    }

    pub(crate) fn touches(&self) -> &touches::Touches {
        &self.inner.touches
    }

    pub(crate) fn sign_in_limiter(&self) -> &rate_limit::SignInLimiter {
        &self.inner.sign_in_limiter
    }

    /// Counts one post, reply, chat message or reaction by `user` against their
    /// allowance, or says how long to wait.
    pub(crate) fn may_create(
        &self,
        creation: content_limits::Creation,
        user: &hearth_domain::User,
    ) -> Result<(), AppError> {
        self.inner.content_limiter.check(creation, user.id)
    }

    /// Whether the database answers; used by readiness probes.
    pub async fn ready(&self) -> Result<(), AppError> {
        self.inner.store.ping().await.map_err(AppError::from)
    }
}

/// The person behind a use case that only people (not the operator) perform.
pub(crate) fn signed_in(actor: &hearth_domain::Actor) -> Result<&hearth_domain::User, AppError> {
    match actor {
        hearth_domain::Actor::User(user) => Ok(user),
        hearth_domain::Actor::Operator => Err(AppError::Forbidden(
            "this needs a signed-in person, not the operator",
        )),
    }
}

pub(crate) fn millis(duration: Duration) -> Millis {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}
