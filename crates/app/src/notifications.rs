//! Notifications: use cases call [`notify`] in their own transaction for each person
//! an act concerns; the notification centre lists them, folded, and the live stream
//! pushes each one (kind `notification`) to its recipient.

use crate::live::{self, Audience, LiveEvent};
use crate::{App, AppError, signed_in};
use hearth_domain::notification::actors_phrase;
use hearth_domain::{Actor, Millis, NetworkId, NotificationKind, Post, User, UserId};
use hearth_store::events::Scope;
use hearth_store::notifications::{self, NewNotification, NotificationRow};
use hearth_store::{Conn, posts};

/// The most unread notifications counted; the centre shows "99+" beyond.
pub const UNREAD_CAP: i64 = 100;

/// How much of a body a notification quotes.
const EXCERPT_CHARS: usize = 140;

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    Post(i64),
    Conversation(i64),
}

/// One person to tell about one act.
pub(crate) struct Notice<'a> {
    pub network: NetworkId,
    pub recipient: UserId,
    pub kind: NotificationKind,
    pub about: About,
    /// Notices with the same key fold together while unread.
    pub group_key: String,
    pub actor: &'a User,
    pub excerpt: &'a str,
}

/// Writes (or folds) the notice in the caller's transaction and answers the live
/// event to publish after commit. Nobody is told about their own act.
pub(crate) async fn notify(
    db: &mut Conn,
    app: &App,
    notice: Notice<'_>,
) -> Result<Option<LiveEvent>, AppError> {
    if notice.recipient == notice.actor.id {
        return Ok(None);
    }
    // "Off" means not even in the centre.
    if crate::notification_settings::channel_for(db, notice.recipient, notice.kind).await?
        == hearth_domain::Channel::Off
    {
        return Ok(None);
    }
    let (subject_kind, subject_id) = match notice.about {
        About::Post(id) => ("post", id),
        About::Conversation(id) => ("conversation", id),
    };
    let excerpt = excerpt_of(notice.excerpt);
    let id = notifications::fold(
        db,
        &NewNotification {
            id: app.next_id(),
            network_id: notice.network,
            user_id: notice.recipient,
            kind: notice.kind.as_str(),
            subject_kind,
            subject_id,
            group_key: &notice.group_key,
            actor_id: notice.actor.id,
            excerpt: &excerpt,
            now: app.now(),
        },
    )
    .await?;
    crate::mail::about_notification(db, app, notice.network, notice.recipient, notice.kind, id)
        .await?;
    let unread = notifications::unread_count(db, notice.recipient, UNREAD_CAP).await?;
    let payload = serde_json::json!({
        "id": id.to_string(),
        "kind": notice.kind.as_str(),
        "unread": unread,
    });
    let event = live::record(
        db,
        app,
        notice.network,
        Scope::User(notice.recipient),
        Audience::Users(vec![notice.recipient.0]),
        "notification",
        payload.to_string(),
    )
    .await?;
    Ok(Some(event))
}

/// Tells everyone a new post or reply concerns: the people it mentions, the author
/// of the post it answers, the others who took part in its thread, and the author of
/// the post it shares; each only if they may read it, and each once, by the most
/// specific reason.
pub(crate) async fn about_new_post(
    db: &mut Conn,
    app: &App,
    author: &User,
    post: &Post,
    mentioned: &[UserId],
    referenced: &[hearth_domain::PostId],
) -> Result<Vec<LiveEvent>, AppError> {
    let mut wanted: Vec<(UserId, NotificationKind)> = Vec::new();
    let mut add = |user: UserId, kind: NotificationKind| {
        if user != author.id && !wanted.iter().any(|(u, _)| *u == user) {
            wanted.push((user, kind));
        }
    };
    for user in mentioned {
        add(*user, NotificationKind::Mention);
    }
    if let Some(parent) = post.parent_id
        && let Some(parent) = posts::get(db, post.network_id, parent).await?
    {
        add(parent.author_id, NotificationKind::Reply);
    }
    if let Some(root) = post.root_id {
        for user in notifications::thread_participants(db, root.0).await? {
            add(user, NotificationKind::ThreadReply);
        }
    }
    if let Some(shared) = post.shared_post_id
        && let Some(original) = posts::get(db, post.network_id, shared).await?
    {
        add(original.author_id, NotificationKind::Share);
    }
    for target in referenced {
        if let Some(target) = posts::get(db, post.network_id, *target).await? {
            add(target.author_id, NotificationKind::Reference);
        }
    }
    let candidates: Vec<UserId> = wanted.iter().map(|(user, _)| *user).collect();
    let readers =
        notifications::readers_among(db, post.network_id, post.community_id, &candidates).await?;
    let thread = post.root_id.unwrap_or(post.id).0;
    let mut events = Vec::new();
    for (recipient, kind) in wanted {
        if !readers.contains(&recipient) {
            continue;
        }
        let group_key = match kind {
            NotificationKind::ThreadReply => format!("thread:{thread}"),
            _ => format!("{}:{}", kind.as_str(), post.id),
        };
        let notice = Notice {
            network: post.network_id,
            recipient,
            kind,
            // Threads are read from their top: a reply's notice opens its thread.
            about: About::Post(thread),
            group_key,
            actor: author,
            excerpt: &post.body_markdown,
        };
        events.extend(notify(db, app, notice).await?);
    }
    if !post.is_reply() {
        events.extend(
            crate::notification_settings::about_top_level_post(db, app, author, post, &readers)
                .await?,
        );
    }
    Ok(events)
}

/// A notification as the centre shows it.
#[derive(Debug, Clone)]
pub struct NotificationView {
    pub id: i64,
    pub kind: NotificationKind,
    pub about: About,
    /// "Ana and 4 others".
    pub actors: String,
    pub actor_ids: Vec<UserId>,
    pub actor_count: i64,
    pub excerpt: String,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub read: bool,
}

impl NotificationView {
    /// The sentence the centre shows, e.g. "Ana and 4 others reacted to your post".
    pub fn sentence(&self) -> String {
        let what = match self.kind {
            NotificationKind::Mention => "mentioned you",
            NotificationKind::Reply => "replied to your post",
            NotificationKind::ThreadReply => "replied in a thread you took part in",
            NotificationKind::Reaction => "reacted to your post",
            NotificationKind::Share => "shared your post",
            NotificationKind::Reference => "linked to your post",
            NotificationKind::BestAnswer => "marked your reply as the best answer",
            NotificationKind::DirectMessage => "sent you a message",
            NotificationKind::Moderation => "moderated your post",
            NotificationKind::CommunityPost => "posted in a community you follow",
            NotificationKind::Announcement => "made an announcement",
        };
        format!("{} {what}", self.actors)
    }

    /// Where the notification leads.
    pub fn href(&self) -> String {
        self.about.href()
    }
}

/// A page of the centre and the unread count.
#[derive(Debug, Clone)]
pub struct NotificationPage {
    pub notifications: Vec<NotificationView>,
    pub unread: i64,
    /// The cursor of the next page, if there may be one.
    pub next: Option<(Millis, i64)>,
}

/// The acting person's notifications, most recently updated first.
pub async fn list(
    app: &App,
    actor: &Actor,
    before: Option<(Millis, i64)>,
    limit: i64,
) -> Result<NotificationPage, AppError> {
    let user = signed_in(actor)?;
    let limit = limit.clamp(1, 100);
    let mut db = app.store().conn().await?;
    let rows = notifications::page(
        &mut db,
        user.id,
        before.unwrap_or((i64::MAX, i64::MAX)),
        limit,
    )
    .await?;
    let unread = notifications::unread_count(&mut db, user.id, UNREAD_CAP).await?;
    let mut ids: Vec<UserId> = rows.iter().flat_map(NotificationRow::actors).collect();
    ids.sort_unstable();
    ids.dedup();
    let names = posts::authors(&mut db, &ids).await?;
    let next = (rows.len() as i64 == limit)
        .then(|| rows.last().map(|row| (row.updated_at, row.id)))
        .flatten();
    let notifications = rows
        .into_iter()
        .filter_map(|row| {
            let kind = NotificationKind::parse(&row.kind)?;
            let actor_ids = row.actors();
            let actor_names: Vec<String> = actor_ids
                .iter()
                .filter_map(|id| names.get(id).map(|author| author.name.clone()))
                .collect();
            let about = about(&row.subject_kind, row.subject_id);
            Some(NotificationView {
                id: row.id,
                kind,
                about,
                actors: actors_phrase(&actor_names, row.actor_count),
                actor_ids,
                actor_count: row.actor_count,
                excerpt: row.excerpt,
                created_at: row.created_at,
                updated_at: row.updated_at,
                read: row.read_at.is_some(),
            })
        })
        .collect();
    Ok(NotificationPage {
        notifications,
        unread,
        next,
    })
}

/// How many unread notifications the acting person has (up to [`UNREAD_CAP`]).
pub async fn unread(app: &App, actor: &Actor) -> Result<i64, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    Ok(notifications::unread_count(&mut db, user.id, UNREAD_CAP).await?)
}

/// Marks one notification read; answers what it is about.
pub async fn mark_read(app: &App, actor: &Actor, id: i64) -> Result<About, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (kind, subject) = notifications::mark_read(&mut tx, user.id, id, app.now())
        .await?
        .ok_or(AppError::NotFound("notification"))?;
    tx.commit().await?;
    Ok(about(&kind, subject))
}

fn about(kind: &str, id: i64) -> About {
    match kind {
        "conversation" => About::Conversation(id),
        _ => About::Post(id),
    }
}

impl About {
    /// Where it is in the web UI.
    pub fn href(self) -> String {
        match self {
            Self::Post(id) => crate::links::post(id),
            Self::Conversation(id) => crate::links::conversation(id),
        }
    }
}

/// Marks every notification read; answers how many were unread.
pub async fn mark_all_read(app: &App, actor: &Actor) -> Result<u64, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let marked = notifications::mark_all_read(&mut tx, user.id, app.now()).await?;
    tx.commit().await?;
    Ok(marked)
}

pub(crate) fn excerpt_of(body: &str) -> String {
    let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT_CHARS {
        return flat;
    }
    let mut cut: String = flat.chars().take(EXCERPT_CHARS - 1).collect();
    cut.push('…');
    cut
}
