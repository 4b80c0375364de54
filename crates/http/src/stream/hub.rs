//! This node's live connections, and the dispatcher that hands each published event
//! to the connections of the people it is for.

use super::presence::Presence;
use hearth_app::domain::UserId;
use hearth_app::live::{Audience, Closing, LiveEvent, NodeMessage};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::{broadcast, mpsc};

/// How a connection proved who it is; orders to close name one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    Session(i64),
    Token(i64),
}

/// How many events may wait for one connection. A client that lets more pile up is
/// disconnected (it resumes from the database), so no client makes the server
/// buffer without bound.
pub const QUEUE_PER_CONNECTION: usize = 256;

/// What a connection is told.
#[derive(Debug)]
pub enum Outgoing {
    Event(Arc<LiveEvent>),
    /// Close now: signed out, token revoked, account closed.
    Close,
    /// Close now, and come back: the node is stopping.
    Reconnect,
    /// Events may have been lost before this queue: catch up from the database.
    Resync,
}

struct Slot {
    connection: u64,
    network: i64,
    credential: Credential,
    sender: mpsc::Sender<Outgoing>,
}

#[derive(Default)]
struct Connections {
    next: u64,
    by_user: HashMap<i64, Vec<Slot>>,
}

/// The live connections of this node, by person.
#[derive(Clone, Default)]
pub struct Hub {
    connections: Arc<Mutex<Connections>>,
}

/// A connection's place in the hub, and what it is sent.
pub struct Registration {
    pub connection: u64,
    pub receiver: mpsc::Receiver<Outgoing>,
}

impl Hub {
    fn lock(&self) -> std::sync::MutexGuard<'_, Connections> {
        // The map stays consistent across a panic elsewhere; keep serving.
        self.connections
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds a connection, unless the person already holds `at_most` on this node
    /// (0: no limit).
    pub fn register(
        &self,
        user: i64,
        network: i64,
        credential: Credential,
        at_most: u32,
    ) -> Option<Registration> {
        let mut connections = self.lock();
        let held = connections.by_user.get(&user).map_or(0, Vec::len);
        if at_most > 0 && held >= at_most as usize {
            return None;
        }
        let (sender, receiver) = mpsc::channel(QUEUE_PER_CONNECTION);
        connections.next += 1;
        let connection = connections.next;
        connections.by_user.entry(user).or_default().push(Slot {
            connection,
            network,
            credential,
            sender,
        });
        metrics::gauge!("hearth_live_connections").increment(1.0);
        Some(Registration {
            connection,
            receiver,
        })
    }

    pub fn unregister(&self, user: i64, connection: u64) {
        let mut connections = self.lock();
        if let Some(slots) = connections.by_user.get_mut(&user) {
            let before = slots.len();
            slots.retain(|slot| slot.connection != connection);
            if slots.len() < before {
                metrics::gauge!("hearth_live_connections").decrement(1.0);
            }
            if slots.is_empty() {
                connections.by_user.remove(&user);
            }
        }
    }

    /// How many connections this node holds.
    pub fn len(&self) -> usize {
        self.lock().by_user.values().map(Vec::len).sum()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Hands one event to the connections it is for, or carries out an order to
    /// close some. Presence reports are for the presence book, not for connections.
    pub fn dispatch(&self, event: &Arc<LiveEvent>) {
        match event.node_message() {
            None => self.offer(event),
            Some(Ok(NodeMessage::CloseConnections { user, which })) => self.close(user, which),
            Some(Ok(NodeMessage::Presence(_))) => {}
            Some(Ok(NodeMessage::Resync)) => self.resync_all(),
            Some(Err(err)) => tracing::warn!(error = %err, "unreadable order to the nodes"),
        }
    }

    fn offer(&self, event: &Arc<LiveEvent>) {
        let mut connections = self.lock();
        let mut too_slow = Vec::new();
        let mut offer = |user: i64, slot: &Slot| {
            if slot.network != event.network_id {
                return;
            }
            if let Err(mpsc::error::TrySendError::Full(_)) =
                slot.sender.try_send(Outgoing::Event(Arc::clone(event)))
            {
                too_slow.push((user, slot.connection));
            }
        };
        match &event.audience {
            Audience::Users(ids) => {
                for user in ids {
                    for slot in connections.by_user.get(user).into_iter().flatten() {
                        offer(*user, slot);
                    }
                }
            }
            Audience::Network => {
                for (user, slots) in &connections.by_user {
                    for slot in slots {
                        offer(*user, slot);
                    }
                }
            }
        }
        // Dropping a slow connection's sender ends its queue; it closes once drained
        // and the client resumes from the database.
        for (user, connection) in too_slow {
            drop_slot(&mut connections, user, connection);
            metrics::counter!("hearth_live_slow_disconnects_total").increment(1);
        }
    }

    pub(crate) fn close(&self, user: UserId, which: Closing) {
        let mut connections = self.lock();
        let doomed: Vec<u64> = connections
            .by_user
            .get(&user.0)
            .into_iter()
            .flatten()
            .filter(|slot| closes(which, slot.credential))
            .map(|slot| slot.connection)
            .collect();
        for connection in doomed {
            if let Some(slot) = drop_slot(&mut connections, user.0, connection) {
                // A full queue is dropped with the sender, which closes it too.
                let _ = slot.sender.try_send(Outgoing::Close);
            }
        }
    }

    /// Tells every connection to catch up from the database, because events may have
    /// been lost before they reached its queue. A connection whose queue is full is
    /// closed as too slow, as when an event finds it full; the others stay open.
    pub fn resync_all(&self) {
        let mut connections = self.lock();
        let too_slow: Vec<(i64, u64)> = connections
            .by_user
            .iter()
            .flat_map(|(user, slots)| slots.iter().map(move |slot| (*user, slot)))
            .filter(|(_, slot)| {
                matches!(
                    slot.sender.try_send(Outgoing::Resync),
                    Err(mpsc::error::TrySendError::Full(_))
                )
            })
            .map(|(user, slot)| (user, slot.connection))
            .collect();
        for (user, connection) in too_slow {
            drop_slot(&mut connections, user, connection);
            metrics::counter!("hearth_live_slow_disconnects_total").increment(1);
        }
    }

    /// Closes every connection (the node is going away); clients reconnect and
    /// resume.
    pub fn close_all(&self) {
        let mut connections = self.lock();
        let count: usize = connections.by_user.values().map(Vec::len).sum();
        for slot in connections.by_user.drain().flat_map(|(_, slots)| slots) {
            let _ = slot.sender.try_send(Outgoing::Reconnect);
        }
        metrics::gauge!("hearth_live_connections").decrement(count as f64);
    }

    /// Feeds every event this node receives from the bus to its connections, and
    /// presence reports to the presence book.
    pub fn spawn_dispatcher(
        &self,
        mut events: broadcast::Receiver<Arc<LiveEvent>>,
        presence: Presence,
    ) {
        let hub = self.clone();
        tokio::spawn(async move {
            loop {
                match events.recv().await {
                    Ok(event) => match event.node_message() {
                        Some(Ok(NodeMessage::Presence(report))) => presence.hear(&report),
                        _ => hub.dispatch(&event),
                    },
                    Err(broadcast::error::RecvError::Lagged(missed)) => {
                        // Some events never reached this node's clients. Kept ones are
                        // in the database: connections catch up in place rather than
                        // all reconnecting at once, which would punish every client for
                        // whatever flooded the bus.
                        tracing::warn!(missed, "live dispatcher fell behind; connections catch up");
                        metrics::counter!("hearth_live_dispatcher_lagged_total").increment(1);
                        hub.resync_all();
                    }
                    Err(broadcast::error::RecvError::Closed) => break,
                }
            }
        });
    }
}

fn closes(which: Closing, credential: Credential) -> bool {
    match (which, credential) {
        (Closing::All, _) => true,
        (Closing::Session(id), Credential::Session(session)) => id == session,
        (Closing::AllBut(kept), Credential::Session(session)) => kept != session,
        (Closing::AllBut(_), Credential::Token(_)) => true,
        (Closing::Token(id), Credential::Token(token)) => id == token,
        _ => false,
    }
}

fn drop_slot(connections: &mut Connections, user: i64, connection: u64) -> Option<Slot> {
    let slots = connections.by_user.get_mut(&user)?;
    let at = slots
        .iter()
        .position(|slot| slot.connection == connection)?;
    let slot = slots.swap_remove(at);
    if slots.is_empty() {
        connections.by_user.remove(&user);
    }
    metrics::gauge!("hearth_live_connections").decrement(1.0);
    Some(slot)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearth_app::domain::{NetworkId, PostId, ReactionKind};
    use hearth_app::live::{Event, PostCreated, ReactionAdded, Reactor};

    /// Ana (1) reacted to a post, for its author: `to` (or, with `None`, a company-wide
    /// post for the whole network).
    fn event(to: Option<i64>, network: i64) -> Arc<LiveEvent> {
        let event = match to {
            Some(author) => Event::ReactionAdded(ReactionAdded {
                post_id: PostId(1),
                kind: ReactionKind::Like,
                user: Reactor {
                    id: UserId(1),
                    display_name: "Ana".to_owned(),
                },
                post_author: UserId(author),
            }),
            None => Event::PostCreated(PostCreated {
                post_id: PostId(1),
                community_id: None,
                author_id: UserId(1),
                community_members: Vec::new(),
            }),
        };
        Arc::new(LiveEvent::new(Some(1), NetworkId(network), &event, 0).unwrap())
    }

    #[tokio::test]
    async fn events_reach_their_audience_and_nobody_else() {
        let hub = Hub::default();
        let mut ana = hub.register(1, 10, Credential::Session(100), 0).unwrap();
        let mut ben = hub.register(2, 10, Credential::Session(200), 0).unwrap();
        let mut stranger = hub.register(3, 99, Credential::Session(300), 0).unwrap();
        hub.dispatch(&event(Some(1), 10));
        assert!(matches!(ana.receiver.try_recv(), Ok(Outgoing::Event(_))));
        assert!(ben.receiver.try_recv().is_err());
        hub.dispatch(&event(None, 10));
        assert!(matches!(ana.receiver.try_recv(), Ok(Outgoing::Event(_))));
        assert!(matches!(ben.receiver.try_recv(), Ok(Outgoing::Event(_))));
        assert!(
            stranger.receiver.try_recv().is_err(),
            "another network hears nothing"
        );
    }

    #[test]
    fn a_person_holds_at_most_the_cap_and_a_freed_place_can_be_taken() {
        let hub = Hub::default();
        let first = hub.register(1, 10, Credential::Session(100), 2).unwrap();
        let _second = hub.register(1, 10, Credential::Session(101), 2).unwrap();
        assert!(hub.register(1, 10, Credential::Token(7), 2).is_none());
        assert!(
            hub.register(2, 10, Credential::Session(200), 2).is_some(),
            "the cap is per person"
        );
        hub.unregister(1, first.connection);
        assert!(hub.register(1, 10, Credential::Token(7), 2).is_some());
        assert_eq!(hub.len(), 3);
    }

    #[tokio::test]
    async fn a_client_that_falls_behind_is_cut_off_not_buffered() {
        let hub = Hub::default();
        let mut slow = hub.register(1, 10, Credential::Session(100), 0).unwrap();
        for _ in 0..QUEUE_PER_CONNECTION + 10 {
            hub.dispatch(&event(Some(1), 10));
        }
        assert!(hub.is_empty(), "the slow connection left the hub");
        let mut queued = 0;
        while let Some(Outgoing::Event(_)) = slow.receiver.recv().await {
            queued += 1;
        }
        assert_eq!(queued, QUEUE_PER_CONNECTION, "at most the queue was kept");
    }

    #[tokio::test]
    async fn a_lagging_dispatcher_makes_connections_catch_up_and_closes_none() {
        let hub = Hub::default();
        let mut quiet = hub.register(1, 10, Credential::Session(100), 0).unwrap();
        let mut other = hub.register(2, 10, Credential::Token(7), 0).unwrap();
        let (bus, events) = broadcast::channel(4);
        // More than the channel holds is published before the dispatcher reads any:
        // it lags, as behind a client flooding the bus.
        for _ in 0..10 {
            bus.send(event(Some(3), 10)).unwrap();
        }
        hub.spawn_dispatcher(events, Presence::new());
        for connection in [&mut quiet, &mut other] {
            let told = tokio::time::timeout(
                std::time::Duration::from_secs(5),
                connection.receiver.recv(),
            )
            .await
            .unwrap();
            assert!(matches!(told, Some(Outgoing::Resync)), "{told:?}");
        }
        assert_eq!(hub.len(), 2, "both connections stay open");
        bus.send(event(Some(1), 10)).unwrap();
        let next = tokio::time::timeout(std::time::Duration::from_secs(5), quiet.receiver.recv())
            .await
            .unwrap();
        assert!(
            matches!(next, Some(Outgoing::Event(_))),
            "and keep receiving"
        );
    }

    #[tokio::test]
    async fn catching_up_closes_only_a_connection_whose_queue_is_full() {
        let hub = Hub::default();
        let mut slow = hub.register(1, 10, Credential::Session(100), 0).unwrap();
        let mut fine = hub.register(2, 10, Credential::Session(200), 0).unwrap();
        for _ in 0..QUEUE_PER_CONNECTION {
            hub.dispatch(&event(Some(1), 10));
        }
        hub.dispatch(&Arc::new(NodeMessage::Resync.published(0)));
        assert_eq!(hub.len(), 1, "only the full queue's connection left");
        assert!(matches!(fine.receiver.try_recv(), Ok(Outgoing::Resync)));
        let mut queued = 0;
        while let Some(Outgoing::Event(_)) = slow.receiver.recv().await {
            queued += 1;
        }
        assert_eq!(queued, QUEUE_PER_CONNECTION);
    }

    #[tokio::test]
    async fn orders_close_exactly_the_connections_they_name() {
        let hub = Hub::default();
        let mut phone = hub.register(1, 10, Credential::Session(100), 0).unwrap();
        let mut laptop = hub.register(1, 10, Credential::Session(101), 0).unwrap();
        let mut script = hub.register(1, 10, Credential::Token(7), 0).unwrap();
        let order = |which: Closing| {
            let user = UserId(1);
            Arc::new(NodeMessage::CloseConnections { user, which }.published(0))
        };
        hub.dispatch(&order(Closing::AllBut(101)));
        assert!(matches!(phone.receiver.recv().await, Some(Outgoing::Close)));
        assert!(matches!(
            script.receiver.recv().await,
            Some(Outgoing::Close)
        ));
        assert_eq!(hub.len(), 1);
        hub.dispatch(&order(Closing::Session(101)));
        assert!(matches!(
            laptop.receiver.recv().await,
            Some(Outgoing::Close)
        ));
        assert!(hub.is_empty());
    }
}
