//! `hearth bench polls`: what polls and praise cost over the company `bench social`
//! seeds. A home feed page of 20 posts that all carry polls against one without, one
//! post with its poll, and votes at concurrency 1 and 64: in one company-wide poll
//! (every vote a write on the same poll) and in community polls (a vote also reads the
//! community's members, who alone are told of it live). Then praise posts, each
//! thanking a colleague (who is told after the post's transaction), and the first
//! page of a person's "praise received". It prints figures; see docs/BENCHMARKS.md.

use super::load::{Figures, MakeRequest, Server, measure, print_table};
use super::{Size, seeded_or_existing};
use crate::config::Config;
use anyhow::Context;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// Polls put in the home feed: a whole first page of them.
const FEED_POLLS: usize = 20;

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
            "home feed, first page without polls",
            &server,
            &seeded,
            64,
            seconds,
            feed.clone(),
        )
        .await?,
    );
    peak_rss = peak_rss.max(server.memory_mib().0);

    let mut company_polls = Vec::with_capacity(FEED_POLLS);
    for n in 0..FEED_POLLS {
        let token = &seeded.tokens[n % seeded.tokens.len()];
        company_polls.push(ask(&client, &server, token, None, n).await?);
    }
    results.push(
        measure(
            "home feed, first page of 20 polls",
            &server,
            &seeded,
            64,
            seconds,
            feed,
        )
        .await?,
    );
    peak_rss = peak_rss.max(server.memory_mib().0);
    let first = company_polls[0].clone();
    let view: MakeRequest =
        Arc::new(move |_, _| (Method::GET, format!("/api/hearth/v1/posts/{first}"), None));
    results.push(measure("one post with its poll", &server, &seeded, 1, seconds, view).await?);

    for concurrency in [1, 64] {
        let poll = company_polls[0].clone();
        results.push(
            measure(
                "vote in one company-wide poll",
                &server,
                &seeded,
                concurrency,
                seconds,
                vote_in(Arc::new(move |_| poll.clone())),
            )
            .await?,
        );
        peak_rss = peak_rss.max(server.memory_mib().0);
    }

    // A poll in each worker's first community, asked by the first worker there.
    let mut community_polls: HashMap<i64, String> = HashMap::new();
    // A member of each community, to ask for its size: a secret one is "not found"
    // to anyone else.
    let mut member_tokens: HashMap<i64, &str> = HashMap::new();
    let mut worker_polls = Vec::with_capacity(seeded.tokens.len());
    for (worker, token) in seeded.tokens.iter().enumerate() {
        let community = *seeded.token_communities[worker]
            .first()
            .context("a benchmark person in no community")?;
        member_tokens.entry(community).or_insert(token);
        let poll = match community_polls.entry(community) {
            std::collections::hash_map::Entry::Occupied(asked) => asked.get().clone(),
            std::collections::hash_map::Entry::Vacant(first) => first
                .insert(ask(&client, &server, token, Some(community), worker).await?)
                .clone(),
        };
        worker_polls.push(poll);
    }
    let members = members_of(&client, &server, &member_tokens).await?;
    let worker_polls = Arc::new(worker_polls);
    for concurrency in [1, 64] {
        let polls = worker_polls.clone();
        results.push(
            measure(
                "vote in community polls",
                &server,
                &seeded,
                concurrency,
                seconds,
                vote_in(Arc::new(move |worker| polls[worker % polls.len()].clone())),
            )
            .await?,
        );
        peak_rss = peak_rss.max(server.memory_mib().0);
    }
    // Each worker's person praises the next one's; then each reads what the next
    // one received.
    let mut people = Vec::with_capacity(seeded.tokens.len());
    for token in &seeded.tokens {
        let me: Value = client
            .get(format!("{}/api/hearth/v1/me", server.base))
            .bearer_auth(token)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        people.push(
            me["user"]["id"]
                .as_str()
                .context("/me answers the person's id")?
                .to_owned(),
        );
    }
    let people = Arc::new(people);
    for concurrency in [1, 64] {
        let people = people.clone();
        let praise: MakeRequest = Arc::new(move |worker, n| {
            let next = &people[(worker + 1) % people.len()];
            let body = json!({
                "body": format!("Benchmark thanks {n} from worker {worker}"),
                "praise": { "kind": "thanks", "recipients": [next] },
            });
            (Method::POST, "/api/hearth/v1/posts".to_owned(), Some(body))
        });
        results.push(
            measure(
                "create praise post",
                &server,
                &seeded,
                concurrency,
                seconds,
                praise,
            )
            .await?,
        );
        peak_rss = peak_rss.max(server.memory_mib().0);
    }
    let received: MakeRequest = Arc::new(move |worker, _| {
        let next = &people[(worker + 1) % people.len()];
        (
            Method::GET,
            format!("/api/hearth/v1/people/{next}/praise?limit=20"),
            None,
        )
    });
    results.push(
        measure(
            "praise received, first page",
            &server,
            &seeded,
            64,
            seconds,
            received,
        )
        .await?,
    );
    peak_rss = peak_rss.max(server.memory_mib().0);
    let (_, high_water) = server.memory_mib();
    server.stop().await;

    print_table(&results);
    println!();
    println!(
        "community polls in {} communities of {members} members on average",
        community_polls.len()
    );
    println!(
        "server resident memory: {peak_rss:.0} MiB sampled under load, {high_water:.0} MiB peak"
    );
    Ok(())
}

/// A vote by each request's worker for an option that changes with every request,
/// so each one is a write.
fn vote_in(poll_of: Arc<dyn Fn(usize) -> String + Send + Sync>) -> MakeRequest {
    Arc::new(move |worker, n| {
        let poll = poll_of(worker);
        (
            Method::PUT,
            format!("/api/hearth/v1/posts/{poll}/poll/vote"),
            Some(json!({ "options": [(n + worker as u64) % 3] })),
        )
    })
}

/// Posts a three-option poll, to the company or a community; answers its post's id.
async fn ask(
    client: &reqwest::Client,
    server: &Server,
    token: &str,
    community: Option<i64>,
    n: usize,
) -> anyhow::Result<String> {
    let created: Value = client
        .post(format!("{}/api/hearth/v1/posts", server.base))
        .bearer_auth(token)
        .json(&json!({
            "community_id": community.map(|c| c.to_string()),
            "body": format!("Benchmark poll {n}: which option?"),
            "poll": { "options": ["One", "Two", "Three"] },
        }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(created["id"]
        .as_str()
        .context("a created post answers its id")?
        .to_owned())
}

/// The communities' average number of members, each asked by one of its members.
async fn members_of(
    client: &reqwest::Client,
    server: &Server,
    communities: &HashMap<i64, &str>,
) -> anyhow::Result<i64> {
    let (mut total, mut count) = (0, 0);
    for (community, token) in communities {
        let found: Value = client
            .get(format!(
                "{}/api/hearth/v1/communities/{community}",
                server.base
            ))
            .bearer_auth(token)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        total += found["member_count"].as_i64().unwrap_or(0);
        count += 1;
    }
    Ok(if count == 0 { 0 } else { total / count })
}
