//! One run: C clients against a fresh server process, in three phases: open them and
//! read the memory they cost when idle; send at a steady rate and time deliveries;
//! restart the server under them and check that they all came back with everything.

use super::ChatOptions;
use super::clients::{Fleet, FleetSettings};
use super::report::{self, Figures, Spread};
use super::seed::{Group, People};
use super::sending::{Senders, Sent};
use super::server::{Server, ServerLog, cpu_seconds_of, listen_overflows};
use crate::config::Config;
use crate::server::open_store;
use anyhow::bail;
use futures_util::StreamExt;
use hearth_app::system_clock;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long clients stay idle before their memory is read.
const IDLE: Duration = Duration::from_secs(5);
/// How long the clients keep sending while the server stops.
const SENDING_INTO_THE_STOP: Duration = Duration::from_millis(500);

/// What every run shares: the seeded people and conversations, and where the server
/// listens.
pub struct Bench<'a> {
    pub options: &'a ChatOptions,
    pub db_config: Config,
    pub address: SocketAddr,
    pub people: Arc<People>,
    pub groups: Vec<Group>,
}

/// One run's moving parts.
struct Run {
    clients: usize,
    fleet: Fleet,
    senders: Senders,
    groups: Arc<Vec<Group>>,
    log: ServerLog,
}

/// Per client, what had happened before the restart.
#[derive(Clone, Copy)]
struct Before {
    readies: u32,
    codes: usize,
    recovered: u64,
    duplicates: u64,
    resets: u32,
}

impl Bench<'_> {
    fn database_url(&self) -> String {
        self.db_config.database_url()
    }

    /// Measures with the first `clients` people (whole groups of them).
    pub async fn measure(&self, clients: usize) -> anyhow::Result<Figures> {
        let options = self.options;
        let groups = Arc::new(self.groups[..clients / options.group_size].to_vec());
        let mut figures = Figures {
            clients,
            groups: groups.len(),
            group_size: options.group_size,
            rate: f64::from(options.rate),
            seconds: options.seconds,
            stale_credentials: !options.fresh_credentials,
            ..Figures::default()
        };
        println!();
        println!(
            "== {clients} clients, {} messages/s for {} s ==",
            options.rate, options.seconds
        );
        let log = ServerLog::default();
        let server = Server::start(&self.database_url(), self.address, &log).await?;
        let fleet = self.open(&mut figures, &server, clients).await?;
        let senders = Senders::new(
            format!("http://{}", self.address),
            Arc::new(self.people.tokens.clone()),
            groups.clone(),
            options.senders,
        )?;
        let run = Run {
            clients,
            fleet,
            senders,
            groups,
            log,
        };
        let load = run.load(&mut figures, &server, options).await;
        let (server, burst) = self.restart(&mut figures, &run, server).await?;
        run.count_lost(&mut figures, load.iter().chain(&burst));
        run.fleet.close().await;
        figures.rss_peak_restarted_kib = server.peak_rss_kib();
        server.terminate().await?;
        figures.server_log = run.log.lock().map(|l| l.clone()).unwrap_or_default();
        Ok(figures)
    }

    /// Opens every client, waits for all to be ready, and reads the server's memory
    /// before and after.
    async fn open(
        &self,
        figures: &mut Figures,
        server: &Server,
        clients: usize,
    ) -> anyhow::Result<Fleet> {
        let settings = FleetSettings {
            address: self.address,
            connect_concurrency: self.options.connect_concurrency,
            max_backoff: self.options.max_backoff,
        };
        let pairs: Vec<(i64, String)> = (0..clients)
            .map(|i| (self.people.users[i], self.people.tokens[i].clone()))
            .collect();
        warm_up(
            &format!("http://{}", self.address),
            &settings,
            &pairs,
            &self.people.tokens,
        )
        .await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        figures.rss_before_kib = server.rss_kib();

        let opening = Instant::now();
        let overflows = listen_overflows();
        let fleet = Fleet::open(&settings, &pairs);
        let timeout = Duration::from_secs(120.max(clients as u64 / 20));
        if !wait_until("open and ready", timeout, || (fleet.ready_total(), clients)).await {
            let errors = errors_since(&fleet, clients, opening, None).0;
            fleet.close().await;
            bail!(
                "not every client became ready within {} s; failed attempts: {}",
                timeout.as_secs(),
                report::tally(&errors)
            );
        }
        figures.open_secs = opening.elapsed().as_secs_f64();
        figures.open_errors = errors_since(&fleet, clients, opening, None).0;
        figures.open_listen_overflows = listen_overflows() - overflows;
        tokio::time::sleep(IDLE).await;
        figures.rss_idle_kib = server.rss_kib();
        println!(
            "  {clients} idle connections: {:.1} KiB each",
            figures.kib_per_connection()
        );
        Ok(fleet)
    }

    /// Sends a message to every conversation, then keeps sending while the server is
    /// stopped (SIGTERM), starts it again on the same address, and waits for every
    /// client to be ready again. Answers the new server and the messages it accepted.
    async fn restart(
        &self,
        figures: &mut Figures,
        run: &Run,
        server: Server,
    ) -> anyhow::Result<(Server, Vec<Sent>)> {
        let options = self.options;
        set_credentials_used(&self.db_config, !options.fresh_credentials).await?;
        tokio::time::sleep(Duration::from_secs(1)).await;
        let before: Vec<Before> = (0..run.clients)
            .map(|i| {
                let s = run.fleet.state(i);
                Before {
                    readies: s.readies,
                    codes: s.close_codes.len(),
                    recovered: s.recovered,
                    duplicates: s.duplicates,
                    resets: s.resets,
                }
            })
            .collect();
        let mut burst = run.senders.burst(run.groups.len(), 'B').await;
        figures.burst = burst.sent.len();
        figures.burst_failures = burst.failed();
        println!(
            "  sent {} messages; stopping the server (SIGTERM) while sending more…",
            burst.sent.len()
        );
        // What the server accepts while it stops must reach everyone, live or on
        // resuming; what it refuses was never sent.
        let stop_sending = AtomicBool::new(false);
        let rate = f64::from(options.rate);
        figures.rss_peak_kib = server.peak_rss_kib();
        let (at_stop, (down, stopped)) =
            tokio::join!(run.senders.until(rate, &stop_sending, 'S'), async {
                tokio::time::sleep(SENDING_INTO_THE_STOP).await;
                stop_sending.store(true, Ordering::Relaxed);
                (Instant::now(), server.terminate().await)
            });
        let overflows = listen_overflows();
        figures.stop_secs = stopped?.as_secs_f64();
        figures.at_stop = at_stop.sent.len();
        figures.at_stop_failures = at_stop.failures.clone();

        let server = Server::start(&self.database_url(), self.address, &run.log).await?;
        let back = server.ready_at;
        figures.down_secs = (back - down).as_secs_f64();
        let own_cpu = cpu_seconds_of("/proc/self/stat");
        wait_until("ready again", Duration::from_secs(120), || {
            let resynced = (0..run.clients)
                .filter(|&i| run.fleet.state(i).readies > before[i].readies)
                .count();
            (resynced, run.clients)
        })
        .await;
        let took = back.elapsed().as_secs_f64();
        figures.listen_overflows = listen_overflows() - overflows;
        figures.resync_server_cores = server.cpu_seconds() / took;
        figures.resync_bench_cores = (cpu_seconds_of("/proc/self/stat") - own_cpu) / took;
        tokio::time::sleep(Duration::from_secs(1)).await;
        run.count_resync(figures, &before, back);
        (figures.errors_while_down, figures.errors_after_ready) =
            errors_since(&run.fleet, run.clients, down, Some(back));
        burst.sent.extend(at_stop.sent);
        Ok((server, burst.sent))
    }
}

impl Run {
    /// Sends at the steady rate, waits for the deliveries, and times them.
    async fn load(
        &self,
        figures: &mut Figures,
        server: &Server,
        options: &ChatOptions,
    ) -> Vec<Sent> {
        let codes_before: Vec<usize> = (0..self.clients)
            .map(|i| self.fleet.state(i).close_codes.len())
            .collect();
        let (server_cpu, own_cpu, wall) = (
            server.cpu_seconds(),
            cpu_seconds_of("/proc/self/stat"),
            Instant::now(),
        );
        println!("  sending…");
        let load = self
            .senders
            .steady(f64::from(options.rate), options.seconds, 'L')
            .await;
        figures.expected = load.sent.len() as u64 * (options.group_size as u64 - 1);
        let delivered = || {
            (0..self.clients)
                .map(|i| self.fleet.state(i).timed_deliveries)
                .sum::<u64>()
        };
        settle(figures.expected, delivered).await;
        let wall = wall.elapsed().as_secs_f64();
        figures.server_cores = (server.cpu_seconds() - server_cpu) / wall;
        figures.bench_cores = (cpu_seconds_of("/proc/self/stat") - own_cpu) / wall;
        figures.delivered = delivered();
        figures.sent = load.sent.len();
        figures.send_failures = load.failures.clone();
        figures.sent_per_second = load.sent.len() as f64 / load.elapsed.as_secs_f64();
        figures.api = Spread::of(load.request_ms.clone());
        let mut latencies = Vec::with_capacity(figures.expected as usize);
        for (i, &codes) in codes_before.iter().enumerate() {
            let state = self.fleet.state(i);
            latencies.extend(state.latencies_us.iter().map(|&us| us as f64 / 1000.0));
            for &code in &state.close_codes[codes..] {
                *figures.dropped_during_load.entry(code).or_default() += 1;
            }
        }
        figures.delivery = Spread::of(latencies);
        println!(
            "  delivered {} of {}: {}",
            figures.delivered, figures.expected, figures.delivery
        );
        load.sent
    }

    /// How the clients came back after the restart.
    fn count_resync(&self, figures: &mut Figures, before: &[Before], back: Instant) {
        let (mut from_ready, mut from_drop) = (Vec::new(), Vec::new());
        for (i, was) in before.iter().enumerate() {
            let state = self.fleet.state(i);
            for &code in &state.close_codes[was.codes..] {
                *figures.close_codes.entry(code).or_default() += 1;
            }
            figures.recovered += state.recovered - was.recovered;
            figures.duplicates += state.duplicates - was.duplicates;
            figures.resets += u64::from(state.resets - was.resets);
            if state.readies <= was.readies {
                continue;
            }
            figures.resynced += 1;
            if let Some(ready) = state.ready_at {
                from_ready.push(ready.saturating_duration_since(back).as_secs_f64() * 1000.0);
                if let Some(dropped) = state.disconnected_at {
                    from_drop.push(ready.saturating_duration_since(dropped).as_secs_f64() * 1000.0);
                }
            }
        }
        figures.from_ready = Spread::of(from_ready);
        figures.from_drop = Spread::of(from_drop);
    }

    /// Did every member other than the author receive every accepted message?
    fn count_lost<'a>(&self, figures: &mut Figures, sent: impl Iterator<Item = &'a Sent>) {
        for sent in sent {
            for &member in &self.groups[sent.group].members {
                if member != sent.author {
                    figures.lost_expected += 1;
                    if !self.fleet.state(member).messages.contains(&sent.id) {
                        figures.lost += 1;
                    }
                }
            }
        }
    }
}

/// Marks every API token as used an hour ago (`stale`), as a server that has been up
/// for a while finds its clients' credentials, or just now.
async fn set_credentials_used(db_config: &Config, stale: bool) -> anyhow::Result<()> {
    let store = open_store(db_config).await?;
    let now = (system_clock())();
    let at = if stale { now - 3_600_000 } else { now };
    hearth_store::bulk::set_api_tokens_last_used(&mut *store.conn().await?, at).await?;
    store.close().await;
    Ok(())
}

/// Failed connection attempts since `since`, split at `split` (before, after).
fn errors_since(
    fleet: &Fleet,
    clients: usize,
    since: Instant,
    split: Option<Instant>,
) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
    let (mut early, mut late) = (BTreeMap::new(), BTreeMap::new());
    for i in 0..clients {
        for (at, what) in &fleet.state(i).errors {
            if *at < since {
                continue;
            }
            let bucket = match split {
                Some(split) if *at >= split => &mut late,
                _ => &mut early,
            };
            *bucket.entry(what.clone()).or_insert(0) += 1;
        }
    }
    (early, late)
}

/// Opens and closes a few hundred connections and sends a few hundred requests, so
/// that the memory read before the clients connect already holds the database pool,
/// the allocator's arenas and the code paths' first allocations.
async fn warm_up(base: &str, settings: &FleetSettings, pairs: &[(i64, String)], tokens: &[String]) {
    let some = pairs.len().min(200);
    let fleet = Fleet::open(settings, &pairs[..some]);
    wait_until("warming up", Duration::from_secs(60), || {
        (fleet.ready_total(), some)
    })
    .await;
    fleet.close().await;
    let client = reqwest::Client::new();
    futures_util::stream::iter(0..256)
        .map(|n| {
            let request = client
                .get(format!("{base}/api/hearth/v1/conversations?limit=20"))
                .bearer_auth(&tokens[n % some.max(1)]);
            async move {
                if let Ok(response) = request.send().await {
                    let _ = response.bytes().await;
                }
            }
        })
        .buffer_unordered(32)
        .collect::<Vec<()>>()
        .await;
}

/// Waits until `progress` answers (done, total) with done ≥ total, printing progress
/// every five seconds; answers whether it got there within `timeout`.
async fn wait_until(
    what: &str,
    timeout: Duration,
    mut progress: impl FnMut() -> (usize, usize),
) -> bool {
    let started = Instant::now();
    let mut said = Instant::now();
    loop {
        let (done, total) = progress();
        if done >= total {
            return true;
        }
        if started.elapsed() > timeout {
            println!(
                "  {what}: only {done} of {total} after {} s",
                timeout.as_secs()
            );
            return false;
        }
        if said.elapsed() >= Duration::from_secs(5) {
            println!("  {what}: {done} of {total}");
            said = Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until `expected` deliveries have arrived, or until none has for three
/// seconds (the rest are lost, or late enough to count as such).
async fn settle(expected: u64, mut delivered: impl FnMut() -> u64) {
    let mut last = delivered();
    let mut quiet_since = Instant::now();
    while last < expected && quiet_since.elapsed() < Duration::from_secs(3) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = delivered();
        if now != last {
            last = now;
            quiet_since = Instant::now();
        }
    }
}
