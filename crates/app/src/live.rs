//! Live delivery: events that use cases publish after their transaction commits, and
//! the bus that carries them to every node, where connected clients receive what
//! concerns them. Events worth resuming are also written to the `events` table in the
//! same transaction as the change (see `record`), so a client that was away reads
//! them back and loses nothing.

use crate::App;
use hearth_domain::{Millis, NetworkId, UserId};
use hearth_store::Conn;
use hearth_store::events::{self, EventRow, Scope};
use hearth_store::node_orders::{self, NodeOrderRow};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;

/// Who on a node should receive an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", content = "ids", rename_all = "snake_case")]
pub enum Audience {
    /// Everyone in the network.
    Network,
    /// These people, e.g. a conversation's members at the moment of the change.
    Users(Vec<i64>),
}

impl Audience {
    pub fn includes(&self, user: UserId) -> bool {
        match self {
            Self::Network => true,
            Self::Users(ids) => ids.contains(&user.0),
        }
    }
}

/// One thing that happened, on its way to clients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    /// The id in the `events` table; `None` for what is not kept (typing, orders to
    /// the nodes such as closing someone's connections).
    pub id: Option<i64>,
    pub network_id: i64,
    pub kind: String,
    pub audience: Audience,
    /// The event's data as JSON, sent to clients as it is.
    pub payload: String,
    pub created_at: Millis,
}

/// An order to every node: close these people's live connections at once (signed
/// out everywhere, deactivated). Clients are not sent it as an event.
pub const CLOSE_CONNECTIONS: &str = "connections.close";

/// Carries events to every node, this one included, in the order published.
pub trait Bus: Send + Sync {
    fn publish(&self, event: LiveEvent);
    fn subscribe(&self) -> broadcast::Receiver<Arc<LiveEvent>>;
    /// Hands an event to this node's subscribers only (orders read from the
    /// database, which every node reads for itself).
    fn deliver_here(&self, event: Arc<LiveEvent>);
}

/// The bus of a single node: an in-memory channel.
pub struct LocalBus {
    sender: broadcast::Sender<Arc<LiveEvent>>,
}

/// How many events a node's dispatcher may fall behind before it must drop its
/// connections (which then resume from the database).
pub const BUS_CAPACITY: usize = 65_536;

impl LocalBus {
    pub fn new() -> Self {
        Self {
            sender: broadcast::channel(BUS_CAPACITY).0,
        }
    }

    /// Hands an event that arrived from elsewhere (another node) to this node.
    pub fn deliver(&self, event: Arc<LiveEvent>) {
        // No receiver means no connection on this node yet; nothing to deliver to.
        let _ = self.sender.send(event);
    }
}

impl Default for LocalBus {
    fn default() -> Self {
        Self::new()
    }
}

impl Bus for LocalBus {
    fn publish(&self, event: LiveEvent) {
        self.deliver(Arc::new(event));
    }

    fn subscribe(&self) -> broadcast::Receiver<Arc<LiveEvent>> {
        self.sender.subscribe()
    }

    fn deliver_here(&self, event: Arc<LiveEvent>) {
        self.deliver(event);
    }
}

/// Writes a kept event in the caller's transaction and answers it, ready to publish
/// once that transaction has committed.
pub(crate) async fn record(
    db: &mut Conn,
    app: &App,
    network: NetworkId,
    scope: Scope,
    audience: Audience,
    kind: &str,
    payload: String,
) -> Result<LiveEvent, crate::AppError> {
    let row = EventRow {
        id: app.next_id(),
        kind: kind.to_owned(),
        payload,
        created_at: app.now(),
    };
    events::insert(db, network, scope, &row).await?;
    Ok(LiveEvent {
        id: Some(row.id),
        network_id: network.0,
        kind: row.kind,
        audience,
        payload: row.payload,
        created_at: row.created_at,
    })
}

/// An event that is not kept: it reaches who is connected now, or nobody.
pub(crate) fn passing(
    app: &App,
    network: NetworkId,
    audience: Audience,
    kind: &str,
    payload: String,
) -> LiveEvent {
    LiveEvent {
        id: None,
        network_id: network.0,
        kind: kind.to_owned(),
        audience,
        payload,
        created_at: app.now(),
    }
}

/// How long kept events stay: a client away longer reloads instead of resuming.
pub const KEEP_EVENTS_MILLIS: i64 = 7 * 24 * 3600 * 1000;

/// Forgets events older than `KEEP_EVENTS_MILLIS`; run periodically.
pub async fn forget_old_events(app: &App) -> Result<u64, crate::AppError> {
    let mut db = app.store().conn().await?;
    Ok(events::purge_before(&mut db, app.now() - KEEP_EVENTS_MILLIS).await?)
}

/// How far back a returning client is sent events again. Ids come from each node's
/// clock, and a transaction may commit after one that drew a later id; reading back
/// a little before the last id seen catches those, and clients drop what they have.
pub const RESUME_OVERLAP_MILLIS: i64 = 5_000;

/// The most events sent on one resume; a client further behind reloads instead.
pub const MAX_RESUME: i64 = 5_000;

/// What a returning client missed: kept events after `after` (less the overlap), as
/// far as `MAX_RESUME`. `None` when it missed more than that, or so long ago that
/// those events are gone: the client should reload.
pub async fn missed(
    app: &App,
    actor: &hearth_domain::Actor,
    after: i64,
) -> Result<Option<Vec<EventRow>>, crate::AppError> {
    let user = crate::signed_in(actor)?;
    // Older events are forgotten (see `forget_old_events`); what lay between cannot
    // be told any more.
    if hearth_domain::ids::id_millis(after) < app.now() - KEEP_EVENTS_MILLIS {
        return Ok(None);
    }
    let from = hearth_domain::ids::earlier_by_millis(after, RESUME_OVERLAP_MILLIS);
    let mut db = app.store().conn().await?;
    let rows = events::since(&mut db, user.network_id, user.id, from, MAX_RESUME + 1).await?;
    if rows.len() as i64 > MAX_RESUME {
        return Ok(None);
    }
    Ok(Some(rows))
}

/// Which of a person's live connections to close.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Closing {
    /// Every one (signed out everywhere, deactivated).
    All,
    /// Those opened with this session (signed out, session revoked).
    Session(i64),
    /// All but those opened with this session (password changed here).
    AllBut(i64),
    /// Those opened with this API token (token revoked).
    Token(i64),
}

/// The order that closes a person's connections on every node. People are named by
/// id alone: ids are unique across networks.
pub(crate) fn close_connections(app: &App, user: UserId, which: Closing) -> LiveEvent {
    LiveEvent {
        id: None,
        network_id: 0,
        kind: CLOSE_CONNECTIONS.to_owned(),
        audience: Audience::Users(vec![user.0]),
        payload: serde_json::to_string(&which).unwrap_or_default(),
        created_at: app.now(),
    }
}

/// Writes, in the caller's transaction, an order closing a person's connections that
/// every node carries out even if this process shares no bus with them (the command
/// line, a single node without NATS). Answers the event to publish after commit, so
/// that nodes on the bus act at once instead of at their next poll.
pub(crate) async fn order_close(
    db: &mut Conn,
    app: &App,
    user: UserId,
    which: Closing,
) -> Result<LiveEvent, crate::AppError> {
    let mut event = close_connections(app, user, which);
    let row = NodeOrderRow {
        id: app.next_id(),
        payload: serde_json::to_string(&event).unwrap_or_default(),
        created_at: event.created_at,
    };
    node_orders::insert(db, &row).await?;
    event.id = Some(row.id);
    Ok(event)
}

/// How often a node looks for orders written by processes it shares no bus with.
pub const NODE_ORDER_POLL: Duration = Duration::from_millis(200);

/// How far back each poll reads: orders commit in a different order than their ids
/// and times were drawn, and clocks of nodes differ a little.
const NODE_ORDER_WINDOW_MILLIS: i64 = 10_000;

/// How long orders stay in the table; nodes only ever read the last few seconds.
const KEEP_NODE_ORDERS_MILLIS: i64 = 24 * 3600 * 1000;

/// Carries out, on this node, the orders in the `node_orders` table that it has not
/// carried out yet. Runs until the task is dropped.
pub async fn follow_node_orders(app: App) {
    let mut done: HashMap<i64, Millis> = HashMap::new();
    let started = app.now();
    let mut every = tokio::time::interval(NODE_ORDER_POLL);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let now = app.now();
        let since = (now - NODE_ORDER_WINDOW_MILLIS).max(started - NODE_ORDER_WINDOW_MILLIS);
        let rows = match app.store().conn().await {
            Ok(mut db) => node_orders::since(&mut db, since).await,
            Err(err) => Err(err),
        };
        let rows = match rows {
            Ok(rows) => rows,
            Err(err) => {
                tracing::warn!(error = %err, "could not read orders for the nodes");
                continue;
            }
        };
        for row in rows {
            if done.insert(row.id, row.created_at).is_some() {
                continue;
            }
            match serde_json::from_str::<LiveEvent>(&row.payload) {
                Ok(event) => app.deliver_here(event),
                Err(err) => tracing::warn!(error = %err, order.id = row.id, "unreadable order"),
            }
        }
        done.retain(|_, at| *at >= since);
    }
}

/// Forgets orders old enough that no node will read them again; run periodically.
pub async fn forget_old_node_orders(app: &App) -> Result<u64, crate::AppError> {
    let mut db = app.store().conn().await?;
    Ok(node_orders::purge_before(&mut db, app.now() - KEEP_NODE_ORDERS_MILLIS).await?)
}
