//! `hearth bench offboarding`: how fast a deactivation shuts a person out. For each
//! try, one person holds 50 open live connections and a client keeps asking the API
//! as them; an admin deactivates them, and the benchmark measures the time from the
//! request to the last connection closed and to the first refused API request.
//!
//! Two ways in: through the admin API of the running server, and from another process
//! sharing no bus with it (what `hearth admin deactivate` is), which the server learns
//! of by polling its orders table. It prints figures and asserts nothing.

use super::chat::report::{Spread, machine};
use super::chat::server::{Server, ServerLog, free_address};
use crate::config::Config;
use crate::server::{app_settings, open_store};
use anyhow::{Context, bail};
use futures_util::StreamExt;
use hearth_app::audit::Acting;
use hearth_app::domain::{Actor, Role, UserId};
use hearth_app::{App, accounts, lifecycle, system_clock, tokens};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::header;

/// Connections each person holds when deactivated.
const CONNECTIONS: usize = 50;

/// How long a try may take before it counts as a failure.
const GIVE_UP: Duration = Duration::from_secs(10);

pub async fn run(config: &Config, tries: usize) -> anyhow::Result<()> {
    if tries == 0 {
        bail!("--tries must be above 0");
    }
    println!("machine: {}", machine());
    let dir = std::env::temp_dir().join(format!(
        "hearth-bench-offboarding-{}-{}",
        std::process::id(),
        super::chat::clients::unix_nanos()
    ));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut db_config = config.clone();
    db_config.database_url = None;
    db_config.data_dir = dir.clone();
    let database_url = db_config.database_url();
    println!(
        "database: {}",
        hearth_app::database::redact_url(&database_url)
    );

    let store = open_store(&db_config).await?;
    let operator = App::new(
        store.clone(),
        app_settings(&db_config, 1020),
        system_clock(),
    )?;
    if !hearth_app::setup::needs_setup(&operator).await? {
        bail!("the benchmark needs an empty database");
    }
    let admin = make_person(&operator, "admin@offboarding.bench.test", Role::Admin).await?;
    let mut people = Vec::with_capacity(2 * tries);
    for i in 0..2 * tries {
        let email = format!("p{i}@offboarding.bench.test");
        people.push(make_person(&operator, &email, Role::Member).await?);
    }
    println!("seeded {} people with API tokens", people.len());

    let address = free_address()?;
    let log = ServerLog::default();
    let server = Server::start(&database_url, address, &log).await?;
    let base = format!("http://{address}");
    let http = reqwest::Client::new();

    let (api_people, cli_people) = people.split_at(tries);
    let mut api = Samples::default();
    for person in api_people {
        let admin_token = admin.1.clone();
        let client = http.clone();
        let base_url = base.clone();
        let id = person.0;
        let sample = measure(&base, &http, &person.1, || async move {
            let response = client
                .post(format!("{base_url}/api/hearth/v1/users/{id}/deactivate"))
                .bearer_auth(admin_token)
                .json(&serde_json::json!({ "reason": "benchmark" }))
                .send()
                .await?;
            if !response.status().is_success() {
                bail!("deactivation answered {}", response.status());
            }
            Ok(())
        })
        .await;
        api.add(sample);
    }
    api.print("through the admin API");

    let mut cli = Samples::default();
    for person in cli_people {
        let operator = operator.clone();
        let id = person.0;
        let sample = measure(&base, &http, &person.1, || async move {
            lifecycle::deactivate(&operator, Acting::operator(), id, "benchmark").await?;
            Ok(())
        })
        .await;
        cli.add(sample);
    }
    cli.print("from another process (the command line)");

    server.terminate().await?;
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// A person and their API token.
pub(super) async fn make_person(
    app: &App,
    email: &str,
    role: Role,
) -> anyhow::Result<(UserId, String)> {
    let user = accounts::create_user(
        app,
        &Actor::Operator,
        accounts::NewAccount {
            email,
            name: "Bench Person",
            password: None,
            role,
            company_if_new: Some("Offboarding Benchmark Ltd"),
        },
    )
    .await?;
    let token = tokens::create(
        app,
        &Actor::Operator,
        user.id,
        "benchmark",
        Default::default(),
    )
    .await?;
    Ok((user.id, token.secret))
}

/// One try: times in milliseconds from the deactivation request.
struct Sample {
    last_closed: f64,
    first_refused: f64,
}

#[derive(Default)]
struct Samples {
    closed: Vec<f64>,
    refused: Vec<f64>,
    failures: Vec<String>,
}

impl Samples {
    fn add(&mut self, sample: anyhow::Result<Sample>) {
        match sample {
            Ok(sample) => {
                self.closed.push(sample.last_closed);
                self.refused.push(sample.first_refused);
            }
            Err(err) => self.failures.push(format!("{err:#}")),
        }
    }

    fn print(&self, how: &str) {
        println!("deactivation {how}:");
        println!(
            "  to the last of {CONNECTIONS} live connections closed: {}",
            Spread::of(self.closed.clone())
        );
        println!(
            "  to the first refused API request:        {}",
            Spread::of(self.refused.clone())
        );
        if !self.failures.is_empty() {
            println!(
                "  {} tries failed; the first: {}",
                self.failures.len(),
                self.failures[0]
            );
        }
    }
}

async fn measure<F, Fut>(
    base: &str,
    http: &reqwest::Client,
    token: &str,
    deactivate: F,
) -> anyhow::Result<Sample>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let mut sockets = Vec::with_capacity(CONNECTIONS);
    for _ in 0..CONNECTIONS {
        sockets.push(open(base, token).await?);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let prober = {
        let http = http.clone();
        let url = format!("{base}/api/hearth/v1/me");
        let token = token.to_owned();
        let stop = stop.clone();
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                if let Ok(response) = http.get(&url).bearer_auth(&token).send().await
                    && response.status() == reqwest::StatusCode::UNAUTHORIZED
                {
                    return Some(Instant::now());
                }
            }
            None
        })
    };
    // Let the prober be mid-flight, as a busy client would be.
    tokio::time::sleep(Duration::from_millis(20)).await;
    let started = Instant::now();
    deactivate().await?;
    let closings = sockets.into_iter().map(|mut socket| async move {
        while let Some(message) = socket.next().await {
            if matches!(
                message,
                Ok(tokio_tungstenite::tungstenite::Message::Close(_)) | Err(_)
            ) {
                break;
            }
        }
        Instant::now()
    });
    let closed = tokio::time::timeout(GIVE_UP, futures_util::future::join_all(closings))
        .await
        .context("a connection stayed open for ten seconds")?;
    let last_closed = closed.into_iter().max().unwrap_or(started);
    let refused = tokio::time::timeout(GIVE_UP, prober).await;
    stop.store(true, Ordering::Relaxed);
    let first_refused = refused
        .context("the API kept answering for ten seconds")?
        .context("the prober failed")?
        .context("the prober stopped")?;
    let millis = |at: Instant| at.saturating_duration_since(started).as_secs_f64() * 1000.0;
    Ok(Sample {
        last_closed: millis(last_closed),
        first_refused: millis(first_refused),
    })
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn open(base: &str, token: &str) -> anyhow::Result<Socket> {
    let url = format!(
        "{}/api/hearth/v1/stream",
        base.replacen("http://", "ws://", 1)
    );
    let mut request = url.into_client_request()?;
    request
        .headers_mut()
        .insert(header::AUTHORIZATION, format!("Bearer {token}").parse()?);
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await?;
    // Wait for `ready`, so the connection is registered before the deactivation.
    loop {
        match tokio::time::timeout(GIVE_UP, socket.next()).await {
            Ok(Some(Ok(tokio_tungstenite::tungstenite::Message::Text(text))))
                if text.contains("\"ready\"") =>
            {
                return Ok(socket);
            }
            Ok(Some(Ok(_))) => continue,
            other => bail!("the stream did not become ready: {other:?}"),
        }
    }
}
