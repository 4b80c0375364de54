//! `hearth bench analytics`: over the company `bench social` seeds (a year of posts,
//! replies and reactions), what counting the days costs (the whole year at once, as
//! after a first start, then one day, as every night) and how long a dashboard takes
//! for periods of a week to a year. It prints figures; see docs/BENCHMARKS.md.

use super::seed::{self, Size};
use crate::config::Config;
use anyhow::bail;
use hearth_app::analytics::{self, PeriodChoice};
use hearth_app::domain::{Actor, CommunityId, User};
use hearth_app::{App, accounts};
use std::time::Instant;

/// Dashboards drawn for each period.
const TRIES: usize = 20;

pub async fn run(config: &Config, size: &Size, existing: bool) -> anyhow::Result<()> {
    println!("machine: {}", super::chat::report::machine());
    let (store, app) = seed::opened(config, size, existing, 1018).await?;
    let admin = accounts::find_by_email(&app, &Actor::Operator, "admin@bench.test").await?;
    let network = admin.network_id;

    {
        let mut db = store.conn().await?;
        hearth_store::analytics::forget_all(&mut db, network).await?;
    }
    let started = Instant::now();
    let days = analytics::count_due(&app).await?;
    let whole = started.elapsed().as_secs_f64();
    println!(
        "counting every day since the first post: {days} days in {whole:.2} s ({:.1} ms a day)",
        whole * 1000.0 / days.max(1) as f64
    );

    let today = analytics::calendar::day_of(app.now());
    let mut nightly = Vec::new();
    for _ in 0..5 {
        {
            let mut db = store.conn().await?;
            hearth_store::analytics::forget_since(&mut db, network, today - 1).await?;
        }
        let started = Instant::now();
        let counted = analytics::count_due(&app).await?;
        nightly.push(started.elapsed().as_secs_f64() * 1000.0);
        if counted != 1 {
            bail!("expected to count one day again, counted {counted}");
        }
    }
    let (p50, worst) = spread(&mut nightly);
    println!(
        "counting one more day (as each night, with its week and month): p50 {p50:.0} ms, \
         worst {worst:.0} ms of 5"
    );

    let actor = Actor::User(admin.clone());
    for days in [7, 30, 90, 365] {
        let mut took = Vec::new();
        for _ in 0..TRIES {
            let started = Instant::now();
            let dashboard =
                analytics::network_dashboard(&app, &actor, &PeriodChoice::Last(days)).await?;
            took.push(started.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(dashboard);
        }
        let (p50, worst) = spread(&mut took);
        println!(
            "network dashboard, last {days} days (and the {days} before): p50 {p50:.1} ms, \
             worst {worst:.1} ms of {TRIES}"
        );
    }
    let busiest = busiest_community(&app, &admin).await?;
    let mut took = Vec::new();
    for _ in 0..TRIES {
        let started = Instant::now();
        let dashboard =
            analytics::community_dashboard(&app, &admin, busiest, &PeriodChoice::Last(90)).await?;
        took.push(started.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(dashboard);
    }
    let (p50, worst) = spread(&mut took);
    println!(
        "community dashboard, the most active community, last 90 days: p50 {p50:.1} ms, \
         worst {worst:.1} ms of {TRIES}"
    );
    store.close().await;
    Ok(())
}

/// The median and the slowest of `samples`.
fn spread(samples: &mut [f64]) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    let median = samples.get(samples.len() / 2).copied().unwrap_or(0.0);
    let worst = samples.last().copied().unwrap_or(0.0);
    (median, worst)
}

async fn busiest_community(app: &App, admin: &User) -> anyhow::Result<CommunityId> {
    let dashboard =
        analytics::network_dashboard(app, &Actor::User(admin.clone()), &PeriodChoice::Last(90))
            .await?;
    dashboard
        .communities
        .iter()
        .find_map(|c| c.community)
        .ok_or_else(|| anyhow::anyhow!("no community was active in the last 90 days"))
}
