//! The console's Audit log tab: the network's entries, newest first, filtered by
//! action, person, target and days, a page at a time; and the filtered log as a CSV
//! or JSON lines download (itself recorded in the log).

use super::data::attachment;
use super::{Tab, console};
use crate::AppState;
use crate::language::tr;
use crate::pages::query_value;
use crate::pages::reader::{PageError, PageResult, Posted, Reader};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use hearth_app::AppError;
use hearth_app::audit;
use hearth_app::domain::{AuditAction, AuditEntry};
use hearth_app::export::{self, AuditFormat, AuditQuery};
use hearth_app::i18n::t;
use maud::{Markup, html};
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/audit", get(list))
        .route("/admin/audit/export", post(download))
}

/// The filter, as the form and the "Older" link send it.
#[derive(Debug, Default, Deserialize, Serialize)]
struct Filter {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    action: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    actor_id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    target_id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    from: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    until: String,
}

impl Filter {
    fn query(&self) -> AuditQuery {
        AuditQuery {
            action: Some(self.action.clone()),
            actor_id: Some(self.actor_id.clone()),
            target_id: Some(self.target_id.clone()),
            from: Some(self.from.clone()),
            until: Some(self.until.clone()),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    #[serde(flatten)]
    filter: Filter,
    before: Option<String>,
}

const PAGE: i64 = 50;

async fn list(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<ListQuery>,
) -> PageResult {
    let filter = query.filter.query().filter().map_err(AppError::from)?;
    let before = query
        .before
        .as_deref()
        .filter(|raw| !raw.is_empty())
        .map(|raw| query_value(raw, "page"))
        .transpose()?;
    let entries = audit::list(&state.app, &reader.actor(), &filter, before, PAGE).await?;
    let older = (entries.len() as i64 == PAGE)
        .then(|| entries.last().map(|e| e.id))
        .flatten()
        .map(|id| {
            let mut link = serde_urlencoded::to_string(&query.filter).unwrap_or_default();
            if !link.is_empty() {
                link.push('&');
            }
            format!("/admin/audit?{link}before={id}")
        });
    let body = page(&reader, &query.filter, &entries, older);
    let tr = tr();
    Ok(console(&t!(tr, "admin-audit-title"), &reader, Tab::Audit, body).into_response())
}

fn page(reader: &Reader, filter: &Filter, entries: &[AuditEntry], older: Option<String>) -> Markup {
    let tr = tr();
    html! {
        h1 { (t!(tr, "admin-audit-title")) }
        p { (t!(tr, "admin-audit-intro")) }
        form class="card filters" method="get" action="/admin/audit" {
            label {
                (t!(tr, "admin-audit-action")) " "
                select name="action" {
                    option value="" selected[filter.action.is_empty()] { (t!(tr, "admin-audit-any-action")) }
                    @for action in AuditAction::ALL {
                        option value=(action.as_str()) selected[filter.action == action.as_str()] { (action.as_str()) }
                    }
                }
            }
            label { (t!(tr, "admin-audit-by")) input name="actor_id" inputmode="numeric" value=(filter.actor_id); }
            label { (t!(tr, "admin-audit-about")) input name="target_id" inputmode="numeric" value=(filter.target_id); }
            label { (t!(tr, "admin-audit-from")) input type="date" name="from" value=(filter.from); }
            label { (t!(tr, "admin-audit-until")) input type="date" name="until" value=(filter.until); }
            button type="submit" class="secondary" { (t!(tr, "admin-audit-filter")) }
        }
        form class="card inline-form" method="post" action="/admin/audit/export" {
            input type="hidden" name="csrf" value=(reader.csrf);
            input type="hidden" name="action" value=(filter.action);
            input type="hidden" name="actor_id" value=(filter.actor_id);
            input type="hidden" name="target_id" value=(filter.target_id);
            input type="hidden" name="from" value=(filter.from);
            input type="hidden" name="until" value=(filter.until);
            label {
                (t!(tr, "admin-audit-download-as")) " "
                select name="format" {
                    option value="csv" { (t!(tr, "admin-audit-format-csv")) }
                    option value="jsonl" { (t!(tr, "admin-audit-format-jsonl")) }
                }
            }
            button type="submit" class="secondary" { (t!(tr, "admin-audit-download")) }
        }
        @if entries.is_empty() {
            p class="empty" { (t!(tr, "admin-audit-empty")) }
        } @else {
            table class="admin-table audit-table" {
                thead {
                    tr {
                        th { (t!(tr, "admin-audit-col-when")) }
                        th { (t!(tr, "admin-audit-col-who")) }
                        th { (t!(tr, "admin-audit-col-what")) }
                        th { (t!(tr, "admin-audit-col-target")) }
                        th { (t!(tr, "admin-audit-col-reason")) }
                        th { (t!(tr, "admin-audit-col-address")) }
                    }
                }
                tbody {
                    @for entry in entries {
                        tr {
                            td { time datetime=(hearth_app::rfc3339(entry.created_at)) { (hearth_app::rfc3339(entry.created_at)) } }
                            td { (entry.actor_name) }
                            td { code { (entry.action) } }
                            td {
                                code { (entry.target_kind) }
                                @if let Some(id) = entry.target_id { " " (id) }
                                @if !entry.target_name.is_empty() { br; (entry.target_name) }
                            }
                            td { (entry.reason) }
                            td { (entry.client_ip) }
                        }
                    }
                }
            }
        }
        @if let Some(older) = older {
            a class="button secondary" href=(older) { (t!(tr, "admin-audit-older")) }
        }
    }
}

#[derive(Debug, Deserialize)]
struct ExportForm {
    #[serde(flatten)]
    filter: Filter,
    #[serde(default)]
    format: String,
}

async fn download(State(state): State<AppState>, posted: Posted<ExportForm>) -> PageResult {
    let form = &posted.form;
    let format = AuditFormat::parse(&form.format).map_err(AppError::from)?;
    let filter = form.filter.query().filter().map_err(AppError::from)?;
    let opened = export::audit_log(&state.app, posted.acting(), filter, format)
        .await
        .map_err(PageError::from)?;
    let format = opened.format();
    let file_name = format!("hearth-audit.{}", format.as_str());
    Ok(attachment(
        format.content_type(),
        &file_name,
        opened.into_stream(),
    ))
}
