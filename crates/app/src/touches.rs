//! When sessions were last seen and API tokens last used. Recording that on every
//! request would make reads write; after a restart thousands of clients come back
//! at once and each would wait its turn to write. Instead the times are kept here and
//! written together every few seconds (`App::write_touches`). Checks that need them
//! (a session's idle limit) take the newer of the database's and this node's.
//! Announcements seen are kept the same way, for the analytics' read counts.

use crate::{App, AppError};
use hearth_domain::{Millis, Post, PostKind, SessionId, TokenId, UserId};
use hearth_store::{sessions, tokens};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

#[derive(Default)]
pub(crate) struct Touches {
    pending: Mutex<Pending>,
}

#[derive(Default)]
struct Pending {
    sessions: HashMap<i64, Millis>,
    tokens: HashMap<i64, Millis>,
    /// The first sighting of an announcement by a person, by (post, person).
    announcements: HashMap<(i64, i64), Millis>,
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
        let mut pending = self.pending();
        for post in seen {
            pending
                .announcements
                .entry((post.id.0, user.0))
                .or_insert(at);
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
        if !announcements.is_empty() {
            let reads: Vec<(i64, i64, Millis)> = announcements
                .into_iter()
                .map(|((post, user), at)| (post, user, at))
                .collect();
            // Apart from the sessions' times: an announcement deleted meanwhile fails
            // its batch of sightings, which are only counts, not the sessions' idle
            // limits.
            let mut db = self.store().conn().await?;
            if let Err(err) =
                hearth_store::analytics::record_announcement_reads(&mut db, &reads).await
            {
                tracing::warn!(error = %err, "could not record announcements seen");
            }
        }
        let mut tx = self.store().begin().await?;
        for (id, at) in seen {
            sessions::touch(&mut tx, SessionId(id), at).await?;
        }
        for (id, at) in used {
            tokens::touch(&mut tx, TokenId(id), at).await?;
        }
        tx.commit().await?;
        Ok(count)
    }
}
