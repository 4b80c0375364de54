//! `hearth admin backup` and `hearth admin restore`: a copy of the embedded SQLite
//! database taken while servers run, and putting such a copy back in place.

use crate::config::Config;
use anyhow::{Context, bail};
use hearth_app::database::backup::{self, DatabaseLock};
use hearth_app::database::{Store, StoreOptions, redact_url};
use std::fs::File;
use std::path::{Path, PathBuf};

const POSTGRES_HINT: &str = "the database is PostgreSQL: back it up and restore it with \
     pg_dump and pg_restore (docs/ADMINISTRATION.md, \"Backup and restore\")";

/// Writes a consistent copy of the database to `out`, which must not exist yet. The
/// copy is written beside `out` under a temporary name and renamed when complete, so
/// `out` never names half a backup.
pub async fn backup(config: &Config, out: &Path) -> anyhow::Result<String> {
    let url = config.database_url();
    if backup::sqlite_file(&url).is_none() {
        bail!(POSTGRES_HINT);
    }
    if out.exists() {
        bail!("{} exists already; choose a new file name", out.display());
    }
    let partial = with_suffix(out, ".partial");
    let _ = std::fs::remove_file(&partial);
    // No migration here: a backup taken by a newer binary before an upgrade must
    // hold the database as the old release left it.
    let store = Store::connect(&url, &StoreOptions::default())
        .await
        .with_context(|| format!("cannot open the database {}", redact_url(&url)))?;
    let copied = store.backup_into(&partial).await;
    store.close().await;
    copied.with_context(|| format!("cannot write the backup to {}", partial.display()))?;
    sync_file(&partial)?;
    std::fs::rename(&partial, out)
        .with_context(|| format!("cannot rename {} to {}", partial.display(), out.display()))?;
    sync_parent(out)?;
    let facts = backup::inspect_backup(out).await?;
    let bytes = std::fs::metadata(out)?.len();
    Ok(format!(
        "backed up the database to {} ({bytes} bytes, schema version {})",
        out.display(),
        facts.schema_version
    ))
}

/// Puts a backup in place of the configured SQLite database. Refused while any
/// server or command has the database open, for a file that is not an intact Hearth
/// database, and over an existing database unless `replace` is given; the replaced
/// database is then kept beside it, not deleted.
pub async fn restore(config: &Config, from: &Path, replace: bool) -> anyhow::Result<String> {
    let url = config.database_url();
    let Some(database) = backup::sqlite_file(&url) else {
        bail!(POSTGRES_HINT);
    };
    if !from.is_file() {
        bail!("{} is not a file", from.display());
    }
    if let Some(folder) = database.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create the data folder {}", folder.display()))?;
    }
    let _lock = DatabaseLock::exclusive(&database)?;
    let facts = backup::inspect_backup(from).await?;
    let mut report = String::new();
    if database.exists() {
        if !replace {
            bail!(
                "{} holds a database already; pass --replace to put the backup in its place \
                 (the current one is kept beside it)",
                database.display()
            );
        }
        let aside = with_suffix(&database, &format!(".replaced-{}", unix_seconds()));
        // The write-ahead log belongs to the database it was written for: it moves
        // with it (SQLite finds it by name), and must never be replayed into the copy.
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let (from_name, to) = (with_suffix(&database, suffix), with_suffix(&aside, suffix));
            if from_name.exists() {
                std::fs::rename(&from_name, &to).with_context(|| {
                    format!("cannot move {} to {}", from_name.display(), to.display())
                })?;
            }
        }
        report.push_str(&format!(
            "kept the replaced database as {}\n",
            aside.display()
        ));
    } else if let Some(stray) = ["-wal", "-shm", "-journal"]
        .map(|suffix| with_suffix(&database, suffix))
        .into_iter()
        .find(|path| path.exists())
    {
        bail!(
            "{} exists without its database; move it away before restoring",
            stray.display()
        );
    }
    let incoming = with_suffix(&database, ".restoring");
    std::fs::copy(from, &incoming)
        .with_context(|| format!("cannot copy {} to {}", from.display(), incoming.display()))?;
    sync_file(&incoming)?;
    std::fs::rename(&incoming, &database)
        .with_context(|| format!("cannot rename {}", incoming.display()))?;
    sync_parent(&database)?;
    report.push_str(&format!(
        "restored {} into {} (schema version {}, {} network(s)); the next start brings the \
         schema up to date",
        from.display(),
        database.display(),
        facts.schema_version,
        facts.networks
    ));
    Ok(report)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn sync_file(path: &Path) -> anyhow::Result<()> {
    File::open(path)
        .and_then(|file| file.sync_all())
        .with_context(|| format!("cannot write {} to disk", path.display()))
}

/// A rename is durable only once the folder that holds the name is on disk.
fn sync_parent(path: &Path) -> anyhow::Result<()> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    sync_file(folder)
}

fn unix_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}
