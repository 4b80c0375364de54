//! What `hearth bench chat` prints: the machine, each run's figures against the
//! targets, and a summary table for docs/BENCHMARKS.md.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

/// Targets from the issue, for 10,000 connected clients and 500 messages a second.
pub const TARGET_P99_MS: f64 = 50.0;
pub const TARGET_KIB_PER_CONNECTION: f64 = 16.0;
pub const TARGET_RESYNC_P99_MS: f64 = 2000.0;

/// Percentiles of a sample; all zero when it is empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct Spread {
    pub count: usize,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

impl Spread {
    pub fn of(mut sample: Vec<f64>) -> Self {
        if sample.is_empty() {
            return Self::default();
        }
        sample.sort_by(f64::total_cmp);
        let at = |p: f64| sample[((sample.len() - 1) as f64 * p).round() as usize];
        Self {
            count: sample.len(),
            p50: at(0.50),
            p90: at(0.90),
            p99: at(0.99),
            max: at(1.0),
        }
    }
}

impl std::fmt::Display for Spread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} samples)",
            self.p50, self.p90, self.p99, self.max, self.count
        )
    }
}

/// Counts by what happened, printed as `4001 × 10000, 1006 × 2`.
pub fn tally<K: std::fmt::Display>(counts: &BTreeMap<K, u64>) -> String {
    if counts.is_empty() {
        return "none".to_owned();
    }
    counts
        .iter()
        .map(|(k, n)| format!("{k} × {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One run's figures.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub clients: usize,
    pub groups: usize,
    pub group_size: usize,
    pub open_secs: f64,
    pub open_errors: BTreeMap<String, u64>,
    /// Connection attempts the kernel dropped, the listen queue being full.
    pub open_listen_overflows: u64,
    pub rss_before_kib: f64,
    pub rss_idle_kib: f64,
    /// The first server's peak, read before it is stopped: idle connections, the load
    /// and the burst.
    pub rss_peak_kib: f64,
    /// The restarted server's peak: every client reconnecting and resuming.
    pub rss_peak_restarted_kib: f64,
    pub rate: f64,
    pub seconds: u64,
    pub sent: usize,
    pub send_failures: BTreeMap<String, u64>,
    pub sent_per_second: f64,
    pub api: Spread,
    pub delivered: u64,
    pub expected: u64,
    pub delivery: Spread,
    pub dropped_during_load: BTreeMap<u16, u64>,
    pub server_cores: f64,
    pub bench_cores: f64,
    pub burst: usize,
    pub burst_failures: u64,
    /// Sent while the server was being stopped: accepted, and failed by cause.
    pub at_stop: usize,
    pub at_stop_failures: BTreeMap<String, u64>,
    pub stale_credentials: bool,
    pub stop_secs: f64,
    pub down_secs: f64,
    pub close_codes: BTreeMap<u16, u64>,
    pub resynced: usize,
    pub listen_overflows: u64,
    /// CPU used while the clients came back (the server's includes its start).
    pub resync_server_cores: f64,
    pub resync_bench_cores: f64,
    pub from_ready: Spread,
    pub from_drop: Spread,
    pub errors_while_down: BTreeMap<String, u64>,
    pub errors_after_ready: BTreeMap<String, u64>,
    pub recovered: u64,
    pub duplicates: u64,
    pub resets: u64,
    pub lost: u64,
    pub lost_expected: u64,
    /// Server log lines (warnings and errors) by kind.
    pub server_log: BTreeMap<String, u64>,
}

impl Figures {
    /// Failed reconnection attempts other than those refused because nothing
    /// listened yet.
    pub fn reconnection_errors(&self) -> u64 {
        let all: u64 = self.errors_while_down.values().sum::<u64>()
            + self.errors_after_ready.values().sum::<u64>();
        all - self
            .errors_while_down
            .get("connection refused")
            .copied()
            .unwrap_or(0)
    }

    pub fn kib_per_connection(&self) -> f64 {
        (self.rss_idle_kib - self.rss_before_kib) / self.clients.max(1) as f64
    }

    pub fn print(&self) {
        let mib = |kib: f64| kib / 1024.0;
        let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
        println!();
        println!(
            "clients: {} in {} conversations of {}; all open and ready in {:.1} s ({:.0}/s); failed attempts: {}; listen queue overflows: {}",
            self.clients,
            self.groups,
            self.group_size,
            self.open_secs,
            self.clients as f64 / self.open_secs.max(0.001),
            tally(&self.open_errors),
            self.open_listen_overflows,
        );
        println!(
            "idle memory: server {:.1} MiB before, {:.1} MiB with {} idle connections: {:.1} KiB per connection (target ≤ {TARGET_KIB_PER_CONNECTION} KiB: {})",
            mib(self.rss_before_kib),
            mib(self.rss_idle_kib),
            self.clients,
            self.kib_per_connection(),
            verdict(self.kib_per_connection() <= TARGET_KIB_PER_CONNECTION),
        );
        let failed: u64 = self.send_failures.values().sum();
        println!(
            "load: {:.0} messages/s asked for {} s; {} accepted, {} failed ({}); {:.1} accepted/s; API answered {}",
            self.rate,
            self.seconds,
            self.sent,
            failed,
            tally(&self.send_failures),
            self.sent_per_second,
            self.api,
        );
        println!(
            "delivery: {} of {} expected (members − 1 per message); latency send → received {} (target p99 ≤ {TARGET_P99_MS} ms: {})",
            self.delivered,
            self.expected,
            self.delivery,
            verdict(self.delivery.p99 <= TARGET_P99_MS && self.delivered == self.expected),
        );
        println!(
            "CPU during the load: server {:.2} cores, benchmark clients {:.2} cores (of {}); connections dropped during the load: {}",
            self.server_cores,
            self.bench_cores,
            std::thread::available_parallelism().map_or(0, usize::from),
            tally(&self.dropped_during_load),
        );
        println!(
            "restart: {} messages sent just before SIGTERM ({} failed), {} accepted while it stopped (refused: {}); credentials {}; stopped in {:.2} s; down {:.2} s in all; close codes seen: {}",
            self.burst,
            self.burst_failures,
            self.at_stop,
            tally(&self.at_stop_failures),
            if self.stale_credentials {
                "last used over a minute ago (each reconnection records its use)"
            } else {
                "used just now (no reconnection writes)"
            },
            self.stop_secs,
            self.down_secs,
            tally(&self.close_codes),
        );
        println!(
            "resync: {} of {} clients ready again; from the server listening again {} (target p99 ≤ {:.0} s: {}); from their own disconnect {}",
            self.resynced,
            self.clients,
            self.from_ready,
            TARGET_RESYNC_P99_MS / 1000.0,
            verdict(self.resynced == self.clients && self.from_ready.p99 <= TARGET_RESYNC_P99_MS),
            self.from_drop,
        );
        println!(
            "failed reconnection attempts: started while it was down {}; started after it was back {}; connection attempts dropped by the kernel (listen queue full, retried after 1, 3, 7, 15 s): {}; CPU meanwhile: server {:.2} cores, benchmark clients {:.2} cores",
            tally(&self.errors_while_down),
            tally(&self.errors_after_ready),
            self.listen_overflows,
            self.resync_server_cores,
            self.resync_bench_cores,
        );
        println!(
            "resume: {} messages first received while resuming, {} repeats dropped, {} resets; lost deliveries {} of {} (target 0: {})",
            self.recovered,
            self.duplicates,
            self.resets,
            self.lost,
            self.lost_expected,
            verdict(self.lost == 0),
        );
        println!(
            "server peak memory: {:.1} MiB ({:.1} MiB before the restart, {:.1} MiB after it)",
            mib(self.rss_peak_kib.max(self.rss_peak_restarted_kib)),
            mib(self.rss_peak_kib),
            mib(self.rss_peak_restarted_kib)
        );
        for (kind, count) in &self.server_log {
            println!("server log: {count} × {kind}");
        }
    }
}

/// The markdown table for docs/BENCHMARKS.md.
pub fn print_summary(runs: &[Figures]) {
    println!();
    println!(
        "| clients | KiB per idle connection | messages/s sent | deliveries | delivery p50 ms | p99 ms | max ms | resync p50 ms | p99 ms | max ms | failed reconnections (not counting refused while down) | lost |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in runs {
        println!(
            "| {} | {:.1} | {:.0} | {} / {} | {:.1} | {:.1} | {:.1} | {:.0} | {:.0} | {:.0} | {} | {} |",
            r.clients,
            r.kib_per_connection(),
            r.sent_per_second,
            r.delivered,
            r.expected,
            r.delivery.p50,
            r.delivery.p99,
            r.delivery.max,
            r.from_ready.p50,
            r.from_ready.p99,
            r.from_ready.max,
            r.reconnection_errors(),
            r.lost,
        );
    }
}

/// The machine the figures were taken on, in one line.
pub fn machine() -> String {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown CPU", |(_, m)| m.trim())
        .to_owned();
    let memory_gib = read("/proc/meminfo")
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    let os_release = read("/etc/os-release");
    let os = os_release
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map_or("Linux", |n| n.trim_matches('"'))
        .to_owned();
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let build = if cfg!(debug_assertions) {
        "debug build: figures are not representative, use --release"
    } else {
        "release build"
    };
    format!(
        "{} UTC; {cores} cores ({model}), {memory_gib:.1} GiB, {os}; {build}",
        today()
    )
}

/// Today's date (UTC) as YYYY-MM-DD, from the days since 1970 (Hinnant's algorithm).
fn today() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_come_from_the_sorted_sample() {
        let spread = Spread::of((1..=100).rev().map(f64::from).collect());
        assert_eq!(spread.count, 100);
        assert_eq!(spread.p50, 51.0);
        assert_eq!(spread.p99, 99.0);
        assert_eq!(spread.max, 100.0);
        assert_eq!(Spread::of(Vec::new()).count, 0);
    }

    #[test]
    fn the_date_is_a_calendar_date() {
        let date = today();
        assert_eq!(date.len(), 10);
        assert!(date.starts_with("20"));
    }
}
