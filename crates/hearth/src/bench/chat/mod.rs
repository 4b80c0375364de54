//! `hearth bench chat`: many live-stream clients in group conversations against a
//! `hearth serve` child process on a fresh database. It measures how long a message
//! takes from the sender's request to the other members' WebSockets, the server's
//! memory per idle connection, and how the clients resume when the server restarts
//! under them. It prints figures; it asserts nothing (docs/BENCHMARKS.md has runs).

pub(crate) mod clients;
pub(crate) mod report;
mod run;
mod seed;
mod sending;
pub(crate) mod server;

use crate::config::Config;
use crate::server::{open_store, seeding_settings};
use anyhow::{Context, bail};
use hearth_app::{App, system_clock};
use run::Bench;
use server::{Server, ServerLog};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to run.
#[derive(Debug, Clone)]
pub struct ChatOptions {
    /// Concurrent clients; each number is one run.
    pub clients: Vec<usize>,
    pub group_size: usize,
    /// Messages a second during the load.
    pub rate: u32,
    /// How long the load lasts.
    pub seconds: u64,
    /// First connections opened at once.
    pub connect_concurrency: usize,
    /// Sends in flight at once.
    pub senders: usize,
    /// The longest wait between reconnection attempts.
    pub max_backoff: Duration,
    /// Restart with credentials used just now, so reconnecting writes nothing.
    pub fresh_credentials: bool,
    /// An empty database to use instead of a fresh SQLite folder.
    pub database_url: Option<String>,
}

pub async fn run(config: &Config, options: &ChatOptions) -> anyhow::Result<()> {
    let largest = options.clients.iter().copied().max().unwrap_or(0);
    if largest == 0 {
        bail!("--clients needs at least one number above 0");
    }
    if !(2..=500).contains(&options.group_size) {
        bail!("--group-size must be between 2 and 500");
    }
    if let Some(c) = options
        .clients
        .iter()
        .find(|&&c| c % options.group_size != 0)
    {
        bail!(
            "--clients {c} is not a multiple of --group-size {}",
            options.group_size
        );
    }
    if options.rate == 0 || options.seconds == 0 {
        bail!("--rate and --seconds must be above 0");
    }
    println!("machine: {}", report::machine());
    raise_open_files(largest as u64 + 1024)?;
    check_ports(largest);

    let (mut db_config, scratch) = database(config, options)?;
    let database_url = db_config.database_url();
    db_config.database_url = Some(database_url.clone());
    println!(
        "database: {}",
        hearth_app::database::redact_url(&database_url)
    );

    let started = Instant::now();
    let store = open_store(&db_config).await?;
    let app = App::new(
        store.clone(),
        seeding_settings(&db_config, 1020),
        system_clock(),
    )?;
    if !hearth_app::setup::needs_setup(&app).await? {
        bail!("the benchmark needs an empty database");
    }
    let people = seed::people(&app, largest).await?;
    store.close().await;
    println!(
        "seeded {largest} people with API tokens in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let address = server::free_address()?;
    let started = Instant::now();
    let server = Server::start(&database_url, address, &ServerLog::default()).await?;
    let groups = seed::groups(
        &format!("http://{address}"),
        &people,
        largest,
        options.group_size,
        16,
    )
    .await?;
    server.terminate().await?;
    println!(
        "made {} group conversations of {} through the API in {:.1} s",
        groups.len(),
        options.group_size,
        started.elapsed().as_secs_f64()
    );

    let bench = Bench {
        options,
        db_config,
        address,
        people: Arc::new(people),
        groups,
    };
    let mut runs = Vec::new();
    for &clients in &options.clients {
        let figures = bench.measure(clients).await?;
        figures.print();
        runs.push(figures);
    }
    report::print_summary(&runs);
    if let Some(dir) = scratch {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

/// The configuration to seed with, and the scratch folder to remove at the end: a
/// fresh SQLite folder unless `--database-url` names a database.
fn database(config: &Config, options: &ChatOptions) -> anyhow::Result<(Config, Option<PathBuf>)> {
    let mut db_config = config.clone();
    if let Some(url) = &options.database_url {
        db_config.database_url = Some(url.clone());
        return Ok((db_config, None));
    }
    let nanos = clients::unix_nanos();
    let dir =
        std::env::temp_dir().join(format!("hearth-bench-chat-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    db_config.database_url = None;
    db_config.data_dir = dir.clone();
    Ok((db_config, Some(dir)))
}

/// Raises this process's open-files limit to its hard limit; the server, started from
/// here, inherits it. Stops when even that is below what `needed` clients take.
fn raise_open_files(needed: u64) -> anyhow::Result<()> {
    use rlimit::Resource;
    let (was, hard) = Resource::NOFILE
        .get()
        .context("cannot read the open-files limit")?;
    if was < hard {
        Resource::NOFILE
            .set(hard, hard)
            .context("cannot raise the open-files limit")?;
    }
    let (now, hard) = Resource::NOFILE.get()?;
    println!("open files: limit {now} (hard limit {hard}, was {was}); the server inherits it");
    if now < needed {
        bail!(
            "these clients need about {needed} open files in this process and in the server, \
             but the hard limit is {hard}: raise it (`ulimit -Hn`, or LimitNOFILE= in a \
             service unit) or ask for fewer --clients"
        );
    }
    Ok(())
}

/// Every connection takes a loopback port, and reconnecting takes another.
fn check_ports(largest: usize) {
    let range = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse::<usize>().ok())
        .collect::<Vec<_>>();
    if let [low, high] = range[..] {
        let ports = high.saturating_sub(low) + 1;
        if ports < largest * 2 + 1000 {
            println!(
                "warning: only {ports} local ports ({low}–{high}); {largest} clients that \
                 reconnect may run out (net.ipv4.ip_local_port_range)"
            );
        }
    }
}
