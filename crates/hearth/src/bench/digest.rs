//! `hearth bench digest`: the weekly digest for everyone in the company that `bench
//! social` seeds. It measures composing and enqueueing (one `digests::send`), then,
//! given `--smtp`, delivering the outbox to that SMTP sink with the server's own
//! mailer and worker loop. It prints figures; see docs/BENCHMARKS.md.

use super::seed::{self, Size};
use crate::config::{Config, SmtpConfig, SmtpSecurity};
use crate::mailer::SmtpMailer;
use anyhow::Context;
use hearth_app::domain::DigestPeriod;
use hearth_app::{digests, mail};
use std::time::Instant;

pub async fn run(
    config: &Config,
    size: &Size,
    smtp: Option<&str>,
    existing: bool,
) -> anyhow::Result<()> {
    let (store, app) = seed::opened(config, size, existing, 1019).await?;

    let started = Instant::now();
    let report = digests::send(&app, DigestPeriod::Weekly, app.now()).await?;
    let composed = started.elapsed().as_secs_f64();
    println!(
        "weekly digest: {} people considered, {} e-mails composed and enqueued, {} with nothing \
         new, {} already enqueued, in {composed:.2} s ({:.0} e-mails/s)",
        report.people_considered,
        report.emails_enqueued,
        report.nothing_new,
        report.already_enqueued,
        report.emails_enqueued as f64 / composed.max(f64::EPSILON),
    );

    let Some(addr) = smtp else {
        println!("no --smtp given: composition and enqueueing only");
        store.close().await;
        return Ok(());
    };
    let (host, port) = addr
        .rsplit_once(':')
        .context("--smtp must be host:port, e.g. 127.0.0.1:2525")?;
    let mailer = SmtpMailer::new(
        &SmtpConfig {
            host: host.to_owned(),
            port: port.parse().context("--smtp port must be a number")?,
            security: SmtpSecurity::None,
            from: "Hearth <hearth@bench.test>".to_owned(),
            ..SmtpConfig::default()
        },
        config.mail_concurrency,
    )?;
    let delivering = Instant::now();
    // One node's worker, as `hearth serve` runs it: batch after batch until the outbox
    // is empty, each batch over `mail_concurrency` SMTP conversations.
    let (mut sent, mut failed) = (0, 0);
    loop {
        let delivery = mail::deliver_due(&app, &mailer).await?;
        sent += delivery.sent;
        failed += delivery.failed + delivery.parked;
        if delivery.claimed() == 0 {
            break;
        }
    }
    let delivered = delivering.elapsed().as_secs_f64();
    let total = composed + delivered;
    println!(
        "delivered {sent} e-mails to {addr} ({failed} failed) in {delivered:.2} s by one node, \
         {} SMTP conversations at once; total {total:.2} s, {:.0} e-mails/s end to end",
        app.settings().mail_concurrency,
        sent as f64 / total.max(f64::EPSILON)
    );
    store.close().await;
    Ok(())
}
