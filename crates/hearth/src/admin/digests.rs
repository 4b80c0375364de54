//! `hearth admin send-digests`: compose and enqueue a digest now, as the server does
//! on its schedule. Running it twice for one period enqueues nothing more.

use super::operator_app;
use crate::config::Config;
use anyhow::bail;
use hearth_app::digests;
use hearth_app::domain::DigestPeriod;

pub async fn send_digests(config: &Config, period: &str) -> anyhow::Result<String> {
    let Some(period) = DigestPeriod::parse(period) else {
        bail!("--period must be daily or weekly, not {period:?}");
    };
    let app = operator_app(config).await?;
    let report = digests::send(&app, period, app.now()).await?;
    app.store().close().await;
    Ok(format!(
        "{} digest for {} to {}: {} people considered, {} e-mails enqueued, {} with nothing new, \
         {} already enqueued earlier",
        period.as_str(),
        hearth_app::rfc3339(report.since),
        hearth_app::rfc3339(report.until),
        report.people_considered,
        report.emails_enqueued,
        report.nothing_new,
        report.already_enqueued
    ))
}
