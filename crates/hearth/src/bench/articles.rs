//! `hearth bench articles`: what articles cost over the company `bench social`
//! seeds. A home feed page of 20 posts that all publish articles against one without,
//! an article's reading view at concurrency 1 and 64, the list of articles, autosaves
//! of drafts (the most frequent article write), reads counted, and publishing 64
//! articles at once to subscribers (each publication writes its post and tells the
//! author's subscribers after the transaction). It prints figures; see
//! docs/BENCHMARKS.md.

use super::load::{Figures, MakeRequest, Server, measure, print_table};
use super::{Size, seeded_or_existing};
use crate::config::Config;
use anyhow::Context;
use reqwest::Method;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Instant;

/// Articles put in the home feed: a whole first page of them.
const FEED_ARTICLES: usize = 20;
/// Drafts published at once in the publishing measurement.
const PUBLISHED_AT_ONCE: usize = 64;

const BODY: &str = "## Why\n\nA paragraph of reasons, long enough to read for a minute. \
    It has a few sentences, a list and a table, as articles do.\n\n- one\n- two\n- three\n\n\
    ## How\n\n| step | who |\n|---|---|\n| plan | all |\n| ship | us |\n\n## Next\n\nMore soon.";

pub async fn run(config: &Config, size: &Size, seconds: u64, existing: bool) -> anyhow::Result<()> {
    println!("machine: {}", super::chat::report::machine());
    let seeded = Arc::new(seeded_or_existing(config, size, existing).await?);
    let server = Server::start(&config.database_url()).await?;
    let client = reqwest::Client::new();
    let mut results: Vec<Figures> = Vec::new();
    let mut peak_rss: f64 = 0.0;

    let feed: MakeRequest =
        Arc::new(|_, _| (Method::GET, "/api/hearth/v1/feed?limit=20".to_owned(), None));
    results.push(
        measure(
            "home feed, first page without articles",
            &server,
            &seeded,
            64,
            seconds,
            feed.clone(),
        )
        .await?,
    );
    peak_rss = peak_rss.max(server.memory_mib().0);

    let mut published = Vec::with_capacity(FEED_ARTICLES);
    for n in 0..FEED_ARTICLES {
        let token = &seeded.tokens[n % seeded.tokens.len()];
        let id = draft(&client, &server, token, n).await?;
        publish(&client, &server, token, &id).await?;
        published.push(id);
    }
    results.push(
        measure(
            "home feed, first page of 20 articles",
            &server,
            &seeded,
            64,
            seconds,
            feed,
        )
        .await?,
    );
    peak_rss = peak_rss.max(server.memory_mib().0);
    let published = Arc::new(published);
    for concurrency in [1, 64] {
        let articles = published.clone();
        let view: MakeRequest = Arc::new(move |worker, n| {
            let id = &articles[(worker + n as usize) % articles.len()];
            (Method::GET, format!("/api/hearth/v1/articles/{id}"), None)
        });
        results.push(
            measure(
                "one article's reading view",
                &server,
                &seeded,
                concurrency,
                seconds,
                view,
            )
            .await?,
        );
        peak_rss = peak_rss.max(server.memory_mib().0);
    }
    let list: MakeRequest = Arc::new(|_, _| {
        (
            Method::GET,
            "/api/hearth/v1/articles?limit=20".to_owned(),
            None,
        )
    });
    results.push(measure("articles, first page", &server, &seeded, 64, seconds, list).await?);
    // "Benchmark" is in the 20 articles' titles and summaries, and in none of the
    // million seeded posts.
    let by_title: MakeRequest = Arc::new(|_, _| {
        (
            Method::GET,
            "/api/hearth/v1/search?q=benchmark&type=posts&limit=20".to_owned(),
            None,
        )
    });
    results.push(
        measure(
            "search: a word of 20 articles' titles",
            &server,
            &seeded,
            16,
            seconds,
            by_title,
        )
        .await?,
    );
    peak_rss = peak_rss.max(server.memory_mib().0);
    let articles = published.clone();
    let read: MakeRequest = Arc::new(move |worker, n| {
        let id = &articles[(worker + n as usize) % articles.len()];
        (
            Method::POST,
            format!("/api/hearth/v1/articles/{id}/read"),
            None,
        )
    });
    results.push(measure("read counted", &server, &seeded, 64, seconds, read).await?);
    peak_rss = peak_rss.max(server.memory_mib().0);

    // Each worker's person autosaves a draft of their own.
    let mut drafts = Vec::with_capacity(seeded.tokens.len());
    for (worker, token) in seeded.tokens.iter().enumerate() {
        drafts.push(draft(&client, &server, token, FEED_ARTICLES + worker).await?);
    }
    let drafts = Arc::new(drafts);
    for concurrency in [1, 64] {
        let drafts = drafts.clone();
        let save: MakeRequest = Arc::new(move |worker, n| {
            let body = json!({
                "title": format!("Draft of worker {worker}"),
                "body": format!("{BODY}\n\nRevision {n}."),
            });
            (
                Method::PUT,
                format!("/api/hearth/v1/articles/{}", drafts[worker % drafts.len()]),
                Some(body),
            )
        });
        results.push(
            measure(
                "autosave a draft",
                &server,
                &seeded,
                concurrency,
                seconds,
                save,
            )
            .await?,
        );
        peak_rss = peak_rss.max(server.memory_mib().0);
    }

    // Everyone subscribes to company-wide articles; then 64 drafts go out at once.
    for token in &seeded.tokens {
        client
            .put(format!(
                "{}/api/hearth/v1/article-subscriptions/company/0",
                server.base
            ))
            .bearer_auth(token)
            .send()
            .await?
            .error_for_status()?;
    }
    let mut waiting = Vec::with_capacity(PUBLISHED_AT_ONCE);
    for n in 0..PUBLISHED_AT_ONCE {
        let token = seeded.tokens[n % seeded.tokens.len()].clone();
        let id = draft(&client, &server, &token, 1_000 + n).await?;
        waiting.push((token, id));
    }
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(waiting.len());
    for (token, id) in waiting {
        let client = client.clone();
        let base = server.base.clone();
        tasks.push(tokio::spawn(async move {
            let at = Instant::now();
            client
                .post(format!("{base}/api/hearth/v1/articles/{id}/publish"))
                .bearer_auth(&token)
                .json(&json!({}))
                .send()
                .await?
                .error_for_status()?;
            anyhow::Ok(at.elapsed())
        }));
    }
    let mut took = Vec::with_capacity(tasks.len());
    for task in tasks {
        took.push(task.await??);
    }
    let all = started.elapsed();
    took.sort();
    peak_rss = peak_rss.max(server.memory_mib().0);
    let (_, high_water) = server.memory_mib();
    server.stop().await;

    print_table(&results);
    println!();
    println!(
        "publishing {PUBLISHED_AT_ONCE} company-wide articles at once to {} subscribers: \
         {:.0} ms in all, p50 {:.0} ms, slowest {:.0} ms per article",
        seeded.tokens.len(),
        all.as_secs_f64() * 1000.0,
        took[took.len() / 2].as_secs_f64() * 1000.0,
        took[took.len() - 1].as_secs_f64() * 1000.0,
    );
    println!(
        "server resident memory: {peak_rss:.0} MiB sampled under load, {high_water:.0} MiB peak"
    );
    Ok(())
}

/// Writes a company-wide draft; answers its id.
async fn draft(
    client: &reqwest::Client,
    server: &Server,
    token: &str,
    n: usize,
) -> anyhow::Result<String> {
    let created: Value = client
        .post(format!("{}/api/hearth/v1/articles", server.base))
        .bearer_auth(token)
        .json(&json!({
            "title": format!("Benchmark article {n}"),
            "summary": "What a benchmark article is about.",
            "body": BODY,
        }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(created["id"]
        .as_str()
        .context("a created article answers its id")?
        .to_owned())
}

async fn publish(
    client: &reqwest::Client,
    server: &Server,
    token: &str,
    id: &str,
) -> anyhow::Result<()> {
    client
        .post(format!(
            "{}/api/hearth/v1/articles/{id}/publish",
            server.base
        ))
        .bearer_auth(token)
        .json(&json!({}))
        .send()
        .await?
        .error_for_status()?;
    Ok(())
}
