//! Moderation: reporting posts, replies and messages; the queue of open reports;
//! moderators' actions (hide, remove, restore, lock, pin, dismiss), each with a
//! reason that the audit log records and the author is told; and the keyword watch
//! list, which flags matching posts into the queue or holds them there unseen.
//!
//! Network admins moderate everything in their network; community managers the
//! posts of their communities (see `domain::policy::may_moderate_post`).

use crate::audit::{self, Acting, Target};
use crate::live::{self, Audience, LiveEvent};
use crate::posts::{PlaceRows, load_place, load_readable, place};
use crate::{App, AppError, notifications, signed_in};
use hearth_domain::NotificationKind;
use hearth_domain::chat::preview;
use hearth_domain::post::{
    ContentKind, Moderation, ModerationAction, WatchMode, contains_term, parse_reason, parse_term,
};
use hearth_domain::{
    Actor, AuditAction, CommunityId, Message, MessageId, Post, PostId, User, UserId,
    ValidationError, policy,
};
use hearth_store::events::Scope;
use hearth_store::moderation::{self as store, NewReport, Report};
use hearth_store::{Conn, conversations, messages, posts};
use serde_json::json;
use std::collections::HashMap;

pub use hearth_store::moderation::WatchTerm;

/// What a report or a moderator's action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Post(PostId),
    Message(MessageId),
}

impl Subject {
    fn kind(self) -> ContentKind {
        match self {
            Self::Post(_) => ContentKind::Post,
            Self::Message(_) => ContentKind::Message,
        }
    }

    fn id(self) -> i64 {
        match self {
            Self::Post(id) => id.0,
            Self::Message(id) => id.0,
        }
    }
}

/// Reports one post or reply the person may read. While their earlier report of it is
/// open, another is refused: the queue counts people, not clicks.
pub async fn report_post(
    app: &App,
    actor: &Actor,
    id: PostId,
    reason: &str,
) -> Result<Report, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (post, _) = load_readable(&mut db, user, id).await?;
    drop(db);
    let reason = parse_reason(reason)?;
    file_report(app, user, Subject::Post(id), post.community_id, &reason).await
}

/// Reports a chat message of a conversation the person is in.
pub async fn report_message(
    app: &App,
    actor: &Actor,
    id: MessageId,
    reason: &str,
) -> Result<Report, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let message = messages::get(&mut db, user.network_id, id)
        .await?
        .filter(|m| m.deleted_at.is_none())
        .ok_or(AppError::NotFound("message"))?;
    let conversation =
        conversations::get(&mut db, user.network_id, message.conversation_id).await?;
    let membership = conversations::membership(&mut db, message.conversation_id, user.id).await?;
    let readable =
        conversation.is_some_and(|c| policy::may_read_conversation(user, &c, membership.as_ref()));
    if !readable {
        return Err(AppError::NotFound("message"));
    }
    drop(db);
    let reason = parse_reason(reason)?;
    file_report(app, user, Subject::Message(id), None, &reason).await
}

async fn file_report(
    app: &App,
    user: &User,
    subject: Subject,
    community_id: Option<CommunityId>,
    reason: &str,
) -> Result<Report, AppError> {
    let mut tx = app.store().begin().await?;
    if store::has_open_report(&mut tx, Some(user.id), subject.kind(), subject.id()).await? {
        return Err(AppError::Conflict {
            message: "you have already reported this; a moderator will look at it".to_owned(),
            field: None,
        });
    }
    let report = NewReport {
        id: app.next_id(),
        network_id: user.network_id,
        reporter_id: Some(user.id),
        target_kind: subject.kind(),
        target_id: subject.id(),
        community_id,
        reason,
        created_at: app.now(),
    };
    store::insert_report(&mut tx, &report).await?;
    tx.commit().await?;
    tracing::info!(report.id = report.id, user.id = %user.id, "content reported");
    Ok(Report {
        id: report.id,
        network_id: report.network_id,
        reporter_id: report.reporter_id,
        reporter_name: user.display_name.clone(),
        target_kind: report.target_kind,
        target_id: report.target_id,
        community_id,
        reason: reason.to_owned(),
        created_at: report.created_at,
    })
}

/// Reported content in the queue, with every open report of it.
#[derive(Debug, Clone)]
pub struct QueueItem {
    pub subject: Subject,
    /// The oldest open report; dismissing it dismisses them all.
    pub report_id: i64,
    pub community_id: Option<CommunityId>,
    /// For a post or reply: its thread, where it can be read in place.
    pub thread_id: Option<PostId>,
    pub author_id: UserId,
    pub author_name: String,
    /// The start of the text, on one line.
    pub excerpt: String,
    /// Oldest first; `reporter_id` is `None` for the keyword watch list.
    pub reports: Vec<Report>,
    /// For a post: visible, hidden or held.
    pub moderation: Option<Moderation>,
    pub removed: bool,
    pub locked: bool,
    pub pinned: bool,
}

/// The most open reports one queue shows.
const MAX_QUEUE_REPORTS: i64 = 500;

/// The open reports the person may act on, grouped by what they report, oldest
/// first: the network's for its admins, their communities' for community managers
/// (narrowed to `community` when given).
pub async fn queue(
    app: &App,
    actor: &Actor,
    community: Option<CommunityId>,
) -> Result<Vec<QueueItem>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let managed = store::managed_communities(&mut db, user.id).await?;
    let reach = policy::queue_reach(user, &managed)?;
    let communities = match (reach, community) {
        (policy::QueueReach::Network, None) => None,
        (policy::QueueReach::Network, Some(id)) => Some(vec![id]),
        (policy::QueueReach::Communities(ids), None) => Some(ids),
        (policy::QueueReach::Communities(ids), Some(id)) if ids.contains(&id) => Some(vec![id]),
        (policy::QueueReach::Communities(_), Some(_)) => {
            return Err(AppError::Forbidden(
                "only the community's managers and network administrators see its reports",
            ));
        }
    };
    let reports = store::open_reports(
        &mut db,
        user.network_id,
        communities.as_deref(),
        MAX_QUEUE_REPORTS,
    )
    .await?;
    let mut order: Vec<Subject> = Vec::new();
    let mut grouped: HashMap<Subject, Vec<Report>> = HashMap::new();
    for report in reports {
        let subject = match report.target_kind {
            ContentKind::Post => Subject::Post(PostId(report.target_id)),
            ContentKind::Message => Subject::Message(MessageId(report.target_id)),
        };
        let group = grouped.entry(subject).or_default();
        if group.is_empty() {
            order.push(subject);
        }
        group.push(report);
    }
    let mut items = Vec::with_capacity(order.len());
    for subject in order {
        let Some(reports) = grouped.remove(&subject) else {
            continue;
        };
        let Some(content) = load_content(&mut db, user, subject).await? else {
            continue;
        };
        let mut names = posts::authors(&mut db, &[content.author_id()]).await?;
        let author_name = names
            .remove(&content.author_id())
            .map(|author| author.name)
            .unwrap_or_default();
        let first = &reports[0];
        items.push(QueueItem {
            subject,
            report_id: first.id,
            community_id: first.community_id,
            thread_id: content.post().map(Post::thread_id),
            author_id: content.author_id(),
            author_name,
            excerpt: preview(content.markdown()),
            moderation: content.post().map(|p| p.moderation),
            removed: content.deleted(),
            locked: content.post().is_some_and(|p| p.locked_at.is_some()),
            pinned: content.post().is_some_and(|p| p.pinned_at.is_some()),
            reports,
        });
    }
    Ok(items)
}

/// A reported or moderated post or message, deleted or not.
enum Content {
    Post(Post),
    Message(Message),
}

impl Content {
    fn author_id(&self) -> UserId {
        match self {
            Self::Post(p) => p.author_id,
            Self::Message(m) => m.author_id,
        }
    }

    fn markdown(&self) -> &str {
        match self {
            Self::Post(p) => &p.body_markdown,
            Self::Message(m) => &m.body_markdown,
        }
    }

    fn deleted(&self) -> bool {
        match self {
            Self::Post(p) => p.deleted_at.is_some(),
            Self::Message(m) => m.deleted_at.is_some(),
        }
    }

    fn post(&self) -> Option<&Post> {
        match self {
            Self::Post(p) => Some(p),
            Self::Message(_) => None,
        }
    }
}

async fn load_content(
    db: &mut Conn,
    user: &User,
    subject: Subject,
) -> Result<Option<Content>, AppError> {
    Ok(match subject {
        Subject::Post(id) => posts::get(db, user.network_id, id)
            .await?
            .map(Content::Post),
        Subject::Message(id) => messages::get(db, user.network_id, id)
            .await?
            .map(Content::Message),
    })
}

/// Loads a post, deleted or not, for someone who may moderate it. People who cannot
/// read its community are told it does not exist.
async fn load_moderated_post(
    db: &mut Conn,
    user: &User,
    id: PostId,
) -> Result<(Post, PlaceRows), AppError> {
    let post = posts::get(db, user.network_id, id)
        .await?
        .ok_or(AppError::NotFound("post"))?;
    let rows = load_place(db, user, post.community_id)
        .await
        .map_err(|_| AppError::NotFound("post"))?;
    if !policy::may_read_in(user, place(&rows)) {
        return Err(AppError::NotFound("post"));
    }
    policy::may_moderate_post(user, &post, place(&rows))?;
    Ok((post, rows))
}

/// Loads a message for a network admin. Admins do not read conversations they are
/// not in: only a message someone reported is theirs to moderate.
async fn load_moderated_message(
    db: &mut Conn,
    user: &User,
    id: MessageId,
) -> Result<Message, AppError> {
    let message = messages::get(db, user.network_id, id)
        .await?
        .ok_or(AppError::NotFound("message"))?;
    if !store::ever_reported(db, ContentKind::Message, id.0).await? {
        return Err(AppError::NotFound("message"));
    }
    policy::may_moderate_messages(user)?;
    Ok(message)
}

fn action_of(raw: &str) -> Result<ModerationAction, AppError> {
    ModerationAction::parse(raw.trim()).ok_or_else(|| {
        ValidationError::new(
            "action",
            format!("use one of {}", ModerationAction::choices().trim()),
        )
        .into()
    })
}

fn conflict(message: &str) -> AppError {
    AppError::Conflict {
        message: message.to_owned(),
        field: Some("action"),
    }
}

/// Hides, removes, restores, locks, unlocks, pins or unpins a post or reply, or
/// removes or restores a message. The reason is kept with the decision, told to the
/// author, and written to the audit log; the open reports of the content are
/// resolved by it.
pub async fn moderate(
    app: &App,
    acting: Acting<'_>,
    subject: Subject,
    action: &str,
    reason: &str,
) -> Result<(), AppError> {
    let user = signed_in(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let (decided, told) = match subject {
        Subject::Post(id) => {
            let (post, _) = load_moderated_post(&mut tx, user, id).await?;
            let action = action_of(action)?;
            let reason = parse_reason(reason)?;
            let target = apply_to_post(&mut tx, app, user, &post, action).await?;
            let decided = Decided {
                kind: ContentKind::Post,
                id: target.id.0,
                author: target.author_id,
                excerpt: preview(&target.body_markdown),
                thread_id: Some(target.thread_id()),
                action,
                reason,
            };
            let mut also = vec![post.id.0];
            also.retain(|id| *id != target.id.0);
            let told = record_decision(&mut tx, app, acting, user, &decided, &also).await?;
            let notice = notifications::Notice {
                network: user.network_id,
                recipient: decided.author,
                kind: NotificationKind::Moderation,
                about: notifications::About::Post(target.thread_id().0),
                group_key: format!("moderation:{}", decided.id),
                actor: user,
                excerpt: &decided.reason,
            };
            let notified = notifications::notify(&mut tx, app, notice).await?;
            (decided, std::iter::once(told).chain(notified).collect())
        }
        Subject::Message(id) => {
            let message = load_moderated_message(&mut tx, user, id).await?;
            let action = action_of(action)?;
            let reason = parse_reason(reason)?;
            let mut events =
                apply_to_message(&mut tx, app, user.network_id, &message, action).await?;
            let decided = Decided {
                kind: ContentKind::Message,
                id: id.0,
                author: message.author_id,
                excerpt: preview(&message.body_markdown),
                thread_id: None,
                action,
                reason,
            };
            events.push(record_decision(&mut tx, app, acting, user, &decided, &[]).await?);
            (decided, events)
        }
    };
    tx.commit().await?;
    app.publish(told);
    tracing::info!(
        target.kind = decided.kind.as_str(),
        target.id = decided.id,
        action = decided.action.as_str(),
        user.id = %user.id,
        "content moderated"
    );
    Ok(())
}

/// Makes the change to a post; answers the post the decision is about (the thread's
/// top-level post when locking).
async fn apply_to_post(
    db: &mut Conn,
    app: &App,
    user: &User,
    post: &Post,
    action: ModerationAction,
) -> Result<Post, AppError> {
    let now = app.now();
    match action {
        ModerationAction::Hide => {
            if post.deleted_at.is_some() {
                return Err(conflict("this post is removed; restore it first"));
            }
            if post.moderation == Moderation::Hidden {
                return Err(conflict("this post is already hidden"));
            }
            posts::set_moderation(db, post.id, Moderation::Hidden).await?;
        }
        ModerationAction::Remove => {
            if post.deleted_at.is_some() {
                return Err(conflict("this post is already removed"));
            }
            posts::soft_delete(db, post.id, user.id, now).await?;
            if let Some(root) = post.root_id {
                let question = posts::get(db, post.network_id, root).await?;
                if question.is_some_and(|q| q.best_answer_id == Some(post.id)) {
                    posts::set_best_answer(db, root, None).await?;
                }
            }
        }
        ModerationAction::Restore => {
            if post.deleted_at.is_none() && post.moderation == Moderation::Visible {
                return Err(conflict("this post is neither hidden, held nor removed"));
            }
            if post.deleted_at.is_some()
                && !removed_by_moderator(db, ContentKind::Post, post.id.0).await?
            {
                return Err(conflict(
                    "its author deleted this post; only a moderator's removal can be undone",
                ));
            }
            posts::restore(db, post.id).await?;
        }
        ModerationAction::Lock | ModerationAction::Unlock => {
            let root = match post.root_id {
                None => post.clone(),
                Some(root) => posts::get(db, post.network_id, root)
                    .await?
                    .ok_or(AppError::NotFound("post"))?,
            };
            let lock = action == ModerationAction::Lock;
            if root.locked_at.is_some() == lock {
                return Err(conflict(if lock {
                    "this thread is already locked"
                } else {
                    "this thread is not locked"
                }));
            }
            posts::set_locked(db, root.id, lock.then_some(now)).await?;
            return Ok(root);
        }
        ModerationAction::Pin | ModerationAction::Unpin => {
            if post.is_reply() || post.community_id.is_none() || post.deleted_at.is_some() {
                return Err(ValidationError::new(
                    "action",
                    "only a community's top-level posts can be pinned",
                )
                .into());
            }
            let pin = action == ModerationAction::Pin;
            if post.pinned_at.is_some() == pin {
                return Err(conflict(if pin {
                    "this post is already pinned"
                } else {
                    "this post is not pinned"
                }));
            }
            posts::set_pinned(db, post.id, pin.then_some(now)).await?;
        }
    }
    Ok(post.clone())
}

/// Makes the change to a message; answers the live events it causes for the
/// conversation's members.
async fn apply_to_message(
    db: &mut Conn,
    app: &App,
    network: hearth_domain::NetworkId,
    message: &Message,
    action: ModerationAction,
) -> Result<Vec<LiveEvent>, AppError> {
    match action {
        ModerationAction::Remove => {
            if !messages::soft_delete(db, message.id, app.now()).await? {
                return Err(conflict("this message is already removed"));
            }
            let Some(conversation) =
                conversations::get(db, network, message.conversation_id).await?
            else {
                return Ok(Vec::new());
            };
            let members = conversations::member_ids(db, conversation.id).await?;
            let payload = json!({
                "conversation_id": conversation.id.to_string(),
                "message_id": message.id.to_string(),
            });
            let event = live::record(
                db,
                app,
                conversation.network_id,
                Scope::Conversation(conversation.id.0),
                Audience::Users(members.iter().map(|m| m.0).collect()),
                "message.deleted",
                payload.to_string(),
            )
            .await?;
            Ok(vec![event])
        }
        ModerationAction::Restore => {
            if message.deleted_at.is_none() {
                return Err(conflict("this message is not removed"));
            }
            if !removed_by_moderator(db, ContentKind::Message, message.id.0).await? {
                return Err(conflict(
                    "its author deleted this message; only a moderator's removal can be undone",
                ));
            }
            store::restore_message(db, message.id.0).await?;
            Ok(Vec::new())
        }
        _ => Err(
            ValidationError::new("action", "a chat message can only be removed or restored").into(),
        ),
    }
}

/// Whether the latest decision on removed content was a moderator removing it (and
/// not its author deleting it, which nobody else may undo).
async fn removed_by_moderator(db: &mut Conn, kind: ContentKind, id: i64) -> Result<bool, AppError> {
    let latest = store::latest_decisions(db, kind, &[id], &["remove", "restore"]).await?;
    Ok(latest.get(&id).is_some_and(|d| d.action == "remove"))
}

/// A decision, ready to be recorded.
struct Decided {
    kind: ContentKind,
    id: i64,
    author: UserId,
    excerpt: String,
    thread_id: Option<PostId>,
    action: ModerationAction,
    reason: String,
}

fn audit_action(action: ModerationAction) -> AuditAction {
    match action {
        ModerationAction::Hide => AuditAction::ContentHidden,
        ModerationAction::Remove => AuditAction::ContentRemoved,
        ModerationAction::Restore => AuditAction::ContentRestored,
        ModerationAction::Lock => AuditAction::ThreadLocked,
        ModerationAction::Unlock => AuditAction::ThreadUnlocked,
        ModerationAction::Pin => AuditAction::PostPinned,
        ModerationAction::Unpin => AuditAction::PostUnpinned,
    }
}

/// Writes the decision, its audit entry and the resolution of the open reports (of
/// the target and of `also`), and the author's live notice, which it answers.
async fn record_decision(
    db: &mut Conn,
    app: &App,
    acting: Acting<'_>,
    user: &User,
    decided: &Decided,
    also: &[i64],
) -> Result<LiveEvent, AppError> {
    let now = app.now();
    store::insert_action(
        db,
        app.next_id(),
        user.network_id,
        decided.kind,
        decided.id,
        decided.action.as_str(),
        &decided.reason,
        Some(user.id),
        now,
    )
    .await?;
    let mut resolved = 0;
    for id in std::iter::once(&decided.id).chain(also) {
        resolved += store::close_reports(
            db,
            decided.kind,
            *id,
            "resolved",
            user.id,
            &decided.reason,
            now,
        )
        .await?;
    }
    audit::record(
        db,
        app,
        acting,
        user.network_id,
        audit_action(decided.action),
        Target {
            kind: decided.kind.as_str(),
            id: Some(decided.id),
            name: decided.excerpt.clone(),
        },
        &decided.reason,
        json!({ "reports_resolved": resolved, "author_id": decided.author.to_string() }),
    )
    .await?;
    tell_author(db, app, user.network_id, decided).await
}

/// `moderation.decision`, on the author's own scope: what was done to their content
/// and why.
async fn tell_author(
    db: &mut Conn,
    app: &App,
    network: hearth_domain::NetworkId,
    decided: &Decided,
) -> Result<LiveEvent, AppError> {
    let payload = json!({
        "target_kind": decided.kind.as_str(),
        "target_id": decided.id.to_string(),
        "thread_id": decided.thread_id.map(|t| t.to_string()),
        "action": decided.action.as_str(),
        "reason": decided.reason,
    });
    live::record(
        db,
        app,
        network,
        Scope::User(decided.author),
        Audience::Users(vec![decided.author.0]),
        "moderation.decision",
        payload.to_string(),
    )
    .await
}

/// Dismisses a report, and with it every other open report of the same content: the
/// moderator looked and found nothing to do.
pub async fn dismiss(
    app: &App,
    acting: Acting<'_>,
    report_id: i64,
    reason: &str,
) -> Result<(), AppError> {
    let user = signed_in(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let report = store::open_report(&mut tx, user.network_id, report_id)
        .await?
        .ok_or(AppError::NotFound("report"))?;
    let excerpt = match report.target_kind {
        ContentKind::Post => {
            let (post, _) = load_moderated_post(&mut tx, user, PostId(report.target_id))
                .await
                .map_err(|err| match err {
                    AppError::NotFound(_) => AppError::NotFound("report"),
                    other => other,
                })?;
            if post.moderation == Moderation::Held {
                return Err(conflict(
                    "this post is held for review: restore it or remove it instead",
                ));
            }
            preview(&post.body_markdown)
        }
        ContentKind::Message => {
            let message = load_moderated_message(&mut tx, user, MessageId(report.target_id))
                .await
                .map_err(|err| match err {
                    AppError::NotFound(_) => AppError::NotFound("report"),
                    other => other,
                })?;
            preview(&message.body_markdown)
        }
    };
    let reason = parse_reason(reason)?;
    let now = app.now();
    let dismissed = store::close_reports(
        &mut tx,
        report.target_kind,
        report.target_id,
        "dismissed",
        user.id,
        &reason,
        now,
    )
    .await?;
    store::insert_action(
        &mut tx,
        app.next_id(),
        user.network_id,
        report.target_kind,
        report.target_id,
        "dismiss",
        &reason,
        Some(user.id),
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        app,
        acting,
        user.network_id,
        AuditAction::ReportDismissed,
        Target {
            kind: "report",
            id: Some(report.id),
            name: excerpt,
        },
        &reason,
        json!({
            "target_kind": report.target_kind.as_str(),
            "target_id": report.target_id.to_string(),
            "reports_dismissed": dismissed,
        }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(report.id = report.id, user.id = %user.id, "report dismissed");
    Ok(())
}

/// The network's keyword watch list (network admins).
pub async fn watch_list(app: &App, actor: &Actor) -> Result<Vec<WatchTerm>, AppError> {
    policy::may_configure_network(actor)?;
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    Ok(store::terms(&mut db, network).await?)
}

/// Adds a term to the watch list; a term already watched is a conflict.
pub async fn add_watch_term(
    app: &App,
    acting: Acting<'_>,
    term: &str,
    mode: &str,
) -> Result<WatchTerm, AppError> {
    policy::may_configure_network(acting.actor)?;
    let term = parse_term(term)?;
    let mode = WatchMode::parse(mode.trim()).ok_or_else(|| {
        ValidationError::new(
            "mode",
            format!("use one of {}", WatchMode::choices().trim()),
        )
    })?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let duplicate = || AppError::Conflict {
        message: format!("“{term}” is already on the watch list"),
        field: Some("term"),
    };
    if store::terms(&mut tx, network)
        .await?
        .iter()
        .any(|t| t.term == term)
    {
        return Err(duplicate());
    }
    let watched = WatchTerm {
        id: app.next_id(),
        network_id: network,
        term: term.clone(),
        mode,
        created_by: match acting.actor {
            Actor::User(user) => Some(user.id),
            Actor::Operator => None,
        },
        created_at: app.now(),
    };
    store::insert_term(&mut tx, &watched)
        .await
        .map_err(|err| match err {
            hearth_store::StoreError::Conflict { .. } => duplicate(),
            other => other.into(),
        })?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::WatchTermAdded,
        Target {
            kind: "watch_term",
            id: Some(watched.id),
            name: watched.term.clone(),
        },
        "",
        json!({ "mode": mode.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(watched)
}

/// Takes a term off the watch list. Reports it already caused stay in the queue.
pub async fn remove_watch_term(app: &App, acting: Acting<'_>, id: i64) -> Result<(), AppError> {
    policy::may_configure_network(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let watched = store::term(&mut tx, network, id)
        .await?
        .ok_or(AppError::NotFound("watch term"))?;
    store::delete_term(&mut tx, id).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::WatchTermRemoved,
        Target {
            kind: "watch_term",
            id: Some(id),
            name: watched.term,
        },
        "",
        json!({ "mode": watched.mode.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What the watch list makes of a post's text.
#[derive(Debug, Clone)]
pub(crate) struct Screening {
    pub hold: bool,
    /// The report's reason, naming the terms found, for moderators.
    reason: String,
}

/// Why a held post is held, as its author is told. The terms are for moderators.
const HELD_REASON: &str = "it contains a term the network's administrators review first";

/// Checks a post's text against the network's watch list; `None` when nothing
/// watched is in it.
pub(crate) async fn screen(
    db: &mut Conn,
    network: hearth_domain::NetworkId,
    text: &str,
) -> Result<Option<Screening>, AppError> {
    let found: Vec<WatchTerm> = store::terms(db, network)
        .await?
        .into_iter()
        .filter(|t| contains_term(text, &t.term))
        .collect();
    if found.is_empty() {
        return Ok(None);
    }
    let names: Vec<String> = found.iter().map(|t| format!("“{}”", t.term)).collect();
    let reason = if names.len() == 1 {
        format!("matches the watched term {}", names[0])
    } else {
        format!("matches the watched terms {}", names.join(", "))
    };
    Ok(Some(Screening {
        hold: found.iter().any(|t| t.mode == WatchMode::Hold),
        reason,
    }))
}

/// Puts a screened post in the queue (once while a watch-list report of it is open)
/// and, when held, records the hold and answers the author's notice. The caller has
/// already saved a held post as `held`.
pub(crate) async fn flag(
    db: &mut Conn,
    app: &App,
    post: &Post,
    screening: &Screening,
) -> Result<Option<LiveEvent>, AppError> {
    if !store::has_open_report(db, None, ContentKind::Post, post.id.0).await? {
        store::insert_report(
            db,
            &NewReport {
                id: app.next_id(),
                network_id: post.network_id,
                reporter_id: None,
                target_kind: ContentKind::Post,
                target_id: post.id.0,
                community_id: post.community_id,
                reason: &screening.reason,
                created_at: app.now(),
            },
        )
        .await?;
    }
    if !screening.hold {
        return Ok(None);
    }
    store::insert_action(
        db,
        app.next_id(),
        post.network_id,
        ContentKind::Post,
        post.id.0,
        "hold",
        HELD_REASON,
        None,
        app.now(),
    )
    .await?;
    let payload = json!({
        "target_kind": "post",
        "target_id": post.id.to_string(),
        "thread_id": post.thread_id().to_string(),
        "action": "hold",
        "reason": HELD_REASON,
    });
    Ok(Some(
        live::record(
            db,
            app,
            post.network_id,
            Scope::User(post.author_id),
            Audience::Users(vec![post.author_id.0]),
            "moderation.decision",
            payload.to_string(),
        )
        .await?,
    ))
}

/// Why a post is hidden or held, as its author (and its moderators) see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub moderation: Moderation,
    pub reason: String,
}

/// The notices of those of `shown` that are hidden or held. Whoever sees such a post
/// is its author or may moderate it (see `store::posts::visible`).
pub(crate) async fn notices(
    db: &mut Conn,
    shown: &[&Post],
) -> Result<HashMap<PostId, Notice>, AppError> {
    let ids: Vec<i64> = shown
        .iter()
        .filter(|p| p.moderation != Moderation::Visible)
        .map(|p| p.id.0)
        .collect();
    let decisions = store::latest_decisions(db, ContentKind::Post, &ids, &["hide", "hold"]).await?;
    Ok(shown
        .iter()
        .filter(|p| p.moderation != Moderation::Visible)
        .map(|p| {
            let reason = decisions
                .get(&p.id.0)
                .map_or_else(|| HELD_REASON.to_owned(), |d| d.reason.clone());
            (
                p.id,
                Notice {
                    moderation: p.moderation,
                    reason,
                },
            )
        })
        .collect())
}
