//! The live bus over NATS, for several nodes: every node publishes its committed
//! events to one subject and receives everyone's, its own included, in one order.
//!
//! Every queue on the way is bounded. When events are dropped anyway (the queue to
//! NATS is full, NATS was out of reach, this node read too slowly), the nodes are told
//! to catch their connections up from the database ([`NodeMessage::Resync`]): kept
//! events are never lost to a client, only typing and presence may be.

use anyhow::Context;
use hearth_app::live::{Bus, LiveEvent, LocalBus, NodeMessage};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::{broadcast, mpsc};

/// The subject every node publishes to and listens on.
const SUBJECT: &str = "hearth.live";

/// How many events may wait to go out to NATS: as many as a node's dispatcher may
/// fall behind (`BUS_CAPACITY`); past that NATS is out of reach or far too slow.
const OUTBOX_CAPACITY: usize = hearth_app::live::BUS_CAPACITY;

pub struct NatsBus {
    /// Events waiting to go out, in the order published.
    outbox: mpsc::Sender<LiveEvent>,
    /// Set when an event could not be queued; the relay then tells every node.
    dropped: Arc<AtomicBool>,
    /// What arrived from NATS, for this node's dispatcher.
    local: Arc<LocalBus>,
}

/// The word to every node (or this one) that events were lost on the way.
fn resync() -> LiveEvent {
    NodeMessage::Resync.published(0)
}

impl NatsBus {
    /// Connects and starts relaying. A node told to use NATS does not start without
    /// it: alone it would miss every other node's events.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let local = Arc::new(LocalBus::new());
        let told = Arc::clone(&local);
        let client = async_nats::ConnectOptions::new()
            .name("hearth")
            .retry_on_initial_connect()
            .event_callback(move |event| {
                // What others published while this node was cut off or reading too
                // slowly never arrives: its connections catch up instead.
                if matches!(
                    event,
                    async_nats::Event::Connected | async_nats::Event::SlowConsumer(_)
                ) {
                    tracing::warn!(%event, "live events from NATS may be lost; connections catch up");
                    told.deliver(Arc::new(resync()));
                }
                std::future::ready(())
            })
            .connect(url)
            .await
            .with_context(|| format!("cannot reach NATS at {url}"))?;
        let mut incoming = client
            .subscribe(SUBJECT)
            .await
            .context("cannot subscribe to the live subject on NATS")?;
        client
            .flush()
            .await
            .with_context(|| format!("cannot reach NATS at {url}"))?;
        let relay = Arc::clone(&local);
        tokio::spawn(async move {
            use futures_util::StreamExt;
            while let Some(message) = incoming.next().await {
                match serde_json::from_slice::<LiveEvent>(&message.payload) {
                    Ok(event) => relay.deliver(Arc::new(event)),
                    Err(err) => tracing::warn!(error = %err, "unreadable live event from NATS"),
                }
            }
        });
        let (outbox, mut queued) = mpsc::channel::<LiveEvent>(OUTBOX_CAPACITY);
        let dropped = Arc::new(AtomicBool::new(false));
        let lost = Arc::clone(&dropped);
        tokio::spawn(async move {
            while let Some(event) = queued.recv().await {
                // The dropped events are committed (events are published after
                // their transaction), so catching up finds them.
                let tell = lost.swap(false, Ordering::SeqCst).then(resync);
                for event in tell.iter().chain(std::iter::once(&event)) {
                    let Ok(bytes) = serde_json::to_vec(event) else {
                        continue;
                    };
                    // async-nats buffers and reconnects on its own; an error here
                    // means the client is closed, and the event reaches clients on
                    // resume.
                    if let Err(err) = client.publish(SUBJECT, bytes.into()).await {
                        tracing::warn!(error = %err, "could not publish a live event to NATS");
                    }
                }
            }
        });
        Ok(Self {
            outbox,
            dropped,
            local,
        })
    }
}

impl Bus for NatsBus {
    fn publish(&self, event: LiveEvent) {
        if self.outbox.try_send(event).is_err() && !self.dropped.swap(true, Ordering::SeqCst) {
            tracing::warn!("the queue to NATS is full; live events are dropped until it drains");
        }
    }

    fn subscribe(&self) -> broadcast::Receiver<Arc<LiveEvent>> {
        self.local.subscribe()
    }

    fn deliver_here(&self, event: Arc<LiveEvent>) {
        self.local.deliver(event);
    }
}
