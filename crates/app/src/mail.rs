//! E-mail: every message goes through the outbox. A use case [`enqueue`]s it in its
//! own transaction; [`deliver_due`], run by a worker on every node, claims what is
//! due, checks once more that it should still go (the recipient is active, the
//! notification unread, the content still theirs to see, the hourly cap not reached),
//! hands it to a [`Transport`] and records the outcome. Failures back off and, after
//! the last try, are parked for an admin to look at.
//!
//! The `List-Unsubscribe` header of an e-mail names a scope: a notification e-mail's
//! kind, and for a digest the scope its idempotency key starts with
//! (`digest:daily:…` or `digest:weekly:…`); any other e-mail offers "all".

mod compose;
mod unsubscribe;

pub(crate) use compose::{files_line, frame, in_network, linked};
pub(crate) use unsubscribe::unsubscribe_path;
pub use unsubscribe::{UnsubscribeRequest, check_unsubscribe, unsubscribe};

use crate::notifications::About;
use crate::{App, AppError, millis};
use futures_util::{StreamExt, stream};
use hearth_domain::policy;
use hearth_domain::{
    Actor, Channel, ConversationId, Millis, NetworkId, NotificationKind, PostId, UserId, UserStatus,
};
use hearth_store::outbox::{self, EmailRow, NewEmail};
use hearth_store::{Conn, conversations, notifications, posts, users};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::time::Duration;

/// An e-mail to send.
pub struct Outgoing<'a> {
    pub network: NetworkId,
    pub recipient: UserId,
    /// Where it goes when not to the recipient's own address: a guest's invitation
    /// goes to the guest, on behalf of the employee who invited them.
    pub to_address: Option<&'a str>,
    /// "notification" or "digest".
    pub kind: &'a str,
    /// The notification told about, if any (an e-mail about a notification read meanwhile is skipped).
    pub notification_id: Option<i64>,
    /// Enqueueing twice with one key writes one e-mail.
    pub idempotency_key: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    /// Not sent before this time.
    pub send_after: Millis,
}

/// Writes an e-mail into the outbox in the caller's transaction; answers false when one with that key exists.
pub(crate) async fn enqueue(
    db: &mut Conn,
    app: &App,
    outgoing: &Outgoing<'_>,
) -> Result<bool, AppError> {
    Ok(outbox::insert(
        db,
        &NewEmail {
            id: app.next_id(),
            network_id: outgoing.network,
            user_id: outgoing.recipient,
            to_address: outgoing.to_address,
            idempotency_key: outgoing.idempotency_key,
            kind: outgoing.kind,
            notification_id: outgoing.notification_id,
            subject: outgoing.subject,
            body_text: outgoing.body_text,
            body_html: outgoing.body_html,
            send_after: outgoing.send_after,
            now: app.now(),
        },
    )
    .await?)
}

/// How many times an e-mail is tried before it is parked.
pub const MAX_ATTEMPTS: i64 = 6;
/// The first retry waits this long; each further one twice as long.
const FIRST_RETRY: Duration = Duration::from_secs(30);
/// How many e-mails a worker claims at once.
pub const BATCH: i64 = 50;

/// One e-mail as a [`Transport`] sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// Stable across retries, derived from the idempotency key, so a receiver can drop
    /// the duplicate of a message sent twice across a crash.
    pub message_id: String,
    /// The absolute one-click unsubscribe URL (RFC 8058); none for an e-mail to
    /// someone who has no account to unsubscribe yet (a guest's invitation).
    pub list_unsubscribe: Option<String>,
}

/// Why a [`Transport`] could not send an e-mail.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    pub message: String,
    /// The server refused it for good (e.g. an unknown mailbox): retrying is useless.
    pub permanent: bool,
}

/// Where e-mails go: SMTP in the server, a recorder in tests.
pub trait Transport: Send + Sync {
    fn send(&self, email: &Email) -> impl Future<Output = Result<(), SendError>> + Send;

    /// The longest one [`Transport::send`] may take before it gives up: an e-mail's
    /// claim is renewed before sending whenever less than this is left of it.
    fn longest_conversation(&self) -> Duration {
        LONGEST_CONVERSATION
    }
}

/// How long one SMTP conversation may take, unless the transport says otherwise.
pub const LONGEST_CONVERSATION: Duration = Duration::from_secs(30);

/// What one [`deliver_due`] pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub skipped: usize,
    pub failed: usize,
    pub parked: usize,
}

impl Delivery {
    pub fn claimed(&self) -> usize {
        self.sent + self.skipped + self.failed + self.parked
    }
}

/// Claims one batch of due e-mails and sends each that should still go, holding up to
/// `mail_concurrency` SMTP conversations at once: a relay answers each message only
/// once it is safely queued, so one conversation at a time would leave a node's
/// delivery rate at the relay's latency.
pub async fn deliver_due(app: &App, transport: &impl Transport) -> Result<Delivery, AppError> {
    let worker = crate::secrets::generate(&format!("node{}-", app.settings().node_id));
    let now = app.now();
    let mut tx = app.store().begin().await?;
    let claim = millis(app.settings().mail_claim);
    let claimed_until = now + claim;
    let claimed = outbox::claim_due(&mut tx, &worker, now, claimed_until, BATCH).await?;
    tx.commit().await?;
    let claim = Claim {
        worker: &worker,
        until: claimed_until,
    };
    let outcomes: Vec<Result<Delivery, AppError>> = stream::iter(by_recipient(claimed))
        .map(|lane| async move {
            let mut delivery = Delivery::default();
            for row in lane {
                deliver_one(app, transport, claim, &row, &mut delivery).await?;
            }
            Ok(delivery)
        })
        .buffer_unordered(app.settings().mail_concurrency.max(1))
        .collect()
        .await;
    // Every lane ran to its end before an error is answered, so a failed write in one
    // never cuts another's conversation short.
    let mut delivery = Delivery::default();
    for outcome in outcomes {
        let lane = outcome?;
        delivery.sent += lane.sent;
        delivery.skipped += lane.skipped;
        delivery.failed += lane.failed;
        delivery.parked += lane.parked;
    }
    Ok(delivery)
}

/// The claimed e-mails in lanes, one per recipient, in the order claimed. A person's
/// e-mails go one after another, so that the hourly cap counts each one sent before
/// deciding on the next.
fn by_recipient(claimed: Vec<EmailRow>) -> Vec<Vec<EmailRow>> {
    let mut lanes: Vec<Vec<EmailRow>> = Vec::new();
    let mut lane_of: HashMap<i64, usize> = HashMap::new();
    for row in claimed {
        match lane_of.entry(row.user_id) {
            Entry::Occupied(lane) => lanes[*lane.get()].push(row),
            Entry::Vacant(slot) => {
                slot.insert(lanes.len());
                lanes.push(vec![row]);
            }
        }
    }
    lanes
}

/// A batch's claim: who holds it and until when.
#[derive(Clone, Copy)]
struct Claim<'a> {
    worker: &'a str,
    until: Millis,
}

async fn deliver_one(
    app: &App,
    transport: &impl Transport,
    claim: Claim<'_>,
    row: &EmailRow,
    delivery: &mut Delivery,
) -> Result<(), AppError> {
    let worker = claim.worker;
    let email = {
        let mut db = app.store().conn().await?;
        match check(&mut db, app, row).await? {
            Ok(email) => email,
            Err(reason) => {
                drop(db);
                let mut tx = app.store().begin().await?;
                outbox::mark_skipped(&mut tx, row.id, worker, reason).await?;
                tx.commit().await?;
                tracing::debug!(email = row.id, reason, "e-mail skipped");
                delivery.skipped += 1;
                return Ok(());
            }
        }
    };
    // An e-mail's claim is renewed only when what is left of the batch's could not
    // outlast one conversation, rather than before every e-mail, which cost each a
    // commit. A claim lost meanwhile means another worker has the e-mail.
    let now = app.now();
    let claim_time = millis(app.settings().mail_claim);
    if claim.until - now < millis(transport.longest_conversation()) {
        let mut tx = app.store().begin().await?;
        let held = outbox::renew_claim(&mut tx, row.id, worker, now + claim_time).await?;
        tx.commit().await?;
        if !held {
            return Ok(());
        }
    }
    match transport.send(&email).await {
        Ok(()) => {
            // The window "exactly once" cannot close: the server has the message and
            // this write is still to come. The Message-ID lets receivers drop a repeat.
            let now = app.now();
            let mut tx = app.store().begin().await?;
            outbox::mark_sent(&mut tx, row.id, worker, now).await?;
            if let Some(notification) = row.notification_id {
                outbox::mark_notification_emailed(&mut tx, notification, now).await?;
            }
            tx.commit().await?;
            delivery.sent += 1;
        }
        Err(err) => {
            let attempts = row.attempts + 1;
            let retry_at = (!err.permanent && attempts < MAX_ATTEMPTS).then(|| {
                let backoff = millis(FIRST_RETRY).saturating_mul(1 << (attempts - 1).min(20));
                app.now() + backoff
            });
            let mut tx = app.store().begin().await?;
            outbox::mark_failed(&mut tx, row.id, worker, &err.message, retry_at).await?;
            tx.commit().await?;
            if retry_at.is_some() {
                tracing::warn!(email = row.id, attempts, error = %err, "e-mail failed; will retry");
                delivery.failed += 1;
            } else {
                tracing::error!(email = row.id, attempts, error = %err, "e-mail parked");
                delivery.parked += 1;
            }
        }
    }
    Ok(())
}

/// The e-mail to send for an outbox row, or why it must not go.
async fn check(
    db: &mut Conn,
    app: &App,
    row: &EmailRow,
) -> Result<Result<Email, &'static str>, AppError> {
    if let Some(address) = &row.to_address {
        return crate::guests::check_invitation_email(db, app, row, address).await;
    }
    let user_id = UserId(row.user_id);
    let Some(user) = users::get(db, user_id).await? else {
        return Ok(Err("the recipient no longer exists"));
    };
    // Deactivated, suspended and deleted people are sent nothing at all.
    if user.status != UserStatus::Active {
        return Ok(Err("the recipient is not active"));
    }
    let mut scope = row
        .idempotency_key
        .strip_prefix("digest:")
        .and_then(|rest| rest.split(':').next())
        .map_or_else(|| "all".to_owned(), |period| format!("digest:{period}"));
    if row.kind == crate::analytics::health::SCOPE {
        if !crate::analytics::health::still_wanted(db, &user).await? {
            return Ok(Err(
                "the recipient no longer runs the network or wants its weekly e-mail",
            ));
        }
        crate::analytics::health::SCOPE.clone_into(&mut scope);
    }
    if let Some(notification) = row.notification_id {
        let Some(state) = outbox::notification_state(db, notification).await? else {
            return Ok(Err("the notification is gone"));
        };
        if state.read_at.is_some() {
            return Ok(Err("the notification was read meanwhile"));
        }
        if state.emailed_at.is_some() {
            return Ok(Err("the notification was already e-mailed"));
        }
        if !may_still_see(db, &user, &state.subject_kind, state.subject_id).await? {
            return Ok(Err("the recipient may no longer see what it is about"));
        }
        if row.kind == "notification" {
            if channel(db, user_id, &state).await? != Channel::Email {
                return Ok(Err("the recipient no longer wants it by e-mail"));
            }
            let since = app.now() - 3_600_000;
            let sent = outbox::notifications_sent_since(db, user_id, since).await?;
            // What is over the cap stays un-emailed, so the next digest tells it.
            if sent >= i64::from(app.settings().mail_cap_per_hour) {
                return Ok(Err("over the hourly cap; left for the digest"));
            }
            scope = state.kind;
        }
    }
    let path = unsubscribe_path(db, app, user_id, &scope).await?;
    Ok(Ok(Email {
        to: user.email.clone(),
        to_name: user.display_name.clone(),
        subject: row.subject.clone(),
        body_text: row.body_text.clone(),
        body_html: row.body_html.clone(),
        message_id: message_id(&app.settings().public_url, &row.idempotency_key),
        list_unsubscribe: Some(crate::links::absolute(app, &path)),
    }))
}

/// Whether a person may still see what a notification is about, by the rules the
/// notification followed when it was written.
async fn may_still_see(
    db: &mut Conn,
    user: &hearth_domain::User,
    subject_kind: &str,
    subject_id: i64,
) -> Result<bool, AppError> {
    if subject_kind == "conversation" {
        return Ok(
            conversations::membership(db, ConversationId(subject_id), user.id)
                .await?
                .is_some(),
        );
    }
    // A hidden or held post is mailed to its author only; moderators see it in Hearth.
    let readers = notifications::readers_among(
        db,
        user.network_id,
        PostId(subject_id),
        &[user.id],
        posts::ModeratedSeenBy::Author,
    )
    .await?;
    Ok(readers.contains(&user.id))
}

/// How a person wants to hear of a notification, as their preferences say: for a
/// community's new post, their subscription to that community decides.
async fn channel(
    db: &mut Conn,
    user: UserId,
    state: &outbox::NotificationState,
) -> Result<Channel, AppError> {
    match NotificationKind::parse(&state.kind) {
        Some(kind) if state.subject_kind == "post" => {
            crate::notification_settings::channel_for_post(db, user, kind, state.subject_id).await
        }
        Some(kind) => crate::notification_settings::channel_for(db, user, kind).await,
        None => Ok(Channel::App),
    }
}

/// Enqueues (or rewrites, while it waits) the e-mail of a notification just written
/// or folded, if its recipient wants it by e-mail. One e-mail per notification row: a
/// burst that folds into one unread notification makes one e-mail.
pub(crate) async fn about_notification(
    db: &mut Conn,
    app: &App,
    network: NetworkId,
    recipient: UserId,
    kind: NotificationKind,
    notification: i64,
) -> Result<(), AppError> {
    let Some(state) = outbox::notification_state(db, notification).await? else {
        return Ok(());
    };
    if channel(db, recipient, &state).await? != Channel::Email {
        return Ok(());
    }
    if state.emailed_at.is_some() {
        return Ok(());
    }
    let scope_path = unsubscribe_path(db, app, recipient, kind.as_str()).await?;
    let message = compose::notification(db, app, kind, &state, &scope_path).await?;
    let key = format!("notification:{notification}");
    let now = app.now();
    if outbox::rewrite_pending(
        db,
        &key,
        &message.subject,
        &message.text,
        &message.html,
        now,
    )
    .await?
    {
        return Ok(());
    }
    enqueue(
        db,
        app,
        &Outgoing {
            network,
            recipient,
            to_address: None,
            kind: "notification",
            notification_id: Some(notification),
            idempotency_key: &key,
            subject: &message.subject,
            body_text: &message.text,
            body_html: &message.html,
            send_after: now + millis(app.settings().mail_delay),
        },
    )
    .await?;
    Ok(())
}

/// An e-mail of the outbox as an admin sees it.
#[derive(Debug, Clone)]
pub struct OutboxEntry {
    pub id: i64,
    pub recipient: UserId,
    pub kind: String,
    pub subject: String,
    pub state: String,
    pub attempts: i64,
    pub last_error: String,
    pub created_at: Millis,
}

/// The network's e-mails in one state ('pending', 'sent', 'skipped', 'parked').
pub async fn list_outbox(
    app: &App,
    actor: &Actor,
    state: &str,
) -> Result<Vec<OutboxEntry>, AppError> {
    policy::may_configure_network(actor)?;
    if !["pending", "sent", "skipped", "parked"].contains(&state) {
        return Err(AppError::Invalid(hearth_domain::ValidationError::new(
            "state",
            "must be pending, sent, skipped or parked",
        )));
    }
    let network = match actor {
        Actor::User(user) => user.network_id,
        Actor::Operator => return Err(AppError::Forbidden("this needs a network admin")),
    };
    let mut db = app.store().conn().await?;
    let rows = outbox::list(&mut db, network, state, 200).await?;
    Ok(rows
        .into_iter()
        .map(|row| OutboxEntry {
            id: row.id,
            recipient: UserId(row.user_id),
            kind: row.kind,
            subject: row.subject,
            state: row.state,
            attempts: row.attempts,
            last_error: row.last_error,
            created_at: row.created_at,
        })
        .collect())
}

/// `<hash-of-key@host>`: the same for every try of one e-mail.
pub(crate) fn message_id(public_url: &str, key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    let host = public_url
        .split("://")
        .nth(1)
        .unwrap_or(public_url)
        .split(['/', ':'])
        .next()
        .filter(|host| !host.is_empty())
        .unwrap_or("hearth.invalid");
    format!("<{hex}@{host}>")
}

impl About {
    /// The absolute link into Hearth.
    pub(crate) fn url(self, app: &App) -> String {
        crate::links::absolute(app, &self.href())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_id_is_stable_per_key_and_names_the_public_host() {
        let a = message_id("https://hearth.acme.test/", "notification:1");
        assert_eq!(a, message_id("https://hearth.acme.test", "notification:1"));
        assert_ne!(a, message_id("https://hearth.acme.test", "notification:2"));
        assert!(
            a.starts_with('<') && a.ends_with("@hearth.acme.test>"),
            "{a}"
        );
        assert!(message_id("http://localhost:8080", "x").ends_with("@localhost>"));
    }
}
