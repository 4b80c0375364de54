//! Group commit on SQLite.
//!
//! SQLite has one writer, and with `synchronous = FULL` every commit waits for the
//! disk. Writers that queue behind each other would each pay that wait in turn, so
//! they share it instead: the writers waiting for the write lock take turns inside
//! one transaction, each in its own savepoint, and the last of them commits for all.
//! A writer's [`Tx::commit`] releases its savepoint and then waits for that common
//! commit, so nobody is told "done" before their write is on disk. A writer that
//! fails or gives up rolls back to its own savepoint only, so an error in one
//! request never undoes the others of its group.
//!
//! A group ends when the writer finishing its turn sees nobody waiting, or when it
//! holds [`MAX_MEMBERS`] writes or is [`MAX_AGE`] old, so that a steady stream of
//! writers cannot keep the first of them waiting for their answer.
//!
//! [`Tx::commit`]: crate::Tx::commit

use crate::StoreError;
use sqlx::{Any, AnyPool, Executor};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, OwnedMutexGuard, oneshot};

/// The most writes one commit acknowledges.
const MAX_MEMBERS: usize = 128;
/// The longest the first write of a group waits for the writers after it.
const MAX_AGE: Duration = Duration::from_millis(10);

/// The writers of one SQLite database and the group they are writing in.
#[derive(Debug)]
pub(crate) struct WriteGroups {
    pool: AnyPool,
    /// Whoever holds it has the turn to write.
    turn: Arc<Mutex<Group>>,
    /// Writers queued for the turn: the one finishing its turn passes the open
    /// group on rather than committing while somebody is about to write.
    waiting: AtomicUsize,
}

/// What the committing writer tells each member of its group.
type Outcome = Result<(), Arc<str>>;

#[derive(Debug, Default)]
struct Group {
    open: Option<OpenGroup>,
    /// The savepoint of the turn under way, until it is released or rolled back.
    /// Found by the next writer, it is a turn that ended without either (its task
    /// was stopped), and is rolled back then.
    unfinished: Option<String>,
    /// Numbers each turn's savepoint, so that rolling back one turn can never reach
    /// into another's.
    turns: u64,
}

#[derive(Debug)]
struct OpenGroup {
    tx: sqlx::Transaction<'static, Any>,
    /// The writers whose savepoints were released, waiting for the commit.
    members: Vec<oneshot::Sender<Outcome>>,
    started: Instant,
}

/// One writer's turn: the group's connection inside that writer's savepoint.
pub(crate) struct Turn {
    groups: Arc<WriteGroups>,
    /// `None` once the turn has been handed back (committed or rolled back).
    group: Option<OwnedMutexGuard<Group>>,
}

impl WriteGroups {
    pub(crate) fn new(pool: AnyPool) -> Arc<Self> {
        Arc::new(Self {
            pool,
            turn: Arc::new(Mutex::new(Group::default())),
            waiting: AtomicUsize::new(0),
        })
    }

    /// Waits for the turn to write, joins the open group (or opens one) and starts
    /// this writer's savepoint.
    pub(crate) async fn begin(self: &Arc<Self>) -> Result<Turn, StoreError> {
        let queued = Queued::join(self);
        let group = self.turn.clone().lock_owned().await;
        queued.served();
        let mut turn = Turn {
            groups: self.clone(),
            group: Some(group),
        };
        let group = turn.group_mut();
        group.undo_unfinished().await;
        if group.open.is_none() {
            let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
            group.open = Some(OpenGroup {
                tx,
                members: Vec::new(),
                started: Instant::now(),
            });
        }
        group.turns += 1;
        let savepoint = format!("hearth_write_{}", group.turns);
        group
            .connection()
            .execute(format!("SAVEPOINT {savepoint}").as_str())
            .await?;
        group.unfinished = Some(savepoint);
        Ok(turn)
    }
}

impl Turn {
    pub(crate) fn connection(&mut self) -> &mut sqlx::AnyConnection {
        self.group_mut().connection()
    }

    pub(crate) fn connection_ref(&self) -> &sqlx::AnyConnection {
        self.group
            .as_deref()
            .and_then(|group| group.open.as_ref())
            .map(|open| &*open.tx)
            .expect("a turn is used only inside its open group")
    }

    fn group_mut(&mut self) -> &mut Group {
        self.group
            .as_deref_mut()
            .expect("a turn is used only until it is handed back")
    }

    /// Keeps this writer's work and answers once the group holding it is committed.
    /// If the savepoint cannot be released, dropping the turn rolls it back.
    pub(crate) async fn commit(mut self) -> Result<(), StoreError> {
        let group = self.group_mut();
        let savepoint = group
            .unfinished
            .clone()
            .expect("a turn holds its savepoint until it ends");
        group
            .connection()
            .execute(format!("RELEASE {savepoint}").as_str())
            .await?;
        group.unfinished = None;
        let (told, outcome) = oneshot::channel();
        group
            .open
            .as_mut()
            .expect("a released savepoint belongs to an open group")
            .members
            .push(told);
        // Ended in a task of its own, so that a caller who stops listening cannot
        // interrupt the commit of everybody else's writes.
        let groups = self.groups.clone();
        let held = self.group.take();
        tokio::spawn(async move {
            if let Some(group) = held {
                groups.end_turn(group).await;
            }
        });
        match outcome.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(cause)) => Err(StoreError::NotCommitted(cause.to_string())),
            Err(_) => Err(StoreError::NotCommitted(
                "the write group ended without an answer".to_owned(),
            )),
        }
    }
}

/// A writer that stops before committing (an error, a dropped request) undoes its
/// own savepoint and nothing else. That needs the database, so it runs in a task;
/// without a runtime, the next writer undoes it.
impl Drop for Turn {
    fn drop(&mut self) {
        let Some(mut group) = self.group.take() else {
            return;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let groups = self.groups.clone();
        runtime.spawn(async move {
            group.undo_unfinished().await;
            groups.end_turn(group).await;
        });
    }
}

impl WriteGroups {
    /// Commits the open group, unless another writer is about to add to it and the
    /// group is still small and young; then the turn passes to that writer.
    async fn end_turn(&self, mut group: OwnedMutexGuard<Group>) {
        let Some(open) = group.open.as_ref() else {
            return;
        };
        let someone_waiting = self.waiting.load(Ordering::SeqCst) > 0;
        if someone_waiting && open.members.len() < MAX_MEMBERS && open.started.elapsed() < MAX_AGE {
            return;
        }
        let Some(open) = group.open.take() else {
            return;
        };
        let outcome: Outcome = open
            .tx
            .commit()
            .await
            .map_err(|err| Arc::from(err.to_string()));
        if let Err(cause) = &outcome {
            tracing::error!(%cause, writes = open.members.len(), "a group of writes failed to commit");
        }
        for member in open.members {
            let _ = member.send(outcome.clone());
        }
    }
}

impl Group {
    fn connection(&mut self) -> &mut sqlx::AnyConnection {
        self.connection_if_open()
            .expect("a writer's turn happens inside an open group")
    }

    fn connection_if_open(&mut self) -> Option<&mut sqlx::AnyConnection> {
        self.open.as_mut().map(|open| &mut *open.tx)
    }

    /// Rolls back the turn that was under way, if one was. The rollback fails when
    /// the savepoint was released just before its writer stopped (its write stays,
    /// like any write whose caller leaves while it commits), or when SQLite lost the
    /// whole transaction (an I/O error, a full disk); then the group's commit fails
    /// too and tells every member.
    async fn undo_unfinished(&mut self) {
        let Some(savepoint) = self.unfinished.take() else {
            return;
        };
        let Some(conn) = self.connection_if_open() else {
            return;
        };
        let undo = format!("ROLLBACK TO {savepoint}; RELEASE {savepoint}");
        if let Err(err) = conn.execute(undo.as_str()).await {
            tracing::warn!(%err, "a write's savepoint could not be rolled back");
        }
    }
}

/// A writer counted among those waiting for the turn. One that stops waiting
/// (its request dropped) might have been the writer a group was passed to; a task
/// then takes its place in the queue, so that the group is still ended by someone.
struct Queued {
    groups: Arc<WriteGroups>,
    served: bool,
}

impl Queued {
    fn join(groups: &Arc<WriteGroups>) -> Self {
        groups.waiting.fetch_add(1, Ordering::SeqCst);
        Self {
            groups: groups.clone(),
            served: false,
        }
    }

    fn served(mut self) {
        self.served = true;
    }
}

impl Drop for Queued {
    fn drop(&mut self) {
        if self.served {
            self.groups.waiting.fetch_sub(1, Ordering::SeqCst);
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            self.groups.waiting.fetch_sub(1, Ordering::SeqCst);
            return;
        };
        // The stand-in keeps this writer's place in the count until it has the
        // turn, so nobody commits or passes on in between on a wrong count.
        let groups = self.groups.clone();
        runtime.spawn(async move {
            let group = groups.turn.clone().lock_owned().await;
            groups.waiting.fetch_sub(1, Ordering::SeqCst);
            groups.end_turn(group).await;
        });
    }
}
