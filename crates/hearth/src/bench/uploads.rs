//! `hearth bench uploads`: what files cost. First, many large uploads at once over
//! HTTP against a `hearth serve` child on a fresh SQLite folder: total time, MB/s,
//! latency, and the server's peak memory (uploads stream to disk, so it should not
//! grow with the files). Then, in this process, how many thumbnails of a 12-megapixel
//! photo one core and every core make a second. It prints figures and asserts nothing.

use super::chat::report::{Spread, machine};
use super::chat::server::{Server, ServerLog, free_address};
use super::offboarding::make_person;
use crate::config::Config;
use crate::server::{app_settings, open_store};
use anyhow::{Context, bail};
use futures_util::StreamExt;
use hearth_app::domain::Role;
use hearth_app::files::images::{ImageLimits, demo_jpeg, process_attachment};
use hearth_app::{App, system_clock};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to measure.
#[derive(Debug, Clone)]
pub struct UploadsOptions {
    /// Uploads sent at once, each by a different person.
    pub uploads: usize,
    /// The size of each upload, in MiB.
    pub size_mb: u64,
    /// Seconds each thumbnail measurement runs.
    pub seconds: u64,
    /// The size of the photo thumbnailed, in megapixels (4:3).
    pub megapixels: u32,
}

/// The server's memory target from the issue, in MiB.
const TARGET_PEAK_MIB: f64 = 200.0;

/// The bytes of an upload come in chunks of this size, as a browser sends them.
const CHUNK: usize = 64 * 1024;

const BOUNDARY: &str = "hearth-bench-uploads-boundary";

pub async fn run(config: &Config, options: &UploadsOptions) -> anyhow::Result<()> {
    if options.uploads == 0
        || options.size_mb == 0
        || options.seconds == 0
        || options.megapixels == 0
    {
        bail!("--uploads, --size-mb, --seconds and --megapixels must be above 0");
    }
    if options.size_mb > config.uploads.max_file_mb {
        bail!(
            "--size-mb {} is over the configured uploads.max_file_mb ({})",
            options.size_mb,
            config.uploads.max_file_mb
        );
    }
    println!("machine: {}", machine());
    let dir = std::env::temp_dir().join(format!(
        "hearth-bench-uploads-{}-{}",
        std::process::id(),
        super::chat::clients::unix_nanos()
    ));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let measured = uploads(config, options, &dir).await;
    let _ = std::fs::remove_dir_all(&dir);
    measured?;
    thumbnails(options.megapixels, options.seconds).await
}

/// Many uploads at once against a server in its own process.
async fn uploads(config: &Config, options: &UploadsOptions, dir: &Path) -> anyhow::Result<()> {
    let mut db_config = config.clone();
    db_config.database_url = None;
    db_config.data_dir = dir.to_owned();
    let database_url = db_config.database_url();
    let store = open_store(&db_config).await?;
    let operator = App::new(
        store.clone(),
        app_settings(&db_config, 1020),
        system_clock(),
    )?;
    // One person per upload, so that no quota is shared: fifty people sending a file
    // at the same moment.
    let mut tokens = Vec::with_capacity(options.uploads);
    for i in 0..options.uploads {
        let email = format!("p{i}@uploads.bench.test");
        tokens.push(make_person(&operator, &email, Role::Member).await?.1);
    }
    store.close().await;

    let address = free_address()?;
    let log = ServerLog::default();
    let data_dir = dir.display().to_string();
    // A request may take as long as the slowest of many large uploads sharing the
    // line; the benchmark measures that time rather than cutting it at 30 s.
    let env = [
        ("HEARTH_DATA_DIR", data_dir.as_str()),
        ("HEARTH_REQUEST_TIMEOUT_SECS", "600"),
    ];
    let server = Server::start_with_env(&database_url, address, &log, &env).await?;
    let idle_kib = server.rss_kib();
    let url = format!("http://{address}/api/hearth/v1/uploads");
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(600))
        .build()?;
    let size = options.size_mb * 1024 * 1024;

    let started = Instant::now();
    let sends = tokens.iter().enumerate().map(|(i, token)| {
        let request = http
            .post(&url)
            .bearer_auth(token)
            .header(
                reqwest::header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(reqwest::Body::wrap_stream(multipart_body(i as u64, size)));
        async move {
            let sent = Instant::now();
            let response = request.send().await.map_err(|err| format!("{err}"))?;
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            if status != reqwest::StatusCode::CREATED {
                return Err(format!("{status}: {text}"));
            }
            Ok(sent.elapsed().as_secs_f64() * 1000.0)
        }
    });
    let outcomes = futures_util::future::join_all(sends).await;
    let elapsed = started.elapsed().as_secs_f64();
    let peak_kib = server.peak_rss_kib();
    server.terminate().await?;

    let mut latencies = Vec::new();
    let mut failures = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(ms) => latencies.push(ms),
            Err(err) => failures.push(err),
        }
    }
    let stored = latencies.len();
    let megabytes = (stored as u64 * size) as f64 / (1024.0 * 1024.0);
    let spread = Spread::of(latencies);
    println!(
        "{} concurrent uploads of {} MB: {stored} stored, {} failed in {elapsed:.1} s, {:.0} MB/s",
        options.uploads,
        options.size_mb,
        failures.len(),
        megabytes / elapsed
    );
    println!(
        "  latency p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        spread.p50, spread.p99, spread.max
    );
    println!(
        "  server memory: {:.0} MiB idle, {:.0} MiB peak (target: under {TARGET_PEAK_MIB:.0})",
        idle_kib / 1024.0,
        peak_kib / 1024.0
    );
    if let Some(first) = failures.first() {
        println!("  the first failure: {first}");
    }
    Ok(())
}

/// A multipart form of one `file` part holding `size` bytes that no other upload
/// has (each seed its own), made as they are sent so the client holds one chunk.
fn multipart_body(
    seed: u64,
    size: u64,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static {
    let head = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nattachment\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench-{seed}.bin\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    );
    let tail = format!("\r\n--{BOUNDARY}--\r\n");
    let chunks = size.div_ceil(CHUNK as u64);
    let mut random = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let bytes = futures_util::stream::iter(0..chunks).map(move |n| {
        let len = (size - n * CHUNK as u64).min(CHUNK as u64) as usize;
        let mut chunk = Vec::with_capacity(len + 8);
        while chunk.len() < len {
            chunk.extend_from_slice(&random.next().to_le_bytes());
        }
        chunk.truncate(len);
        Ok(chunk)
    });
    futures_util::stream::once(async move { Ok(head.into_bytes()) })
        .chain(bytes)
        .chain(futures_util::stream::once(
            async move { Ok(tail.into_bytes()) },
        ))
}

/// Cheap bytes that look random, so they neither compress nor look like an image.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Thumbnails of a JPEG photo, on one thread and then on every core.
async fn thumbnails(megapixels: u32, seconds: u64) -> anyhow::Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let seconds = Duration::from_secs(seconds);
    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        let dir = std::env::temp_dir().join(format!(
            "hearth-bench-thumbnails-{}-{}",
            std::process::id(),
            super::chat::clients::unix_nanos()
        ));
        std::fs::create_dir_all(&dir)?;
        let measured = thumbnails_in(&dir, megapixels, cores, seconds);
        let _ = std::fs::remove_dir_all(&dir);
        measured
    })
    .await?
}

fn thumbnails_in(
    dir: &Path,
    megapixels: u32,
    cores: usize,
    seconds: Duration,
) -> anyhow::Result<()> {
    // 4:3, as a phone camera takes them: 12 megapixels are 4000×3000.
    let height = (f64::from(megapixels) * 1e6 * 3.0 / 4.0).sqrt().round() as u32;
    let (width, height) = (height * 4 / 3, height);
    let photo = dir.join("photo.jpg");
    let jpeg = demo_jpeg(7, width, height);
    std::fs::write(&photo, &jpeg)?;
    println!(
        "thumbnails of a {width}×{height} JPEG ({:.1} MB; original re-encoded, 1280 px and 320 px made):",
        jpeg.len() as f64 / (1024.0 * 1024.0)
    );
    let mut threads = vec![1];
    if cores > 1 {
        threads.push(cores);
    }
    for threads in threads {
        let started = Instant::now();
        let per_thread: Vec<anyhow::Result<Vec<f64>>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    let out = dir.join(format!("out-{t}"));
                    let photo = photo.clone();
                    scope.spawn(move || process_for(&photo, &out, seconds))
                })
                .collect();
            workers
                .into_iter()
                .map(|w| {
                    w.join()
                        .unwrap_or_else(|_| Err(anyhow::anyhow!("a thread panicked")))
                })
                .collect()
        });
        let elapsed = started.elapsed().as_secs_f64();
        let mut durations = Vec::new();
        for result in per_thread {
            durations.extend(result?);
        }
        let images = durations.len();
        let spread = Spread::of(durations);
        println!(
            "  {threads} thread{}: {images} images in {elapsed:.1} s, {:.2} images/s, {:.0} ms per image (p50; p99 {:.0} ms)",
            if threads == 1 { "" } else { "s" },
            images as f64 / elapsed,
            spread.p50,
            spread.p99
        );
    }
    Ok(())
}

/// Processes `photo` again and again for `seconds` (at least once); answers the
/// milliseconds each took.
fn process_for(photo: &Path, out: &PathBuf, seconds: Duration) -> anyhow::Result<Vec<f64>> {
    let started = Instant::now();
    let mut durations = Vec::new();
    while durations.is_empty() || started.elapsed() < seconds {
        let _ = std::fs::remove_dir_all(out);
        std::fs::create_dir_all(out)?;
        let one = Instant::now();
        process_attachment(photo, out, ImageLimits::default())?;
        durations.push(one.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(durations)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body(seed: u64, size: u64) -> Vec<u8> {
        let chunks: Vec<Vec<u8>> = multipart_body(seed, size)
            .map(|chunk| chunk.unwrap())
            .collect()
            .await;
        chunks.concat()
    }

    fn find(haystack: &[u8], needle: &[u8]) -> usize {
        haystack
            .windows(needle.len())
            .position(|w| w == needle)
            .unwrap()
    }

    #[tokio::test]
    async fn an_upload_body_is_a_form_with_a_file_of_the_asked_size() {
        let body = body(3, 100_000).await;
        assert!(body.starts_with(format!("--{BOUNDARY}\r\n").as_bytes()));
        find(&body, b"name=\"file\"; filename=\"bench-3.bin\"");
        let tail = format!("\r\n--{BOUNDARY}--\r\n");
        assert!(body.ends_with(tail.as_bytes()));
        let start = find(&body, b"octet-stream\r\n\r\n") + b"octet-stream\r\n\r\n".len();
        assert_eq!(body.len() - tail.len() - start, 100_000);
    }

    #[tokio::test]
    async fn no_two_uploads_have_the_same_bytes() {
        let (one, other) = (body(3, 1000).await, body(4, 1000).await);
        assert_ne!(one[one.len() - 500..], other[other.len() - 500..]);
    }
}
