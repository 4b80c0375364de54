//! Telling people about a new post after its transaction has committed.
//!
//! The post's transaction only leaves a row in `pending_fan_outs` ([`leave`]); once
//! it has committed, the post is handed to this node's fan-out worker ([`start`]),
//! which finds whom to tell on a read connection and writes their notifications in
//! transactions of its own, [`PER_TRANSACTION`] people at most: the posts waiting
//! together share one, and a post that concerns thousands is spread over several,
//! so that other writers get their turns in between. So a reply's turn at the
//! writer costs the same in a thread of five people and of five thousand, and
//! nothing acknowledged is forgotten: rows a stopped node left behind are taken up
//! by [`catch_up`], and each transaction moves a post's progress on only from where
//! it found it, so nobody is told twice when two nodes try.

use super::new_post::{self, Plan};
use crate::{App, AppError, Inner};
use hearth_domain::{Post, PostId};
use hearth_store::Conn;
use hearth_store::pending_fan_outs::{self, PendingFanOut};
use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// How many waiting posts the worker takes at once.
const BATCH: usize = 64;

/// How many people one transaction tells at most: a few milliseconds of writing.
const PER_TRANSACTION: usize = 500;

/// How many posts may wait for this node's worker before the next one's answer waits
/// for room ([`room`]).
const MAX_WAITING: usize = 64;

/// Failed runs after which a post is given up on, rather than retried forever.
const MAX_ATTEMPTS: i64 = 5;

/// This node's fan-out worker: started at the first post, it ends with the app.
pub(crate) struct Worker {
    queue: OnceLock<mpsc::UnboundedSender<PendingFanOut>>,
    /// Posts handed over and not yet told about.
    outstanding: watch::Sender<usize>,
}

impl Default for Worker {
    fn default() -> Self {
        Self {
            queue: OnceLock::new(),
            outstanding: watch::Sender::new(0),
        }
    }
}

/// Leaves the post to be told about, in its own transaction.
pub(crate) async fn leave(db: &mut Conn, app: &App, post: &Post) -> Result<(), AppError> {
    pending_fan_outs::insert(db, post.into(), app.now()).await?;
    Ok(())
}

/// Hands a post left by [`leave`] to the worker, once its transaction has committed.
pub(crate) fn start(app: &App, post: &Post) {
    let worker = &app.inner.fan_outs;
    let queue = worker.queue.get_or_init(|| {
        let (queue, waiting) = mpsc::unbounded_channel();
        tokio::spawn(work(Arc::downgrade(&app.inner), waiting));
        queue
    });
    worker.outstanding.send_modify(|count| *count += 1);
    if queue.send(post.into()).is_err() {
        // The worker is gone with its runtime; the row waits for `catch_up`.
        worker.outstanding.send_modify(|count| *count -= 1);
    }
}

async fn work(app: Weak<Inner>, mut waiting: mpsc::UnboundedReceiver<PendingFanOut>) {
    let mut batch = Vec::with_capacity(BATCH);
    while waiting.recv_many(&mut batch, BATCH).await > 0 {
        let Some(inner) = app.upgrade() else {
            return;
        };
        let app = App { inner };
        run(&app, &batch).await;
        app.inner
            .fan_outs
            .outstanding
            .send_modify(|count| *count -= batch.len());
        batch.clear();
    }
}

/// Waits, when this node's worker is behind, until it has room again: a node answers
/// new posts no faster than it tells people about them, so that the notifications
/// of what it acknowledged are seconds behind at most, not minutes. The post is
/// committed already, and the writer free for others meanwhile.
pub(crate) async fn room(app: &App) {
    let mut outstanding = app.inner.fan_outs.outstanding.subscribe();
    let _ = outstanding.wait_for(|count| *count <= MAX_WAITING).await;
}

/// Waits until every post handed to this node's worker has been told about.
pub(crate) async fn settled(app: &App) {
    let mut outstanding = app.inner.fan_outs.outstanding.subscribe();
    // The sender lives as long as the app, which the caller holds.
    let _ = outstanding.wait_for(|count| *count == 0).await;
}

/// Tells about the posts left waiting since before `older_than` ago, e.g. by a node
/// that stopped before its worker got to them; answers how many were taken up.
pub async fn catch_up(app: &App, older_than: Duration) -> Result<usize, AppError> {
    let before = app.now() - i64::try_from(older_than.as_millis()).unwrap_or(i64::MAX);
    let left = {
        let mut db = app.store().conn().await?;
        pending_fan_outs::left_since(&mut db, before, 512).await?
    };
    for batch in left.chunks(BATCH) {
        run(app, batch).await;
    }
    Ok(left.len())
}

/// Tells about the batch in one transaction; should that fail, about each post in
/// its own, so that one post's failure does not hold back the others.
async fn run(app: &App, batch: &[PendingFanOut]) {
    let Err(err) = tell(app, batch).await else {
        return;
    };
    if batch.len() == 1 {
        failed(app, batch[0], &err).await;
        return;
    }
    for pending in batch {
        if let Err(err) = tell(app, std::slice::from_ref(pending)).await {
            failed(app, *pending, &err).await;
        }
    }
}

/// One post's share of a transaction: the people from `from` to `to` in its plan.
struct Stretch<'a> {
    post: PostId,
    plan: Option<&'a Plan>,
    from: usize,
    to: usize,
    /// The last stretch of the post takes it off the list.
    last: bool,
}

async fn tell(app: &App, batch: &[PendingFanOut]) -> Result<(), AppError> {
    let mut plans: Vec<(PostId, usize, Option<Plan>)> = Vec::with_capacity(batch.len());
    {
        let mut db = app.store().conn().await?;
        for pending in batch {
            // Gone already: told about by another node.
            let Some(progress) = pending_fan_outs::progress(&mut db, pending.post).await? else {
                continue;
            };
            let progress = usize::try_from(progress).unwrap_or(0);
            plans.push((
                pending.post,
                progress,
                new_post::plan(&mut db, *pending).await?,
            ));
        }
    }
    let mut stretches = Vec::new();
    let mut people = 0;
    for (post, progress, plan) in &plans {
        let len = plan.as_ref().map_or(0, Plan::len);
        let mut from = (*progress).min(len);
        loop {
            let to = len.min(from + (PER_TRANSACTION - people).max(1));
            let last = to == len;
            stretches.push(Stretch {
                post: *post,
                plan: plan.as_ref(),
                from,
                to,
                last,
            });
            // Even a post that tells nobody costs its row.
            people += (to - from).max(1);
            if people >= PER_TRANSACTION {
                write(app, &stretches).await?;
                stretches.clear();
                people = 0;
            }
            if last {
                break;
            }
            from = to;
        }
    }
    if !stretches.is_empty() {
        write(app, &stretches).await?;
    }
    Ok(())
}

/// Writes the stretches in one transaction.
async fn write(app: &App, stretches: &[Stretch<'_>]) -> Result<(), AppError> {
    let mut tx = app.store().begin().await?;
    let mut events = Vec::new();
    for stretch in stretches {
        let (from, to) = (stretch.from as i64, stretch.to as i64);
        let ours = if stretch.last {
            pending_fan_outs::take(&mut tx, stretch.post, from).await?
        } else {
            pending_fan_outs::advance(&mut tx, stretch.post, from, to).await?
        };
        // Another node told these people meanwhile; they are not told again.
        if !ours {
            continue;
        }
        if let Some(plan) = stretch.plan {
            events.extend(plan.write(&mut tx, app, stretch.from, stretch.to).await?);
        }
    }
    tx.commit().await?;
    app.publish(events);
    Ok(())
}

async fn failed(app: &App, pending: PendingFanOut, err: &AppError) {
    let given_up = async {
        let mut tx = app.store().begin().await?;
        let attempts = pending_fan_outs::failed(&mut tx, pending.post).await?;
        let given_up =
            attempts >= MAX_ATTEMPTS && pending_fan_outs::drop_post(&mut tx, pending.post).await?;
        tx.commit().await?;
        Ok::<_, AppError>(given_up)
    }
    .await;
    match given_up {
        Ok(true) => tracing::error!(
            post = pending.post.0,
            error = %err,
            "gave up telling people about a new post after {MAX_ATTEMPTS} attempts"
        ),
        Ok(false) => tracing::warn!(
            post = pending.post.0,
            error = %err,
            "could not tell people about a new post; it will be tried again"
        ),
        Err(count_err) => tracing::warn!(
            post = pending.post.0,
            error = %err,
            count_error = %count_err,
            "could not tell people about a new post, nor count the attempt"
        ),
    }
}
