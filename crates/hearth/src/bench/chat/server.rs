//! The server under test: `hearth serve` as a child process on a fixed loopback
//! port, so that it can be stopped and started again where its clients expect it,
//! and so that its memory and CPU time are its own.

use anyhow::{Context, bail};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub struct Server {
    child: Child,
    pid: u32,
    /// When it announced that it listens.
    pub ready_at: Instant,
}

/// What the servers logged (warnings and errors), counted by message; the first of
/// each kind is also shown as it comes.
pub type ServerLog = Arc<Mutex<BTreeMap<String, u64>>>;

/// A log line without its time and its fields, to count alike lines together.
fn log_kind(line: &str) -> String {
    line.split_whitespace()
        .skip_while(|word| word.ends_with('Z') && word.contains('T'))
        .take_while(|word| !word.contains('='))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A loopback address with a port nobody listens on now. The port is released before
/// the server binds it, which leaves a small window in which another program could
/// take it; the server then fails to start, and says so.
pub fn free_address() -> anyhow::Result<SocketAddr> {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").context("no free loopback port")?;
    Ok(probe.local_addr()?)
}

impl Server {
    /// Starts `hearth serve` on `address` and waits until it listens.
    pub async fn start(
        database_url: &str,
        address: SocketAddr,
        log: &ServerLog,
    ) -> anyhow::Result<Self> {
        Self::start_with_env(database_url, address, log, &[]).await
    }

    /// Starts `hearth serve` as [`Server::start`] does, with more `HEARTH_*` settings
    /// in its environment (such as `HEARTH_DATA_DIR`, where its files go).
    pub async fn start_with_env(
        database_url: &str,
        address: SocketAddr,
        log: &ServerLog,
        env: &[(&str, &str)],
    ) -> anyhow::Result<Self> {
        let exe = std::env::current_exe().context("cannot find the hearth binary")?;
        let mut command = Command::new(exe);
        crate::bench::without_content_limits(&mut command);
        let mut child = command
            .args([
                "serve",
                "--listen",
                &address.to_string(),
                "--database-url",
                database_url,
            ])
            .env("RUST_LOG", "warn")
            .envs(env.iter().copied())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .context("cannot start the server")?;
        let pid = child.id().context("the server has no pid")?;
        let stderr = child.stderr.take().context("no stderr")?;
        let log = log.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(stderr).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                let kind = log_kind(&line);
                let mut counts = log.lock().unwrap_or_else(PoisonError::into_inner);
                let seen = counts.entry(kind).or_insert(0);
                if *seen == 0 {
                    eprintln!("server: {line}");
                }
                *seen += 1;
            }
        });
        let stdout = child.stdout.take().context("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        loop {
            let Some(line) = lines.next_line().await? else {
                bail!("the server stopped before listening (is {address} taken?)");
            };
            if line.starts_with("Hearth is listening on ") {
                break;
            }
        }
        let ready_at = Instant::now();
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Self {
            child,
            pid,
            ready_at,
        })
    }

    fn status_field_kib(&self, name: &str) -> f64 {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid)).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|kb| kb.parse::<f64>().ok())
            .unwrap_or(0.0)
    }

    /// Resident memory now, in KiB.
    pub fn rss_kib(&self) -> f64 {
        self.status_field_kib("VmRSS:")
    }

    /// Peak resident memory, in KiB.
    pub fn peak_rss_kib(&self) -> f64 {
        self.status_field_kib("VmHWM:")
    }

    /// CPU time used so far (user and system), in seconds.
    pub fn cpu_seconds(&self) -> f64 {
        cpu_seconds_of(&format!("/proc/{}/stat", self.pid))
    }

    /// Asks the server to stop (SIGTERM, as an operator or a service manager would)
    /// and waits until it has; answers how long that took.
    pub async fn terminate(mut self) -> anyhow::Result<Duration> {
        let asked = Instant::now();
        // `kill(1)` rather than a signal call of our own: the workspace forbids
        // `unsafe`, and this is not a hot path.
        let sent = Command::new("kill")
            .args(["-TERM", &self.pid.to_string()])
            .status()
            .await
            .context("cannot run kill")?;
        if !sent.success() {
            bail!("kill -TERM {} failed", self.pid);
        }
        match tokio::time::timeout(Duration::from_secs(60), self.child.wait()).await {
            Ok(status) => {
                status?;
            }
            Err(_) => {
                self.child.start_kill()?;
                self.child.wait().await?;
                bail!("the server did not stop within 60 s of SIGTERM; killed it");
            }
        }
        Ok(asked.elapsed())
    }
}

/// How many connection attempts the kernel dropped so far because a listening
/// socket's accept queue was full (`TcpExt: ListenOverflows`, for the whole machine).
/// A dropped attempt is retried by the client's kernel after 1 s, then 3, 7, 15 s.
pub fn listen_overflows() -> u64 {
    let netstat = std::fs::read_to_string("/proc/net/netstat").unwrap_or_default();
    let mut lines = netstat.lines().filter(|l| l.starts_with("TcpExt:"));
    let (Some(names), Some(values)) = (lines.next(), lines.next()) else {
        return 0;
    };
    names
        .split_whitespace()
        .zip(values.split_whitespace())
        .find(|(name, _)| *name == "ListenOverflows")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0)
}

/// CPU time (user and system) of the process whose `stat` file this is, in seconds.
/// Linux counts it in USER_HZ, which is 100 on every common architecture.
pub fn cpu_seconds_of(stat_path: &str) -> f64 {
    let stat = std::fs::read_to_string(stat_path).unwrap_or_default();
    // The command name, in parentheses, may contain spaces; fields follow it.
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the name: state is field 3 (index 0 here); utime and stime are 14 and 15.
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_are_counted_without_their_time_and_fields() {
        let line = "2026-11-26T04:43:38.786419Z  WARN sqlx::pool::acquire: acquired connection, \
                    but slow aquired_after_secs=2.0 slow_acquire_threshold_secs=2.0";
        assert_eq!(
            log_kind(line),
            "WARN sqlx::pool::acquire: acquired connection, but slow"
        );
    }
}
