use sqlx::migrate::MigrateError;

/// Errors of the storage layer. `Conflict` and `Unavailable` are expected in normal
/// operation (a duplicate e-mail, a saturated pool) and callers map them to 409 and
/// 503; the rest are bugs or broken deployments.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "unsupported database URL {0}: use sqlite://path/to/file.db or postgres://user@host/database"
    )]
    UnsupportedUrl(String),
    #[error(
        "the database schema is at version {database}, newer than this Hearth binary understands \
         (version {binary}); run the newer Hearth release that last upgraded this database"
    )]
    SchemaTooNew { database: i64, binary: i64 },
    #[error("a row with the same {constraint} already exists")]
    Conflict { constraint: String },
    #[error("the database is unavailable")]
    Unavailable(#[source] sqlx::Error),
    #[error("database migration failed")]
    Migrate(#[source] MigrateError),
    /// Another process holds the database in a way that excludes this one (a restore
    /// and a running server).
    #[error("{0}")]
    Locked(String),
    /// The backend cannot do what was asked (SQLite-only operations on PostgreSQL).
    #[error("{0}")]
    Unsupported(String),
    #[error("stored value is invalid: {0}")]
    Corrupt(String),
    /// A write whose group of writes failed to commit (SQLite): nothing of it was
    /// kept.
    #[error("the write was not committed: {0}")]
    NotCommitted(String),
    #[error("database error")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                Self::Unavailable(err)
            }
            sqlx::Error::Database(db) if db.is_unique_violation() => Self::Conflict {
                constraint: unique_field(db.constraint(), db.message()),
            },
            _ => Self::Database(err),
        }
    }
}

/// Names the field behind a unique violation. PostgreSQL reports the index name;
/// SQLite only says "UNIQUE constraint failed: users.email" in its message.
fn unique_field(constraint: Option<&str>, message: &str) -> String {
    let raw = constraint
        .map(str::to_owned)
        .or_else(|| {
            message
                .rsplit_once(": ")
                .map(|(_, columns)| columns.replace('.', "_"))
        })
        .unwrap_or_default();
    if raw.ends_with("email") {
        "email".to_owned()
    } else if raw.contains("single_home") || raw.ends_with("kind") {
        "home network".to_owned()
    } else {
        raw
    }
}
