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
use sqlx::{Any, AnyPool};
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
    /// Whoever holds it has the turn to write; between turns it keeps the open group.
    turn: Arc<Mutex<Group>>,
    /// Writers queued for the turn: the one finishing its turn passes the open
    /// group on rather than committing while somebody is about to write.
    waiting: AtomicUsize,
}

/// What the committing writer tells each member of its group.
type Outcome = Result<(), Arc<str>>;

#[derive(Debug, Default)]
struct Group {
    /// The group waiting for its next writer, between two turns.
    open: Option<OpenGroup>,
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
    /// A savepoint statement failed: SQLite may have rolled the whole transaction
    /// back (an I/O error, a full disk). Such a group is never passed on, since the
    /// next writer's savepoint would start a transaction of its own; it is rolled
    /// back and every member told.
    lost: bool,
}

/// One writer's turn. Should it be dropped without being ended (its task stopped
/// with the runtime), the group's transaction goes with it and rolls back, and every
/// member waiting hears that its write was not committed.
pub(crate) struct Turn {
    groups: Arc<WriteGroups>,
    /// Taken when the turn ends: by [`Turn::commit`], or by dropping it.
    held: Option<Held>,
}

struct Held {
    turn: OwnedMutexGuard<Group>,
    open: OpenGroup,
    savepoint: String,
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
    ///
    /// Once the turn is had, the work on the group's connection runs in a task of
    /// its own, here and in [`Turn::commit`]: a caller dropped in the middle of a
    /// statement (a client that hung up) would otherwise drop the transaction of the
    /// whole group with it.
    pub(crate) async fn begin(self: &Arc<Self>) -> Result<Turn, StoreError> {
        let queued = Queued::join(self);
        let turn = self.turn.clone().lock_owned().await;
        queued.served();
        let (started, answer) = oneshot::channel();
        let groups = self.clone();
        tokio::spawn(async move {
            let held = groups.start_turn(turn).await;
            if let Err(Ok(mut held)) = started.send(held) {
                held.undo().await;
                groups.end_turn(held).await;
            }
        });
        let held = answer.await.map_err(|_| not_answered())??;
        Ok(Turn {
            groups: self.clone(),
            held: Some(held),
        })
    }

    async fn start_turn(&self, mut turn: OwnedMutexGuard<Group>) -> Result<Held, StoreError> {
        // A group already old is committed before this turn, which, however long
        // it lasts, would hold up the writers waiting in it.
        let open = match turn.open.take() {
            Some(open) if open.full() && !open.members.is_empty() => {
                commit(open).await;
                None
            }
            open => open,
        };
        let mut open = match open {
            Some(open) => open,
            None => OpenGroup {
                tx: self.pool.begin_with("BEGIN IMMEDIATE").await?,
                members: Vec::new(),
                started: Instant::now(),
                lost: false,
            },
        };
        turn.turns += 1;
        let savepoint = format!("hearth_write_{}", turn.turns);
        let started = unprepared(&mut open.tx, &format!("SAVEPOINT {savepoint}")).await;
        let held = Held {
            turn,
            open,
            savepoint,
        };
        match started {
            Ok(()) => Ok(held),
            Err(err) => {
                let mut held = held;
                held.open.lost = true;
                self.end_turn(held).await;
                Err(err.into())
            }
        }
    }
}

impl Turn {
    #[expect(
        clippy::expect_used,
        reason = "only commit and drop take the turn, and both consume it"
    )]
    fn held(&self) -> &Held {
        self.held.as_ref().expect("a turn is held until it ends")
    }

    #[expect(
        clippy::expect_used,
        reason = "only commit and drop take the turn, and both consume it"
    )]
    fn held_mut(&mut self) -> &mut Held {
        self.held.as_mut().expect("a turn is held until it ends")
    }

    pub(crate) fn connection(&self) -> &sqlx::AnyConnection {
        &self.held().open.tx
    }

    pub(crate) fn connection_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.held_mut().open.tx
    }

    /// Keeps this writer's work and answers once the group holding it is committed.
    pub(crate) async fn commit(mut self) -> Result<(), StoreError> {
        let Some(held) = self.held.take() else {
            return Err(not_answered());
        };
        let (told, outcome) = oneshot::channel();
        let groups = self.groups.clone();
        tokio::spawn(async move { groups.release(held, told).await });
        match outcome.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(cause)) => Err(StoreError::NotCommitted(cause.to_string())),
            Err(_) => Err(not_answered()),
        }
    }
}

impl WriteGroups {
    /// Releases a writer's savepoint into its group, which answers it at commit; a
    /// savepoint that cannot be released is rolled back and answered at once.
    async fn release(&self, mut held: Held, told: oneshot::Sender<Outcome>) {
        let release = format!("RELEASE {}", held.savepoint);
        match unprepared(&mut held.open.tx, &release).await {
            Ok(()) => held.open.members.push(told),
            Err(err) => {
                held.undo().await;
                held.open.lost = true;
                let _ = told.send(Err(Arc::from(err.to_string())));
            }
        }
        self.end_turn(held).await;
    }
}

fn not_answered() -> StoreError {
    StoreError::NotCommitted("the group of writes ended without an answer".to_owned())
}

/// A writer that stops before committing (an error, a dropped request) undoes its
/// own savepoint and nothing else. That needs the database, so it runs in a task.
impl Drop for Turn {
    fn drop(&mut self) {
        let Some(mut held) = self.held.take() else {
            return;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let groups = self.groups.clone();
        runtime.spawn(async move {
            held.undo().await;
            groups.end_turn(held).await;
        });
    }
}

impl Held {
    /// Rolls this turn's writes back. The rollback fails when SQLite lost the whole
    /// transaction (an I/O error, a full disk); the group is then lost: rolled back,
    /// and every member told.
    async fn undo(&mut self) {
        let rollback = format!("ROLLBACK TO {}", self.savepoint);
        let release = format!("RELEASE {}", self.savepoint);
        let mut undone = unprepared(&mut self.open.tx, &rollback).await;
        if undone.is_ok() {
            undone = unprepared(&mut self.open.tx, &release).await;
        }
        if let Err(err) = undone {
            // SQLite lost the whole transaction: nothing of the group is left to
            // commit, and nobody may be told otherwise.
            tracing::error!(%err, "a write's savepoint could not be rolled back");
            self.open.lost = true;
        }
    }
}

impl WriteGroups {
    /// Ends a writer's turn: see [`WriteGroups::end_group`].
    async fn end_turn(&self, held: Held) {
        let Held { turn, open, .. } = held;
        self.end_group(turn, Some(open)).await;
    }

    /// Commits the open group, unless another writer is about to add to it and the
    /// group is still small and young; then the turn passes to that writer with the
    /// group. `open` is the group taken out for a turn; `None` looks for one left
    /// between turns (by a writer who stopped queueing).
    async fn end_group(&self, mut turn: OwnedMutexGuard<Group>, open: Option<OpenGroup>) {
        let Some(open) = open.or_else(|| turn.open.take()) else {
            return;
        };
        let someone_waiting = self.waiting.load(Ordering::SeqCst) > 0;
        if someone_waiting && !open.lost && !open.full() {
            turn.open = Some(open);
            return;
        }
        commit(open).await;
    }
}

impl OpenGroup {
    /// Past this, the group commits rather than wait for more writers.
    fn full(&self) -> bool {
        self.members.len() >= MAX_MEMBERS || self.started.elapsed() >= MAX_AGE
    }
}

/// Commits a group (or rolls back a lost one) and tells its members.
async fn commit(open: OpenGroup) {
    let outcome: Outcome = if open.lost {
        // SQLite may have no transaction open any more while the driver still
        // counts one; a transaction begun here (it fails if one is open) lets the
        // rollback succeed, so the connection goes back to the pool in step.
        let mut tx = open.tx;
        let _ = unprepared(&mut tx, "BEGIN").await;
        let _ = tx.rollback().await;
        Err(Arc::from("the group of writes was lost and rolled back"))
    } else {
        open.tx
            .commit()
            .await
            .map_err(|err| Arc::from(err.to_string()))
    };
    if let Err(cause) = &outcome {
        tracing::error!(%cause, writes = open.members.len(), "a group of writes failed to commit");
    }
    for member in open.members {
        let _ = member.send(outcome.clone());
    }
}

/// Runs a statement without preparing it: every turn's savepoint has its own name,
/// and prepared, each would push one of the app's statements out of the cache.
async fn unprepared(conn: &mut sqlx::AnyConnection, sql: &str) -> Result<(), sqlx::Error> {
    sqlx::query(sql)
        .persistent(false)
        .execute(conn)
        .await
        .map(|_| ())
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
        let stand_in = StandIn(self.groups.clone());
        runtime.spawn(async move {
            let groups = stand_in.0.clone();
            let turn = groups.turn.clone().lock_owned().await;
            drop(stand_in);
            groups.end_group(turn, None).await;
        });
    }
}

/// A cancelled writer's place in the count, given up when the stand-in has the turn,
/// or when its task is dropped unrun (the runtime stopping).
struct StandIn(Arc<WriteGroups>);

impl Drop for StandIn {
    fn drop(&mut self) {
        self.0.waiting.fetch_sub(1, Ordering::SeqCst);
    }
}
