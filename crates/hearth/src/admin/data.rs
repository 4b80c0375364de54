//! `hearth admin audit | retention | export`: the audit log as a file, the retention
//! policy, and compliance exports, done as the operator through the same use cases
//! as the console. Each of them is recorded in the audit log like the console's.

use super::operator_app;
use crate::config::Config;
use anyhow::{Context, bail};
use hearth_app::audit::Acting;
use hearth_app::domain::Actor;
use hearth_app::export::{self, AuditFormat, AuditQuery, Whom};
use hearth_app::retention;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes the audit log's entries matching `query`, newest first, to `out` or to
/// standard output; answers a report line for standard error.
pub async fn audit_log(
    config: &Config,
    query: AuditQuery,
    format: &str,
    out: Option<&Path>,
) -> anyhow::Result<String> {
    let format = AuditFormat::parse(format).map_err(hearth_app::AppError::from)?;
    let filter = query.filter().map_err(hearth_app::AppError::from)?;
    let app = operator_app(config).await?;
    let written = async {
        let mut export = export::audit_log(&app, Acting::operator(), filter, format).await?;
        let mut sink: Box<dyn Write> = match out {
            Some(path) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(path)
                    .with_context(|| format!("cannot create {}", path.display()))?,
            )),
            None => Box::new(std::io::stdout()),
        };
        let mut written = 0u64;
        while let Some(chunk) = export.next_chunk().await? {
            sink.write_all(&chunk)?;
            written += chunk.len() as u64;
        }
        sink.flush()?;
        anyhow::Ok(written)
    }
    .await;
    app.store().close().await;
    let written = written?;
    Ok(match out {
        Some(path) => format!("wrote {written} bytes to {}", path.display()),
        None => format!("wrote {written} bytes"),
    })
}

/// What `hearth admin retention` was asked to do.
#[derive(Debug, Clone, Copy, Default)]
pub struct RetentionArgs {
    pub days: Option<i64>,
    pub off: bool,
    pub dry_run: bool,
    pub apply: bool,
}

/// Sets, turns off, counts or applies the retention policy; answers a report.
pub async fn retention(config: &Config, args: RetentionArgs) -> anyhow::Result<String> {
    let app = operator_app(config).await?;
    let outcome = run_retention(&app, args).await;
    app.store().close().await;
    outcome
}

async fn run_retention(app: &hearth_app::App, args: RetentionArgs) -> anyhow::Result<String> {
    let counts = |report: &retention::RetentionReport| {
        format!(
            "{} posts and replies, {} reactions, {} chat messages (older than {} days, before {})",
            report.counts.posts,
            report.counts.reactions,
            report.counts.messages,
            report.days,
            hearth_app::rfc3339(report.cutoff)
        )
    };
    if args.dry_run {
        let report = retention::dry_run(app, &Actor::Operator, args.days).await?;
        return Ok(format!("would delete {}", counts(&report)));
    }
    if args.apply {
        let report = retention::apply(app, Acting::operator()).await?;
        return Ok(format!("deleted {}", counts(&report)));
    }
    if args.off {
        retention::set(app, Acting::operator(), None).await?;
        return Ok("retention is off: the network keeps everything".to_owned());
    }
    if let Some(days) = args.days {
        retention::set(app, Acting::operator(), Some(days)).await?;
        return Ok(format!(
            "content older than {days} days will be deleted within the hour \
             (see it first with --dry-run)"
        ));
    }
    Ok(match retention::setting(app, &Actor::Operator).await? {
        Some(days) => format!("content older than {days} days is deleted"),
        None => "retention is off: the network keeps everything".to_owned(),
    })
}

/// Exports the network, or one person (by e-mail or id), into the zip file `out`,
/// with a progress bar on standard error. The file appears only when the export is
/// complete; a missing person creates no file at all.
pub async fn export(config: &Config, out: &Path, user: Option<&str>) -> anyhow::Result<String> {
    if out.is_dir() {
        bail!("{} is a folder; name the zip file to write", out.display());
    }
    let app = operator_app(config).await?;
    let outcome = write_export(&app, out, user).await;
    app.store().close().await;
    outcome
}

async fn write_export(
    app: &hearth_app::App,
    out: &Path,
    user: Option<&str>,
) -> anyhow::Result<String> {
    let opened = match user {
        Some(who) => export::user(app, Acting::operator(), &Whom::parse(who)).await?,
        None => export::network(app, Acting::operator()).await?,
    };
    let partial = partial_path(out);
    let file = std::fs::File::create(&partial)
        .with_context(|| format!("cannot create {}", partial.display()))?;
    let mut writer = std::io::BufWriter::new(file);
    let bar = ProgressBar::new(opened.progress().total);
    bar.set_style(
        ProgressStyle::with_template("{msg:24} [{bar:40}] {pos}/{len} rows")
            .context("progress bar template")?
            .progress_chars("=> "),
    );
    let written = opened
        .write_to(&mut writer, |progress| {
            bar.set_message(progress.file);
            bar.set_position(progress.rows);
        })
        .await;
    bar.finish_and_clear();
    let written = match written {
        Ok(written) => written,
        Err(err) => {
            let _ = std::fs::remove_file(&partial);
            return Err(err.into());
        }
    };
    drop(writer);
    std::fs::rename(&partial, out)
        .with_context(|| format!("cannot move the export to {}", out.display()))?;
    Ok(format!("wrote {} ({written} bytes)", out.display()))
}

/// Where the zip grows until it is complete: next to `out`, so the rename is atomic.
fn partial_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    out.with_file_name(name)
}
