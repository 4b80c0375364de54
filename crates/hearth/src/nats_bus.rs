//! The live bus over NATS, for several nodes: every node publishes its committed
//! events to one subject and receives everyone's, its own included, in one order.

use anyhow::Context;
use hearth_app::live::{Bus, LiveEvent, LocalBus};
use std::sync::Arc;
use tokio::sync::{broadcast, mpsc};

/// The subject every node publishes to and listens on.
const SUBJECT: &str = "hearth.live";

pub struct NatsBus {
    /// Events waiting to go out, in the order published.
    outbox: mpsc::UnboundedSender<LiveEvent>,
    /// What arrived from NATS, for this node's dispatcher.
    local: Arc<LocalBus>,
}

impl NatsBus {
    /// Connects and starts relaying. A node told to use NATS does not start without
    /// it: alone it would miss every other node's events.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let client = async_nats::ConnectOptions::new()
            .name("hearth")
            .retry_on_initial_connect()
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
        let local = Arc::new(LocalBus::new());
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
        let (outbox, mut queued) = mpsc::unbounded_channel::<LiveEvent>();
        tokio::spawn(async move {
            while let Some(event) = queued.recv().await {
                let Ok(bytes) = serde_json::to_vec(&event) else {
                    continue;
                };
                // async-nats buffers and reconnects on its own; an error here means
                // the client is closed, and the event reaches clients on resume.
                if let Err(err) = client.publish(SUBJECT, bytes.into()).await {
                    tracing::warn!(error = %err, "could not publish a live event to NATS");
                }
            }
        });
        Ok(Self { outbox, local })
    }
}

impl Bus for NatsBus {
    fn publish(&self, event: LiveEvent) {
        let _ = self.outbox.send(event);
    }

    fn subscribe(&self) -> broadcast::Receiver<Arc<LiveEvent>> {
        self.local.subscribe()
    }

    fn deliver_here(&self, event: Arc<LiveEvent>) {
        self.local.deliver(event);
    }
}
