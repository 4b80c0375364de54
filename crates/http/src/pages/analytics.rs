//! Analytics dashboards as pages: the network's in the admin console
//! (`admin::analytics`), a community's for its managers here. Charts are SVG drawn on
//! the server (`charts`), each with its figures in a table and as a CSV download.

use crate::AppState;
use crate::api::analytics_csv;
use crate::language::tr;
use crate::pages::charts::{self, Series};
use crate::pages::layout::{self, Section};
use crate::pages::reader::{PagePath, PageResult, Reader, sentence};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use hearth_app::AppError;
use hearth_app::analytics::calendar::start_of;
use hearth_app::analytics::csv::Figure;
use hearth_app::analytics::privacy::Shown;
use hearth_app::analytics::{
    self, CommunityFigures, Dashboard, Matrix, PeriodChoice, SMALLEST_GROUP, Scope, SpanActive,
};
use hearth_app::domain::CommunityId;
use hearth_app::i18n::{Tr, t};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/communities/{id}/analytics", get(community))
        .route("/communities/{id}/analytics/csv", get(community_csv))
}

/// The period as the dashboard's form sends it; empty fields are left out.
#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    pub days: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub figure: String,
}

/// The periods offered in the form besides a custom range.
const OFFERED_DAYS: [i64; 3] = [7, 30, 90];

impl PeriodQuery {
    pub fn choice(&self) -> Result<PeriodChoice, AppError> {
        if !self.from.is_empty() || !self.to.is_empty() {
            return Ok(PeriodChoice::Between(self.from.clone(), self.to.clone()));
        }
        let days = self.days.trim();
        if days.is_empty() {
            return Ok(PeriodChoice::Last(crate::api::analytics_default_days()));
        }
        days.parse().map(PeriodChoice::Last).map_err(|_| {
            hearth_app::domain::ValidationError::new(
                "days",
                format!(
                    "a period must be between 1 and {} days long",
                    analytics::MAX_DAYS
                ),
            )
            .into()
        })
    }

    /// The query string that asks for the same period again.
    fn again(&self) -> String {
        let pairs: Vec<(&str, &str)> = [
            ("days", self.days.as_str()),
            ("from", self.from.as_str()),
            ("to", self.to.as_str()),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    pub fn figure(&self) -> Result<Figure, AppError> {
        Ok(Figure::parse(if self.figure.is_empty() {
            "days"
        } else {
            &self.figure
        })?)
    }
}

async fn community(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<CommunityId>,
    Query(query): Query<PeriodQuery>,
) -> PageResult {
    let tr = tr();
    let base = format!("/communities/{id}/analytics");
    let outcome = match query.choice() {
        Ok(choice) => analytics::community_dashboard(&state.app, &reader.user, id, &choice).await,
        Err(err) => Err(err),
    };
    let (status, body, title) = match outcome {
        Ok(dashboard) => {
            let Scope::Community { name, .. } = &dashboard.scope else {
                return Err(AppError::NotFound("community").into());
            };
            let title = t!(tr, "analytics-community-title", community = name.as_str());
            let body = dashboard_page(&title, &dashboard, &query, &base, None);
            (StatusCode::OK, body, title)
        }
        Err(AppError::Conflict { .. }) => {
            let title = t!(tr, "analytics-title");
            let body = html! {
                h1 { (title) }
                p class="notice" role="status" {
                    (t!(tr, "analytics-community-too-small", people = SMALLEST_GROUP))
                }
                p { a href={"/communities/" (id)} { (t!(tr, "analytics-back-to-community")) } }
            };
            (StatusCode::CONFLICT, body, title)
        }
        Err(AppError::Invalid(invalid)) => {
            let title = t!(tr, "analytics-title");
            let problem = sentence(&invalid.message);
            let body = html! {
                h1 { (title) }
                (period_form(&query, &base, Some(&problem)))
            };
            (StatusCode::UNPROCESSABLE_ENTITY, body, title)
        }
        Err(err) => return Err(err.into()),
    };
    Ok((
        status,
        layout::signed_in(&title, &reader, Section::Communities, body),
    )
        .into_response())
}

async fn community_csv(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<CommunityId>,
    Query(query): Query<PeriodQuery>,
) -> PageResult {
    let figure = query.figure()?;
    let dashboard =
        analytics::community_dashboard(&state.app, &reader.user, id, &query.choice()?).await?;
    Ok(analytics_csv(&dashboard, figure)?)
}

/// The whole dashboard below its `title`; `problem` is a refused period.
pub fn dashboard_page(
    title: &str,
    dashboard: &Dashboard,
    query: &PeriodQuery,
    base: &str,
    problem: Option<&str>,
) -> Markup {
    let tr = tr();
    let utc = tr.in_zone("UTC");
    let day = |d: i64| utc.date(start_of(d));
    let number = |n: i64| t!(tr, "analytics-number", n = n);
    let period = dashboard.period;
    let before = period.before();
    let again = query.again();
    let csv = |figure: Figure| {
        let joiner = if again.is_empty() { "" } else { "&" };
        format!("{base}/csv?{again}{joiner}figure={}", figure.as_str())
    };
    let labels: Vec<String> = dashboard.days.iter().map(|d| day(d.day)).collect();
    let figures_label = t!(tr, "analytics-figures");
    html! {
        h1 { (title) }
        @if dashboard.counted_until <= period.first_day {
            p class="notice" role="status" { (t!(tr, "analytics-not-counted")) }
        }
        p class="hint" {
            (t!(tr, "analytics-intro", day = day(dashboard.counted_until - 1), people = SMALLEST_GROUP))
        }
        (period_form(query, base, problem))
        p class="meta" {
            (t!(
                tr,
                "analytics-compared",
                first = day(period.first_day),
                last = day(period.last_day()),
                before_first = day(before.first_day),
                before_last = day(before.last_day())
            ))
        }
        section class="analytics-totals" aria-label=(t!(tr, "analytics-totals")) {
            (tile(&t!(tr, "analytics-active-per-day"), rounded(dashboard.totals.active_per_day), rounded(dashboard.totals_before.active_per_day), &tr))
            (tile(&t!(tr, "analytics-posts"), dashboard.totals.posts, dashboard.totals_before.posts, &tr))
            (tile(&t!(tr, "analytics-replies"), dashboard.totals.replies, dashboard.totals_before.replies, &tr))
            (tile(&t!(tr, "analytics-reactions"), dashboard.totals.reactions, dashboard.totals_before.reactions, &tr))
            (tile(&t!(tr, "analytics-shares"), dashboard.totals.shares, dashboard.totals_before.shares, &tr))
            @if dashboard.scope == Scope::Network {
                (tile(&t!(tr, "analytics-messages"), dashboard.totals.messages, dashboard.totals_before.messages, &tr))
            }
        }
        section class="card" aria-labelledby="active-title" {
            h2 id="active-title" { (t!(tr, "analytics-people")) }
            p {
                (t!(
                    tr,
                    "analytics-active-share",
                    share = percent(dashboard.totals.active_per_day, dashboard.people),
                    people = dashboard.people
                ))
            }
            (charts::line_chart(
                "chart-active",
                &t!(tr, "analytics-active-chart"),
                &labels,
                &[Series {
                    label: t!(tr, "analytics-active-people"),
                    values: dashboard.days.iter().map(|d| d.active_people).collect(),
                }],
                &number,
                &figures_label,
            ))
            @if !dashboard.weeks.is_empty() {
                (spans_table(&t!(tr, "analytics-weeks"), &dashboard.weeks, &day, &tr))
            }
            @if !dashboard.months.is_empty() {
                (spans_table(&t!(tr, "analytics-months"), &dashboard.months, &day, &tr))
            }
            p class="downloads" {
                a href=(csv(Figure::Days)) download { (t!(tr, "analytics-download-days")) }
                @if dashboard.scope == Scope::Network {
                    " · " a href=(csv(Figure::Weeks)) download { (t!(tr, "analytics-download-weeks")) }
                    " · " a href=(csv(Figure::Months)) download { (t!(tr, "analytics-download-months")) }
                }
            }
        }
        @if dashboard.scope == Scope::Network {
            (adoption(dashboard, &tr, &day, &number, &figures_label))
            p class="downloads" { a href=(csv(Figure::Adoption)) download { (t!(tr, "analytics-download-adoption")) } }
        }
        section class="card" aria-labelledby="activity-title" {
            h2 id="activity-title" { (t!(tr, "analytics-activity")) }
            (charts::line_chart(
                "chart-activity",
                &t!(tr, "analytics-activity-chart"),
                &labels,
                &activity_series(dashboard, &tr),
                &number,
                &figures_label,
            ))
        }
        @if let Some(split) = dashboard.work_and_social {
            section class="card" aria-labelledby="work-title" {
                h2 id="work-title" { (t!(tr, "analytics-work-social")) }
                p {
                    @if split.work_before + split.social_before == 0 {
                        (t!(tr, "analytics-work-share-new", share = share_of(split.work, split.work + split.social)))
                    } @else {
                        (t!(
                            tr,
                            "analytics-work-share",
                            share = share_of(split.work, split.work + split.social),
                            before = share_of(split.work_before, split.work_before + split.social_before)
                        ))
                    }
                }
                (charts::bar_chart(
                    "chart-work",
                    &t!(tr, "analytics-work-social"),
                    &[t!(tr, "analytics-work"), t!(tr, "analytics-social")],
                    &[
                        Series { label: t!(tr, "analytics-this-period"), values: vec![split.work, split.social] },
                        Series { label: t!(tr, "analytics-period-before"), values: vec![split.work_before, split.social_before] },
                    ],
                    &number,
                    &figures_label,
                ))
            }
        }
        (questions(dashboard, &tr, &day))
        (announcements(dashboard, &tr, &day))
        p class="downloads" { a href=(csv(Figure::Announcements)) download { (t!(tr, "analytics-download-announcements")) } }
        (topics(dashboard, &tr, &number, &figures_label))
        p class="downloads" { a href=(csv(Figure::Topics)) download { (t!(tr, "analytics-download-topics")) } }
        (across(dashboard, &tr))
        @if dashboard.scope == Scope::Network {
            (communities(dashboard, &tr, &number, &figures_label))
            p class="downloads" { a href=(csv(Figure::Communities)) download { (t!(tr, "analytics-download-communities")) } }
            (matrix("departments", &t!(tr, "analytics-departments"), &dashboard.departments, &tr))
            p class="downloads" { a href=(csv(Figure::Departments)) download { (t!(tr, "analytics-download-departments")) } }
            (matrix("locations", &t!(tr, "analytics-locations"), &dashboard.locations, &tr))
            p class="downloads" { a href=(csv(Figure::Locations)) download { (t!(tr, "analytics-download-locations")) } }
        }
    }
}

/// Averages are shown whole; the API gives them with a decimal.
fn rounded(value: f64) -> i64 {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "people on a day, far below i64"
    )]
    let whole = value.round() as i64;
    whole
}

fn percent(part: f64, whole: i64) -> i64 {
    if whole <= 0 {
        return 0;
    }
    #[expect(clippy::cast_precision_loss, reason = "a count of accounts")]
    let share = part * 100.0 / whole as f64;
    rounded(share)
}

fn share_of(part: i64, whole: i64) -> i64 {
    #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
    let part = part as f64;
    percent(part, whole)
}

fn period_form(query: &PeriodQuery, base: &str, problem: Option<&str>) -> Markup {
    let tr = tr();
    let custom = !query.from.is_empty() || !query.to.is_empty();
    let chosen = query
        .days
        .trim()
        .parse::<i64>()
        .unwrap_or(crate::api::analytics_default_days());
    html! {
        form class="card filters" method="get" action=(base) {
            @if let Some(problem) = problem {
                p class="problem" role="alert" id="period-problem" { (problem) }
            }
            label {
                (t!(tr, "analytics-period")) " "
                select name="days" {
                    @for days in OFFERED_DAYS {
                        option value=(days) selected[!custom && days == chosen] {
                            (t!(tr, "analytics-last-days", days = days))
                        }
                    }
                }
            }
            fieldset class="custom-range" {
                legend { (t!(tr, "analytics-custom")) }
                label { (t!(tr, "analytics-from")) " " input type="date" name="from" value=(query.from); }
                label { (t!(tr, "analytics-to")) " " input type="date" name="to" value=(query.to); }
            }
            button type="submit" class="secondary" { (t!(tr, "analytics-show")) }
        }
    }
}

/// A total, with how it moved since the period before.
fn tile(label: &str, now: i64, before: i64, tr: &Tr) -> Markup {
    let change = analytics::change_phrase(*tr, now, before);
    html! {
        div class="tile card" {
            span class="tile-label" { (label) }
            strong class="tile-figure" { (t!(tr, "analytics-number", n = now)) }
            span class="tile-change" { (change) " · " (t!(tr, "analytics-before", count = before)) }
        }
    }
}

fn spans_table(
    caption: &str,
    spans: &[SpanActive],
    day: &dyn Fn(i64) -> String,
    tr: &Tr,
) -> Markup {
    html! {
        table class="admin-table spans" {
            caption { (caption) }
            thead {
                tr {
                    th scope="col" { (t!(tr, "analytics-span-from")) }
                    th scope="col" { (t!(tr, "analytics-active-people")) }
                }
            }
            tbody {
                @for span in spans {
                    tr {
                        th scope="row" {
                            (day(span.first_day))
                            @if span.partial { " " (t!(tr, "analytics-partial")) }
                        }
                        td { (t!(tr, "analytics-number", n = span.active_people)) }
                    }
                }
            }
        }
    }
}

fn activity_series(dashboard: &Dashboard, tr: &Tr) -> Vec<Series> {
    let pick = |f: fn(&analytics::Day) -> i64| dashboard.days.iter().map(f).collect();
    let mut series = vec![
        Series {
            label: t!(tr, "analytics-posts"),
            values: pick(|d| d.posts),
        },
        Series {
            label: t!(tr, "analytics-replies"),
            values: pick(|d| d.replies),
        },
        Series {
            label: t!(tr, "analytics-reactions"),
            values: pick(|d| d.reactions),
        },
    ];
    if dashboard.scope == Scope::Network {
        series.push(Series {
            label: t!(tr, "analytics-messages"),
            values: pick(|d| d.messages),
        });
    }
    series
}

fn questions(dashboard: &Dashboard, tr: &Tr, day: &dyn Fn(i64) -> String) -> Markup {
    let q = &dashboard.questions;
    html! {
        section class="card" aria-labelledby="questions-title" {
            h2 id="questions-title" { (t!(tr, "analytics-questions")) }
            dl class="facts" {
                dt { (t!(tr, "analytics-asked")) } dd { (t!(tr, "analytics-number", n = q.asked)) }
                dt { (t!(tr, "analytics-answered")) } dd { (t!(tr, "analytics-number", n = q.answered)) }
                dt { (t!(tr, "analytics-best-answer")) } dd { (t!(tr, "analytics-number", n = q.best_answered)) }
                dt { (t!(tr, "analytics-median-wait")) }
                dd {
                    @match q.median_minutes_to_first_reply {
                        Some(minutes) => (t!(tr, "analytics-minutes", minutes = minutes)),
                        None => "—",
                    }
                }
            }
            h3 { (t!(tr, "analytics-unanswered", count = q.unanswered_count)) }
            @if q.unanswered.is_empty() {
                p class="empty" { (t!(tr, "analytics-unanswered-none")) }
            } @else {
                ul class="unanswered" {
                    @for question in &q.unanswered {
                        li {
                            a href={"/posts/" (question.post)} { (question.excerpt) }
                            " · " span class="meta" { (day(hearth_app::analytics::calendar::day_of(question.asked_at))) }
                        }
                    }
                }
            }
        }
    }
}

/// Since launch: who had an account, had signed in, and had written something.
fn adoption(
    dashboard: &Dashboard,
    tr: &Tr,
    day: &dyn Fn(i64) -> String,
    number: &dyn Fn(i64) -> String,
    figures_label: &str,
) -> Markup {
    let (now, before) = (&dashboard.totals, &dashboard.totals_before);
    let weeks = &dashboard.adoption;
    let pick = |f: fn(&analytics::AdoptionWeek) -> i64| weeks.iter().map(f).collect();
    html! {
        section class="card" aria-labelledby="adoption-title" {
            h2 id="adoption-title" { (t!(tr, "analytics-adoption")) }
            div class="analytics-totals" {
                (tile(&t!(tr, "analytics-new-accounts"), now.new_accounts, before.new_accounts, tr))
                (tile(&t!(tr, "analytics-first-sign-ins"), now.first_sign_ins, before.first_sign_ins, tr))
                (tile(&t!(tr, "analytics-first-writers"), now.first_writers, before.first_writers, tr))
            }
            @if weeks.is_empty() {
                p class="empty" { (t!(tr, "analytics-adoption-none")) }
            } @else {
                (charts::line_chart(
                    "chart-adoption",
                    &t!(tr, "analytics-adoption-chart"),
                    &weeks.iter().map(|w| day(w.first_day)).collect::<Vec<_>>(),
                    &[
                        Series { label: t!(tr, "analytics-accounts"), values: pick(|w| w.accounts) },
                        Series { label: t!(tr, "analytics-signed-in"), values: pick(|w| w.signed_in) },
                        Series { label: t!(tr, "analytics-wrote"), values: pick(|w| w.wrote) },
                    ],
                    number,
                    figures_label,
                ))
            }
        }
    }
}

/// Threads whose people came from more than one department.
fn across(dashboard: &Dashboard, tr: &Tr) -> Markup {
    let (now, before) = (&dashboard.totals, &dashboard.totals_before);
    html! {
        section class="card" aria-labelledby="across-title" {
            h2 id="across-title" { (t!(tr, "analytics-across")) }
            @if now.threads == 0 {
                p class="empty" { (t!(tr, "analytics-across-none")) }
            } @else if before.threads == 0 {
                p { (t!(tr, "analytics-across-share-new", share = share_of(now.threads_across, now.threads), threads = now.threads)) }
            } @else {
                p {
                    (t!(
                        tr,
                        "analytics-across-share",
                        share = share_of(now.threads_across, now.threads),
                        threads = now.threads,
                        before = share_of(before.threads_across, before.threads)
                    ))
                }
            }
            p class="hint" { (t!(tr, "analytics-across-hint")) }
        }
    }
}

fn topics(
    dashboard: &Dashboard,
    tr: &Tr,
    number: &dyn Fn(i64) -> String,
    figures_label: &str,
) -> Markup {
    let topics = &dashboard.topics;
    html! {
        section class="card" aria-labelledby="topics-title" {
            h2 id="topics-title" { (t!(tr, "analytics-topics")) }
            p class="hint" { (t!(tr, "analytics-topics-hint", people = SMALLEST_GROUP)) }
            @if topics.is_empty() {
                p class="empty" { (t!(tr, "analytics-topics-none")) }
            } @else {
                (charts::bar_chart(
                    "chart-topics",
                    &t!(tr, "analytics-topics"),
                    &topics.iter().map(|t| format!("#{}", t.tag)).collect::<Vec<_>>(),
                    &[
                        Series {
                            label: t!(tr, "analytics-this-period"),
                            values: topics.iter().map(|t| t.posts).collect(),
                        },
                        Series {
                            label: t!(tr, "analytics-period-before"),
                            values: topics.iter().map(|t| t.posts_before).collect(),
                        },
                    ],
                    number,
                    figures_label,
                ))
                ul class="topic-links" {
                    @for topic in topics {
                        li { a href=(format!("/topics/{}", topic.tag)) { "#" (topic.tag) } }
                    }
                }
            }
        }
    }
}

/// How many of the people each announcement was for have seen it, a day and a week
/// after it was published and to date.
fn announcements(dashboard: &Dashboard, tr: &Tr, day: &dyn Fn(i64) -> String) -> Markup {
    let read = |count: Option<&i64>, audience: i64| match count {
        Some(count) => t!(
            tr,
            "analytics-read-share",
            share = share_of(*count, audience),
            count = *count
        ),
        None => "—".to_owned(),
    };
    html! {
        section class="card" aria-labelledby="announcements-title" {
            h2 id="announcements-title" { (t!(tr, "analytics-announcements")) }
            p class="hint" { (t!(tr, "analytics-announcements-hint", people = SMALLEST_GROUP)) }
            @if dashboard.announcements.is_empty() {
                p class="empty" { (t!(tr, "analytics-announcements-none")) }
            } @else {
                div class="matrix-scroll" tabindex="0" role="region" aria-labelledby="announcements-title" {
                    table class="admin-table announcements-read" {
                        caption class="visually-hidden" { (t!(tr, "analytics-announcements")) }
                        thead {
                            tr {
                                th scope="col" { (t!(tr, "analytics-announcement")) }
                                th scope="col" { (t!(tr, "analytics-audience")) }
                                th scope="col" { (t!(tr, "analytics-read-first-day")) }
                                th scope="col" { (t!(tr, "analytics-read-first-week")) }
                                th scope="col" { (t!(tr, "analytics-read-to-date")) }
                            }
                        }
                        tbody {
                            @for a in &dashboard.announcements {
                                tr {
                                    th scope="row" {
                                        a href=(hearth_app::links::post(a.post)) { (a.excerpt) }
                                        " · " span class="meta" { (day(hearth_app::analytics::calendar::day_of(a.published_at))) }
                                    }
                                    td { (t!(tr, "analytics-number", n = a.audience)) }
                                    td { (read(a.read_by_day.first(), a.audience)) }
                                    td { (read(a.read_by_day.get(analytics::READ_DAYS - 1), a.audience)) }
                                    td { (read(Some(&a.read), a.audience)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn community_name(c: &CommunityFigures, tr: &Tr) -> String {
    c.name
        .clone()
        .unwrap_or_else(|| t!(tr, "analytics-other-communities", people = SMALLEST_GROUP))
}

fn communities(
    dashboard: &Dashboard,
    tr: &Tr,
    number: &dyn Fn(i64) -> String,
    figures_label: &str,
) -> Markup {
    html! {
        section class="card" aria-labelledby="communities-title" {
            h2 id="communities-title" { (t!(tr, "analytics-communities")) }
            @if dashboard.communities.is_empty() {
                p class="empty" { (t!(tr, "analytics-communities-none")) }
            } @else {
                (charts::bar_chart(
                    "chart-communities",
                    &t!(tr, "analytics-communities"),
                    &dashboard.communities.iter().map(|c| community_name(c, tr)).collect::<Vec<_>>(),
                    &[
                        Series {
                            label: t!(tr, "analytics-this-period"),
                            values: dashboard.communities.iter().map(|c| c.activity).collect(),
                        },
                        Series {
                            label: t!(tr, "analytics-period-before"),
                            values: dashboard.communities.iter().map(|c| c.activity_before).collect(),
                        },
                    ],
                    number,
                    figures_label,
                ))
            }
            h3 { (t!(tr, "analytics-quiet")) }
            @if dashboard.quiet.is_empty() {
                p class="empty" { (t!(tr, "analytics-quiet-none")) }
            } @else {
                ul {
                    @for c in &dashboard.quiet {
                        li {
                            @if let Some(id) = c.community {
                                a href={"/communities/" (id)} { (community_name(c, tr)) }
                            } @else {
                                (community_name(c, tr))
                            }
                            " · " (t!(tr, "analytics-before", count = c.activity_before))
                        }
                    }
                }
            }
        }
    }
}

fn group_name(group: &Shown, tr: &Tr) -> String {
    match group {
        Shown::Group(name) if name.is_empty() => t!(tr, "analytics-group-unset"),
        Shown::Group(name) => name.clone(),
        Shown::Other => t!(tr, "analytics-other"),
    }
}

/// Who answers whom, as a table whose cells are shaded by their share of the most.
fn matrix(id: &str, title: &str, matrix: &Matrix, tr: &Tr) -> Markup {
    let most = matrix
        .cells
        .iter()
        .flatten()
        .map(|c| c.replies + c.reactions)
        .max()
        .unwrap_or(0)
        .max(1);
    let title_id = format!("{id}-title");
    html! {
        section class="card" aria-labelledby=(title_id) {
            h2 id=(title_id) { (title) }
            p class="hint" { (t!(tr, "analytics-matrix-intro", people = SMALLEST_GROUP)) }
            @if matrix.groups.is_empty() {
                p class="empty" { (t!(tr, "analytics-matrix-none")) }
            } @else {
                // Scrolled sideways on phones, so it must take the keyboard's focus.
                div class="matrix-scroll" tabindex="0" role="region" aria-labelledby=(title_id) {
                    table class="admin-table matrix" {
                        caption class="visually-hidden" { (title) }
                        thead {
                            tr {
                                td {}
                                @for group in &matrix.groups { th scope="col" { (group_name(group, tr)) } }
                            }
                        }
                        tbody {
                            @for (i, from) in matrix.groups.iter().enumerate() {
                                tr {
                                    th scope="row" { (group_name(from, tr)) }
                                    @for cell in &matrix.cells[i] {
                                        @let heat = (cell.replies + cell.reactions) * 4 / most;
                                        td class=(format!("heat-{heat}")) {
                                            (t!(tr, "analytics-cell", replies = cell.replies, reactions = cell.reactions))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
