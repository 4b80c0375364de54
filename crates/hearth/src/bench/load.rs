//! Load over HTTP against a separate `hearth serve` process: throughput, latency
//! percentiles and the server's memory.

use super::seed::Seeded;
use anyhow::{Context, bail};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// The server under test.
pub struct Server {
    child: Child,
    pub base: String,
    pid: u32,
}

impl Server {
    pub async fn start(database_url: &str) -> anyhow::Result<Self> {
        let exe = std::env::current_exe().context("cannot find the hearth binary")?;
        let mut command = Command::new(exe);
        crate::bench::without_content_limits(&mut command);
        let mut child = command
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--database-url",
                database_url,
            ])
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .context("cannot start the server")?;
        let pid = child.id().context("the server has no pid")?;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let Some(line) = lines.next_line().await? else {
                bail!("the server stopped before listening");
            };
            if let Some(url) = line.strip_prefix("Hearth is listening on ") {
                break url.trim().to_owned();
            }
        };
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Self { child, base, pid })
    }

    /// Resident memory now, and its peak, in MiB.
    pub fn memory_mib(&self) -> (f64, f64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid)).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|kb| kb.parse::<f64>().ok())
                .map_or(0.0, |kb| kb / 1024.0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    pub async fn stop(mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.wait().await;
    }
}

/// One measurement's result.
#[derive(Debug, Clone)]
pub struct Figures {
    pub name: String,
    pub concurrency: usize,
    pub requests: u64,
    pub errors: u64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// What one request of a measurement does: (path, method, JSON body).
pub type MakeRequest =
    Arc<dyn Fn(usize, u64) -> (reqwest::Method, String, Option<serde_json::Value>) + Send + Sync>;

/// Runs `concurrency` workers for `seconds`, each issuing requests back to back.
pub async fn measure(
    name: &str,
    server: &Server,
    seeded: &Seeded,
    concurrency: usize,
    seconds: u64,
    make: MakeRequest,
) -> anyhow::Result<Figures> {
    measure_with(name, server, seeded, (concurrency, seconds), make, &[]).await
}

/// [`measure`], with these headers on every request.
pub async fn measure_with(
    name: &str,
    server: &Server,
    seeded: &Seeded,
    (concurrency, seconds): (usize, u64),
    make: MakeRequest,
    headers: &[(&'static str, String)],
) -> anyhow::Result<Figures> {
    let headers: Arc<[(&'static str, String)]> = headers.into();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(30))
        .build()?;
    let stop = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for worker in 0..concurrency {
        let (client, stop, errors, make, headers) = (
            client.clone(),
            stop.clone(),
            errors.clone(),
            make.clone(),
            headers.clone(),
        );
        let token = seeded.tokens[worker % seeded.tokens.len()].clone();
        let base = server.base.clone();
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let (method, path, body) = make(worker, n);
                n += 1;
                let mut request = client
                    .request(method, format!("{base}{path}"))
                    .bearer_auth(&token);
                for (name, value) in headers.iter() {
                    request = request.header(*name, value);
                }
                if let Some(body) = body {
                    request = request.json(&body);
                }
                let sent = Instant::now();
                match request.send().await {
                    Ok(response) if response.status().is_success() => {
                        let _ = response.bytes().await;
                        latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
                    }
                    _ => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            latencies
        }));
    }
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    for worker in workers {
        latencies.extend(worker.await?);
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let percentile = |p: f64| {
        if latencies.is_empty() {
            0.0
        } else {
            latencies[((latencies.len() - 1) as f64 * p).round() as usize]
        }
    };
    Ok(Figures {
        name: name.to_owned(),
        concurrency,
        requests: latencies.len() as u64,
        errors: errors.load(Ordering::Relaxed),
        per_second: latencies.len() as f64 / elapsed,
        p50_ms: percentile(0.50),
        p99_ms: percentile(0.99),
    })
}

/// Prints the figures as the Markdown table docs/BENCHMARKS.md records them.
pub fn print_table(results: &[Figures]) {
    println!();
    println!("| measurement | concurrency | requests | errors | per second | p50 ms | p99 ms |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for f in results {
        println!(
            "| {} | {} | {} | {} | {:.0} | {:.1} | {:.1} |",
            f.name, f.concurrency, f.requests, f.errors, f.per_second, f.p50_ms, f.p99_ms
        );
    }
}
