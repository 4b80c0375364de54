//! Live delivery: events that use cases publish after their transaction commits, and
//! the bus that carries them to every node, where connected clients receive what
//! concerns them. Events worth resuming are also written to the `events` table in the
//! same transaction as the change (see `record`), so a client that was away reads
//! them back and loses nothing.
//!
//! Use cases describe what happened with an [`Event`] (`live/event.rs`), whose
//! variant also says who is told and where it is kept; what the bus carries is its
//! [`LiveEvent`], made from it. Nodes' own messages (closing connections, presence)
//! are in `live/orders.rs`.

mod current;
mod event;
mod orders;

pub use event::{
    Audience, ConversationRead, ConversationRemoved, ConversationUpdated, Decision, Event,
    LiveMessage, MessageAuthor, MessageChanged, MessageDeleted, ModerationDecision, Notification,
    PollUpdated, PostCreated, ReactionAdded, Reactor, Typing,
};
pub use orders::{
    CLOSE_CONNECTIONS, Closing, NODE_ORDER_POLL, NodeMessage, PRESENCE, RESYNC, UnreadableOrder,
    follow_node_orders, forget_old_node_orders,
};
pub(crate) use orders::{close_connections, order_close};

use crate::App;
use hearth_domain::{Millis, NetworkId};
use hearth_store::Conn;
use hearth_store::events::{self, EventRow};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tokio::sync::broadcast;

/// One thing that happened, as the bus carries it to every node and the dispatcher
/// hands it to connections: the kind and payload of an [`Event`] (or of a
/// [`NodeMessage`]) and the audience its variant names. It is only ever made from
/// one of those, so the three agree; its fields are there to read.
///
/// Its JSON is what crosses NATS and what the `node_orders` table keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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

impl LiveEvent {
    /// An event as published: kept under `id` when it has one.
    pub fn new(
        id: Option<i64>,
        network: NetworkId,
        event: &Event,
        created_at: Millis,
    ) -> Result<Self, serde_json::Error> {
        let (kind, payload) = event.kind_and_payload()?;
        Ok(Self {
            id,
            network_id: network.0,
            kind,
            audience: event.audience(),
            payload,
            created_at,
        })
    }
}

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

/// How many events a node's dispatcher may fall behind before some are lost to it
/// (its connections then catch up from the database: see [`NodeMessage::Resync`]).
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
/// once that transaction has committed. An event its kind does not keep (typing) is
/// answered without a write: it reaches who is connected now, or nobody.
pub(crate) async fn record(
    db: &mut Conn,
    app: &App,
    network: NetworkId,
    event: Event,
) -> Result<LiveEvent, crate::AppError> {
    let mut published = LiveEvent::new(None, network, &event, app.now())
        .map_err(|err| crate::AppError::Internal(Box::new(err)))?;
    if let Some(scope) = event.scope() {
        let row = EventRow {
            id: app.next_id(),
            kind: published.kind.clone(),
            payload: event.kept_payload(published.payload.clone()),
            created_at: published.created_at,
        };
        events::insert(db, network, scope, &row).await?;
        published.id = Some(row.id);
    }
    Ok(published)
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

/// A cursor at this moment, for a connection that opens without one: catching up
/// from it later sends what was kept from about now on.
pub fn cursor_now(app: &App) -> i64 {
    app.next_id()
}

/// A kept event read back for a returning client: its kind, and its payload as it
/// was written (by this release or an earlier one) or, for a message, as the message
/// is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptEvent {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub created_at: Millis,
}

/// What a returning client missed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missed {
    /// To send, oldest first.
    pub events: Vec<KeptEvent>,
    /// Ids of events read but not sent, because what they told of can no longer be
    /// read (a message deleted or removed since). The stream skips their live copies
    /// as it skips those of the events it sent.
    pub withheld: Vec<i64>,
}

/// What a returning client missed: kept events after `after` (less the overlap), as
/// far as `MAX_RESUME`, each as the person may read it now. `None` when it missed
/// more than that, or so long ago that those events are gone: the client should
/// reload.
pub async fn missed(
    app: &App,
    actor: &hearth_domain::Actor,
    after: i64,
) -> Result<Option<Missed>, crate::AppError> {
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
    Ok(Some(current::as_now(&mut db, user.network_id, rows).await?))
}
