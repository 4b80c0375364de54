//! `/admin/analytics`: the network's dashboard, for its admins.

use super::{Tab, console};
use crate::AppState;
use crate::api::analytics_csv;
use crate::language::tr;
use crate::pages::analytics::{PeriodQuery, dashboard_page};
use crate::pages::reader::{PageResult, Posted, Reader, sentence};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::routing::{get, post};
use hearth_app::AppError;
use hearth_app::analytics;
use hearth_app::i18n::t;
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/analytics", get(show))
        .route("/admin/analytics/csv", get(download))
        .route("/admin/analytics/health-email", post(set_health_email))
}

#[derive(Deserialize)]
struct HealthForm {
    #[serde(default)]
    on: String,
}

async fn set_health_email(State(state): State<AppState>, posted: Posted<HealthForm>) -> PageResult {
    let on = posted.form.on == "1";
    analytics::health::set_wanted(&state.app, &posted.reader.actor(), on).await?;
    Ok(Redirect::to("/admin/analytics#health-email").into_response())
}

/// The admin's own choice of the weekly e-mail.
fn health_form(reader: &Reader, wanted: bool) -> Markup {
    let tr = tr();
    html! {
        section class="card" id="health-email" aria-labelledby="health-title" {
            h2 id="health-title" { (t!(tr, "health-title")) }
            p {
                @if wanted { (t!(tr, "health-on")) } @else { (t!(tr, "health-off")) }
            }
            form method="post" action="/admin/analytics/health-email" {
                input type="hidden" name="csrf" value=(reader.csrf);
                input type="hidden" name="on" value=(if wanted { "0" } else { "1" });
                button type="submit" class="secondary" {
                    @if wanted { (t!(tr, "health-stop")) } @else { (t!(tr, "health-start")) }
                }
            }
        }
    }
}

const BASE: &str = "/admin/analytics";

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<PeriodQuery>,
) -> PageResult {
    let tr = tr();
    let title = t!(tr, "analytics-title");
    let outcome = match query.choice() {
        Ok(choice) => analytics::network_dashboard(&state.app, &reader.actor(), &choice).await,
        Err(err) => Err(err),
    };
    match outcome {
        Ok(dashboard) => {
            let wanted = analytics::health::wanted(&state.app, &reader.actor()).await?;
            let body = html! {
                (dashboard_page(&title, &dashboard, &query, BASE, None))
                (health_form(&reader, wanted))
            };
            Ok(console(&title, &reader, Tab::Analytics, body).into_response())
        }
        Err(AppError::Invalid(invalid)) => {
            // The refused period is shown with its reason over the default one.
            let problem = sentence(&invalid.message);
            let fallback = PeriodQuery::default();
            let dashboard =
                analytics::network_dashboard(&state.app, &reader.actor(), &fallback.choice()?)
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
        analytics::network_dashboard(&state.app, &reader.actor(), &query.choice()?).await?;
    Ok(analytics_csv(&dashboard, figure)?)
}
