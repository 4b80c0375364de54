//! Analytics over the JSON API: the network's dashboard for its admins, a community's
//! for its managers, and each figure as CSV, for BI tools.

use crate::extract::{ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use hearth_api_types::ErrorBody;
use hearth_api_types::analytics::{
    ActiveSpanView, AdoptionWeekView, AnalyticsDashboardView, AnalyticsDayView,
    AnalyticsPeriodView, AnalyticsTotalsView, AnnouncementReadsView, CommunityActivityView,
    ExchangeMatrixView, GroupView, HealthEmailView, QuestionsView, TopicActivityView,
    UnansweredQuestionView, WorkAndSocialView,
};
use hearth_app::analytics::calendar::iso;
use hearth_app::analytics::csv::{self, Figure};
use hearth_app::analytics::privacy::Shown;
use hearth_app::analytics::{
    self, CommunityFigures, Dashboard, Matrix, Period, PeriodChoice, Scope, SpanActive, Totals,
};
use hearth_app::domain::CommunityId;
use hearth_app::rfc3339;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(network))
        .routes(routes!(network_csv))
        .routes(routes!(community))
        .routes(routes!(community_csv))
        .routes(routes!(health_email, set_health_email))
}

/// Whether the calling admin gets the weekly "network health" e-mail.
#[utoipa::path(
    get, path = "/api/hearth/v1/analytics/health-email", tag = "analytics",
    security(("token" = []), ("session" = [])),
    responses(
        (status = 200, body = HealthEmailView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
    )
)]
pub async fn health_email(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<HealthEmailView>, ApiError> {
    let enabled = analytics::health::wanted(&state.app, &caller.actor()).await?;
    Ok(Json(HealthEmailView { enabled }))
}

/// Starts or stops the calling admin's weekly "network health" e-mail: the week's key
/// figures against the week before and the unanswered questions, sent with the
/// weekly digest.
#[utoipa::path(
    put, path = "/api/hearth/v1/analytics/health-email", tag = "analytics",
    security(("token" = []), ("session" = [])),
    request_body = HealthEmailView,
    responses(
        (status = 200, body = HealthEmailView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
    )
)]
pub async fn set_health_email(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<HealthEmailView>,
) -> Result<Json<HealthEmailView>, ApiError> {
    let enabled = analytics::health::set_wanted(&state.app, &caller.actor(), body.enabled).await?;
    Ok(Json(HealthEmailView { enabled }))
}

/// Which days: the last `days` counted (30 when nothing is given), or `from` to `to`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodParams {
    /// The last so many counted days, 1 to 366.
    pub days: Option<i64>,
    /// First day, `YYYY-MM-DD` (UTC), included; with `to`.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (UTC), included; with `from`.
    pub to: Option<String>,
    /// CSV only: `days`, `weeks`, `months`, `communities`, `questions`,
    /// `departments`, `locations`, `adoption`, `topics` or `announcements`.
    pub figure: Option<String>,
}

/// The days a dashboard shows when none are asked for.
pub const DEFAULT_DAYS: i64 = 30;

impl PeriodParams {
    pub fn choice(&self) -> Result<PeriodChoice, hearth_app::AppError> {
        match (&self.from, &self.to, self.days) {
            (Some(from), Some(to), None) => Ok(PeriodChoice::Between(from.clone(), to.clone())),
            (None, None, days) => Ok(PeriodChoice::Last(days.unwrap_or(DEFAULT_DAYS))),
            _ => Err(hearth_app::domain::ValidationError::new(
                "days",
                "give either days, or both from and to",
            )
            .into()),
        }
    }

    fn figure(&self) -> Result<Figure, hearth_app::AppError> {
        Ok(Figure::parse(self.figure.as_deref().unwrap_or("days"))?)
    }
}

/// The network's dashboard: a period's figures against the period before.
#[utoipa::path(
    get, path = "/api/hearth/v1/analytics/network", tag = "analytics",
    security(("token" = []), ("session" = [])),
    params(PeriodParams),
    responses(
        (status = 200, body = AnalyticsDashboardView),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 422, body = ErrorBody, description = "A period that does not make sense"),
    )
)]
pub async fn network(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<PeriodParams>, QueryRejection>,
) -> Result<Json<AnalyticsDashboardView>, ApiError> {
    let Query(params) = params?;
    let dashboard =
        analytics::network_dashboard(&state.app, &caller.actor(), &params.choice()?).await?;
    Ok(Json(view(&dashboard)))
}

/// One figure of the network's dashboard as CSV.
#[utoipa::path(
    get, path = "/api/hearth/v1/analytics/network/csv", tag = "analytics",
    security(("token" = []), ("session" = [])),
    params(PeriodParams),
    responses(
        (status = 200, content_type = "text/csv", body = String),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 422, body = ErrorBody, description = "A period or figure that does not make sense"),
    )
)]
pub async fn network_csv(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<PeriodParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params?;
    let figure = params.figure()?;
    let dashboard =
        analytics::network_dashboard(&state.app, &caller.actor(), &params.choice()?).await?;
    Ok(csv_response(&dashboard, figure)?)
}

/// A community's dashboard, for its owners and admins and the network's admins. A
/// community of fewer than five members has none (409).
#[utoipa::path(
    get, path = "/api/hearth/v1/communities/{id}/analytics", tag = "analytics",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id"), PeriodParams),
    responses(
        (status = 200, body = AnalyticsDashboardView),
        (status = 403, body = ErrorBody, description = "Not one of its managers"),
        (status = 404, body = ErrorBody, description = "No such community, or a secret one the caller is not in"),
        (status = 409, body = ErrorBody, description = "Fewer than five members"),
        (status = 422, body = ErrorBody, description = "A period that does not make sense"),
    )
)]
pub async fn community(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<CommunityId>,
    params: Result<Query<PeriodParams>, QueryRejection>,
) -> Result<Json<AnalyticsDashboardView>, ApiError> {
    let Query(params) = params?;
    let dashboard =
        analytics::community_dashboard(&state.app, &caller.user, id, &params.choice()?).await?;
    Ok(Json(view(&dashboard)))
}

/// One figure of a community's dashboard as CSV.
#[utoipa::path(
    get, path = "/api/hearth/v1/communities/{id}/analytics/csv", tag = "analytics",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id"), PeriodParams),
    responses(
        (status = 200, content_type = "text/csv", body = String),
        (status = 403, body = ErrorBody, description = "Not one of its managers"),
        (status = 404, body = ErrorBody, description = "No such community, or a secret one the caller is not in"),
        (status = 409, body = ErrorBody, description = "Fewer than five members"),
        (status = 422, body = ErrorBody, description = "A period or figure that does not make sense"),
    )
)]
pub async fn community_csv(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<CommunityId>,
    params: Result<Query<PeriodParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params?;
    let figure = params.figure()?;
    let dashboard =
        analytics::community_dashboard(&state.app, &caller.user, id, &params.choice()?).await?;
    Ok(csv_response(&dashboard, figure)?)
}

/// A figure as a CSV download named after what it is and when.
pub(crate) fn csv_response(
    dashboard: &Dashboard,
    figure: Figure,
) -> Result<Response, hearth_app::AppError> {
    let body = csv::csv(dashboard, figure)?;
    let scope = match &dashboard.scope {
        Scope::Network => "network".to_owned(),
        Scope::Community { id, .. } => format!("community-{id}"),
    };
    let name = format!(
        "hearth-{scope}-{}-{}-to-{}.csv",
        figure.as_str(),
        iso(dashboard.period.first_day),
        iso(dashboard.period.last_day())
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response())
}

fn period(period: Period) -> AnalyticsPeriodView {
    AnalyticsPeriodView {
        first_day: iso(period.first_day),
        last_day: iso(period.last_day()),
        days: period.days(),
    }
}

fn totals(totals: &Totals) -> AnalyticsTotalsView {
    AnalyticsTotalsView {
        posts: totals.posts,
        replies: totals.replies,
        shares: totals.shares,
        questions: totals.questions,
        reactions: totals.reactions,
        messages: totals.messages,
        active_per_day: (totals.active_per_day * 10.0).round() / 10.0,
        threads: totals.threads,
        threads_across_departments: totals.threads_across,
        new_accounts: totals.new_accounts,
        first_sign_ins: totals.first_sign_ins,
        first_writers: totals.first_writers,
    }
}

fn spans(spans: &[SpanActive]) -> Vec<ActiveSpanView> {
    spans
        .iter()
        .map(|s| ActiveSpanView {
            first_day: iso(s.first_day),
            active_people: s.active_people,
            partial: s.partial,
        })
        .collect()
}

fn communities(list: &[CommunityFigures]) -> Vec<CommunityActivityView> {
    list.iter()
        .map(|c| CommunityActivityView {
            community_id: c.community.map(|id| id.to_string()),
            name: c.name.clone(),
            activity: c.activity,
            activity_before: c.activity_before,
        })
        .collect()
}

fn matrix(matrix: &Matrix) -> ExchangeMatrixView {
    let grid = |pick: fn(&analytics::Exchange) -> i64| {
        matrix
            .cells
            .iter()
            .map(|row| row.iter().map(pick).collect())
            .collect()
    };
    ExchangeMatrixView {
        groups: matrix
            .groups
            .iter()
            .map(|g| match g {
                Shown::Group(name) => GroupView {
                    name: Some(name.clone()),
                    other: false,
                },
                Shown::Other => GroupView {
                    name: None,
                    other: true,
                },
            })
            .collect(),
        replies: grid(|e| e.replies),
        reactions: grid(|e| e.reactions),
    }
}

pub(crate) fn view(d: &Dashboard) -> AnalyticsDashboardView {
    let (scope, community_id) = match &d.scope {
        Scope::Network => ("network", None),
        Scope::Community { id, .. } => ("community", Some(id.to_string())),
    };
    let q = &d.questions;
    AnalyticsDashboardView {
        scope: scope.to_owned(),
        community_id,
        period: period(d.period),
        period_before: period(d.period.before()),
        counted_until: iso(d.counted_until),
        people: d.people,
        totals: totals(&d.totals),
        totals_before: totals(&d.totals_before),
        days: d
            .days
            .iter()
            .map(|day| AnalyticsDayView {
                day: iso(day.day),
                posts: day.posts,
                replies: day.replies,
                shares: day.shares,
                reactions: day.reactions,
                messages: day.messages,
                active_people: day.active_people,
            })
            .collect(),
        weeks: spans(&d.weeks),
        months: spans(&d.months),
        work_and_social: d.work_and_social.map(|w| WorkAndSocialView {
            work: w.work,
            social: w.social,
            work_before: w.work_before,
            social_before: w.social_before,
        }),
        communities: communities(&d.communities),
        quiet_communities: communities(&d.quiet),
        questions: QuestionsView {
            asked: q.asked,
            answered: q.answered,
            with_best_answer: q.best_answered,
            median_minutes_to_first_reply: q.median_minutes_to_first_reply,
            unanswered: q.unanswered_count,
            unanswered_latest: q
                .unanswered
                .iter()
                .map(|u| UnansweredQuestionView {
                    post_id: u.post.to_string(),
                    community_id: u.community.map(|id| id.to_string()),
                    asked_at: rfc3339(u.asked_at),
                    excerpt: u.excerpt.clone(),
                })
                .collect(),
        },
        departments: matrix(&d.departments),
        locations: matrix(&d.locations),
        adoption: d
            .adoption
            .iter()
            .map(|week| AdoptionWeekView {
                first_day: iso(week.first_day),
                accounts: week.accounts,
                signed_in: week.signed_in,
                wrote: week.wrote,
            })
            .collect(),
        topics: d
            .topics
            .iter()
            .map(|topic| TopicActivityView {
                tag: topic.tag.clone(),
                posts: topic.posts,
                posts_before: topic.posts_before,
            })
            .collect(),
        announcements: d
            .announcements
            .iter()
            .map(|a| AnnouncementReadsView {
                post_id: a.post.to_string(),
                community_id: a.community.map(|id| id.to_string()),
                published_at: rfc3339(a.published_at),
                excerpt: a.excerpt.clone(),
                audience: a.audience,
                read_by_day: a.read_by_day.clone(),
                read: a.read,
            })
            .collect(),
    }
}
