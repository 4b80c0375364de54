//! `/admin/analytics`: the network's dashboard, for its admins.

use super::{Tab, console};
use crate::AppState;
use crate::api::analytics_csv;
use crate::language::tr;
use crate::pages::analytics::{PeriodQuery, dashboard_page};
use crate::pages::reader::{PageResult, Reader, sentence};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use hearth_app::AppError;
use hearth_app::analytics;
use hearth_app::i18n::t;
use maud::html;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/analytics", get(show))
        .route("/admin/analytics/csv", get(download))
}

const BASE: &str = "/admin/analytics";

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<PeriodQuery>,
) -> PageResult {
    let tr = tr();
    let title = t!(tr, "analytics-title");
    match analytics::network_dashboard(&state.app, &reader.actor(), &query.choice()).await {
        Ok(dashboard) => {
            let body = dashboard_page(&title, &dashboard, &query, BASE, None);
            Ok(console(&title, &reader, Tab::Analytics, body).into_response())
        }
        Err(AppError::Invalid(invalid)) => {
            // The refused period is shown with its reason over the default one.
            let problem = sentence(&invalid.message);
            let fallback = PeriodQuery::default();
            let dashboard =
                analytics::network_dashboard(&state.app, &reader.actor(), &fallback.choice())
                    .await?;
            let body = html! {
                (dashboard_page(&title, &dashboard, &query, BASE, Some(&problem)))
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                console(&title, &reader, Tab::Analytics, body),
            )
                .into_response())
        }
        Err(err) => Err(err.into()),
    }
}

async fn download(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<PeriodQuery>,
) -> PageResult {
    let figure = query.figure()?;
    let dashboard =
        analytics::network_dashboard(&state.app, &reader.actor(), &query.choice()).await?;
    Ok(analytics_csv(&dashboard, figure)?)
}
