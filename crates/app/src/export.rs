//! Exports for compliance: the audit log as CSV or JSON lines, and a whole network or
//! one person's data as JSON lines files in a zip.
//!
//! Exports are streamed. An export is opened (policy checked, the export audited and
//! committed), then read chunk by chunk with `next_chunk`: each call reads one page
//! of rows and answers the bytes they became, so neither the log nor the network is
//! ever held in memory, and a web download or a file on disk grows as rows come.
//! Pages are read one after another, not in one snapshot: rows written during a long
//! export may or may not be in it.

use crate::audit::{self, Acting, Target};
use crate::{App, AppError, rfc3339};
use futures_util::Stream;
use hearth_domain::audit::AuditFilter;
use hearth_domain::{
    Actor, AuditAction, AuditEntry, Email, Millis, NetworkId, User, UserId, ValidationError, policy,
};
use hearth_store::export::{self, Cursor, Scope, Section};
use hearth_store::users;
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};
use zip::ZipWriter;
use zip::write::{SimpleFileOptions, StreamWriter};

/// Rows read per page.
const PAGE: i64 = 500;

fn internal(err: impl std::error::Error + Send + Sync + 'static) -> AppError {
    AppError::Internal(Box::new(err))
}

/// How an audit log export is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditFormat {
    Csv,
    /// One JSON object per line.
    JsonLines,
}

impl AuditFormat {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(Self::Csv),
            "jsonl" | "json-lines" | "ndjson" => Ok(Self::JsonLines),
            _ => Err(ValidationError::new(
                "format",
                format!("format must be csv or jsonl, not {raw:?}"),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::JsonLines => "jsonl",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::JsonLines => "application/jsonl; charset=utf-8",
        }
    }
}

/// The columns of the CSV export, and the fields of each JSON line.
pub const AUDIT_COLUMNS: [&str; 12] = [
    "id",
    "created_at",
    "actor_kind",
    "actor_id",
    "actor_name",
    "action",
    "target_kind",
    "target_id",
    "target_name",
    "reason",
    "address",
    "details",
];

/// An audit log filter as typed into a form, a query string or the command line;
/// empty values match everything.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// An action's name, e.g. `user.deactivated`.
    pub action: Option<String>,
    /// Entries by this user id.
    pub actor_id: Option<String>,
    /// Entries about this user, post, message … id.
    pub target_id: Option<String>,
    /// The first day, `YYYY-MM-DD` (UTC), included.
    pub from: Option<String>,
    /// The last day, `YYYY-MM-DD` (UTC), included.
    pub until: Option<String>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn parse_id(field: &'static str, raw: &str) -> Result<i64, ValidationError> {
    raw.parse::<i64>().map_err(|_| {
        ValidationError::new(
            field,
            format!("{field} must be an id (digits), not {raw:?}"),
        )
    })
}

/// The start of a `YYYY-MM-DD` day in UTC, as Unix milliseconds.
fn parse_day(field: &'static str, raw: &str) -> Result<Millis, ValidationError> {
    let invalid = || {
        ValidationError::new(
            field,
            format!("{field} must be a date like 2026-01-31, not {raw:?}"),
        )
    };
    let mut parts = raw.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(invalid());
    };
    let year: i32 = year.parse().map_err(|_| invalid())?;
    let month: u8 = month.parse().map_err(|_| invalid())?;
    let day: u8 = day.parse().map_err(|_| invalid())?;
    let month = time::Month::try_from(month).map_err(|_| invalid())?;
    let date = time::Date::from_calendar_date(year, month, day).map_err(|_| invalid())?;
    let seconds = date.midnight().assume_utc().unix_timestamp();
    Ok(seconds.saturating_mul(1000))
}

impl AuditQuery {
    /// The filter, or which value does not make sense.
    pub fn filter(&self) -> Result<AuditFilter, ValidationError> {
        let action = given(&self.action)
            .map(|raw| {
                AuditAction::parse(raw)
                    .map(|a| a.as_str().to_owned())
                    .ok_or_else(|| {
                        ValidationError::new("action", format!("there is no action called {raw:?}"))
                    })
            })
            .transpose()?;
        let from = given(&self.from)
            .map(|raw| parse_day("from", raw))
            .transpose()?;
        let until = given(&self.until)
            .map(|raw| parse_day("until", raw).map(|day| day + 24 * 3600 * 1000))
            .transpose()?;
        if let (Some(from), Some(until)) = (from, until)
            && until <= from
        {
            return Err(ValidationError::new(
                "until",
                "until must not be before from",
            ));
        }
        Ok(AuditFilter {
            action,
            actor_id: given(&self.actor_id)
                .map(|raw| parse_id("actor_id", raw))
                .transpose()?,
            target_id: given(&self.target_id)
                .map(|raw| parse_id("target_id", raw))
                .transpose()?,
            from,
            until,
        })
    }
}

/// An audit log export being read; see the module's doc.
pub struct AuditExport {
    app: App,
    network: NetworkId,
    filter: AuditFilter,
    format: AuditFormat,
    before: i64,
    header_written: bool,
    done: bool,
}

/// Opens an export of the log's entries matching `filter`, newest first. The export
/// itself is audited (`audit.exported`) before the first entry is read.
pub async fn audit_log(
    app: &App,
    acting: Acting<'_>,
    filter: AuditFilter,
    format: AuditFormat,
) -> Result<AuditExport, AppError> {
    policy::may_audit(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::AuditExported,
        Target::network(network),
        "",
        json!({
            "format": format.as_str(),
            "action": filter.action,
            "actor_id": filter.actor_id.map(|id| id.to_string()),
            "target_id": filter.target_id.map(|id| id.to_string()),
            "from": filter.from.map(rfc3339),
            "until": filter.until.map(rfc3339),
        }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(network.id = %network, format = format.as_str(), "audit log exported");
    Ok(AuditExport {
        app: app.clone(),
        network,
        filter,
        format,
        before: i64::MAX,
        header_written: false,
        done: false,
    })
}

impl AuditExport {
    pub fn format(&self) -> AuditFormat {
        self.format
    }

    /// The chunks one after another, for a streamed response body.
    pub fn into_stream(self) -> impl Stream<Item = Result<Vec<u8>, AppError>> + Send {
        futures_util::stream::try_unfold(self, |mut export| async move {
            Ok(export.next_chunk().await?.map(|chunk| (chunk, export)))
        })
    }

    /// The next page of entries as bytes; `None` once every entry was answered.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        if self.done {
            return Ok(None);
        }
        let entries = {
            let mut db = self.app.store().conn().await?;
            hearth_store::audit::page(&mut db, self.network, &self.filter, self.before, PAGE)
                .await?
        };
        if i64::try_from(entries.len()).unwrap_or(i64::MAX) < PAGE {
            self.done = true;
        }
        if let Some(last) = entries.last() {
            self.before = last.id;
        }
        let mut out = Vec::new();
        match self.format {
            AuditFormat::Csv => {
                let mut writer = csv::Writer::from_writer(&mut out);
                if !self.header_written {
                    writer.write_record(AUDIT_COLUMNS).map_err(internal)?;
                }
                for entry in &entries {
                    let record = csv_record(entry).map(crate::csv_cells::inert);
                    writer.write_record(record).map_err(internal)?;
                }
                writer.flush().map_err(internal)?;
            }
            AuditFormat::JsonLines => {
                for entry in &entries {
                    serde_json::to_writer(&mut out, &json_line(entry)).map_err(internal)?;
                    out.push(b'\n');
                }
            }
        }
        self.header_written = true;
        Ok(Some(out))
    }
}

fn csv_record(entry: &AuditEntry) -> [String; 12] {
    [
        entry.id.to_string(),
        rfc3339(entry.created_at),
        entry.actor_kind.as_str().to_owned(),
        entry.actor_id.map(|id| id.to_string()).unwrap_or_default(),
        entry.actor_name.clone(),
        entry.action.clone(),
        entry.target_kind.clone(),
        entry.target_id.map(|id| id.to_string()).unwrap_or_default(),
        entry.target_name.clone(),
        entry.reason.clone(),
        entry.client_ip.clone(),
        entry.details.clone(),
    ]
}

fn json_line(entry: &AuditEntry) -> serde_json::Value {
    // Details are stored as JSON text; they are embedded as the object they are.
    let details = serde_json::from_str::<serde_json::Value>(&entry.details)
        .unwrap_or_else(|_| serde_json::Value::String(entry.details.clone()));
    json!({
        "id": entry.id.to_string(),
        "created_at": rfc3339(entry.created_at),
        "actor_kind": entry.actor_kind.as_str(),
        "actor_id": entry.actor_id.map(|id| id.to_string()),
        "actor_name": entry.actor_name,
        "action": entry.action,
        "target_kind": entry.target_kind,
        "target_id": entry.target_id.map(|id| id.to_string()),
        "target_name": entry.target_name,
        "reason": entry.reason,
        "address": entry.client_ip,
        "details": details,
    })
}

/// Whose data a user export holds.
#[derive(Debug, Clone)]
pub enum Whom {
    Id(UserId),
    Email(String),
}

impl Whom {
    /// A user id if `raw` is all digits, an e-mail address otherwise.
    pub fn parse(raw: &str) -> Self {
        match raw.trim().parse::<i64>() {
            Ok(id) => Self::Id(UserId(id)),
            Err(_) => Self::Email(raw.trim().to_owned()),
        }
    }
}

/// Where an export stands, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The file being written, e.g. `posts.jsonl`.
    pub file: &'static str,
    pub rows: u64,
    /// Rows counted when the export was opened; a busy network may end a little off.
    pub total: u64,
}

/// What the zip writer has written and nobody has taken yet.
#[derive(Clone, Default)]
struct Spill(Arc<Mutex<Vec<u8>>>);

impl Spill {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Write for Spill {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A compliance export being written into a zip; see the module's doc.
pub struct ContentExport {
    app: App,
    scope: Scope,
    sections: &'static [Section],
    index: usize,
    cursor: Cursor,
    file_open: bool,
    zip: Option<ZipWriter<StreamWriter<Spill>>>,
    spill: Spill,
    rows: u64,
    total: u64,
    file_name: String,
    /// After the JSON lines: the uploaded files themselves, one after another.
    files: FilesPhase,
}

/// Where the export is in writing the uploaded files.
#[derive(Default)]
struct FilesPhase {
    /// The last upload whose file was started.
    after: i64,
    waiting: std::collections::VecDeque<hearth_store::export::ExportedFile>,
    /// The bytes of the file being written.
    current: Option<hearth_files::blobs::Blob>,
    /// No uploads are left to read.
    listed: bool,
}

/// Opens an export of everything in the actor's network (`network.exported`).
pub async fn network(app: &App, acting: Acting<'_>) -> Result<ContentExport, AppError> {
    policy::may_audit(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::NetworkExported,
        Target::network(network),
        "",
        json!({}),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(network.id = %network, "network exported");
    ContentExport::open(
        app,
        Scope::Network(network.0),
        format!("hearth-network-{network}"),
    )
    .await
}

/// Opens an export of one person's account and content (`user.exported`). A person
/// the actor cannot see, or no one, is "not found", and nothing is written.
pub async fn user(app: &App, acting: Acting<'_>, whom: &Whom) -> Result<ContentExport, AppError> {
    policy::may_audit(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let found = match whom {
        Whom::Id(id) => users::get(&mut tx, *id).await?,
        Whom::Email(email) => {
            let email = Email::parse(email)?;
            users::find_by_email(&mut tx, email.as_str()).await?
        }
    };
    let person = found
        .filter(|person| visible_to(acting.actor, person))
        .ok_or(AppError::NotFound("user"))?;
    audit::record(
        &mut tx,
        app,
        acting,
        person.network_id,
        AuditAction::UserExported,
        Target::user(&person),
        "",
        json!({}),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user.id = %person.id, "user exported");
    ContentExport::open(
        app,
        Scope::User(person.id.0),
        format!("hearth-user-{}", person.id),
    )
    .await
}

fn visible_to(actor: &Actor, person: &User) -> bool {
    match actor {
        Actor::Operator => true,
        Actor::User(officer) => officer.network_id == person.network_id,
    }
}

impl ContentExport {
    async fn open(app: &App, scope: Scope, stem: String) -> Result<Self, AppError> {
        let sections = export::sections(scope);
        let mut total = 0;
        {
            let mut db = app.store().conn().await?;
            for section in sections {
                total += export::count(&mut db, section, scope).await?;
            }
        }
        let spill = Spill::default();
        Ok(Self {
            app: app.clone(),
            scope,
            sections,
            index: 0,
            cursor: Cursor::start(),
            file_open: false,
            zip: Some(ZipWriter::new_stream(spill.clone())),
            spill,
            rows: 0,
            total: u64::try_from(total).unwrap_or(0),
            file_name: format!("{stem}-{}.zip", &rfc3339(app.now())[..10]),
            files: FilesPhase::default(),
        })
    }

    /// A name for the downloaded file, e.g. `hearth-network-1-2026-11-26.zip`.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The names of the files inside the zip, in order.
    pub fn files(&self) -> Vec<&'static str> {
        self.sections.iter().map(|s| s.file).collect()
    }

    pub fn progress(&self) -> Progress {
        Progress {
            file: self
                .sections
                .get(self.index)
                .or(self.sections.last())
                .map_or("", |s| s.file),
            rows: self.rows,
            total: self.total,
        }
    }

    /// The chunks one after another, for a streamed response body.
    pub fn into_stream(self) -> impl Stream<Item = Result<Vec<u8>, AppError>> + Send {
        futures_util::stream::try_unfold(self, |mut export| async move {
            Ok(export.next_chunk().await?.map(|chunk| (chunk, export)))
        })
    }

    /// The next bytes of the zip; `None` once it is complete.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        loop {
            let Some(zip) = self.zip.as_mut() else {
                return Ok(None);
            };
            let Some(section) = self.sections.get(self.index) else {
                if self.write_files().await? {
                    let bytes = self.spill.take();
                    if !bytes.is_empty() {
                        return Ok(Some(bytes));
                    }
                    continue;
                }
                if let Some(zip) = self.zip.take() {
                    zip.finish().map_err(internal)?;
                }
                return Ok(Some(self.spill.take()));
            };
            if !self.file_open {
                let options = SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated)
                    .large_file(true);
                zip.start_file(section.file, options).map_err(internal)?;
                self.file_open = true;
            }
            let (documents, next) = {
                let mut db = self.app.store().conn().await?;
                export::page(&mut db, section, self.scope, &self.cursor, PAGE).await?
            };
            for document in &documents {
                zip.write_all(document.as_bytes()).map_err(internal)?;
                zip.write_all(b"\n").map_err(internal)?;
            }
            self.rows += documents.len() as u64;
            if i64::try_from(documents.len()).unwrap_or(i64::MAX) < PAGE {
                self.index += 1;
                self.file_open = false;
                self.cursor = Cursor::start();
            } else {
                self.cursor = next;
            }
            // Deflate holds small pages back; keep reading until it lets bytes out.
            let bytes = self.spill.take();
            if !bytes.is_empty() {
                return Ok(Some(bytes));
            }
        }
    }

    /// Writes the next piece of the uploaded files into the zip: a chunk of the file
    /// being written, or the start of the next one. Answers `false` once every file
    /// is in. The files are stored as they are (most are compressed already), a chunk
    /// at a time, so a large file never sits whole in memory.
    async fn write_files(&mut self) -> Result<bool, AppError> {
        use futures_util::StreamExt;
        let Some(zip) = self.zip.as_mut() else {
            return Ok(false);
        };
        if let Some(blob) = self.files.current.as_mut() {
            match blob.stream.next().await {
                Some(chunk) => {
                    zip.write_all(&chunk.map_err(internal)?).map_err(internal)?;
                    return Ok(true);
                }
                None => self.files.current = None,
            }
        }
        if self.files.waiting.is_empty() && !self.files.listed {
            let mut db = self.app.store().conn().await?;
            let page = export::files_page(&mut db, self.scope, self.files.after, PAGE).await?;
            self.files.listed = i64::try_from(page.len()).unwrap_or(i64::MAX) < PAGE;
            self.files.waiting.extend(page);
        }
        let Some(next) = self.files.waiting.pop_front() else {
            return Ok(false);
        };
        self.files.after = next.id;
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(true);
        zip.start_file(next.path_in_zip.as_str(), options)
            .map_err(internal)?;
        // A file whose content is gone (restored database, lost bucket) is exported
        // empty rather than failing the whole export; the log says which.
        match self.app.files().open(&next.blob_key).await {
            Ok(blob) => self.files.current = Some(blob),
            Err(AppError::NotFound(_)) => {
                tracing::warn!(upload = next.id, "an exported upload's file is missing");
            }
            Err(other) => return Err(other),
        }
        Ok(true)
    }

    /// Writes the whole export to `out`, calling `progress` after every page, and
    /// answers the number of bytes written.
    pub async fn write_to(
        mut self,
        out: &mut impl Write,
        mut progress: impl FnMut(&Progress),
    ) -> Result<u64, AppError> {
        let mut written = 0;
        while let Some(chunk) = self.next_chunk().await? {
            out.write_all(&chunk).map_err(internal)?;
            written += chunk.len() as u64;
            progress(&self.progress());
        }
        out.flush().map_err(internal)?;
        Ok(written)
    }
}
