//! Reports of posts, replies and messages, and the moderators' queue of open reports.

use crate::access::load_readable;
use crate::{App, AppError, signed_in};
use hearth_domain::chat::preview;
pub use hearth_domain::moderation::Report;
use hearth_domain::post::{ContentKind, Moderation, parse_reason};
use hearth_domain::{Actor, CommunityId, Message, MessageId, Post, PostId, User, UserId, policy};
use hearth_store::moderation::{self as store, NewReport};
use hearth_store::{Conn, conversations, messages, posts};
use std::collections::HashMap;

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
        id: hearth_domain::ReportId(app.next_id()),
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
    tracing::info!(report.id = %report.id, user.id = %user.id, "content reported");
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
    pub report_id: hearth_domain::ReportId,
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
