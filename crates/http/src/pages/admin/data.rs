//! The console's Data tab: the retention policy (set, turn off, dry run, apply) and
//! the compliance exports (the whole network, or one person) as zip downloads.

use super::{Tab, console};
use crate::AppState;
use crate::language::tr;
use crate::pages::parts::{self, slot};
use crate::pages::reader::{PageError, PageResult, Posted, Reader, sentence};
use axum::Router;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use futures_util::{Stream, TryStreamExt};
use hearth_app::AppError;
use hearth_app::domain::ValidationError;
use hearth_app::export::{self, Whom};
use hearth_app::i18n::t;
use hearth_app::retention::{self, RetentionReport};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/data", get(show))
        .route("/admin/data/retention", post(set_retention))
        .route("/admin/data/retention/apply", post(apply))
        .route("/admin/data/export/network", post(export_network))
        .route("/admin/data/export/user", post(export_user))
}

/// A streamed download. A failure midway is logged and cuts the transfer short.
pub(super) fn attachment(
    content_type: &str,
    file_name: &str,
    chunks: impl Stream<Item = Result<Vec<u8>, AppError>> + Send + 'static,
) -> Response {
    let body = Body::from_stream(chunks.map_err(|err| {
        tracing::error!(error = %err, "an export failed midway");
        std::io::Error::other("the export failed")
    }));
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

#[derive(Debug, Default, Deserialize)]
struct ShowQuery {
    /// Count what a policy of this many days (or the current one, when empty) would
    /// delete.
    dry_run: Option<String>,
    saved: Option<String>,
    /// "posts-reactions-messages" deleted by the last apply.
    deleted: Option<String>,
}

/// What the page says besides the stored setting.
#[derive(Default)]
struct Notes {
    saved: Option<String>,
    dry_run: Option<RetentionReport>,
    problem: Option<String>,
    typed_days: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<ShowQuery>,
) -> PageResult {
    let tr = tr();
    let mut notes = Notes::default();
    if let Some(raw) = &query.dry_run {
        let days = parse_days(raw)?;
        notes.dry_run = Some(retention::dry_run(&state.app, &reader.actor(), days).await?);
    }
    notes.saved = match (query.saved.as_deref(), query.deleted.as_deref()) {
        (_, Some(deleted)) => {
            let counts: Vec<&str> = deleted.split('-').collect();
            match counts.as_slice() {
                [posts, reactions, messages] => {
                    let count = |raw: &str| raw.parse::<i64>().unwrap_or_default();
                    Some(t!(
                        tr,
                        "admin-data-retention-applied",
                        posts = count(posts),
                        reactions = count(reactions),
                        messages = count(messages)
                    ))
                }
                _ => None,
            }
        }
        (Some("retention"), None) => Some(t!(tr, "admin-data-retention-saved")),
        _ => None,
    };
    render(&state, &reader, notes, StatusCode::OK).await
}

/// Days as typed: empty means none.
fn parse_days(raw: &str) -> Result<Option<i64>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>().map(Some).map_err(|_| {
        ValidationError::new(
            "retention_days",
            t!(
                tr(),
                "admin-data-days-not-a-number",
                raw = format!("{raw:?}")
            ),
        )
        .into()
    })
}

async fn render(state: &AppState, reader: &Reader, notes: Notes, status: StatusCode) -> PageResult {
    let days = retention::setting(&state.app, &reader.actor()).await?;
    let body = page(reader, days, &notes);
    let title = t!(tr(), "admin-data-title");
    Ok((status, console(&title, reader, Tab::Data, body)).into_response())
}

fn page(reader: &Reader, days: Option<i64>, notes: &Notes) -> Markup {
    let typed = notes
        .typed_days
        .clone()
        .unwrap_or_else(|| days.map(|d| d.to_string()).unwrap_or_default());
    let invalid = notes.problem.is_some();
    let tr = tr();
    html! {
        h1 { (t!(tr, "admin-data-title")) }
        @if let Some(saved) = &notes.saved {
            p class="notice" role="status" { (saved) }
        }
        section class="card" aria-labelledby="retention-title" {
            h2 id="retention-title" { (t!(tr, "admin-data-retention")) }
            p {
                @match days {
                    Some(days) => {
                        (parts::sentence(
                            &t!(tr, "admin-data-retention-on", limit = slot(0)),
                            &[html! { strong { (t!(tr, "admin-data-days", days = days)) } }],
                        ))
                    }
                    None => { (t!(tr, "admin-data-retention-off")) }
                }
            }
            p class="hint" {
                (t!(tr, "admin-data-retention-hint"))
            }
            @if let Some(problem) = &notes.problem {
                p class="problem" role="alert" id="retention-problem" { (sentence(problem)) }
            }
            form method="post" action="/admin/data/retention" {
                input type="hidden" name="csrf" value=(reader.csrf);
                label for="retention-days" { (t!(tr, "admin-data-keep-for")) }
                input id="retention-days" name="retention_days" inputmode="numeric" value=(typed)
                    aria-invalid=[invalid.then_some("true")]
                    aria-describedby=[invalid.then_some("retention-problem")];
                button type="submit" { (t!(tr, "admin-data-save")) }
            }
            form class="inline-form" method="get" action="/admin/data" {
                label { (t!(tr, "admin-data-dry-run-days")) " " input name="dry_run" inputmode="numeric" value=(days.map(|d| d.to_string()).unwrap_or_default()); }
                button type="submit" class="secondary" { (t!(tr, "admin-data-dry-run")) }
            }
            @if let Some(report) = &notes.dry_run {
                p class="notice" role="status" id="dry-run" {
                    (t!(
                        tr,
                        "admin-data-dry-run-report",
                        days = report.days,
                        posts = report.counts.posts,
                        reactions = report.counts.reactions,
                        messages = report.counts.messages
                    ))
                }
            }
            @if days.is_some() {
                form method="post" action="/admin/data/retention/apply"
                    data-confirm=(t!(tr, "admin-data-apply-confirm")) {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    button type="submit" class="secondary danger" { (t!(tr, "admin-data-apply")) }
                }
            }
        }
        section class="card" aria-labelledby="exports-title" {
            h2 id="exports-title" { (t!(tr, "admin-data-exports")) }
            p { (t!(tr, "admin-data-exports-intro")) }
            form method="post" action="/admin/data/export/network" {
                input type="hidden" name="csrf" value=(reader.csrf);
                button type="submit" class="secondary" { (t!(tr, "admin-data-export-network")) }
            }
            form method="post" action="/admin/data/export/user" {
                input type="hidden" name="csrf" value=(reader.csrf);
                label for="export-user" { (t!(tr, "admin-data-export-person")) }
                input id="export-user" name="user" required;
                button type="submit" class="secondary" { (t!(tr, "admin-data-export-person-download")) }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
struct RetentionForm {
    #[serde(default)]
    retention_days: String,
}

async fn set_retention(State(state): State<AppState>, posted: Posted<RetentionForm>) -> PageResult {
    let outcome = match parse_days(&posted.form.retention_days) {
        Ok(days) => retention::set(&state.app, posted.acting(), days).await,
        Err(err) => Err(err),
    };
    match outcome {
        Ok(_) => Ok(Redirect::to("/admin/data?saved=retention").into_response()),
        Err(AppError::Invalid(invalid)) => {
            let notes = Notes {
                problem: Some(invalid.message),
                typed_days: Some(posted.form.retention_days),
                ..Notes::default()
            };
            render(
                &state,
                &posted.reader,
                notes,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(err) => Err(PageError::from(err)),
    }
}

async fn apply(
    State(state): State<AppState>,
    posted: Posted<crate::pages::reader::Nothing>,
) -> PageResult {
    let report = retention::apply(&state.app, posted.acting()).await?;
    let counts = report.counts;
    Ok(Redirect::to(&format!(
        "/admin/data?deleted={}-{}-{}",
        counts.posts, counts.reactions, counts.messages
    ))
    .into_response())
}

async fn export_network(
    State(state): State<AppState>,
    posted: Posted<crate::pages::reader::Nothing>,
) -> PageResult {
    let opened = export::network(&state.app, posted.acting()).await?;
    let file_name = opened.file_name().to_owned();
    Ok(attachment(
        "application/zip",
        &file_name,
        opened.into_stream(),
    ))
}

#[derive(Debug, Deserialize)]
struct UserForm {
    #[serde(default)]
    user: String,
}

async fn export_user(State(state): State<AppState>, posted: Posted<UserForm>) -> PageResult {
    let form = &posted.form;
    if form.user.trim().is_empty() {
        return Err(AppError::from(ValidationError::new(
            "user",
            t!(tr(), "admin-data-export-person-missing"),
        ))
        .into());
    }
    let opened = export::user(&state.app, posted.acting(), &Whom::parse(&form.user)).await?;
    let file_name = opened.file_name().to_owned();
    Ok(attachment(
        "application/zip",
        &file_name,
        opened.into_stream(),
    ))
}
