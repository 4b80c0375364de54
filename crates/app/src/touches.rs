//! When sessions were last seen and API tokens last used. Recording that on every
//! request would make reads write; after a restart thousands of clients come back
//! at once and each would wait its turn to write. Instead the times are kept here and
//! written together every few seconds (`App::write_touches`). Checks that need them
//! (a session's idle limit) take the newer of the database's and this node's.
//! Announcements seen are kept the same way, for the analytics' read counts.

use crate::{App, AppError};
use hearth_domain::{Millis, Post, PostKind, SessionId, TokenId, UserId};
use hearth_store::{sessions, tokens};
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, PoisonError};

#[derive(Default)]
pub(crate) struct Touches {
    pending: Mutex<Pending>,
    /// Announcement sightings this node has written, by (post, person): a pinned
    /// announcement is shown on every load of its feed, and need not be written again.
    written: Mutex<HashSet<(i64, i64)>>,
}

/// How many written sightings a node remembers before it starts over.
const WRITTEN_REMEMBERED: usize = 100_000;

#[derive(Default)]
struct Pending {
    sessions: HashMap<i64, Millis>,
    tokens: HashMap<i64, Millis>,
    /// The day (UTC) a person first saw an announcement, by (post, person).
    announcements: HashMap<(i64, i64), i64>,
}

impl Touches {
    fn pending(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn session_seen(&self, id: SessionId, at: Millis) {
        let mut pending = self.pending();
        let seen = pending.sessions.entry(id.0).or_insert(at);
        *seen = (*seen).max(at);
    }

    pub(crate) fn token_used(&self, id: TokenId, at: Millis) {
        let mut pending = self.pending();
        let used = pending.tokens.entry(id.0).or_insert(at);
        *used = (*used).max(at);
    }

    /// Notes that `user` was shown the announcements among `posts`: top-level posts of
    /// the announcement kind someone else wrote.
    pub(crate) fn announcements_seen<'a>(
        &self,
        user: UserId,
        posts: impl IntoIterator<Item = &'a Post>,
        at: Millis,
    ) {
        let mut seen = posts
            .into_iter()
            .filter(|p| {
                p.kind == PostKind::Announcement && p.root_id.is_none() && p.author_id != user
            })
            .peekable();
        if seen.peek().is_none() {
            return;
        }
        let day = crate::analytics::calendar::day_of(at);
        let written = self.written.lock().unwrap_or_else(PoisonError::into_inner);
        let mut pending = self.pending();
        for post in seen {
            let key = (post.id.0, user.0);
            if !written.contains(&key) {
                pending.announcements.entry(key).or_insert(day);
            }
        }
    }

    /// The newest unwritten sighting of a session on this node.
    pub(crate) fn session_last_seen(&self, id: SessionId) -> Option<Millis> {
        self.pending().sessions.get(&id.0).copied()
    }

    pub(crate) fn token_last_used(&self, id: TokenId) -> Option<Millis> {
        self.pending().tokens.get(&id.0).copied()
    }
}

impl App {
    /// Writes the sightings kept since the last call, in one transaction; answers how
    /// many. Run every few seconds and at shutdown.
    pub async fn write_touches(&self) -> Result<usize, AppError> {
        let Pending {
            sessions: seen,
            tokens: used,
            announcements,
        } = std::mem::take(&mut *self.touches().pending());
        let count = seen.len() + used.len() + announcements.len();
        if count == 0 {
            return Ok(0);
        }
        let mut tx = self.store().begin().await?;
        for (id, at) in seen {
            sessions::touch(&mut tx, SessionId(id), at).await?;
        }
        for (id, at) in used {
            tokens::touch(&mut tx, TokenId(id), at).await?;
        }
        tx.commit().await?;
        if !announcements.is_empty() {
            // After the sessions' times, which idle limits depend on: sightings are
            // only counts, and a failure loses nothing anyone was told was kept.
            if let Err(err) = self.write_announcements_seen(&announcements).await {
                tracing::warn!(error = %err, "could not record announcements seen");
            }
        }
        Ok(count)
    }

    async fn write_announcements_seen(
        &self,
        announcements: &HashMap<(i64, i64), i64>,
    ) -> Result<(), AppError> {
        let reads: Vec<(i64, i64, i64)> = announcements
            .iter()
            .map(|(&(post, user), &day)| (post, user, day))
            .collect();
        let mut db = self.store().conn().await?;
        hearth_store::analytics::record_announcement_reads(&mut db, &reads).await?;
        let mut written = self
            .touches()
            .written
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if written.len() + reads.len() > WRITTEN_REMEMBERED {
            written.clear();
        }
        written.extend(announcements.keys().copied());
        Ok(())
    }
}
