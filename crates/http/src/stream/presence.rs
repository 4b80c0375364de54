//! Who is online, across nodes. Each node counts its own connections per person and
//! tells the others over the bus when someone's state there changes, and every 30
//! seconds repeats the whole list; what a node has not repeated for 75 seconds (it
//! stopped or crashed) is forgotten. Nobody is sent presence: clients ask for the
//! people they show (`GET /api/hearth/v1/presence`).

use hearth_app::App;
use hearth_app::live::NodeMessage;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

const REPEAT_EVERY: Duration = Duration::from_secs(30);
const FORGET_AFTER: Duration = Duration::from_secs(75);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Offline,
    Away,
    Online,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Offline => "offline",
            Self::Away => "away",
            Self::Online => "online",
        }
    }
}

/// One node's word on people: `(user, network, status)`. `whole` marks the periodic
/// list, which replaces everything that node said before.
#[derive(Debug, Serialize, Deserialize)]
struct Report {
    node: u64,
    whole: bool,
    people: Vec<(i64, i64, Status)>,
}

#[derive(Default)]
struct Local {
    /// Per person: network, open connections, and how many of them are away.
    people: HashMap<i64, (i64, u32, u32)>,
}

struct Heard {
    network: i64,
    status: Status,
    until: Instant,
}

#[derive(Default)]
struct Book {
    /// Per person, per node.
    people: HashMap<i64, HashMap<u64, Heard>>,
}

/// This node's connections as presence, and what every node reported.
#[derive(Clone)]
pub struct Presence {
    node: u64,
    local: Arc<Mutex<Local>>,
    book: Arc<Mutex<Book>>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Presence {
    pub fn new() -> Self {
        Self {
            // Node ids may repeat across a restart or in a careless setup; a random
            // name per process never does.
            node: rand::random(),
            local: Arc::default(),
            book: Arc::default(),
        }
    }

    /// A connection opened (`+1`) or closed (`-1`), or turned away or back.
    pub fn change(&self, app: &App, user: i64, network: i64, connections: i32, away: i32) {
        let status = {
            let mut local = lock(&self.local);
            let entry = local.people.entry(user).or_insert((network, 0, 0));
            entry.1 = entry.1.saturating_add_signed(connections);
            entry.2 = entry.2.saturating_add_signed(away).min(entry.1);
            let status = local_status(entry.1, entry.2);
            if entry.1 == 0 {
                local.people.remove(&user);
            }
            status
        };
        self.publish(app, false, vec![(user, network, status)]);
    }

    fn publish(&self, app: &App, whole: bool, people: Vec<(i64, i64, Status)>) {
        let report = Report {
            node: self.node,
            whole,
            people,
        };
        let Ok(payload) = serde_json::to_string(&report) else {
            return;
        };
        app.publish([NodeMessage::Presence(payload).published(app.now())]);
    }

    /// Takes in a report from the bus (this node's own included).
    pub fn hear(&self, report: &str) {
        let Ok(report) = serde_json::from_str::<Report>(report) else {
            return;
        };
        let until = Instant::now() + FORGET_AFTER;
        let mut book = lock(&self.book);
        if report.whole {
            for nodes in book.people.values_mut() {
                nodes.remove(&report.node);
            }
        }
        for (user, network, status) in report.people {
            if status == Status::Offline {
                if let Entry::Occupied(mut nodes) = book.people.entry(user) {
                    nodes.get_mut().remove(&report.node);
                    if nodes.get().is_empty() {
                        nodes.remove();
                    }
                }
            } else {
                book.people.entry(user).or_default().insert(
                    report.node,
                    Heard {
                        network,
                        status,
                        until,
                    },
                );
            }
        }
        // Only the periodic list can empty many people at once; a change, told at
        // every connection and disconnection, must not walk everyone the node knows.
        if report.whole {
            book.people.retain(|_, nodes| !nodes.is_empty());
        }
    }

    /// A person's presence as seen from `network`: the best any live node reports.
    /// People of other networks are offline, whatever they are.
    pub fn status(&self, network: i64, user: i64) -> Status {
        let now = Instant::now();
        lock(&self.book)
            .people
            .get(&user)
            .into_iter()
            .flat_map(HashMap::values)
            .filter(|heard| heard.network == network && heard.until > now)
            .map(|heard| heard.status)
            .max()
            .unwrap_or(Status::Offline)
    }

    /// Repeats this node's whole list every 30 seconds, so others can forget a node
    /// that stopped without a word.
    pub fn spawn_repeater(&self, app: App) {
        let presence = self.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(REPEAT_EVERY);
            loop {
                every.tick().await;
                let people = lock(&presence.local)
                    .people
                    .iter()
                    .map(|(user, (network, open, away))| {
                        (*user, *network, local_status(*open, *away))
                    })
                    .collect();
                presence.publish(&app, true, people);
            }
        });
    }
}

impl Default for Presence {
    fn default() -> Self {
        Self::new()
    }
}

fn local_status(open: u32, away: u32) -> Status {
    match (open, away) {
        (0, _) => Status::Offline,
        (open, away) if away >= open => Status::Away,
        _ => Status::Online,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(node: u64, whole: bool, people: Vec<(i64, i64, Status)>) -> String {
        serde_json::to_string(&Report {
            node,
            whole,
            people,
        })
        .unwrap_or_default()
    }

    #[test]
    fn the_best_word_of_any_node_counts_within_the_network() {
        let presence = Presence::new();
        presence.hear(&report(1, false, vec![(7, 10, Status::Away)]));
        assert_eq!(presence.status(10, 7), Status::Away);
        presence.hear(&report(2, false, vec![(7, 10, Status::Online)]));
        assert_eq!(presence.status(10, 7), Status::Online);
        assert_eq!(
            presence.status(99, 7),
            Status::Offline,
            "another network sees nothing"
        );
        presence.hear(&report(2, false, vec![(7, 10, Status::Offline)]));
        assert_eq!(presence.status(10, 7), Status::Away);
        presence.hear(&report(1, true, vec![]));
        assert_eq!(
            presence.status(10, 7),
            Status::Offline,
            "a node's whole list replaces what it said before"
        );
    }

    #[test]
    fn whoever_no_node_reports_is_forgotten() {
        let presence = Presence::new();
        presence.hear(&report(1, false, vec![(7, 10, Status::Online)]));
        presence.hear(&report(2, false, vec![(7, 10, Status::Online)]));
        presence.hear(&report(1, false, vec![(8, 10, Status::Online)]));
        presence.hear(&report(1, false, vec![(7, 10, Status::Offline)]));
        assert_eq!(lock(&presence.book).people.len(), 2, "node 2 still has 7");
        presence.hear(&report(2, false, vec![(7, 10, Status::Offline)]));
        assert!(!lock(&presence.book).people.contains_key(&7));
        presence.hear(&report(1, true, vec![]));
        assert!(
            lock(&presence.book).people.is_empty(),
            "the whole list of node 1 no longer holds 8"
        );
    }

    #[test]
    fn away_only_when_every_connection_is() {
        assert_eq!(local_status(2, 1), Status::Online);
        assert_eq!(local_status(2, 2), Status::Away);
        assert_eq!(local_status(0, 0), Status::Offline);
    }
}
