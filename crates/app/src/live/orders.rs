//! What nodes tell each other over the bus, beside the events for clients: orders to
//! close someone's connections, each node's word on who is connected to it, and the
//! word that events were lost on the way. The dispatcher acts on them; clients never
//! receive them.
//!
//! Orders to close connections are also written to the `node_orders` table, so that
//! nodes the writer shares no bus with (the command line, a single node without
//! NATS) carry them out too.

use super::{Audience, LiveEvent};
use crate::App;
use hearth_domain::{Millis, UserId};
use hearth_store::Conn;
use hearth_store::node_orders::{self, NodeOrderRow};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::time::Duration;

/// The kind of an order to close connections.
pub const CLOSE_CONNECTIONS: &str = "connections.close";

/// The kind of a node's presence report.
pub const PRESENCE: &str = "presence";

/// The kind of the word that events were lost on their way to the nodes.
pub const RESYNC: &str = "connections.resync";

/// A message from node to node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeMessage {
    /// Close a person's live connections at once (signed out everywhere, deactivated,
    /// session or token revoked). People are named by id alone: ids are unique across
    /// networks.
    CloseConnections { user: UserId, which: Closing },
    /// A node's word on who is connected to it, as the stream's presence book writes
    /// it; carried here without being read.
    Presence(String),
    /// Events may have been lost on their way to the nodes (the bus dropped some, or
    /// a dispatcher fell behind it): every connection catches up from the `events`
    /// table where it stands, without closing. What is lost is never more than what
    /// is not kept (typing, presence), and no connection pays for another's noise.
    Resync,
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

/// A message for the nodes that could not be read: its kind names one, its payload or
/// audience does not fit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unreadable {kind} order: {reason}")]
pub struct UnreadableOrder {
    pub kind: &'static str,
    pub reason: String,
}

impl NodeMessage {
    /// The message as the bus carries it, stamped `created_at`. Not kept in the
    /// `events` table, and for no network: no client receives it.
    pub fn published(self, created_at: Millis) -> LiveEvent {
        let (kind, audience, payload) = match self {
            Self::CloseConnections { user, which } => (
                CLOSE_CONNECTIONS,
                Audience::Users(vec![user.0]),
                serde_json::to_string(&which).unwrap_or_default(),
            ),
            Self::Presence(report) => (PRESENCE, Audience::Users(Vec::new()), report),
            Self::Resync => (RESYNC, Audience::Users(Vec::new()), "null".to_owned()),
        };
        LiveEvent {
            id: None,
            network_id: 0,
            kind: kind.to_owned(),
            audience,
            payload,
            created_at,
        }
    }
}

impl LiveEvent {
    /// The message for the nodes this is, or `None` when it is an event for clients.
    pub fn node_message(&self) -> Option<Result<NodeMessage, UnreadableOrder>> {
        match self.kind.as_str() {
            CLOSE_CONNECTIONS => Some(self.close_order()),
            PRESENCE => Some(Ok(NodeMessage::Presence(self.payload.clone()))),
            RESYNC => Some(Ok(NodeMessage::Resync)),
            _ => None,
        }
    }

    fn close_order(&self) -> Result<NodeMessage, UnreadableOrder> {
        let unreadable = |reason: String| UnreadableOrder {
            kind: CLOSE_CONNECTIONS,
            reason,
        };
        let which = serde_json::from_str::<Closing>(&self.payload)
            .map_err(|err| unreadable(format!("{err} in {:?}", self.payload)))?;
        match &self.audience {
            Audience::Users(users) if users.len() == 1 => Ok(NodeMessage::CloseConnections {
                user: UserId(users[0]),
                which,
            }),
            other => Err(unreadable(format!("it names {other:?}, not one person"))),
        }
    }
}

/// The order that closes a person's connections on every node.
pub(crate) fn close_connections(app: &App, user: UserId, which: Closing) -> LiveEvent {
    NodeMessage::CloseConnections { user, which }.published(app.now())
}

/// Writes, in the caller's transaction, an order closing a person's connections that
/// every node carries out even if this process shares no bus with them. Answers the
/// event to publish after commit, so that nodes on the bus act at once instead of at
/// their next poll.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_cross_the_bus_as_before_and_read_back() {
        let close = NodeMessage::CloseConnections {
            user: UserId(7),
            which: Closing::Session(3),
        };
        let published = close.clone().published(5);
        assert_eq!(
            serde_json::to_string(&published).unwrap_or_default(),
            r#"{"id":null,"network_id":0,"kind":"connections.close","audience":{"to":"users","ids":[7]},"payload":"{\"session\":3}","created_at":5}"#
        );
        assert_eq!(published.node_message(), Some(Ok(close)));

        let presence = NodeMessage::Presence(r#"{"node":1}"#.to_owned());
        assert_eq!(
            presence.clone().published(5).node_message(),
            Some(Ok(presence))
        );
        assert_eq!(
            NodeMessage::Resync.published(5).node_message(),
            Some(Ok(NodeMessage::Resync))
        );
    }

    #[test]
    fn an_order_that_names_no_one_is_unreadable_not_an_event() {
        let mut published = NodeMessage::CloseConnections {
            user: UserId(7),
            which: Closing::All,
        }
        .published(5);
        published.audience = Audience::Network;
        assert!(matches!(published.node_message(), Some(Err(_))));
    }
}
