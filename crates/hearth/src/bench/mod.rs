//! `hearth bench social`: seeds a realistic company, starts a server on it, and
//! measures posting, the home feed, a long thread and search over HTTP. It prints figures;
//! it asserts nothing (see docs/BENCHMARKS.md for recorded runs).

pub mod analytics;
pub mod articles;
pub mod chat;
pub mod digest;
pub mod embed;
mod load;
pub mod networks;
pub mod offboarding;
pub mod polls;
mod seed;
pub mod uploads;

pub use seed::Size;

use crate::config::Config;
use crate::server::{open_store, seeding_settings};
use anyhow::Context;
use hearth_app::{App, system_clock};
use load::{Figures, MakeRequest, Server, measure, print_table};
use reqwest::Method;
use serde_json::json;
use std::sync::Arc;

/// Every content limit of a `hearth serve` child turned off: the benchmarks measure
/// how fast the server creates content, not how fast it refuses it.
pub(crate) fn without_content_limits(command: &mut tokio::process::Command) {
    for key in crate::config::LIMITS_ENV_KEYS {
        command.env(format!("HEARTH_LIMITS_{}", key.to_ascii_uppercase()), "0");
    }
}

/// Where a seeded run leaves what `--existing` needs.
const SEEDED_FILE: &str = "hearth-bench-seed.json";

/// The company the load benchmarks run against: seeded into an empty database now,
/// or with `existing` the one an earlier run seeded here.
async fn seeded_or_existing(
    config: &Config,
    size: &Size,
    existing: bool,
) -> anyhow::Result<seed::Seeded> {
    Ok(if existing {
        let saved = std::fs::read_to_string(SEEDED_FILE)
            .with_context(|| format!("--existing needs {SEEDED_FILE} from an earlier run here"))?;
        serde_json::from_str(&saved)?
    } else {
        let store = open_store(config).await?;
        let app = App::new(
            store.clone(),
            seeding_settings(config, 1020),
            system_clock(),
        )?;
        if !hearth_app::setup::needs_setup(&app).await? {
            anyhow::bail!(
                "the benchmark needs an empty database (or --existing to measure a seeded one again)"
            );
        }
        let started = std::time::Instant::now();
        let seeded = seed::seed(&app, size).await?;
        println!(
            "seeded {} people, {} communities, {} posts and replies, {} reactions in {:.0} s",
            size.users,
            size.communities,
            size.posts,
            size.reactions,
            started.elapsed().as_secs_f64()
        );
        app.settled().await;
        store.close().await;
        std::fs::write(SEEDED_FILE, serde_json::to_string(&seeded)?)?;
        seeded
    })
}

pub async fn social(
    config: &Config,
    size: &Size,
    seconds: u64,
    existing: bool,
) -> anyhow::Result<()> {
    let seeded = seeded_or_existing(config, size, existing).await?;
    let server = Server::start(&config.database_url()).await?;
    let mut results: Vec<Figures> = Vec::new();
    let mut peak_rss: f64 = 0.0;
    let seeded = Arc::new(seeded);

    let mut told_after = None;
    for concurrency in [1, 16, 64] {
        let make = new_post(seeded.clone());
        results.push(measure("create post", &server, &seeded, concurrency, seconds, make).await?);
        peak_rss = peak_rss.max(server.memory_mib().0);
    }
    for concurrency in [16, 64] {
        let first: MakeRequest =
            Arc::new(|_, _| (Method::GET, "/api/hearth/v1/feed?limit=20".to_owned(), None));
        results.push(
            measure(
                "home feed, first page",
                &server,
                &seeded,
                concurrency,
                seconds,
                first,
            )
            .await?,
        );
        peak_rss = peak_rss.max(server.memory_mib().0);
        let middle = seeded.middle_post;
        let deep: MakeRequest = Arc::new(move |_, _| {
            (
                Method::GET,
                format!("/api/hearth/v1/feed?limit=20&before={middle}"),
                None,
            )
        });
        results.push(
            measure(
                "home feed, deep page",
                &server,
                &seeded,
                concurrency,
                seconds,
                deep,
            )
            .await?,
        );
        peak_rss = peak_rss.max(server.memory_mib().0);
    }
    // Each reader's first community: the target is a community feed no dearer than
    // the home feed.
    for concurrency in [16, 64] {
        let communities: Vec<i64> = seeded
            .token_communities
            .iter()
            .map(|of_reader| of_reader.first().copied().unwrap_or_default())
            .collect();
        let community: MakeRequest = Arc::new(move |worker, _| {
            let id = communities[worker % communities.len()];
            (
                Method::GET,
                format!("/api/hearth/v1/communities/{id}/posts?limit=20"),
                None,
            )
        });
        results.push(
            measure(
                "community feed, first page",
                &server,
                &seeded,
                concurrency,
                seconds,
                community,
            )
            .await?,
        );
        peak_rss = peak_rss.max(server.memory_mib().0);
    }
    for concurrency in [1, 64] {
        let post = seeded.big_thread;
        let view: MakeRequest =
            Arc::new(move |_, _| (Method::GET, format!("/api/hearth/v1/posts/{post}"), None));
        results.push(
            measure(
                "one post (500 replies counted)",
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
    for concurrency in [1, 16] {
        let thread = seeded.big_thread;
        let read: MakeRequest = Arc::new(move |_, _| {
            (
                Method::GET,
                // One page holds the whole thread, as before threads were paged.
                format!("/api/hearth/v1/posts/{thread}/thread?limit=500"),
                None,
            )
        });
        results.push(
            measure(
                "thread of 500 replies",
                &server,
                &seeded,
                concurrency,
                seconds,
                read,
            )
            .await?,
        );
        peak_rss = peak_rss.max(server.memory_mib().0);
    }
    // Searches of three shapes over the seeded posts ("Update <n> about #topic<k>"):
    // a word in one post, a word in one post of fifty, and a word in every post,
    // ranked and newest first; and the All tab, which also searches people,
    // communities and topics.
    let rare = (size.posts / 2).to_string();
    let searches = [
        ("search: a word in one post", format!("q={rare}&type=posts")),
        (
            "search: a word in 1 of 50 posts, newest",
            "q=topic7&type=posts&sort=newest".to_owned(),
        ),
        (
            "search: a word in 1 of 50 posts, ranked",
            "q=topic7&type=posts".to_owned(),
        ),
        (
            "search: a word in every post, newest",
            "q=update&type=posts&sort=newest".to_owned(),
        ),
        (
            "search: a word in every post, ranked",
            "q=update&type=posts".to_owned(),
        ),
        (
            "search: all tabs, as typed",
            "q=person%200000&typing=true".to_owned(),
        ),
    ];
    for (name, query) in searches {
        for concurrency in [1, 16] {
            let path = format!("/api/hearth/v1/search?{query}&limit=20");
            let search: MakeRequest = Arc::new(move |_, _| (Method::GET, path.clone(), None));
            results.push(measure(name, &server, &seeded, concurrency, seconds, search).await?);
            peak_rss = peak_rss.max(server.memory_mib().0);
        }
    }
    // Replies and reactions at the concurrency where writers queue, after the reads
    // (their posts gather replies and would lead every feed page): each person
    // replies to their own post, and reacts to the next person's post (its author is
    // told) and takes the reaction back, in turn.
    let own_posts = Arc::new(post_per_person(&server, &seeded).await?);
    let make = reply_to_own_post(own_posts.clone());
    results.push(measure("create reply", &server, &seeded, 64, seconds, make).await?);
    peak_rss = peak_rss.max(server.memory_mib().0);
    let make = react_to_next_post(own_posts);
    results.push(measure("react, and take back", &server, &seeded, 64, seconds, make).await?);
    peak_rss = peak_rss.max(server.memory_mib().0);
    if seeded.wide_thread != 0 {
        for concurrency in [1, 16] {
            let reply = wide_thread_reply(seeded.wide_thread);
            let name = format!(
                "reply in a thread of {} people",
                seed::WIDE_THREAD_PEOPLE.min(size.users)
            );
            results.push(measure(&name, &server, &seeded, concurrency, seconds, reply).await?);
            peak_rss = peak_rss.max(server.memory_mib().0);
        }
        // The thread's participants are told after each reply's own transaction: do
        // other writers wait for that, and how soon are the participants told?
        let (replies, posts) = tokio::join!(
            measure(
                "reply in the wide thread, beside the posts below",
                &server,
                &seeded,
                1,
                seconds,
                wide_thread_reply(seeded.wide_thread),
            ),
            measure(
                "create post, while replies go to the wide thread",
                &server,
                &seeded,
                16,
                seconds,
                new_post(seeded.clone()),
            ),
        );
        results.push(replies?);
        results.push(posts?);
        peak_rss = peak_rss.max(server.memory_mib().0);
        told_after = Some(all_told(config).await?);
    }
    let (_, high_water) = server.memory_mib();
    server.stop().await;

    print_table(&results);
    println!();
    println!(
        "server resident memory: {peak_rss:.0} MiB sampled under load, {high_water:.0} MiB peak"
    );
    if let Some(told_after) = told_after {
        println!(
            "every reply in the wide thread told to its participants {:.0} ms after the last one was answered",
            told_after.as_secs_f64() * 1000.0
        );
    }
    Ok(())
}

/// A post by the worker's person, to the company or one of their communities in turn.
fn new_post(seeded: Arc<seed::Seeded>) -> MakeRequest {
    Arc::new(move |worker, n| {
        let communities = &seeded.token_communities[worker % seeded.token_communities.len()];
        let community = match communities.get(n as usize % (communities.len() + 1)) {
            Some(id) => json!(id.to_string()),
            None => serde_json::Value::Null,
        };
        let body = json!({ "community_id": community, "body": format!("Benchmark post {n} from worker {worker} #bench") });
        (Method::POST, "/api/hearth/v1/posts".to_owned(), Some(body))
    })
}

/// One company-wide post by each benchmark person, in the order of their tokens.
async fn post_per_person(server: &Server, seeded: &seed::Seeded) -> anyhow::Result<Vec<String>> {
    let client = reqwest::Client::new();
    let mut ids = Vec::with_capacity(seeded.tokens.len());
    for token in &seeded.tokens {
        let created: serde_json::Value = client
            .post(format!("{}/api/hearth/v1/posts", server.base))
            .bearer_auth(token)
            .json(&json!({ "body": "A post to reply to and react to" }))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let id = created["id"]
            .as_str()
            .context("a created post answers its id")?;
        ids.push(id.to_owned());
    }
    Ok(ids)
}

/// A reply to the worker's own post: the writer's cost, with nobody else to tell.
fn reply_to_own_post(posts: Arc<Vec<String>>) -> MakeRequest {
    Arc::new(move |worker, n| {
        let post = &posts[worker % posts.len()];
        let body = json!({ "body": format!("Benchmark reply {n} from worker {worker}") });
        (
            Method::POST,
            format!("/api/hearth/v1/posts/{post}/replies"),
            Some(body),
        )
    })
}

/// A like on the next worker's post, then taking it back: each request is a write.
fn react_to_next_post(posts: Arc<Vec<String>>) -> MakeRequest {
    Arc::new(move |worker, n| {
        let post = &posts[(worker + 1) % posts.len()];
        let method = if n % 2 == 0 {
            Method::PUT
        } else {
            Method::DELETE
        };
        (
            method,
            format!("/api/hearth/v1/posts/{post}/reactions/like"),
            None,
        )
    })
}

/// A reply to the top of the thread thousands took part in.
fn wide_thread_reply(thread: i64) -> MakeRequest {
    Arc::new(move |worker, n| {
        let body = json!({ "body": format!("Benchmark reply {n} from worker {worker}") });
        (
            Method::POST,
            format!("/api/hearth/v1/posts/{thread}/replies"),
            Some(body),
        )
    })
}

/// How long after now the server has told about every post it answered for: the
/// notifications of a post are written just after its own transaction.
async fn all_told(config: &Config) -> anyhow::Result<std::time::Duration> {
    let started = std::time::Instant::now();
    let store = open_store(config).await?;
    let mut db = store.conn().await?;
    while hearth_store::pending_fan_outs::count(&mut db).await? > 0 {
        if started.elapsed() > std::time::Duration::from_secs(300) {
            anyhow::bail!("posts were still waiting to be told about after 5 minutes");
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    drop(db);
    store.close().await;
    Ok(started.elapsed())
}
