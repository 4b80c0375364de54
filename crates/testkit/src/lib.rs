//! Test support shared by Hearth's test suites.
//!
//! Every test gets a database of its own, so tests run in parallel: a temporary SQLite
//! file, or a fresh PostgreSQL database created on the server named by
//! `HEARTH_TEST_DATABASE_URL` and dropped afterwards. [`both_backends!`] turns one
//! test function into a SQLite test and a PostgreSQL test.
//!
//! Without `HEARTH_TEST_DATABASE_URL` the PostgreSQL tests pass without running and
//! say so on the terminal; with `HEARTH_TEST_REQUIRE_POSTGRES=1` (as CI sets) they
//! fail instead, so the PostgreSQL half can never be skipped silently.

#![expect(clippy::unwrap_used, reason = "test support fails loudly")]

pub mod live;

use hearth_app::communities::{self, NewCommunity};
use hearth_app::database::{Store, StoreOptions};
use hearth_app::domain::{
    Actor, Community, DEFAULT_LANGUAGE, Millis, Network, NetworkId, NetworkKind, Post, Role, User,
    UserId, UserStatus,
};
use hearth_app::files::blobs::StorageConfig;
use hearth_app::posts::{self, NewPost};
use hearth_app::uploads::FileSettings;
use hearth_app::{App, AppSettings, Clock, ContentLimits, SignInLimits, accounts};
use hearth_store::{networks, users};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

pub use sqlx;

/// The password every helper-made account has.
pub const PASSWORD: &str = "correct horse battery staple";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test.
pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<PostgresCleanup>,
}

struct PostgresCleanup {
    admin_url: String,
    database: String,
}

fn announce_postgres_skipped() {
    static ONCE: AtomicBool = AtomicBool::new(false);
    if !ONCE.swap(true, Ordering::SeqCst) {
        // Written past the test harness's capture so a developer sees it.
        let _ = writeln!(
            std::io::stderr(),
            "note: PostgreSQL tests skipped: set HEARTH_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run them"
        );
    }
}

impl TestDb {
    /// A fresh, empty database, or `None` when PostgreSQL is not configured here.
    pub async fn create(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join("hearth.db").display()
                );
                Some(Self {
                    backend,
                    url,
                    _dir: Some(dir),
                    postgres: None,
                })
            }
            Backend::Postgres => {
                let Ok(admin_url) = std::env::var("HEARTH_TEST_DATABASE_URL") else {
                    let required = std::env::var("HEARTH_TEST_REQUIRE_POSTGRES")
                        .is_ok_and(|v| !v.is_empty() && v != "0");
                    if required {
                        panic!(
                            "HEARTH_TEST_REQUIRE_POSTGRES is set but HEARTH_TEST_DATABASE_URL is not"
                        );
                    }
                    announce_postgres_skipped();
                    return None;
                };
                let database = format!("hearth_test_{:016x}", rand::random::<u64>());
                let mut admin = connect_pg(&admin_url).await;
                sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {database}").as_str())
                    .await
                    .unwrap_or_else(|err| panic!("cannot create test database {database}: {err}"));
                let mut url = url::Url::parse(&admin_url).unwrap();
                url.set_path(&database);
                Some(Self {
                    backend,
                    url: url.to_string(),
                    _dir: None,
                    postgres: Some(PostgresCleanup {
                        admin_url,
                        database,
                    }),
                })
            }
        }
    }

    /// Opens and migrates the database.
    pub async fn store(&self) -> Store {
        let store = Store::connect(&self.url, &StoreOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        store
    }
}

/// Records a migration newer than this binary knows, as a later release would, and
/// answers its version.
pub async fn pretend_newer_release_migrated(store: &Store) -> i64 {
    let future = store.known_schema_version() + 1;
    let mut conn = store.conn().await.unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES ($1, 'from a newer release', TRUE, $2, 0)",
    )
    .bind(future)
    .bind(vec![0u8; 48])
    .execute(&mut *conn)
    .await
    .unwrap();
    future
}

async fn connect_pg(url: &str) -> sqlx::PgConnection {
    use sqlx::Connection;
    sqlx::PgConnection::connect(url)
        .await
        .unwrap_or_else(|err| {
            panic!("HEARTH_TEST_DATABASE_URL is set but PostgreSQL does not answer: {err}")
        })
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(cleanup) = self.postgres.take() else {
            return;
        };
        // Drop runs outside any async context we could borrow; a short-lived runtime on
        // its own thread drops the database even when the test panicked.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                use sqlx::Connection;
                if let Ok(mut admin) = sqlx::PgConnection::connect(&cleanup.admin_url).await {
                    let _ = sqlx::Executor::execute(
                        &mut admin,
                        format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", cleanup.database)
                            .as_str(),
                    )
                    .await;
                }
            });
        })
        .join();
    }
}

/// A clock the test moves by hand.
#[derive(Clone)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    pub fn starting_now() -> Self {
        let now = (hearth_app::system_clock())();
        Self(Arc::new(AtomicI64::new(now)))
    }

    pub fn advance(&self, by: Duration) {
        self.0
            .fetch_add(i64::try_from(by.as_millis()).unwrap(), Ordering::SeqCst);
    }

    pub fn now(&self) -> Millis {
        self.0.load(Ordering::SeqCst)
    }

    pub fn as_clock(&self) -> Clock {
        let inner = self.0.clone();
        Arc::new(move || inner.load(Ordering::SeqCst))
    }
}

/// An application over a fresh database, with a hand-moved clock.
pub struct TestApp {
    pub app: App,
    pub clock: ManualClock,
    pub db: TestDb,
    /// This test's own file storage, removed with it: a sweep in one test must never
    /// remove a file another test stored.
    pub files: std::sync::Arc<tempfile::TempDir>,
}

impl TestApp {
    pub async fn new(db: TestDb) -> Self {
        Self::with_limits(db, SignInLimits::default()).await
    }

    pub async fn with_limits(db: TestDb, limits: SignInLimits) -> Self {
        Self::with_settings(
            db,
            AppSettings {
                sign_in_limits: limits,
                content_limits: ContentLimits::NONE,
                ..AppSettings::default()
            },
        )
        .await
    }

    /// An application with these content limits. The others have none, since tests
    /// create content in bursts.
    pub async fn with_content_limits(db: TestDb, limits: ContentLimits) -> Self {
        Self::with_settings(
            db,
            AppSettings {
                content_limits: limits,
                ..AppSettings::default()
            },
        )
        .await
    }

    /// An application whose uploads have these limits.
    pub async fn with_upload_limits(db: TestDb, max_file_bytes: u64, quota_bytes: u64) -> Self {
        Self::with_settings(
            db,
            AppSettings {
                content_limits: ContentLimits::NONE,
                files: FileSettings {
                    max_file_bytes,
                    quota_bytes,
                    ..FileSettings::default()
                },
                ..AppSettings::default()
            },
        )
        .await
    }

    /// A test application around an app built by hand (its files go where its
    /// settings say).
    pub fn from_parts(app: App, clock: ManualClock, db: TestDb) -> Self {
        Self {
            app,
            clock,
            db,
            files: std::sync::Arc::new(tempfile::tempdir().unwrap()),
        }
    }

    pub async fn with_settings(db: TestDb, settings: AppSettings) -> Self {
        let clock = ManualClock::starting_now();
        let files = tempfile::tempdir().unwrap();
        let settings = AppSettings {
            node_id: 7,
            files: FileSettings {
                storage: StorageConfig::Folder { path: None },
                default_folder: files.path().join("files"),
                scratch: files.path().join("incoming"),
                ..settings.files
            },
            ..settings
        };
        let app = App::new(db.store().await, settings, clock.as_clock()).unwrap();
        Self {
            app,
            clock,
            db,
            files: std::sync::Arc::new(files),
        }
    }

    /// How many files the storage holds.
    pub fn stored_files(&self) -> usize {
        fn count(dir: &std::path::Path) -> usize {
            std::fs::read_dir(dir).map_or(0, |entries| {
                entries
                    .flatten()
                    .map(|entry| {
                        let path = entry.path();
                        if path.is_dir() { count(&path) } else { 1 }
                    })
                    .sum()
            })
        }
        count(&self.files.path().join("files"))
    }

    /// Creates an account with [`PASSWORD`] as the operator would.
    pub async fn user(&self, email: &str, role: Role) -> User {
        accounts::create_user(
            &self.app,
            &Actor::Operator,
            accounts::NewAccount {
                email,
                name: &display_name_for(email),
                password: Some(PASSWORD),
                role,
                company_if_new: Some("Acme"),
            },
        )
        .await
        .unwrap()
    }

    pub async fn admin(&self) -> User {
        self.user("admin@acme.test", Role::Admin).await
    }

    pub async fn member(&self, email: &str) -> User {
        self.user(email, Role::Member).await
    }

    /// A work community created by `owner`, who becomes its owner;
    /// `visibility` is `public`, `private` or `secret`.
    pub async fn community(&self, owner: &User, name: &str, visibility: &str) -> Community {
        communities::create(
            &self.app,
            &Actor::User(owner.clone()),
            &NewCommunity {
                name: name.to_owned(),
                description: String::new(),
                visibility: visibility.to_owned(),
                category: "work".to_owned(),
            },
        )
        .await
        .unwrap()
    }

    /// A discussion by `author`, in `community` or company-wide.
    pub async fn post(&self, author: &User, community: Option<&Community>, body: &str) -> Post {
        let post = posts::create(
            &self.app,
            &Actor::User(author.clone()),
            &NewPost {
                community_id: community.map(|c| c.id),
                body: body.to_owned(),
                ..NewPost::default()
            },
        )
        .await
        .unwrap();
        // Told about before the test goes on, as a person would see it a moment later.
        self.app.settled().await;
        post
    }

    /// A partner network beside `home`'s with one person in it, `guest@supplier.test`
    /// with `role`: someone who must never see anything of the home network.
    pub async fn partner_outsider(&self, home: &User, role: Role) -> User {
        let partner = self.partner_network(home, "Supplier").await;
        self.partner_person(&partner, "guest@supplier.test", role)
            .await
    }

    /// An external network beside `home`'s, written straight into the database (its
    /// people come from [`Self::partner_person`]).
    pub async fn partner_network(&self, home: &User, name: &str) -> Network {
        let mut db = self.app.store().conn().await.unwrap();
        let next: i64 = sqlx::query_scalar("SELECT MAX(id) + 1 FROM networks")
            .fetch_one(&mut *db)
            .await
            .unwrap();
        drop(db);
        let partner = Network {
            id: NetworkId(next.max(home.network_id.0 + 1)),
            name: name.to_owned(),
            kind: NetworkKind::External,
            created_at: self.clock.now(),
            default_language: DEFAULT_LANGUAGE.to_owned(),
            poll_votes: hearth_app::domain::poll::AllowedVotes::Any,
        };
        let mut tx = self.app.store().begin().await.unwrap();
        networks::insert(&mut tx, &partner).await.unwrap();
        tx.commit().await.unwrap();
        partner
    }

    /// A person of a partner network, without a password, whose handle is the local
    /// part of `email` (so it may repeat a handle of the home network).
    pub async fn partner_person(&self, network: &Network, email: &str, role: Role) -> User {
        let mut db = self.app.store().conn().await.unwrap();
        let next: i64 = sqlx::query_scalar("SELECT MAX(id) + 1 FROM users")
            .fetch_one(&mut *db)
            .await
            .unwrap();
        drop(db);
        let person = User {
            id: UserId(next + 1_000_000),
            network_id: network.id,
            email: email.to_owned(),
            display_name: display_name_for(email),
            role,
            status: UserStatus::Active,
            suspended_until: None,
            created_at: self.clock.now(),
            language: None,
            time_zone: hearth_app::domain::DEFAULT_TIME_ZONE.to_owned(),
            photo: None,
        };
        let handle = email.split('@').next().unwrap_or(email);
        let mut tx = self.app.store().begin().await.unwrap();
        users::insert(
            &mut tx,
            users::NewUser {
                user: &person,
                handle,
                password_hash: None,
                home_user_id: None,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        person
    }
}

/// The files of a zip archive of JSON lines (as Hearth exports), by name, each line
/// parsed.
pub fn unzip_json_lines(
    bytes: &[u8],
) -> std::collections::BTreeMap<String, Vec<serde_json::Value>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut files = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        // The files people uploaded travel beside the JSON lines (see `unzip_files`).
        if !file.name().is_ok_and(|name| name.ends_with(".jsonl")) {
            continue;
        }
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        let lines = text
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        files.insert(file.name().unwrap().into_owned(), lines);
    }
    files
}

/// The uploaded files of an export zip (under `files/`), by their path in it.
pub fn unzip_files(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut files = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        if name.starts_with("files/") {
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            files.insert(name, content);
        }
    }
    files
}

fn display_name_for(email: &str) -> String {
    let local = email.split('@').next().unwrap_or(email);
    let mut chars = local.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Someone".to_owned(),
    }
}

/// Runs each named `async fn(TestDb)` once on SQLite and once on PostgreSQL, as the
/// tests `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    if let Some(db) = $crate::TestDb::create($crate::Backend::Sqlite).await {
                        super::$name(db).await;
                    }
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(db) = $crate::TestDb::create($crate::Backend::Postgres).await {
                        super::$name(db).await;
                    }
                }
            }
        )+
    };
}
