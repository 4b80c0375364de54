//! Backups of the embedded SQLite database: a consistent copy taken while servers
//! keep writing, the checks a copy passes before it may replace a database, and the
//! lock that keeps a restore and a running server apart.
//!
//! Every process that opens a SQLite file through [`Store::connect`] holds a shared
//! lock on a file beside it (`hearth.db-lock` for `hearth.db`) for as long as its
//! store lives; a restore takes the same lock exclusively, so it cannot replace a
//! database under a server, and a server cannot start halfway through a restore.
//! PostgreSQL has its own tools (`pg_dump`, `pg_restore`) and none of this applies.

use crate::{Backend, Store, StoreError};
use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The database file a `sqlite://` URL names, or `None` for PostgreSQL and for an
/// in-memory SQLite database.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    if Backend::from_url(url).ok()? != Backend::Sqlite {
        return None;
    }
    if url.contains(":memory:") || url.contains("mode=memory") {
        return None;
    }
    let options = SqliteConnectOptions::from_str(url).ok()?;
    let file = options.get_filename();
    (!file.as_os_str().is_empty()).then(|| file.to_path_buf())
}

/// The lock file that guards a database file.
pub fn lock_file(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push("-lock");
    PathBuf::from(name)
}

/// Who holds a database's lock file, held until dropped.
#[derive(Debug)]
pub struct DatabaseLock {
    _file: File,
}

impl DatabaseLock {
    /// Shared: any number of servers and operator commands at once.
    pub fn shared(database: &Path) -> Result<Self, StoreError> {
        let file = open_lock_file(database)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(Self { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::Locked(format!(
                "{} is being restored from a backup; start Hearth again when the restore has finished",
                database.display()
            ))),
            Err(TryLockError::Error(err)) => Err(lock_failed(database, err)),
        }
    }

    /// Exclusive: nobody else has the database open.
    pub fn exclusive(database: &Path) -> Result<Self, StoreError> {
        let file = open_lock_file(database)?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::Locked(format!(
                "{} is in use by a running Hearth server or command; stop it first",
                database.display()
            ))),
            Err(TryLockError::Error(err)) => Err(lock_failed(database, err)),
        }
    }
}

fn open_lock_file(database: &Path) -> Result<File, StoreError> {
    let path = lock_file(database);
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|err| lock_failed(database, err))
}

fn lock_failed(database: &Path, err: std::io::Error) -> StoreError {
    StoreError::Locked(format!(
        "cannot lock {}: {err}",
        lock_file(database).display()
    ))
}

/// What a backup file holds, as far as a restore needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFacts {
    /// The newest migration applied to the copy.
    pub schema_version: i64,
    /// How many networks it holds (a Hearth database that was never set up has none).
    pub networks: i64,
}

impl Store {
    /// Writes a consistent copy of the SQLite database to `out`, which must not exist.
    ///
    /// `VACUUM INTO` reads inside one transaction, so the copy is the database as of
    /// one moment even while writers go on (in WAL mode they are not held up), and
    /// the copy comes out compacted, without a WAL of its own.
    pub async fn backup_into(&self, out: &Path) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Unsupported(
                "the database is PostgreSQL: back it up with pg_dump".to_owned(),
            ));
        }
        let target = out
            .to_str()
            .ok_or_else(|| StoreError::Unsupported("the file name is not UTF-8".to_owned()))?;
        let mut conn = self.conn().await?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}

/// Opens a backup read-only, checks it page by page, and reads what a restore must
/// know. Refuses anything that is not an intact Hearth database.
pub async fn inspect_backup(file: &Path) -> Result<BackupFacts, StoreError> {
    let not_hearth = || {
        StoreError::Corrupt(format!(
            "{} is not a Hearth database backup",
            file.display()
        ))
    };
    let mut conn = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .disable_statement_logging()
        .connect()
        .await
        .map_err(|_| not_hearth())?;
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .map_err(|_| not_hearth())?;
    if integrity != ["ok"] {
        return Err(StoreError::Corrupt(format!(
            "{} fails SQLite's integrity check: {}",
            file.display(),
            integrity.join("; ")
        )));
    }
    let schema_version: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(&mut conn)
            .await
            .map_err(|_| not_hearth())?;
    let networks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM networks")
        .fetch_one(&mut conn)
        .await
        .map_err(|_| not_hearth())?;
    let known = crate::SQLITE_MIGRATIONS
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
    let schema_version = schema_version.ok_or_else(not_hearth)?;
    if schema_version > known {
        return Err(StoreError::SchemaTooNew {
            database: schema_version,
            binary: known,
        });
    }
    Ok(BackupFacts {
        schema_version,
        networks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_comes_from_the_url() {
        assert_eq!(
            sqlite_file("sqlite:///srv/hearth-data/hearth.db?mode=rwc"),
            Some(PathBuf::from("/srv/hearth-data/hearth.db"))
        );
        assert_eq!(
            sqlite_file("sqlite://./hearth-data/hearth.db?mode=rwc"),
            Some(PathBuf::from("./hearth-data/hearth.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://h@db/hearth"), None);
    }

    #[test]
    fn a_restore_waits_for_every_opener_and_openers_wait_for_a_restore() {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("hearth.db");
        let server = DatabaseLock::shared(&database).unwrap();
        let command = DatabaseLock::shared(&database).unwrap();
        assert!(matches!(
            DatabaseLock::exclusive(&database),
            Err(StoreError::Locked(_))
        ));
        drop((server, command));
        let restore = DatabaseLock::exclusive(&database).unwrap();
        assert!(matches!(
            DatabaseLock::shared(&database),
            Err(StoreError::Locked(_))
        ));
        drop(restore);
        DatabaseLock::shared(&database).unwrap();
    }
}
