//! Telling people: use cases call [`notify`] in their own transaction for each person
//! an act concerns, or [`about_new_post`] for everyone a new post concerns. Each
//! notification is written (or folded) for the centre, mailed when its recipient
//! wants it by e-mail, and pushed on the live stream (kind `notification`).
//!
//! The centre itself is `notifications`, the recipients' choices
//! `notification_settings`, and e-mail `mail`; this module depends on all three and
//! none of them on it.

use crate::live::{self, Event, LiveEvent, Notification};
use crate::notifications::{About, UNREAD_CAP, excerpt_of};
use crate::{App, AppError};
use hearth_domain::{Channel, NetworkId, NotificationKind, Post, User, UserId};
use hearth_store::notifications::{self, NewNotification};
use hearth_store::{Conn, posts, preferences};
use std::collections::HashSet;

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
    let event = Event::Notification(Notification::Single {
        id,
        kind: notice.kind,
        unread,
        recipient: notice.recipient,
    });
    let event = live::record(db, app, notice.network, event).await?;
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
    let mut seen: HashSet<UserId> = HashSet::from([author.id]);
    let mut add = |user: UserId, kind: NotificationKind| {
        if seen.insert(user) {
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
    let readers = notifications::readers_among(
        db,
        post.network_id,
        post.id,
        &candidates,
        hearth_store::posts::ModeratedSeenBy::AuthorAndModerators,
    )
    .await?;
    let thread = post.root_id.unwrap_or(post.id).0;
    let mut events = Vec::new();
    let (in_thread, singles): (Vec<_>, Vec<_>) = wanted
        .into_iter()
        .filter(|(recipient, _)| readers.contains(recipient))
        .partition(|(_, kind)| *kind == NotificationKind::ThreadReply);
    let in_thread: Vec<UserId> = in_thread.into_iter().map(|(user, _)| user).collect();
    events.extend(tell_thread(db, app, author, post, thread, &in_thread).await?);
    for (recipient, kind) in singles {
        let group_key = format!("{}:{}", kind.as_str(), post.id);
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
        events.extend(about_top_level_post(db, app, author, post, &readers).await?);
    }
    Ok(events)
}

/// Tells of a reply the others who took part in its thread. A company-wide thread
/// may have thousands, so their notifications are folded set-based
/// ([`notifications::fold_many`]) and pushed with one live event for all, like a
/// fan-out: the reply's cost in the write transaction does not grow with them.
async fn tell_thread(
    db: &mut Conn,
    app: &App,
    author: &User,
    post: &Post,
    thread: i64,
    participants: &[UserId],
) -> Result<Option<LiveEvent>, AppError> {
    if participants.is_empty() {
        return Ok(None);
    }
    let kind = NotificationKind::ThreadReply;
    // One read of who chose what: "off" means not even in the centre, and the few
    // who chose e-mail are looked at one by one below.
    let mut off = HashSet::new();
    let mut by_email = HashSet::new();
    for (user, channel) in preferences::choices(db, post.network_id, kind.as_str()).await? {
        match channel.as_str() {
            "off" => off.insert(user),
            "email" => by_email.insert(user),
            _ => false,
        };
    }
    let recipients: Vec<preferences::Recipient> = participants
        .iter()
        .filter(|user| !off.contains(user))
        .map(|user| preferences::Recipient {
            id: app.next_id(),
            user_id: *user,
        })
        .collect();
    if recipients.is_empty() {
        return Ok(None);
    }
    let group_key = format!("thread:{thread}");
    let excerpt = excerpt_of(&post.body_markdown);
    let shared = preferences::FanOut {
        network_id: post.network_id,
        kind: kind.as_str(),
        // Threads are read from their top: the notice opens the thread.
        subject_id: thread,
        group_key: &group_key,
        actor_id: author.id,
        excerpt: &excerpt,
        now: app.now(),
    };
    let written = notifications::fold_many(db, &shared, &recipients).await?;
    for (user, id) in written.iter().filter(|(user, _)| by_email.contains(user)) {
        crate::mail::about_notification(db, app, post.network_id, *user, kind, *id).await?;
    }
    let event = Event::Notification(Notification::FanOut {
        kind,
        post_id: post.id,
        recipients: recipients.iter().map(|r| r.user_id).collect(),
        community: post.community_id,
    });
    Ok(Some(live::record(db, app, post.network_id, event).await?))
}

/// Tells of a new top-level post everyone who asked to hear of it and is not already
/// told (`told`, e.g. because it mentions them): the subscribers of its community
/// who may read it, and, for an announcement, the community's members or (company-
/// wide) everyone in the network who has not turned announcements off.
///
/// Both are fan-outs that may reach the whole company, so the notifications are
/// written with multi-row inserts ([`preferences::fan_out`], 500 people a statement)
/// and pushed with one live event for all recipients instead of one per person.
pub(crate) async fn about_top_level_post(
    db: &mut Conn,
    app: &App,
    author: &User,
    post: &hearth_domain::Post,
    told: &[UserId],
) -> Result<Vec<LiveEvent>, AppError> {
    let mut already: HashSet<UserId> = told.iter().copied().collect();
    already.insert(author.id);
    let mut events = Vec::new();
    if post.kind == hearth_domain::PostKind::Announcement {
        let kind = NotificationKind::Announcement;
        let audience = preferences::audience(
            db,
            post.network_id,
            post.community_id,
            author.id,
            kind.as_str(),
            kind.default_channel() == Channel::Off,
        )
        .await?;
        let recipients: Vec<UserId> = audience
            .into_iter()
            .filter(|user| already.insert(*user))
            .collect();
        events.extend(fan_out(db, app, author, post, kind, &recipients).await?);
    }
    if post.community_id.is_some() {
        let subscribers = preferences::subscribers(db, post.network_id, post.id, author.id).await?;
        let recipients: Vec<UserId> = subscribers
            .into_iter()
            .filter(|user| already.insert(*user))
            .collect();
        let kind = NotificationKind::CommunityPost;
        events.extend(fan_out(db, app, author, post, kind, &recipients).await?);
    }
    Ok(events)
}

async fn fan_out(
    db: &mut Conn,
    app: &App,
    author: &User,
    post: &hearth_domain::Post,
    kind: NotificationKind,
    recipients: &[UserId],
) -> Result<Option<LiveEvent>, AppError> {
    if recipients.is_empty() {
        return Ok(None);
    }
    let group_key = format!("{}:{}", kind.as_str(), post.id);
    let excerpt = excerpt_of(&post.body_markdown);
    let rows: Vec<preferences::Recipient> = recipients
        .iter()
        .map(|user| preferences::Recipient {
            id: app.next_id(),
            user_id: *user,
        })
        .collect();
    let shared = preferences::FanOut {
        network_id: post.network_id,
        kind: kind.as_str(),
        subject_id: post.id.0,
        group_key: &group_key,
        actor_id: author.id,
        excerpt: &excerpt,
        now: app.now(),
    };
    preferences::fan_out(db, &shared, &rows).await?;
    // Few choose e-mail for these; only they are looked at one by one.
    let by_email = match (kind, post.community_id) {
        (NotificationKind::CommunityPost, Some(community)) => {
            preferences::email_subscribers(db, community).await?
        }
        _ => preferences::choices(db, post.network_id, kind.as_str())
            .await?
            .into_iter()
            .filter_map(|(user, channel)| (channel == "email").then_some(user))
            .collect(),
    };
    for row in rows.iter().filter(|row| by_email.contains(&row.user_id)) {
        crate::mail::about_notification(db, app, post.network_id, row.user_id, kind, row.id)
            .await?;
    }
    // One event for everyone: clients refetch their unread count on `notification`.
    let event = Event::Notification(Notification::FanOut {
        kind,
        post_id: post.id,
        recipients: recipients.to_vec(),
        community: post.community_id,
    });
    let event = live::record(db, app, post.network_id, event).await?;
    Ok(Some(event))
}
