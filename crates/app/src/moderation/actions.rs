//! Moderators' actions: hide, remove, restore, lock, pin and their undoing, and the
//! dismissal of reports; each with a reason that the audit log records and the
//! author is told.

use super::reports::Subject;
use crate::access::{PlaceRows, load_in_readable_place, place};
use crate::audit::{self, Acting, Target};
use crate::fan_out::{self, Notice};
use crate::live::{self, Decision, Event, LiveEvent, MessageDeleted, ModerationDecision};
use crate::notifications::About;
use crate::{App, AppError, signed_in};
use hearth_domain::chat::preview;
use hearth_domain::post::{ContentKind, Moderation, ModerationAction, parse_reason};
use hearth_domain::{
    AuditAction, Message, MessageId, Post, PostId, User, UserId, ValidationError, policy,
};
use hearth_domain::{NotificationKind, ReportId};
use hearth_store::moderation as store;
use hearth_store::{Conn, conversations, messages, posts};
use serde_json::json;

/// Loads a post, deleted or not, for someone who may moderate it. People who cannot
/// read its community are told it does not exist.
async fn load_moderated_post(
    db: &mut Conn,
    user: &User,
    id: PostId,
) -> Result<(Post, PlaceRows), AppError> {
    let (post, rows) = load_in_readable_place(db, user, id).await?;
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
            let notice = Notice {
                network: user.network_id,
                recipient: decided.author,
                kind: NotificationKind::Moderation,
                about: About::Post(target.thread_id().0),
                group_key: format!("moderation:{}", decided.id),
                actor: user,
                excerpt: &decided.reason,
            };
            let notified = fan_out::notify(&mut tx, app, notice).await?;
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
            let event = Event::MessageDeleted(MessageDeleted {
                conversation_id: conversation.id,
                message_id: message.id,
                members: conversations::member_ids(db, conversation.id).await?,
            });
            let event = live::record(db, app, conversation.network_id, event).await?;
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
    let event = Event::ModerationDecision(ModerationDecision {
        target_kind: decided.kind,
        target_id: decided.id,
        thread_id: decided.thread_id,
        action: Decision::Action(decided.action),
        reason: decided.reason.clone(),
        author: decided.author,
    });
    live::record(db, app, network, event).await
}

/// Dismisses a report, and with it every other open report of the same content: the
/// moderator looked and found nothing to do.
pub async fn dismiss(
    app: &App,
    acting: Acting<'_>,
    report_id: ReportId,
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
            id: Some(report.id.0),
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
    tracing::info!(report.id = %report.id, user.id = %user.id, "report dismissed");
    Ok(())
}
