//! The live-stream clients: one WebSocket per person, as a browser tab or a script
//! holds it. Each client waits for `ready`, keeps the id of the last event and the
//! messages it received, measures how long each message took to reach it, and, when
//! its connection ends, reconnects with `?after=` and a jittered backoff, as
//! docs/API.md asks.

use futures_util::StreamExt;
use rand::Rng;
use serde::Deserialize;
use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::net::TcpStream;
use tokio::sync::{Semaphore, SemaphorePermit, watch};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// The body prefix of messages whose delivery latency is measured: `bench L <unix
/// nanoseconds when sent>`.
pub const TIMED: &str = "bench L ";
/// Close code recorded when a connection ended without a close frame.
pub const NO_CLOSE_FRAME: u16 = 1006;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
const FIRST_BACKOFF: Duration = Duration::from_millis(100);

/// What one client saw.
#[derive(Debug, Default)]
pub struct ClientState {
    /// The largest event id received, sent back as `after` when reconnecting.
    pub last_event: Option<i64>,
    /// Every message id received, once.
    pub messages: HashSet<i64>,
    /// Delivery latencies of timed messages from others, in microseconds.
    pub latencies_us: Vec<u64>,
    /// Timed messages from others received.
    pub timed_deliveries: u64,
    /// `ready` frames received, one per successful connection.
    pub readies: u32,
    pub ready_at: Option<Instant>,
    /// When the last connection that had been ready ended.
    pub disconnected_at: Option<Instant>,
    /// Close codes of connections that had been ready.
    pub close_codes: Vec<u16>,
    /// Failed connection attempts: when each started, and what went wrong.
    pub errors: Vec<(Instant, String)>,
    pub resets: u32,
    /// Messages first received while resuming (sent before `ready` on a reconnection).
    pub recovered: u64,
    /// Messages received again (the resume overlap), and dropped.
    pub duplicates: u64,
}

/// Where and how the clients connect.
#[derive(Debug, Clone)]
pub struct FleetSettings {
    pub address: SocketAddr,
    /// First connections opened at once.
    pub connect_concurrency: usize,
    /// The longest wait between reconnection attempts.
    pub max_backoff: Duration,
}

struct Shared {
    url: String,
    gate: Semaphore,
    ready_total: AtomicUsize,
    max_backoff: Duration,
}

/// Many clients, each on its own task.
pub struct Fleet {
    pub states: Vec<Arc<Mutex<ClientState>>>,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

fn lock(state: &Mutex<ClientState>) -> MutexGuard<'_, ClientState> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Unix time now, in nanoseconds.
pub fn unix_nanos() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

impl Fleet {
    /// Starts one client per `(user id, token)`; their first connections go
    /// `connect_concurrency` at a time.
    pub fn open(settings: &FleetSettings, people: &[(i64, String)]) -> Self {
        let shared = Arc::new(Shared {
            url: format!("ws://{}/api/hearth/v1/stream", settings.address),
            gate: Semaphore::new(settings.connect_concurrency.max(1)),
            ready_total: AtomicUsize::new(0),
            max_backoff: settings.max_backoff,
        });
        let (stop, stopped) = watch::channel(false);
        let mut states = Vec::with_capacity(people.len());
        let mut tasks = Vec::with_capacity(people.len());
        for (user, token) in people {
            let state = Arc::new(Mutex::new(ClientState::default()));
            states.push(state.clone());
            let client = Client {
                user: user.to_string(),
                token: token.clone(),
                state,
                shared: shared.clone(),
            };
            tasks.push(tokio::spawn(client.run(stopped.clone())));
        }
        Self {
            states,
            shared,
            stop,
            tasks,
        }
    }

    /// `ready` frames received by all clients so far.
    pub fn ready_total(&self) -> usize {
        self.shared.ready_total.load(Ordering::Relaxed)
    }

    pub fn state(&self, client: usize) -> MutexGuard<'_, ClientState> {
        lock(&self.states[client])
    }

    /// Closes every connection and ends the clients.
    pub async fn close(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }
}

struct Client {
    user: String,
    token: String,
    state: Arc<Mutex<ClientState>>,
    shared: Arc<Shared>,
}

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

enum Ended {
    Stopped,
    /// The connection ended with this close code, after `ready` or before it.
    Closed {
        code: u16,
        was_ready: bool,
    },
}

#[derive(Deserialize)]
struct Frame {
    #[serde(rename = "type")]
    frame: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    data: Option<EventData>,
}

#[derive(Deserialize)]
struct EventData {
    #[serde(default)]
    message: Option<MessageData>,
}

#[derive(Deserialize)]
struct MessageData {
    id: String,
    author: AuthorData,
    body_markdown: String,
}

#[derive(Deserialize)]
struct AuthorData {
    id: String,
}

impl Client {
    fn state(&self) -> MutexGuard<'_, ClientState> {
        lock(&self.state)
    }

    fn failed(&self, attempted: Instant, error: String) {
        self.state().errors.push((attempted, error));
    }

    async fn run(self, mut stop: watch::Receiver<bool>) {
        let mut first = true;
        let mut failures: u32 = 0;
        loop {
            if *stop.borrow() {
                return;
            }
            let permit = if first {
                self.shared.gate.acquire().await.ok()
            } else {
                None
            };
            let after = self.state().last_event;
            let attempted = Instant::now();
            match tokio::time::timeout(
                CONNECT_TIMEOUT,
                connect(&self.shared.url, &self.token, after),
            )
            .await
            {
                Ok(Ok(socket)) => match self.listen(socket, &mut stop, permit).await {
                    Ended::Stopped => return,
                    Ended::Closed {
                        code,
                        was_ready: true,
                    } => {
                        first = false;
                        failures = 0;
                        let mut state = self.state();
                        state.close_codes.push(code);
                        state.disconnected_at = Some(Instant::now());
                    }
                    Ended::Closed {
                        code,
                        was_ready: false,
                    } => {
                        failures += 1;
                        self.failed(attempted, format!("closed before ready ({code})"));
                    }
                },
                Ok(Err(error)) => {
                    failures += 1;
                    self.failed(attempted, describe(&error));
                }
                Err(_) => {
                    failures += 1;
                    self.failed(attempted, "timed out".to_owned());
                }
            }
            // Exponential, capped, and jittered so that clients cut off together do
            // not come back together.
            let ceiling = FIRST_BACKOFF
                .saturating_mul(1 << failures.min(16))
                .min(self.shared.max_backoff);
            let wait = ceiling.mul_f64(rand::rng().random_range(0.5..=1.0));
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                _ = stop.changed() => return,
            }
        }
    }

    async fn listen(
        &self,
        mut socket: Socket,
        stop: &mut watch::Receiver<bool>,
        mut permit: Option<SemaphorePermit<'_>>,
    ) -> Ended {
        let mut ready = false;
        loop {
            tokio::select! {
                frame = socket.next() => match frame {
                    Some(Ok(Message::Text(text))) => {
                        if self.on_text(text.as_str(), ready) {
                            ready = true;
                            permit.take();
                        }
                    }
                    Some(Ok(Message::Close(frame))) => {
                        let code = frame.map_or(1005, |f| u16::from(f.code));
                        return Ended::Closed { code, was_ready: ready };
                    }
                    // Pings are answered by tungstenite as it reads.
                    Some(Ok(_)) => {}
                    Some(Err(_)) | None => {
                        return Ended::Closed { code: NO_CLOSE_FRAME, was_ready: ready };
                    }
                },
                _ = stop.changed() => {
                    let _ = socket.close(None).await;
                    return Ended::Stopped;
                }
            }
        }
    }

    /// Takes one frame in; answers whether it was `ready`.
    fn on_text(&self, text: &str, ready: bool) -> bool {
        let received = unix_nanos();
        let Ok(frame) = serde_json::from_str::<Frame>(text) else {
            return false;
        };
        let mut state = self.state();
        match frame.frame.as_str() {
            "ready" => {
                state.readies += 1;
                state.ready_at = Some(Instant::now());
                self.shared.ready_total.fetch_add(1, Ordering::Relaxed);
                return true;
            }
            "reset" => state.resets += 1,
            "event" => {
                if let Some(id) = frame.id.and_then(|id| id.parse::<i64>().ok()) {
                    state.last_event = Some(state.last_event.map_or(id, |last| last.max(id)));
                }
                let message = match (frame.kind.as_deref(), frame.data) {
                    (Some("message.created"), Some(EventData { message: Some(m) })) => m,
                    _ => return false,
                };
                let Ok(id) = message.id.parse::<i64>() else {
                    return false;
                };
                if !state.messages.insert(id) {
                    state.duplicates += 1;
                    return false;
                }
                if !ready && state.readies > 0 {
                    state.recovered += 1;
                }
                if message.author.id == self.user {
                    return false;
                }
                if let Some(sent) = message
                    .body_markdown
                    .strip_prefix(TIMED)
                    .and_then(|nanos| nanos.trim().parse::<i128>().ok())
                {
                    state.timed_deliveries += 1;
                    let micros = (received - sent).max(0) / 1000;
                    state
                        .latencies_us
                        .push(u64::try_from(micros).unwrap_or(u64::MAX));
                }
            }
            _ => {}
        }
        false
    }
}

async fn connect(url: &str, token: &str, after: Option<i64>) -> Result<Socket, tungstenite::Error> {
    let url = match after {
        Some(id) => format!("{url}?after={id}"),
        None => url.to_owned(),
    };
    let mut request = url.into_client_request()?;
    let bearer = HeaderValue::from_str(&format!("Bearer {token}"))
        .map_err(|e| tungstenite::Error::HttpFormat(e.into()))?;
    request.headers_mut().insert("authorization", bearer);
    // Small buffers, like the server's: ten thousand of them live in this process.
    let config = WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(4 * 1024);
    let (socket, _) =
        tokio_tungstenite::connect_async_with_config(request, Some(config), true).await?;
    Ok(socket)
}

/// A short name for what went wrong, to count alike failures together.
fn describe(error: &tungstenite::Error) -> String {
    match error {
        tungstenite::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
            std::io::ErrorKind::ConnectionReset => "connection reset".to_owned(),
            kind => format!("I/O: {kind}"),
        },
        tungstenite::Error::Http(response) => format!("HTTP {}", response.status()),
        tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed => {
            "closed during the handshake".to_owned()
        }
        tungstenite::Error::Protocol(p) => format!("protocol: {p}"),
        other => format!("{other}"),
    }
}
