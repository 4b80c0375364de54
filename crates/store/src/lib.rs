//! Hearth's storage: every SQL statement lives in this crate. One schema, written for
//! SQLite and for PostgreSQL side by side (`migrations/sqlite`, `migrations/postgres`);
//! the backend is chosen from the database URL. Queries use `$n` placeholders, which
//! both backends understand, so SQL is written once unless a backend truly differs,
//! and then both versions sit next to each other in the module that needs them.
//!
//! Functions take a `&mut Conn`: pass a transaction from [`Store::begin`] for writes
//! that must commit together, or a pooled connection from [`Store::conn`] for reads.

pub mod analytics;
pub mod article_files;
pub mod articles;
pub mod audit;
pub mod backup;
pub mod bulk;
pub mod communities;
pub mod conversations;
pub mod embedding;
mod error;
pub mod events;
pub mod export;
pub mod external_networks;
pub mod guests;
pub mod identities;
pub mod invitations;
pub mod messages;
pub mod moderation;
pub mod networks;
pub mod node_orders;
pub mod notifications;
pub mod offboarding;
pub mod outbox;
pub mod pending_fan_outs;
pub mod polls;
pub mod posts;
pub mod praise;
pub mod preferences;
pub mod profiles;
pub mod retention;
pub mod scim;
pub mod search;
pub mod sessions;
pub mod setup_tokens;
pub mod suggestions;
pub mod thread_subscriptions;
pub mod tokens;
pub mod uploads;
pub mod usage_policies;
pub mod users;
mod write_group;

pub use error::StoreError;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyPool, ConnectOptions, Connection, Executor};
use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// A connection usable by every store function.
pub type Conn = sqlx::AnyConnection;
/// A connection borrowed from the pool; it goes back when dropped.
pub type PooledConn = PoolConnection<Any>;
/// A write transaction; dropping it without [`Tx::commit`] rolls it back.
pub struct Tx {
    inner: TxInner,
}

enum TxInner {
    /// PostgreSQL: a transaction of its own; concurrent writers commit side by side.
    Alone(sqlx::Transaction<'static, Any>),
    /// SQLite: a turn in a group of writes that commit together (see [`write_group`]).
    Grouped(write_group::Turn),
}

impl Tx {
    /// Answers once the write is durable. On SQLite that is when the group of writes
    /// holding it has committed, so it may answer a moment after this writer's turn.
    pub async fn commit(self) -> Result<(), StoreError> {
        match self.inner {
            TxInner::Alone(tx) => Ok(tx.commit().await?),
            TxInner::Grouped(turn) => turn.commit().await,
        }
    }
}

impl Deref for Tx {
    type Target = Conn;

    fn deref(&self) -> &Conn {
        match &self.inner {
            TxInner::Alone(tx) => tx,
            TxInner::Grouped(turn) => turn.connection(),
        }
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Conn {
        match &mut self.inner {
            TxInner::Alone(tx) => tx,
            TxInner::Grouped(turn) => turn.connection_mut(),
        }
    }
}

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Chooses the backend from the URL scheme.
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        let scheme = url.split_once(':').map(|(scheme, _)| scheme).unwrap_or("");
        match scheme {
            "sqlite" => Ok(Self::Sqlite),
            "postgres" | "postgresql" => Ok(Self::Postgres),
            _ => Err(StoreError::UnsupportedUrl(redact_url(url))),
        }
    }

    fn migrator(self) -> &'static Migrator {
        match self {
            Self::Sqlite => &SQLITE_MIGRATIONS,
            Self::Postgres => &POSTGRES_MIGRATIONS,
        }
    }
}

/// Settings for [`Store::connect`].
#[derive(Debug, Clone)]
pub struct StoreOptions {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
    /// SQLite only: wait for the disk on every commit (`true`, survives power loss)
    /// or only at checkpoints (`false`, survives a crashed or killed process).
    pub sqlite_sync_every_commit: bool,
    /// Log every statement at debug level (target `sqlx::query`), for tests that
    /// check the plan of each statement a use case runs. Off in the server.
    pub log_statements: bool,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(10),
            sqlite_sync_every_commit: true,
            log_statements: false,
        }
    }
}

/// The database handle shared by the whole process.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite's writers, who take turns and commit together.
    writers: Option<Arc<write_group::WriteGroups>>,
    /// Held while the store lives, so that no restore replaces the file under it.
    _file_lock: Option<Arc<backup::DatabaseLock>>,
}

impl Store {
    /// Connects and tunes the backend. For SQLite the file is created when missing;
    /// WAL lets readers run beside the writer, and `synchronous = FULL` (the default)
    /// makes every acknowledged commit durable even across power loss. `NORMAL`
    /// still survives a killed process, at a fraction of the cost per commit.
    pub async fn connect(url: &str, options: &StoreOptions) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let file_lock = backup::sqlite_file(url)
            .map(|file| backup::DatabaseLock::shared(&file))
            .transpose()?
            .map(Arc::new);
        let connect_options = AnyConnectOptions::from_str(url)
            .map_err(|_| StoreError::UnsupportedUrl(redact_url(url)))?;
        let connect_options = if options.log_statements {
            connect_options.log_statements(log::LevelFilter::Debug)
        } else {
            connect_options.disable_statement_logging()
        };
        let pragmas = if options.sqlite_sync_every_commit {
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;"
        } else {
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;"
        };
        let pool = AnyPoolOptions::new()
            .max_connections(options.max_connections)
            .acquire_timeout(options.acquire_timeout)
            // A pooled SQLite connection is a file handle that cannot drop like a
            // socket can; testing it before every use was one more round trip to its
            // thread on every request (a request takes three or four connections).
            .test_before_acquire(backend == Backend::Postgres)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    match backend {
                        Backend::Sqlite => {
                            conn.execute(pragmas).await?;
                        }
                        // Hearth's queries are short; JIT compilation, which PostgreSQL
                        // starts for plans it expects to be costly, took longer than
                        // the queries themselves (40 ms for a 2 ms feed page).
                        Backend::Postgres => {
                            conn.execute("SET jit = off").await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect_with(connect_options)
            .await
            .map_err(StoreError::from)?;
        let writers =
            (backend == Backend::Sqlite).then(|| write_group::WriteGroups::new(pool.clone()));
        Ok(Self {
            pool,
            backend,
            writers,
            _file_lock: file_lock,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Brings the schema up to date. Safe to run on every start and from several nodes
    /// at once (PostgreSQL takes an advisory lock). Refuses to touch a database whose
    /// schema is newer than this binary, rather than run old code against it.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = self.backend.migrator();
        let known = migrator.iter().map(|m| m.version).max().unwrap_or(0);
        if let Some(applied) = self.applied_schema_version().await?
            && applied > known
        {
            return Err(StoreError::SchemaTooNew {
                database: applied,
                binary: known,
            });
        }
        migrator.run(&self.pool).await.map_err(StoreError::Migrate)
    }

    /// The newest migration recorded in the database, or `None` on a fresh database.
    pub async fn applied_schema_version(&self) -> Result<Option<i64>, StoreError> {
        let mut conn = self.conn().await?;
        let exists_sql = match self.backend {
            Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
            }
            Backend::Postgres => {
                "SELECT COUNT(*) FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
            }
        };
        let exists: i64 = sqlx::query_scalar(exists_sql).fetch_one(&mut *conn).await?;
        if exists == 0 {
            return Ok(None);
        }
        let version: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&mut *conn)
                .await?;
        Ok(version)
    }

    /// The newest schema version this binary can run.
    pub fn known_schema_version(&self) -> i64 {
        self.backend
            .migrator()
            .iter()
            .map(|m| m.version)
            .max()
            .unwrap_or(0)
    }

    /// A pooled connection for reads that need no transaction.
    pub async fn conn(&self) -> Result<PooledConn, StoreError> {
        Ok(self.pool.acquire().await?)
    }

    /// Starts a write transaction.
    ///
    /// SQLite has one writer at a time. Writers queue here, in the process, before
    /// they take a pooled connection: left to SQLite's busy handler they would hold
    /// connections while sleeping and retrying, starving readers and each other.
    /// Queued writers then take turns in one transaction and share its commit (see
    /// [`write_group`]), which takes the write lock up front (`BEGIN IMMEDIATE`),
    /// since a deferred one that reads and then writes can fail with "database is
    /// locked".
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let inner = match &self.writers {
            Some(writers) => TxInner::Grouped(writers.begin().await?),
            None => TxInner::Alone(self.pool.begin().await?),
        };
        Ok(Tx { inner })
    }

    /// Keeps SQLite's planner statistics (`sqlite_stat1`) close to the data: the
    /// tables never analyzed, or grown or shrunk much since, are analyzed again. Without
    /// statistics SQLite plans by rules of thumb, and the plans Hearth is tested with
    /// (`tests/app/plans.rs`) are those of an analyzed database. PostgreSQL's
    /// autovacuum does this by itself.
    ///
    /// `ANALYZE` writes, so it takes the writers' turn: each table is analyzed in a turn
    /// of its own, so that writers wait for one table at a time, and from a sample of
    /// each index (`analysis_limit`), which also makes its row counts estimates (the
    /// posts of a network of a million, never analyzed: 15 ms). Connections other than
    /// the one that analyzed take the new statistics up when the pool replaces them.
    pub async fn refresh_statistics(&self) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        // `PRAGMA optimize` names what it would analyze when asked to only say (0x01):
        // the tables due (0x02), among all of them rather than only those this
        // connection used (0x10000).
        let due: Vec<String> = {
            let mut conn = self.conn().await?;
            sqlx::query_scalar("PRAGMA optimize = 0x10003")
                .persistent(false)
                .fetch_all(&mut *conn)
                .await?
        };
        for analyze in due.iter().filter(|line| line.starts_with("ANALYZE ")) {
            let mut tx = self.begin().await?;
            // Rows sampled per index for the statistics beyond the counts.
            sqlx::query("PRAGMA analysis_limit = 1000")
                .persistent(false)
                .execute(&mut *tx)
                .await?;
            sqlx::query(analyze)
                .persistent(false)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// Answers whether the database can serve a query now.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.conn().await?;
        conn.ping().await?;
        Ok(())
    }

    /// Waits for open connections to finish and closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A list of columns (`"id, name"`) as columns of the table named `alias`
/// (`"c.id, c.name"`), for statements that join it. An expression in the list (one
/// with parentheses) names its table itself and is left as it is.
pub(crate) fn qualify(columns: &str, alias: &str) -> String {
    columns
        .split(", ")
        .map(|column| {
            if column.contains('(') {
                column.to_owned()
            } else {
                format!("{alias}.{column}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The longest list of values a statement may hold and still be kept prepared on its
/// connection (see [`keep_prepared`]): a page of a feed or a thread fits.
const LONGEST_LIST_KEPT_PREPARED: usize = 50;

/// Whether a statement whose text holds a list of `items` values (`IN (…)`, a
/// multi-row `VALUES`) should stay in its connection's statement cache. Each length
/// is a statement of its own, and a long one is a big program (SQLite's for a
/// `VALUES` of 500 rows is about 20 KB): kept, the lists of fan-outs and of whole
/// threads filled every connection's cache and were a third of the server's heap.
pub(crate) fn keep_prepared(items: usize) -> bool {
    items <= LONGEST_LIST_KEPT_PREPARED
}

/// `$first, $first+1, …` for `n` values.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A database URL with any password removed, fit for logs and error messages.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("****"));
            parsed.to_string()
        }
        Ok(parsed) => parsed.to_string(),
        Err(_) => "(unparseable URL)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backend_comes_from_the_url_scheme() {
        assert_eq!(Backend::from_url("sqlite://x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::from_url("postgres://h/db").unwrap(),
            Backend::Postgres
        );
        assert_eq!(
            Backend::from_url("postgresql://h/db").unwrap(),
            Backend::Postgres
        );
        let err = Backend::from_url("mysql://root:pw@h/db").unwrap_err();
        assert!(err.to_string().contains("mysql"), "{err}");
        assert!(!err.to_string().contains("pw@"), "{err}");
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact_url("postgres://hearth:secret@db:5432/hearth"),
            "postgres://hearth:****@db:5432/hearth"
        );
    }
}
