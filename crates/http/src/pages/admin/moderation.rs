//! Moderation pages: the queue (`/admin/moderation` for network admins, and
//! `/communities/{id}/moderation` for a community's managers, who have no console),
//! the keyword watch list (`/admin/watch-list`), the forms every action is sent
//! with, and the "Report" form of post cards.

use super::{Tab, console};
use crate::AppState;
use crate::language::tr;
use crate::pages::layout::{self, Section};
use crate::pages::parts::slot;
use crate::pages::reader::{PageError, PagePath, PageResult, Posted, Reader, sentence};
use crate::pages::{form_value, local_path, parts};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::domain::post::WatchMode;
use hearth_app::domain::post::{Moderation, ModerationAction};
use hearth_app::domain::{CommunityId, MessageId, PostId, ReportId, WatchTermId};
use hearth_app::i18n::t;
use hearth_app::links;
use hearth_app::moderation::{self, QueueItem, Subject};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/moderation", get(network_queue))
        .route("/communities/{id}/moderation", get(community_queue))
        .route("/moderation/act", post(act))
        .route("/moderation/dismiss", post(dismiss))
        .route("/posts/{id}/report", post(report))
        .route("/admin/watch-list", get(watch_list).post(add_term))
        .route("/admin/watch-list/{id}/remove", post(remove_term))
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

fn done_note(query: &DoneQuery) -> Option<String> {
    query
        .done
        .as_deref()
        .map(|_| t!(tr(), "admin-moderation-done"))
}

async fn network_queue(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let items = moderation::queue(&state.app, &reader.actor(), None).await?;
    let note = done_note(&query);
    let body = queue_body(&reader, &items, "/admin/moderation", note.as_deref());
    let title = t!(tr(), "admin-moderation-title");
    Ok(console(&title, &reader, Tab::Moderation, body).into_response())
}

async fn community_queue(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<CommunityId>,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let items = moderation::queue(&state.app, &reader.actor(), Some(id)).await?;
    let back = format!("/communities/{id}/moderation");
    let tr = tr();
    let note = done_note(&query);
    Ok(layout::signed_in(
        &t!(tr, "admin-moderation-title"),
        &reader,
        Section::Communities,
        html! {
            p { a href=(links::community(id)) { (t!(tr, "admin-moderation-back-to-community")) } }
            (queue_body(&reader, &items, &back, note.as_deref()))
        },
    )
    .into_response())
}

fn queue_body(reader: &Reader, items: &[QueueItem], back: &str, note: Option<&str>) -> Markup {
    let tr = tr();
    html! {
        h1 { (t!(tr, "admin-moderation-queue")) }
        @if let Some(note) = note {
            p class="notice" role="status" { (note) }
        }
        @if items.is_empty() {
            (parts::empty(
                &t!(tr, "admin-moderation-queue-empty"),
                html! { (t!(tr, "admin-moderation-queue-empty-hint")) },
            ))
        }
        ul class="moderation-queue" {
            @for item in items {
                li class="card queue-item" {
                    (queue_item(reader, item, back))
                }
            }
        }
    }
}

fn queue_item(reader: &Reader, item: &QueueItem, back: &str) -> Markup {
    let (kind, id, actions): (&str, i64, &[ModerationAction]) = match item.subject {
        Subject::Post(id) => (
            "post",
            id.0,
            if item.thread_id == Some(id) {
                &ModerationAction::ALL_FOR_POSTS
            } else {
                &ModerationAction::ALL_FOR_REPLIES
            },
        ),
        Subject::Message(id) => (
            "message",
            id.0,
            &[ModerationAction::Remove, ModerationAction::Restore],
        ),
    };
    let reason_id = format!("reason-{kind}-{id}");
    let tr = tr();
    let author = html! { strong { (item.author_name) } };
    let head = match (item.subject, item.thread_id) {
        (Subject::Post(post), Some(thread)) => parts::sentence(
            &t!(
                tr,
                "admin-moderation-wrote-post",
                author = slot(0),
                post = slot(1)
            ),
            &[
                author,
                html! { a href=(links::post_in_thread(thread, post)) { (t!(tr, "admin-moderation-this-post")) } },
            ],
        ),
        (Subject::Post(_), None) => parts::sentence(
            &t!(tr, "admin-moderation-wrote-unthreaded", author = slot(0)),
            &[author],
        ),
        (Subject::Message(_), _) => parts::sentence(
            &t!(tr, "admin-moderation-wrote-message", author = slot(0)),
            &[author],
        ),
    };
    html! {
        p class="queue-head" {
            (head)
            @match item.moderation {
                Some(Moderation::Hidden) => { " " span class="badge" { (t!(tr, "admin-moderation-badge-hidden")) } }
                Some(Moderation::Held) => { " " span class="badge" { (t!(tr, "admin-moderation-badge-held")) } }
                _ => {}
            }
            @if item.removed { " " span class="badge" { (t!(tr, "admin-moderation-badge-removed")) } }
            @if item.locked { " " span class="badge" { (t!(tr, "admin-moderation-badge-locked")) } }
            @if item.pinned { " " span class="badge" { (t!(tr, "admin-moderation-badge-pinned")) } }
        }
        blockquote class="excerpt" { (item.excerpt) }
        p { (t!(tr, "admin-moderation-reports", count = item.reports.len())) }
        ul class="reports" {
            @for report in &item.reports {
                li {
                    @let reporter = if report.reporter_id.is_some() {
                        report.reporter_name.clone()
                    } else {
                        t!(tr, "admin-moderation-watch-list-reporter")
                    };
                    (parts::sentence(
                        &t!(tr, "admin-moderation-report", reporter = reporter, reason = report.reason.as_str(), when = slot(0)),
                        &[parts::when(report.created_at, reader.now)],
                    ))
                }
            }
        }
        form class="moderation-form" method="post" action="/moderation/act" {
            input type="hidden" name="csrf" value=(reader.csrf);
            input type="hidden" name="back" value=(back);
            input type="hidden" name="kind" value=(kind);
            input type="hidden" name="id" value=(id);
            label for=(reason_id) { (t!(tr, "admin-moderation-reason")) }
            input id=(reason_id) name="reason" required maxlength="500";
            div class="moderation-buttons" {
                @for action in actions {
                    button type="submit" name="action" value=(action.as_str()) { (label(*action)) }
                }
            }
        }
        form class="moderation-form" method="post" action="/moderation/dismiss" {
            input type="hidden" name="csrf" value=(reader.csrf);
            input type="hidden" name="back" value=(back);
            input type="hidden" name="report" value=(item.report_id);
            label for={"dismiss-" (item.report_id)} { (t!(tr, "admin-moderation-dismiss-reason")) }
            input id={"dismiss-" (item.report_id)} name="reason" required maxlength="500";
            button type="submit" class="quiet" { (t!(tr, "admin-moderation-dismiss")) }
        }
    }
}

trait Choices {
    const ALL_FOR_POSTS: [ModerationAction; 7];
    const ALL_FOR_REPLIES: [ModerationAction; 4];
}

impl Choices for ModerationAction {
    const ALL_FOR_POSTS: [ModerationAction; 7] = [
        Self::Hide,
        Self::Remove,
        Self::Restore,
        Self::Lock,
        Self::Unlock,
        Self::Pin,
        Self::Unpin,
    ];
    // Pinning is for top-level posts; locking a reply locks its thread.
    const ALL_FOR_REPLIES: [ModerationAction; 4] =
        [Self::Hide, Self::Remove, Self::Restore, Self::Lock];
}

fn label(action: ModerationAction) -> String {
    let tr = tr();
    match action {
        ModerationAction::Hide => t!(tr, "admin-moderation-action-hide"),
        ModerationAction::Remove => t!(tr, "admin-moderation-action-remove"),
        ModerationAction::Restore => t!(tr, "admin-moderation-action-restore"),
        ModerationAction::Lock => t!(tr, "admin-moderation-action-lock"),
        ModerationAction::Unlock => t!(tr, "admin-moderation-action-unlock"),
        ModerationAction::Pin => t!(tr, "admin-moderation-action-pin"),
        ModerationAction::Unpin => t!(tr, "admin-moderation-action-unpin"),
    }
}

fn mode_name(mode: WatchMode) -> String {
    let tr = tr();
    match mode {
        WatchMode::Flag => t!(tr, "admin-moderation-mode-flag"),
        WatchMode::Hold => t!(tr, "admin-moderation-mode-hold"),
    }
}

#[derive(Deserialize)]
pub struct ActForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
}

/// Where a moderation form leads afterwards, with the "done" note.
fn back_done(raw: &str) -> String {
    let back = local_path(raw, "/admin/moderation");
    let joiner = if back.contains('?') { '&' } else { '?' };
    format!("{back}{joiner}done=1")
}

async fn act(State(state): State<AppState>, posted: Posted<ActForm>) -> PageResult {
    let form = &posted.form;
    let id: i64 = form_value(&form.id, "id")?;
    let subject = match form.kind.as_str() {
        "post" => Subject::Post(PostId(id)),
        "message" => Subject::Message(MessageId(id)),
        _ => return Err(PageError::BadForm("kind")),
    };
    moderation::moderate(
        &state.app,
        posted.acting(),
        subject,
        &form.action,
        &form.reason,
    )
    .await?;
    Ok(Redirect::to(&back_done(&form.back)).into_response())
}

#[derive(Deserialize)]
pub struct DismissForm {
    #[serde(default)]
    report: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
}

async fn dismiss(State(state): State<AppState>, posted: Posted<DismissForm>) -> PageResult {
    let form = &posted.form;
    let report: ReportId = form_value(&form.report, "report")?;
    moderation::dismiss(&state.app, posted.acting(), report, &form.reason).await?;
    Ok(Redirect::to(&back_done(&form.back)).into_response())
}

#[derive(Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    reason: String,
}

async fn report(
    State(state): State<AppState>,
    PagePath(id): PagePath<PostId>,
    posted: Posted<ReportForm>,
) -> PageResult {
    let reader = posted.reader;
    moderation::report_post(&state.app, &reader.actor(), id, &posted.form.reason).await?;
    let tr = tr();
    Ok(layout::signed_in(
        &t!(tr, "admin-moderation-reported"),
        &reader,
        Section::Other,
        html! {
            section class="card" {
                h1 { (t!(tr, "admin-moderation-thank-you")) }
                p { (t!(tr, "admin-moderation-report-received")) }
                p { a href=(links::post(id)) { (t!(tr, "admin-moderation-back-to-post")) } }
            }
        },
    )
    .into_response())
}

async fn watch_list(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let terms = moderation::watch_list(&state.app, &reader.actor()).await?;
    let note = query
        .done
        .is_some()
        .then(|| t!(tr(), "admin-moderation-watch-updated"));
    Ok(watch_page(&reader, &terms, note.as_deref(), None).into_response())
}

fn watch_page(
    reader: &Reader,
    terms: &[moderation::WatchTerm],
    note: Option<&str>,
    problem: Option<&str>,
) -> Markup {
    let tr = tr();
    console(
        &t!(tr, "admin-moderation-watch-title"),
        reader,
        Tab::WatchList,
        html! {
            h1 { (t!(tr, "admin-moderation-watch-heading")) }
            p { (t!(tr, "admin-moderation-watch-intro")) }
            @if let Some(note) = note { p class="notice" role="status" { (note) } }
            @if let Some(problem) = problem { p class="error" role="alert" { (problem) } }
            form class="card" method="post" action="/admin/watch-list" {
                input type="hidden" name="csrf" value=(reader.csrf);
                label for="watch-term" { (t!(tr, "admin-moderation-watch-term")) }
                input id="watch-term" name="term" required maxlength="100";
                label for="watch-mode" { (t!(tr, "admin-moderation-watch-mode")) }
                select id="watch-mode" name="mode" {
                    option value="flag" { (t!(tr, "admin-moderation-watch-flag")) }
                    option value="hold" { (t!(tr, "admin-moderation-watch-hold")) }
                }
                button type="submit" { (t!(tr, "admin-moderation-watch")) }
            }
            @if terms.is_empty() {
                (parts::empty(
                    &t!(tr, "admin-moderation-watch-empty"),
                    html! { (t!(tr, "admin-moderation-watch-empty-hint")) },
                ))
            } @else {
                table class="watch-terms" {
                    thead {
                        tr {
                            th { (t!(tr, "admin-moderation-col-term")) }
                            th { (t!(tr, "admin-moderation-col-mode")) }
                            th { (t!(tr, "admin-moderation-col-added")) }
                            th {}
                        }
                    }
                    tbody {
                        @for term in terms {
                            tr {
                                td { (term.term) }
                                td { (mode_name(term.mode)) }
                                td { (parts::when(term.created_at, reader.now)) }
                                td {
                                    form method="post" action={"/admin/watch-list/" (term.id) "/remove"} {
                                        input type="hidden" name="csrf" value=(reader.csrf);
                                        button type="submit" class="link danger" { (t!(tr, "admin-moderation-remove-term")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

#[derive(Deserialize)]
pub struct TermForm {
    #[serde(default)]
    term: String,
    #[serde(default)]
    mode: String,
}

async fn add_term(State(state): State<AppState>, posted: Posted<TermForm>) -> PageResult {
    let form = &posted.form;
    match moderation::add_watch_term(&state.app, posted.acting(), &form.term, &form.mode).await {
        Ok(_) => Ok(Redirect::to("/admin/watch-list?done=1").into_response()),
        Err(err @ (hearth_app::AppError::Invalid(_) | hearth_app::AppError::Conflict { .. })) => {
            let terms = moderation::watch_list(&state.app, &posted.reader.actor()).await?;
            let problem = sentence(&err.to_string());
            let status = crate::ApiError::from(err).status;
            let page = watch_page(&posted.reader, &terms, None, Some(&problem));
            Ok((status, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn remove_term(
    State(state): State<AppState>,
    PagePath(id): PagePath<WatchTermId>,
    posted: Posted<crate::pages::reader::Nothing>,
) -> PageResult {
    moderation::remove_watch_term(&state.app, posted.acting(), id).await?;
    Ok(Redirect::to("/admin/watch-list?done=1").into_response())
}
