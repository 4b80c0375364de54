//! `hearth admin reindex`: rebuild the search indexes from the posts and messages,
//! and on PostgreSQL choose the text search configuration they are built with.

use super::operator_app;
use crate::config::Config;

pub async fn reindex(config: &Config, configuration: Option<&str>) -> anyhow::Result<String> {
    let app = operator_app(config).await?;
    let started = std::time::Instant::now();
    let result = hearth_app::search::reindex(&app, configuration).await;
    app.store().close().await;
    result?;
    Ok(match configuration {
        Some(configuration) => format!(
            "search indexes rebuilt with the text search configuration {configuration:?} in {:.1} s",
            started.elapsed().as_secs_f64()
        ),
        None => format!(
            "search indexes rebuilt in {:.1} s",
            started.elapsed().as_secs_f64()
        ),
    })
}
