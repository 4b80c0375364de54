//! Closes live connections when the session they were opened with ends by itself: at
//! its absolute expiry, or after `session_idle_hours` without a request. Signing out
//! and revoking close them through an order on the bus; expiry happens without
//! anyone acting, so each node watches the sessions of its own connections.
//!
//! One task per node wakes every second and compares the clock with the times it
//! knows; it reads the database only for sessions whose time has come (or that it has
//! not read yet), since a request elsewhere may have moved their idle limit on.

use super::hub::Hub;
use hearth_app::App;
use hearth_app::domain::{Millis, SessionId, UserId};
use hearth_app::live::Closing;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How often the clock is compared with the sessions' ends: how late, at most, a
/// connection closes after its session ended.
const CHECK_EVERY: Duration = Duration::from_secs(1);

struct Watched {
    /// Whom the connections act as: one session may act in several of the person's
    /// networks, one at a time, so its connections may be under several rows.
    users: Vec<i64>,
    /// Open connections with this session on this node.
    connections: u32,
    /// When the session ends unless it is used again; `None` until read.
    ends: Option<Millis>,
}

/// The sessions of this node's live connections, and when each ends.
#[derive(Clone, Default)]
pub struct SessionEnds {
    sessions: Arc<Mutex<HashMap<i64, Watched>>>,
}

impl SessionEnds {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Watched>> {
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A connection opened with this session.
    pub fn watch(&self, user: i64, session: i64) {
        let mut sessions = self.lock();
        let watched = sessions.entry(session).or_insert(Watched {
            users: Vec::new(),
            connections: 0,
            ends: None,
        });
        watched.connections += 1;
        if !watched.users.contains(&user) {
            watched.users.push(user);
        }
    }

    /// A connection opened with this session closed.
    pub fn unwatch(&self, session: i64) {
        let mut sessions = self.lock();
        if let Some(watched) = sessions.get_mut(&session) {
            watched.connections = watched.connections.saturating_sub(1);
            if watched.connections == 0 {
                sessions.remove(&session);
            }
        }
    }

    /// The sessions whose end has come by `now`, or is not known yet.
    fn due(&self, now: Millis) -> Vec<SessionId> {
        self.lock()
            .iter()
            .filter(|(_, watched)| watched.ends.is_none_or(|ends| ends <= now))
            .map(|(id, _)| SessionId(*id))
            .collect()
    }

    /// Takes in the ends read for `due`; answers the sessions that have ended, with
    /// their people. A session missing from `ends` has ended (or is gone).
    fn settle(&self, due: &[SessionId], ends: &HashMap<SessionId, Millis>) -> Vec<(UserId, i64)> {
        let mut sessions = self.lock();
        let mut ended = Vec::new();
        for id in due {
            let Some(watched) = sessions.get_mut(&id.0) else {
                continue;
            };
            match ends.get(id) {
                Some(at) => watched.ends = Some(*at),
                None => {
                    ended.extend(watched.users.iter().map(|user| (UserId(*user), id.0)));
                    sessions.remove(&id.0);
                }
            }
        }
        ended
    }

    /// Watches until the task is dropped (with the runtime).
    pub fn spawn_watcher(&self, app: App, hub: Hub) {
        let watch = self.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(CHECK_EVERY);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                every.tick().await;
                let due = watch.due(app.now());
                if due.is_empty() {
                    continue;
                }
                let ends = match hearth_app::sessions::ends(&app, &due).await {
                    Ok(ends) => ends,
                    Err(err) => {
                        tracing::warn!(error = %err, "could not read when sessions end");
                        continue;
                    }
                };
                for (user, session) in watch.settle(&due, &ends) {
                    tracing::info!(user.id = %user, session.id = session, "session ended; closing its live connections");
                    hub.close(user, Closing::Session(session));
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_read_when_new_and_again_only_once_its_time_has_come() {
        let watch = SessionEnds::default();
        watch.watch(1, 100);
        watch.watch(1, 100);
        watch.watch(2, 200);
        // The same session acting in another of the person's networks.
        watch.watch(3, 200);
        let mut due = watch.due(0);
        due.sort_by_key(|id| id.0);
        assert_eq!(due, vec![SessionId(100), SessionId(200)], "not read yet");
        let ends = HashMap::from([(SessionId(100), 50)]);
        assert_eq!(
            watch.settle(&due, &ends),
            vec![(UserId(2), 200), (UserId(3), 200)]
        );
        assert!(watch.due(49).is_empty(), "nothing to read before the end");
        assert_eq!(watch.due(50), vec![SessionId(100)]);
        watch.unwatch(100);
        assert_eq!(
            watch.due(50),
            vec![SessionId(100)],
            "one connection is left"
        );
        watch.unwatch(100);
        assert!(watch.due(50).is_empty(), "no connection, nothing to watch");
    }
}
