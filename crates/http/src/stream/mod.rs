//! The live stream: one WebSocket per client at `/api/hearth/v1/stream`. The server
//! sends what the person may see as it happens; a client that reconnects with
//! `?after=<last event id>` first receives what it missed, read from the database.
//!
//! Frames from the server are JSON text:
//! `{"type":"event","id":"…"|null,"kind":"…","data":{…}}` for events (an id of
//! `null` marks what is not kept, such as typing), `{"type":"ready","resumed":N}`
//! once caught up, and `{"type":"reset"}` when too much was missed to send (reload).
//! Should events be lost on their way to this node, the connection catches up the
//! same way while open: events it may already have come again (clients drop what
//! they have). A resumed chat message comes as it is now, not as it was sent.
//! Clients send `{"type":"typing","conversation_id":"…"}`, and `{"type":"away"}` /
//! `{"type":"active"}` for presence (each passed on at most every 2 s). The server
//! pings every 25 s and drops a connection silent for 60 s, and closes it (4001)
//! when the session it was opened with ends.

pub mod hub;
pub mod presence;
pub mod session_ends;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::ApiCaller;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use hearth_app::chat;
use hearth_app::domain::{Actor, ConversationId};
use hearth_app::live::{self, LiveEvent};
use hub::{Credential, Outgoing};
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

const PING_EVERY: Duration = Duration::from_secs(25);
const SILENT_FOR_AT_MOST: Duration = Duration::from_secs(60);
/// The shortest gap between two typing notices passed on from one connection.
const TYPING_EVERY: Duration = Duration::from_secs(2);
/// The shortest gap between two presence changes (away, back) told from one
/// connection; a change said sooner is told when the gap has passed.
const PRESENCE_EVERY: Duration = Duration::from_secs(2);
/// How many connections read what they missed at once.
static RESUMING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(8);
/// Close codes (RFC 6455 leaves 4000–4999 to applications).
const CLOSE_TOO_SLOW: u16 = 4008;
const CLOSE_SIGNED_OUT: u16 = 4001;
/// The person already holds as many connections as a node allows one person.
const CLOSE_TOO_MANY: u16 = 4029;
/// RFC 6455's "service restart": reconnect and resume.
const CLOSE_RESTARTING: u16 = 1012;

#[derive(Deserialize)]
pub struct StreamQuery {
    /// The id of the last event the client saw.
    after: Option<String>,
}

pub async fn stream(
    State(state): State<AppState>,
    caller: ApiCaller,
    headers: HeaderMap,
    Query(query): Query<StreamQuery>,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    // A cookie rides along on a WebSocket opened by any site; only our own pages may
    // use it (bearer tokens are not sent by browsers on their own).
    if caller.session.is_some() && !same_origin(&headers) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "cross_origin",
            "open the stream from Hearth's own pages, or use an API token",
        ));
    }
    let after = match query.after.as_deref().filter(|a| !a.is_empty()) {
        None => None,
        Some(raw) => Some(raw.parse::<i64>().map_err(|_| {
            ApiError::bad_request("`after` must be the id of an event the stream sent")
        })?),
    };
    let credential = match caller.session {
        Some(session) => Credential::Session(session.0),
        None => Credential::Token(caller.token.map_or(0, |t| t.0)),
    };
    let connection = Connection {
        state,
        actor: caller.actor(),
        user: caller.user.id.0,
        network: caller.user.network_id.0,
        credential,
        after,
    };
    // Small buffers: most connections sit idle, and their memory is the cost of each.
    Ok(upgrade
        .read_buffer_size(4 * 1024)
        .write_buffer_size(4 * 1024)
        .max_write_buffer_size(256 * 1024)
        .max_message_size(64 * 1024)
        .on_upgrade(move |socket| connection.run(socket)))
}

fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    match (origin, host) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host)),
        // Not a browser: nothing to forge.
        (None, _) => true,
        (Some(_), None) => false,
    }
}

struct Connection {
    state: AppState,
    actor: Actor,
    user: i64,
    network: i64,
    credential: Credential,
    after: Option<i64>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientFrame {
    Typing {
        conversation_id: String,
    },
    /// The person stepped away (the page is hidden), or came back.
    Away,
    Active,
}

/// What a connection has sent of the kept events, to catch up from the right place
/// and to send nothing twice.
struct Sent {
    /// The newest kept event sent (or, before any, where the connection began).
    cursor: i64,
    /// Events read back from the database whose live copies may still be queued;
    /// those copies are skipped. Kept for a while, then forgotten.
    caught_up: HashSet<i64>,
}

/// How long an event read back waits for its live copy before being forgotten; any
/// copy is long through the connection's queue by then.
const CAUGHT_UP_FOR_MILLIS: i64 = 10 * 60 * 1000;

/// Where a connection stands in presence: what the client last said, and what this
/// connection last told the presence book, when.
#[derive(Default)]
struct Standing {
    away: bool,
    told_away: bool,
    told_at: Option<Instant>,
}

impl Standing {
    /// When the client's word may be told, if it differs from what was told.
    fn pending_until(&self) -> Option<Instant> {
        (self.away != self.told_away).then(|| {
            self.told_at
                .map_or_else(Instant::now, |at| at + PRESENCE_EVERY)
        })
    }
}

impl Connection {
    async fn run(self, mut socket: WebSocket) {
        let hub = self.state.hub.clone();
        // Registered before reading what was missed, so nothing published meanwhile
        // slips between the two; the overlap is sent once (`caught_up`).
        let at_most = self
            .state
            .app
            .settings()
            .content_limits
            .live_connections_per_person;
        let Some(mut registration) =
            hub.register(self.user, self.network, self.credential, at_most)
        else {
            // The newest is refused, not the oldest: tabs that each pushed the oldest
            // out would take turns closing one another forever.
            let frame = CloseFrame {
                code: CLOSE_TOO_MANY,
                reason: "too many live connections for this person; close another tab or client"
                    .into(),
            };
            let _ = socket.send(Message::Close(Some(frame))).await;
            return;
        };
        if let Credential::Session(session) = self.credential {
            self.state.session_ends.watch(self.user, session);
        }
        let presence = &self.state.presence;
        presence.change(&self.state.app, self.user, self.network, 1, 0);
        let mut standing = Standing::default();
        let outcome = self
            .serve(&mut socket, &mut registration.receiver, &mut standing)
            .await;
        hub.unregister(self.user, registration.connection);
        if let Credential::Session(session) = self.credential {
            self.state.session_ends.unwatch(session);
        }
        presence.change(
            &self.state.app,
            self.user,
            self.network,
            -1,
            -i32::from(standing.told_away),
        );
        let close = match outcome {
            Ended::ByClient => None,
            Ended::TooSlow => Some((CLOSE_TOO_SLOW, "too far behind; reconnect and resume")),
            Ended::SignedOut => Some((CLOSE_SIGNED_OUT, "signed out")),
            Ended::Restarting => {
                Some((CLOSE_RESTARTING, "server restarting; reconnect and resume"))
            }
            Ended::Silent => Some((1001, "no answer to pings")),
            Ended::Failed => Some((1011, "stream failed; reconnect and resume")),
        };
        if let Some((code, reason)) = close {
            let frame = CloseFrame {
                code,
                reason: reason.into(),
            };
            let _ = socket.send(Message::Close(Some(frame))).await;
        }
    }

    async fn serve(
        &self,
        socket: &mut WebSocket,
        queue: &mut tokio::sync::mpsc::Receiver<Outgoing>,
        standing: &mut Standing,
    ) -> Ended {
        let mut sent = Sent {
            cursor: self
                .after
                .unwrap_or_else(|| live::cursor_now(&self.state.app)),
            caught_up: HashSet::new(),
        };
        let mut resumed = 0;
        if self.after.is_some() {
            match self.catch_up(socket, &mut sent).await {
                Ok(count) => resumed = count,
                Err(ended) => return ended,
            }
        }
        let ready = format!(r#"{{"type":"ready","resumed":{resumed}}}"#);
        if send(socket, ready).await.is_err() {
            return Ended::ByClient;
        }
        let mut ping = tokio::time::interval(PING_EVERY);
        ping.tick().await;
        let mut heard = Instant::now();
        let mut last_typing = None;
        loop {
            let pending = standing.pending_until();
            let tell_presence =
                tokio::time::sleep_until(pending.unwrap_or_else(Instant::now).into());
            tokio::select! {
                outgoing = queue.recv() => match outgoing {
                    Some(Outgoing::Event(event)) => {
                        if let Some(id) = event.id {
                            if sent.caught_up.remove(&id) {
                                continue;
                            }
                            sent.cursor = sent.cursor.max(id);
                        }
                        if send(socket, live_frame(&event)).await.is_err() {
                            return Ended::ByClient;
                        }
                    }
                    Some(Outgoing::Resync) => {
                        if let Err(ended) = self.catch_up(socket, &mut sent).await {
                            return ended;
                        }
                    }
                    Some(Outgoing::Close) => return Ended::SignedOut,
                    Some(Outgoing::Reconnect) => return Ended::Restarting,
                    None => return Ended::TooSlow,
                },
                incoming = socket.recv() => match incoming {
                    Some(Ok(Message::Text(text))) => {
                        heard = Instant::now();
                        self.on_frame(text.as_str(), &mut last_typing, standing).await;
                    }
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return Ended::ByClient,
                    Some(Ok(_)) => heard = Instant::now(),
                },
                () = tell_presence, if pending.is_some() => self.tell_presence(standing),
                _ = ping.tick() => {
                    if heard.elapsed() > SILENT_FOR_AT_MOST {
                        return Ended::Silent;
                    }
                    if socket.send(Message::Ping(Vec::new().into())).await.is_err() {
                        return Ended::ByClient;
                    }
                }
            }
        }
    }

    /// Sends the kept events after `sent.cursor`, as the person may read them now (or
    /// `reset` when too many were missed); answers how many were sent.
    async fn catch_up(&self, socket: &mut WebSocket, sent: &mut Sent) -> Result<usize, Ended> {
        // After a restart every client resumes at once; a few at a time keep the
        // database pool (and SQLite's page cache) from thrashing.
        let missed = {
            let _turn = RESUMING.acquire().await;
            live::missed(&self.state.app, &self.actor, sent.cursor).await
        };
        let forget_before = self.state.app.now() - CAUGHT_UP_FOR_MILLIS;
        sent.caught_up
            .retain(|id| hearth_app::domain::ids::id_millis(*id) >= forget_before);
        match missed {
            Ok(Some(missed)) => {
                let count = missed.events.len();
                for event in missed.events {
                    let frame = event_frame(Some(event.id), &event.kind, &event.payload);
                    if socket.send(Message::Text(frame.into())).await.is_err() {
                        return Err(Ended::ByClient);
                    }
                    sent.cursor = sent.cursor.max(event.id);
                    sent.caught_up.insert(event.id);
                }
                // A live copy of what was withheld (a message since deleted) must not
                // slip through after the catch-up either.
                sent.caught_up.extend(missed.withheld);
                Ok(count)
            }
            Ok(None) => match send(socket, r#"{"type":"reset"}"#.to_owned()).await {
                Ok(()) => Ok(0),
                Err(_) => Err(Ended::ByClient),
            },
            Err(err) => {
                tracing::warn!(error = %err, "could not read missed events");
                Err(Ended::Failed)
            }
        }
    }

    /// What a client says. Bad frames are ignored: the stream is for receiving, and a
    /// confused client should not lose it.
    async fn on_frame(
        &self,
        text: &str,
        last_typing: &mut Option<Instant>,
        standing: &mut Standing,
    ) {
        let Ok(frame) = serde_json::from_str::<ClientFrame>(text) else {
            return;
        };
        match frame {
            ClientFrame::Away | ClientFrame::Active => {
                standing.away = matches!(frame, ClientFrame::Away);
                // Told at once when allowed; otherwise the loop tells the last word
                // when the throttle allows.
                if standing
                    .pending_until()
                    .is_some_and(|at| at <= Instant::now())
                {
                    self.tell_presence(standing);
                }
            }
            ClientFrame::Typing { conversation_id } => {
                // Typing is said often; others need hear it only now and then.
                if last_typing.is_some_and(|at| at.elapsed() < TYPING_EVERY) {
                    return;
                }
                *last_typing = Some(Instant::now());
                let Ok(id) = conversation_id.parse::<i64>() else {
                    return;
                };
                if let Err(err) =
                    chat::typing(&self.state.app, &self.actor, ConversationId(id)).await
                {
                    tracing::debug!(error = %err, "typing refused");
                }
            }
        }
    }

    /// Tells the presence book this connection's away or back, as the client last
    /// said: at most once per `PRESENCE_EVERY`, so a client flipping between the two
    /// cannot flood the bus, and its last word is still told.
    fn tell_presence(&self, standing: &mut Standing) {
        if standing.away == standing.told_away {
            return;
        }
        standing.told_away = standing.away;
        standing.told_at = Some(Instant::now());
        let change = if standing.away { 1 } else { -1 };
        self.state
            .presence
            .change(&self.state.app, self.user, self.network, 0, change);
    }
}

enum Ended {
    ByClient,
    TooSlow,
    SignedOut,
    Restarting,
    Silent,
    Failed,
}

async fn send(socket: &mut WebSocket, text: String) -> Result<(), axum::Error> {
    socket.send(Message::Text(text.into())).await
}

fn live_frame(event: &Arc<LiveEvent>) -> String {
    event_frame(event.id, &event.kind, &event.payload)
}

/// The payload is JSON already; ids travel as strings (JavaScript numbers cannot hold
/// them).
fn event_frame(id: Option<i64>, kind: &str, payload: &str) -> String {
    let id = id.map_or_else(|| "null".to_owned(), |id| format!("\"{id}\""));
    let kind = serde_json::to_string(kind).unwrap_or_else(|_| "\"\"".to_owned());
    format!(r#"{{"type":"event","id":{id},"kind":{kind},"data":{payload}}}"#)
}
