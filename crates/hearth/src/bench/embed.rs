//! `hearth bench embed`: what Hearth inside the intranet costs over the company `bench
//! social` seeds, with the intranet listed and pages' comments company-wide. The
//! announcements strip, a first comment on a new page (a new thread and its page),
//! more comments on one busy page (replies), and looking a page's comments up by its
//! address. It prints figures; see docs/BENCHMARKS.md.

use super::load::{Figures, MakeRequest, Server, measure, print_table};
use super::{Size, seeded_or_existing};
use crate::config::Config;
use crate::server::{open_store, seeding_settings};
use hearth_app::audit::Acting;
use hearth_app::embedding::{self, NewSettings};
use hearth_app::{App, system_clock};
use reqwest::Method;
use serde_json::json;
use std::sync::Arc;

const INTRANET: &str = "https://intranet.bench.test";

pub async fn run(config: &Config, size: &Size, seconds: u64, existing: bool) -> anyhow::Result<()> {
    println!("machine: {}", super::chat::report::machine());
    let seeded = Arc::new(seeded_or_existing(config, size, existing).await?);
    {
        let store = open_store(config).await?;
        let app = App::new(
            store.clone(),
            seeding_settings(config, 1020),
            system_clock(),
        )?;
        let settings = NewSettings {
            frame_origins: INTRANET.to_owned(),
            page_comments_community: None,
        };
        embedding::save_settings(&app, Acting::operator(), &settings).await?;
        store.close().await;
    }
    let server = Server::start(&config.database_url()).await?;
    let mut results: Vec<Figures> = Vec::new();
    let mut peak_rss: f64 = 0.0;

    let strip: MakeRequest = Arc::new(|_, _| {
        (
            Method::GET,
            "/api/hearth/v1/announcements?limit=5".to_owned(),
            None,
        )
    });
    results.push(measure("announcements strip", &server, &seeded, 64, seconds, strip).await?);
    peak_rss = peak_rss.max(server.memory_mib().0);

    for concurrency in [1, 64] {
        let first: MakeRequest = Arc::new(move |worker, n| {
            let body = json!({
                "url": format!("{INTRANET}/pages/{concurrency}/{worker}/{n}?utm_source=bench"),
                "title": format!("Intranet page {n} of worker {worker}"),
                "body": "The first comment on this page",
            });
            (
                Method::POST,
                "/api/hearth/v1/page-comments".to_owned(),
                Some(body),
            )
        });
        results.push(
            measure(
                "first comment on a new page",
                &server,
                &seeded,
                concurrency,
                seconds,
                first,
            )
            .await?,
        );
        peak_rss = peak_rss.max(server.memory_mib().0);
    }
    let busy = format!("{INTRANET}/news/busy");
    for concurrency in [1, 64] {
        let busy = busy.clone();
        let more: MakeRequest = Arc::new(move |worker, n| {
            let body = json!({
                "url": busy,
                "title": "The busy page",
                "body": format!("Comment {n} from worker {worker}"),
            });
            (
                Method::POST,
                "/api/hearth/v1/page-comments".to_owned(),
                Some(body),
            )
        });
        results.push(
            measure(
                "comment on one busy page",
                &server,
                &seeded,
                concurrency,
                seconds,
                more,
            )
            .await?,
        );
        peak_rss = peak_rss.max(server.memory_mib().0);
    }
    let lookup = reqwest::Url::parse_with_params(
        "http://hearth.bench/api/hearth/v1/page-comments",
        [("url", busy.as_str())],
    )?;
    let lookup = format!("{}?{}", lookup.path(), lookup.query().unwrap_or_default());
    let look_up: MakeRequest = Arc::new(move |_, _| (Method::GET, lookup.clone(), None));
    results.push(
        measure(
            "a page's comments by its address",
            &server,
            &seeded,
            64,
            seconds,
            look_up,
        )
        .await?,
    );
    peak_rss = peak_rss.max(server.memory_mib().0);
    let (_, high_water) = server.memory_mib();
    server.stop().await;

    print_table(&results);
    println!();
    println!(
        "server resident memory: {peak_rss:.0} MiB sampled under load, {high_water:.0} MiB peak"
    );
    Ok(())
}
