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
        let mut open = match turn.open.take() {
            Some(open) => open,
            None => OpenGroup {
                tx: self.pool.begin_with("BEGIN IMMEDIATE").await?,
                members: Vec::new(),
                started: Instant::now(),
            },
        };
        turn.turns += 1;
        let savepoint = format!("hearth_write_{}", turn.turns);
        let started = open
            .tx
            .execute(format!("SAVEPOINT {savepoint}").as_str())
            .await;
        let held = Held {
            turn,
            open,
            savepoint,
        };
        match started {
            Ok(_) => Ok(held),
            Err(err) => {
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
        match held.open.tx.execute(release.as_str()).await {
            Ok(_) => held.open.members.push(told),
            Err(err) => {
                held.undo().await;
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
    /// transaction (an I/O error, a full disk); then the group's commit fails too
    /// and tells every member.
    async fn undo(&mut self) {
        let undo = format!(
            "ROLLBACK TO {savepoint}; RELEASE {savepoint}",
            savepoint = self.savepoint
        );
        if let Err(err) = self.open.tx.execute(undo.as_str()).await {
            tracing::warn!(%err, "a write's savepoint could not be rolled back");
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
        if someone_waiting && open.members.len() < MAX_MEMBERS && open.started.elapsed() < MAX_AGE {
            turn.open = Some(open);
            return;
        }
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
            let turn = groups.turn.clone().lock_owned().await;
            groups.waiting.fetch_sub(1, Ordering::SeqCst);
            groups.end_group(turn, None).await;
        });
    }
}
