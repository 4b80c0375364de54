//! The server's life: open the database and migrate it, print the first-run link,
//! serve until told to stop, then let in-flight requests finish and close cleanly.

use crate::config::{Config, SqliteSynchronous};
use anyhow::Context;
use hearth_app::database::{Store, StoreOptions};
use hearth_app::{App, AppSettings, ContentLimits, SignInLimits, sessions, setup, system_clock};
use hearth_http::{AppState, HttpSettings};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Opens the configured database, creating the SQLite folder when needed, and brings
/// its schema up to date.
pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    let url = config.database_url();
    if config.uses_data_dir_database() {
        std::fs::create_dir_all(&config.data_dir).with_context(|| {
            format!(
                "cannot create the data folder {}",
                config.data_dir.display()
            )
        })?;
    }
    let options = StoreOptions {
        max_connections: config.db_max_connections,
        sqlite_sync_every_commit: config.sqlite_synchronous == SqliteSynchronous::Full,
        ..StoreOptions::default()
    };
    let store = Store::connect(&url, &options).await.with_context(|| {
        format!(
            "cannot open the database {}",
            hearth_app::database::redact_url(&url)
        )
    })?;
    store.migrate().await?;
    Ok(store)
}

pub fn app_settings(config: &Config, node_id: u32) -> AppSettings {
    AppSettings {
        node_id,
        session_lifetime: config.session_lifetime(),
        session_idle_timeout: config.session_idle_timeout(),
        sign_in_limits: SignInLimits::default(),
        content_limits: config.limits.content_limits(),
        public_url: config.public_url.as_deref().map_or_else(
            || format!("http://{}", config.listen),
            |url| url.trim_end_matches('/').to_owned(),
        ),
        mail_delay: config.mail_delay(),
        mail_cap_per_hour: config.mail_cap_per_hour,
        mail_claim: Duration::from_secs(config.mail_claim_secs),
        mail_concurrency: config.mail_concurrency as usize,
        files: config.file_settings(),
        ..AppSettings::default()
    }
}

/// As [`app_settings`], without content limits: for seeding demo and benchmark data,
/// which goes through the use cases at machine speed as a handful of people.
pub fn seeding_settings(config: &Config, node_id: u32) -> AppSettings {
    AppSettings {
        content_limits: ContentLimits::NONE,
        ..app_settings(config, node_id)
    }
}

/// A server accepting connections.
pub struct RunningServer {
    pub addr: SocketAddr,
    /// Where `/metrics` is served when `metrics_listen` is configured.
    pub metrics_addr: Option<SocketAddr>,
    pub public_url: String,
    /// The first-run link, when the database had no network yet.
    pub setup_link: Option<String>,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
}

impl RunningServer {
    /// Stops accepting, lets in-flight requests finish, and closes the database.
    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        self.task.await.context("the server task failed")?
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully.
    pub async fn run_until_signal(self) -> anyhow::Result<()> {
        shutdown_signal().await;
        tracing::info!("shutting down; letting in-flight requests finish");
        self.shutdown().await
    }
}

/// Starts the server: database, migrations, first-run link, listener.
pub async fn start(config: &Config) -> anyhow::Result<RunningServer> {
    start_with(config, AppSettings::default().sign_in_limits).await
}

/// As [`start`], with explicit sign-in limits (tests exercise the limiter).
pub async fn start_with(config: &Config, limits: SignInLimits) -> anyhow::Result<RunningServer> {
    let store = open_store(config).await?;
    let listen = config.listen_addr()?;
    let listener = bind(listen).with_context(|| format!("cannot listen on {listen}"))?;
    let addr = listener.local_addr()?;
    let metrics_listener = match config.metrics_listen_addr()? {
        Some(metrics) => Some(
            bind(metrics)
                .with_context(|| format!("cannot listen on {metrics} for metrics_listen"))?,
        ),
        None => None,
    };
    let metrics_addr = metrics_listener
        .as_ref()
        .map(tokio::net::TcpListener::local_addr)
        .transpose()?;
    let public_url = config.public_url(addr);
    let settings = AppSettings {
        sign_in_limits: limits,
        public_url: public_url.clone(),
        ..app_settings(config, config.node_id)
    };
    let app = match config.nats_url.as_deref().filter(|url| !url.is_empty()) {
        None => App::new(store.clone(), settings, system_clock())?,
        Some(url) => {
            let bus = crate::nats_bus::NatsBus::connect(url).await?;
            App::with_bus(store.clone(), settings, system_clock(), Arc::new(bus))?
        }
    };

    app.files()
        .check()
        .await
        .with_context(|| format!("file storage ({}) does not work", app.files().describe()))?;
    tracing::info!(storage = %app.files().describe(), "files are stored");

    let setup_link = setup::issue_link(&app)
        .await
        .context("cannot prepare the first-run set-up link")?
        .map(|secret| format!("{public_url}/setup?token={secret}"));

    let state = AppState::new(
        app.clone(),
        HttpSettings {
            public_url: public_url.clone(),
            secure_cookies: public_url.starts_with("https://"),
            trust_forwarded_for: config.trust_forwarded_for,
            request_timeout: config.request_timeout(),
            oidc: config
                .oidc_settings()
                .map(|settings| hearth_http::OidcProvider::new(settings, &public_url))
                .transpose()
                .context("the [oidc] settings cannot work")?
                .map(Arc::new),
            public_metrics: metrics_listener.is_none(),
        },
    );
    let metrics = metrics_listener.map(|listener| {
        let router = hearth_http::metrics_router(state.clone());
        tokio::spawn(async move {
            if let Err(err) = axum::serve(listener, router).await {
                tracing::error!(error = %err, "the metrics listener failed");
            }
        })
    });
    let live = state.clone();
    let router = hearth_http::router(state);
    let (shutdown_tx, shutdown_rx) = oneshot::channel::<()>();
    let purge = tokio::spawn(purge_sessions_periodically(app.clone()));
    let touches = tokio::spawn(write_touches_periodically(app.clone()));
    let orders = tokio::spawn(hearth_app::live::follow_node_orders(app.clone()));
    let fan_outs = tokio::spawn(catch_up_fan_outs_periodically(app.clone()));
    let polls = tokio::spawn(run_timed_work_periodically(app.clone()));
    let mail = match &config.smtp {
        Some(smtp) => {
            let transport = crate::mailer::SmtpMailer::new(smtp, config.mail_concurrency)?;
            tracing::info!(host = %smtp.host, port = smtp.port, "sending e-mail through SMTP");
            Some(tokio::spawn(crate::mailer::deliver_periodically(
                app.clone(),
                transport,
            )))
        }
        None => {
            tracing::info!(
                "no [smtp] configured: no e-mail is sent; the outbox keeps it until one is"
            );
            None
        }
    };
    let digests = config.digest.enabled.then(|| {
        tokio::spawn(send_digests_periodically(
            app.clone(),
            config.digest.clone(),
        ))
    });
    let task = tokio::spawn(async move {
        let served = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = shutdown_rx.await;
            // Live connections would hold the shutdown open; their clients resume.
            live.close_live_connections();
        })
        .await;
        purge.abort();
        touches.abort();
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        orders.abort();
        fan_outs.abort();
        polls.abort();
        // What the last requests wrote is told about before the database closes; a
        // post left untold is taken up at the next start.
        if tokio::time::timeout(FAN_OUT_GRACE, app.settled())
            .await
            .is_err()
        {
            tracing::warn!("stopped before telling people about every new post");
        }
        if let Some(mail) = mail {
            mail.abort();
        }
        if let Some(digests) = digests {
            digests.abort();
        }
        if let Err(err) = app.write_touches().await {
            tracing::warn!(error = %err, "could not record when sessions were last seen");
        }
        store.close().await;
        served.context("the HTTP server failed")
    });
    tracing::info!(address = %addr, database = store_kind(config), "Hearth is listening");
    if let Some(metrics) = metrics_addr {
        tracing::info!(address = %metrics, "serving /metrics");
    }
    Ok(RunningServer {
        addr,
        metrics_addr,
        public_url,
        setup_link,
        shutdown: Some(shutdown_tx),
        task,
    })
}

fn store_kind(config: &Config) -> &'static str {
    match hearth_app::database::Backend::from_url(&config.database_url()) {
        Ok(hearth_app::database::Backend::Postgres) => "postgres",
        _ => "sqlite",
    }
}

/// How many connections may wait to be accepted. The standard library's 128 drops
/// most of the clients that reconnect together after a restart (see the chat
/// benchmark in docs/BENCHMARKS.md); the kernel caps this at `somaxconn`.
const LISTEN_BACKLOG: u32 = 4096;

fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    // A restarted node must get its port back while old connections linger.
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Records, every few seconds, when sessions were last seen and tokens last used
/// (see `hearth_app::App::write_touches`).
async fn write_touches_periodically(app: App) {
    let mut every = tokio::time::interval(Duration::from_secs(5));
    loop {
        every.tick().await;
        if let Err(err) = app.write_touches().await {
            tracing::warn!(error = %err, "could not record when sessions were last seen");
        }
    }
}

/// Sends the daily digest once a day from the configured hour (UTC) on, and the
/// weekly one (and the admins' network health e-mail) on the configured day. A node that starts after the hour still sends
/// that day's; several nodes may all try, and the outbox keys let one through.
async fn send_digests_periodically(app: App, config: crate::config::DigestConfig) {
    use hearth_app::domain::DigestPeriod;
    const DAY: i64 = 24 * 3600 * 1000;
    let weekday = config.weekday().unwrap_or(0);
    let mut every = tokio::time::interval(Duration::from_secs(60));
    let (mut daily_done, mut weekly_done, mut health_done) = (None, None, None);
    loop {
        every.tick().await;
        let now = app.now();
        let day = now.div_euclid(DAY);
        let hour = now.rem_euclid(DAY) / 3_600_000;
        if hour < i64::from(config.hour_utc) {
            continue;
        }
        // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
        let today = u8::try_from((day + 3).rem_euclid(7)).unwrap_or(0);
        let mut due = Vec::new();
        if daily_done != Some(day) {
            due.push(DigestPeriod::Daily);
        }
        if today == weekday && weekly_done != Some(day) {
            due.push(DigestPeriod::Weekly);
        }
        for period in due {
            match hearth_app::digests::send(&app, period, now).await {
                Ok(_) => match period {
                    DigestPeriod::Daily => daily_done = Some(day),
                    DigestPeriod::Weekly => weekly_done = Some(day),
                },
                Err(err) => {
                    tracing::warn!(error = %err, period = period.as_str(), "could not send digests");
                }
            }
        }
        // The admins' weekly figures go out on the weekly digest's day, tried again
        // each minute until they are enqueued.
        if today == weekday && health_done != Some(day) {
            match hearth_app::analytics::health::send(&app, now).await {
                Ok(_) => health_done = Some(day),
                Err(err) => {
                    tracing::warn!(error = %err, "could not send the network health e-mails")
                }
            }
        }
    }
}

/// How long a stopping server waits for the notifications of its last posts.
const FAN_OUT_GRACE: Duration = Duration::from_secs(10);

/// Takes up the posts whose notifications a node left unwritten when it stopped:
/// at start, everything left; then, every few seconds, what has waited longer than
/// any node's worker should take.
async fn catch_up_fan_outs_periodically(app: App) {
    let mut older_than = Duration::ZERO;
    let mut every = tokio::time::interval(Duration::from_secs(10));
    loop {
        every.tick().await;
        match hearth_app::fan_out::catch_up(&app, older_than).await {
            Ok(0) => {}
            Ok(taken) => tracing::info!(posts = taken, "told people about posts left waiting"),
            Err(err) => tracing::warn!(error = %err, "could not take up posts left waiting"),
        }
        older_than = Duration::from_secs(30);
    }
}

/// Tells the authors of polls that closed at their time, within seconds of it,
/// publishes the articles scheduled for now, ends guests' access when it runs out and
/// reminds their sponsors a week before.
async fn run_timed_work_periodically(app: App) {
    let mut every = tokio::time::interval(Duration::from_secs(15));
    loop {
        every.tick().await;
        match hearth_app::articles::publish_due(&app).await {
            Ok(0) => {}
            Ok(published) => tracing::info!(articles = published, "published scheduled articles"),
            Err(err) => tracing::warn!(error = %err, "could not publish scheduled articles"),
        }
        match hearth_app::guests::run_due(&app).await {
            Ok((0, 0)) => {}
            Ok((ended, reminded)) => {
                tracing::info!(
                    ended,
                    reminded,
                    "ended guests' access and reminded sponsors"
                );
            }
            Err(err) => tracing::warn!(error = %err, "could not end guests' access"),
        }
        match hearth_app::polls::tell_closed(&app).await {
            Ok(0) => {}
            Ok(told) => tracing::info!(polls = told, "told authors their polls closed"),
            Err(err) => tracing::warn!(error = %err, "could not tell authors their polls closed"),
        }
    }
}

/// Hourly housekeeping: expired sessions, the planner's statistics, live events too
/// old to resume from, each network's retention policy, files nobody attached or
/// refers to any more, and the analytics of the days completed since the last run.
async fn purge_sessions_periodically(app: App) {
    let mut every = tokio::time::interval(Duration::from_secs(3600));
    loop {
        every.tick().await;
        match sessions::purge_expired(&app).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(sessions = purged, "expired sessions removed"),
            Err(err) => tracing::warn!(error = %err, "could not remove expired sessions"),
        }
        if let Err(err) = app.store().refresh_statistics().await {
            tracing::warn!(error = %err, "could not refresh the planner's statistics");
        }
        if let Err(err) = hearth_app::live::forget_old_node_orders(&app).await {
            tracing::warn!(error = %err, "could not forget old orders for the nodes");
        }
        match hearth_app::live::forget_old_events(&app).await {
            Ok(0) => {}
            Ok(forgotten) => tracing::info!(events = forgotten, "old live events forgotten"),
            Err(err) => tracing::warn!(error = %err, "could not forget old live events"),
        }
        if let Err(err) = hearth_app::retention::apply_scheduled(&app).await {
            tracing::warn!(error = %err, "could not apply the retention policy");
        }
        if let Err(err) = hearth_app::uploads::sweep(&app).await {
            tracing::warn!(error = %err, "could not sweep unattached uploads and unused files");
        }
        if let Err(err) = hearth_app::analytics::count_due(&app).await {
            tracing::warn!(error = %err, "could not count the analytics of the days past");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
