//! Who a new post or reply concerns, and telling them: the people it praises (and
//! their managers, when the network says so), the people it mentions, the
//! author of the post it answers, the others who took part in its thread, the author
//! of the post it shares or links, and for a top-level post its community's
//! subscribers and an announcement's audience; each only if they may read it, and
//! each once, by the most specific reason.
//!
//! Finding them ([`plan`]) only reads, on a connection of its own, so that a thread
//! thousands took part in is not read while the writer waits. The plan lists its
//! recipients in one order (the singles, then the thread, the announcement's
//! audience, an article's subscribers and the community's, each by id), and [`Plan::write`] writes the
//! notifications of a stretch of that list set-based in the caller's transaction,
//! so that a fan-out to thousands can be spread over several transactions.

use super::{Notice, notify};
use crate::live::{self, Event, LiveEvent, Notification};
use crate::notifications::{About, excerpt_of};
use crate::{App, AppError};
use hearth_domain::post::Moderation;
use hearth_domain::{Channel, NotificationKind, Post, PostKind, User, UserId};
use hearth_store::pending_fan_outs::PendingFanOut;
use hearth_store::{Conn, articles, notifications, posts, praise, preferences, users};
use std::collections::{HashMap, HashSet};

/// Everyone to tell about one post, and how.
pub(crate) struct Plan {
    author: User,
    post: Post,
    /// Told one by one, by their most specific reason.
    singles: Vec<(UserId, NotificationKind)>,
    /// The others who took part in the thread, told with one folded notification each.
    thread: Group,
    announcement: Group,
    /// Those who subscribed to new articles by its author, in its place or
    /// company-wide, when the post publishes an article.
    readers: Group,
    subscribers: Group,
}

/// People told of the post for the same reason, written with multi-row statements.
struct Group {
    kind: NotificationKind,
    recipients: Vec<UserId>,
    /// The few of them who chose to hear of it by e-mail.
    by_email: HashSet<UserId>,
    /// What their notifications quote, when not the post's first words (an
    /// article's title).
    excerpt: Option<String>,
}

impl Group {
    fn empty(kind: NotificationKind) -> Self {
        Self {
            kind,
            recipients: Vec::new(),
            by_email: HashSet::new(),
            excerpt: None,
        }
    }
}

/// Finds whom to tell about the post; `None` when it is gone, deleted or held, and
/// nobody is to be told.
pub(crate) async fn plan(db: &mut Conn, pending: PendingFanOut) -> Result<Option<Plan>, AppError> {
    let Some(post) = posts::get(db, pending.network, pending.post).await? else {
        return Ok(None);
    };
    if post.deleted_at.is_some() || post.moderation != Moderation::Visible {
        return Ok(None);
    }
    let Some(author) = users::get(db, post.author_id).await? else {
        return Ok(None);
    };
    let mut wanted: Vec<(UserId, NotificationKind)> = Vec::new();
    let mut seen: HashSet<UserId> = HashSet::from([author.id]);
    let mut add = |user: UserId, kind: NotificationKind| {
        if seen.insert(user) {
            wanted.push((user, kind));
        }
    };
    // The people a praise thanks, first; their managers come last (below), so that
    // a manager mentioned or answered hears of that rather than of their report.
    let praised = if post.is_reply() {
        Vec::new()
    } else {
        praise::recipients_of(db, post.id).await?
    };
    for user in &praised {
        add(*user, NotificationKind::Praise);
    }
    for user in posts::mentions_of(db, post.id).await? {
        add(user, NotificationKind::Mention);
    }
    if let Some(parent) = post.parent_id
        && let Some(parent) = posts::get(db, post.network_id, parent).await?
        && !muted_their_thread(db, &parent).await?
    {
        add(parent.author_id, NotificationKind::Reply);
    }
    if let Some(root) = post.root_id {
        for user in notifications::thread_participants(db, root.0, post.id).await? {
            add(user, NotificationKind::ThreadReply);
        }
    }
    if let Some(shared) = post.shared_post_id
        && let Some(original) = posts::get(db, post.network_id, shared).await?
    {
        add(original.author_id, NotificationKind::Share);
    }
    for target in posts::references_from(db, post.id).await? {
        if let Some(target) = posts::get(db, post.network_id, target).await? {
            add(target.author_id, NotificationKind::Reference);
        }
    }
    if !praised.is_empty() && praise::tells_managers(db, post.network_id).await? {
        for manager in praise::managers_of(db, post.id).await? {
            add(manager, NotificationKind::PraiseForReport);
        }
    }
    let candidates: Vec<UserId> = wanted.iter().map(|(user, _)| *user).collect();
    let readers = notifications::readers_among(
        db,
        post.network_id,
        post.id,
        &candidates,
        posts::ModeratedSeenBy::AuthorAndModerators,
    )
    .await?;
    let readable: HashSet<UserId> = readers.iter().copied().collect();
    let (in_thread, singles): (Vec<_>, Vec<_>) = wanted
        .into_iter()
        .filter(|(recipient, _)| readable.contains(recipient))
        .partition(|(_, kind)| *kind == NotificationKind::ThreadReply);
    let thread = thread_group(db, &post, in_thread.into_iter().map(|(user, _)| user)).await?;
    let (announcement, article_readers, subscribers) = if post.is_reply() {
        (
            Group::empty(NotificationKind::Announcement),
            Group::empty(NotificationKind::ArticlePublished),
            Group::empty(NotificationKind::CommunityPost),
        )
    } else {
        top_level_groups(db, &author, &post, &readers).await?
    };
    Ok(Some(Plan {
        author,
        post,
        singles,
        thread,
        announcement,
        readers: article_readers,
        subscribers,
    }))
}

/// Whether the author of a thread's own post unsubscribed from it: every answer to
/// the post is a reply to them, which they asked no longer to hear of (answers to
/// their replies further down are still told).
async fn muted_their_thread(db: &mut Conn, parent: &Post) -> Result<bool, AppError> {
    use hearth_store::thread_subscriptions::{Choice, choice};
    if parent.is_reply() {
        return Ok(false);
    }
    Ok(choice(db, parent.id, parent.author_id).await? == Some(Choice::Muted))
}

/// The others who took part in the thread, less those who turned such notices off.
async fn thread_group(
    db: &mut Conn,
    post: &Post,
    participants: impl Iterator<Item = UserId>,
) -> Result<Group, AppError> {
    let kind = NotificationKind::ThreadReply;
    let participants: Vec<UserId> = participants.collect();
    if participants.is_empty() {
        return Ok(Group::empty(kind));
    }
    // One read of who chose what: "off" means not even in the centre.
    let mut off = HashSet::new();
    let mut by_email = HashSet::new();
    for (user, channel) in preferences::choices(db, post.network_id, kind.as_str()).await? {
        match channel.as_str() {
            "off" => off.insert(user),
            "email" => by_email.insert(user),
            _ => false,
        };
    }
    let mut recipients: Vec<UserId> = participants
        .into_iter()
        .filter(|user| !off.contains(user))
        .collect();
    recipients.sort_unstable();
    Ok(Group {
        kind,
        recipients,
        by_email,
        excerpt: None,
    })
}

/// Everyone who asked to hear of a new top-level post and is not already told
/// (`told`, e.g. because it mentions them): for an announcement, the community's
/// members or (company-wide) everyone in the network who has not turned
/// announcements off; then the subscribers of its community who may read it.
async fn top_level_groups(
    db: &mut Conn,
    author: &User,
    post: &Post,
    told: &[UserId],
) -> Result<(Group, Group, Group), AppError> {
    let mut already: HashSet<UserId> = told.iter().copied().collect();
    already.insert(author.id);
    let mut announcement = Group::empty(NotificationKind::Announcement);
    if post.kind == PostKind::Announcement {
        let kind = announcement.kind;
        let audience = preferences::audience(
            db,
            post.network_id,
            post.community_id,
            author.id,
            kind.as_str(),
            kind.default_channel() == Channel::Off,
        )
        .await?;
        announcement.recipients = audience
            .into_iter()
            .filter(|user| already.insert(*user))
            .collect();
        if !announcement.recipients.is_empty() {
            announcement.by_email = preferences::choices(db, post.network_id, kind.as_str())
                .await?
                .into_iter()
                .filter_map(|(user, channel)| (channel == "email").then_some(user))
                .collect();
        }
    }
    let article_readers = article_subscribers(db, author, post, &mut already).await?;
    let mut subscribers = Group::empty(NotificationKind::CommunityPost);
    if let Some(community) = post.community_id {
        subscribers.recipients = preferences::subscribers(db, post.network_id, post.id, author.id)
            .await?
            .into_iter()
            .filter(|user| already.insert(*user))
            .collect();
        if !subscribers.recipients.is_empty() {
            subscribers.by_email = preferences::email_subscribers(db, community)
                .await?
                .into_iter()
                .collect();
        }
    }
    // The list's order must come out the same when a node takes up a fan-out
    // another began.
    announcement.recipients.sort_unstable();
    subscribers.recipients.sort_unstable();
    Ok((announcement, article_readers, subscribers))
}

/// When the post publishes an article: those who subscribed to new articles by its
/// author, in its community or company-wide, may read it and did not turn the kind
/// off; by e-mail for those who chose it, in the digest by default.
async fn article_subscribers(
    db: &mut Conn,
    author: &User,
    post: &Post,
    already: &mut HashSet<UserId>,
) -> Result<Group, AppError> {
    let kind = NotificationKind::ArticlePublished;
    let mut group = Group::empty(kind);
    let Some(article) = articles::of_posts(db, &[post.id]).await?.remove(&post.id) else {
        return Ok(group);
    };
    group.excerpt = Some(article.title);
    let found = articles::subscribers(db, post.network_id, post.id, author.id).await?;
    if found.is_empty() {
        return Ok(group);
    }
    let chosen: HashMap<UserId, String> = preferences::choices(db, post.network_id, kind.as_str())
        .await?
        .into_iter()
        .collect();
    let default = kind.default_channel().as_str();
    for user in found {
        let channel = chosen.get(&user).map_or(default, String::as_str);
        if channel == "off" || !already.insert(user) {
            continue;
        }
        if channel == "email" {
            group.by_email.insert(user);
        }
        group.recipients.push(user);
    }
    group.recipients.sort_unstable();
    Ok(group)
}

impl Plan {
    /// How many people the plan tells.
    pub(crate) fn len(&self) -> usize {
        self.singles.len()
            + self
                .groups()
                .map(|group| group.recipients.len())
                .sum::<usize>()
    }

    fn groups(&self) -> impl Iterator<Item = &Group> {
        [
            &self.thread,
            &self.announcement,
            &self.readers,
            &self.subscribers,
        ]
        .into_iter()
    }

    /// Writes the notifications of the people from `from` to `to` in the plan's list,
    /// in the caller's transaction; answers the live events to publish after commit.
    pub(crate) async fn write(
        &self,
        db: &mut Conn,
        app: &App,
        from: usize,
        to: usize,
    ) -> Result<Vec<LiveEvent>, AppError> {
        let post = &self.post;
        let thread = post.root_id.unwrap_or(post.id).0;
        let mut events = Vec::new();
        for (recipient, kind) in &self.singles[within(from, to, 0, self.singles.len())] {
            let notice = Notice {
                network: post.network_id,
                recipient: *recipient,
                kind: *kind,
                // Threads are read from their top: a reply's notice opens its thread.
                about: About::Post(thread),
                group_key: format!("{}:{}", kind.as_str(), post.id),
                actor: &self.author,
                excerpt: &post.body_markdown,
            };
            events.extend(notify(db, app, notice).await?);
        }
        let mut start = self.singles.len();
        for group in self.groups() {
            let end = start + group.recipients.len();
            let part = &group.recipients[within(from, to, start, end)];
            start = end;
            if part.is_empty() {
                continue;
            }
            let event = if group.kind == NotificationKind::ThreadReply {
                tell_thread(db, app, self, group, part, thread).await?
            } else {
                tell_group(db, app, self, group, part).await?
            };
            events.push(event);
        }
        Ok(events)
    }
}

/// The part of a stretch `start..end` of the list that falls within `from..to`, as
/// a range within the stretch.
fn within(from: usize, to: usize, start: usize, end: usize) -> std::ops::Range<usize> {
    let first = from.clamp(start, end) - start;
    let last = to.clamp(start, end) - start;
    first..last.max(first)
}

/// Tells of a reply (some of) the others who took part in its thread. A company-wide
/// thread may have thousands, so their notifications are folded set-based
/// ([`notifications::fold_many`]) and pushed with one live event for all.
async fn tell_thread(
    db: &mut Conn,
    app: &App,
    plan: &Plan,
    group: &Group,
    part: &[UserId],
    thread: i64,
) -> Result<LiveEvent, AppError> {
    let post = &plan.post;
    let recipients = numbered(app, part);
    let group_key = format!("thread:{thread}");
    let excerpt = excerpt_of(&post.body_markdown);
    let shared = preferences::FanOut {
        network_id: post.network_id,
        kind: group.kind.as_str(),
        // Threads are read from their top: the notice opens the thread.
        subject_id: thread,
        group_key: &group_key,
        actor_id: plan.author.id,
        excerpt: &excerpt,
        now: app.now(),
    };
    let written = notifications::fold_many(db, &shared, &recipients).await?;
    for (user, id) in written
        .iter()
        .filter(|(user, _)| group.by_email.contains(user))
    {
        crate::mail::about_notification(db, app, post.network_id, *user, group.kind, *id).await?;
    }
    let event = fan_out_event(plan, group.kind, part);
    live::record(db, app, post.network_id, event).await
}

/// Tells (some of) a group that may reach the whole company with multi-row inserts
/// ([`preferences::fan_out`], 500 people a statement) and one live event for all.
async fn tell_group(
    db: &mut Conn,
    app: &App,
    plan: &Plan,
    group: &Group,
    part: &[UserId],
) -> Result<LiveEvent, AppError> {
    let post = &plan.post;
    let group_key = format!("{}:{}", group.kind.as_str(), post.id);
    let excerpt = group
        .excerpt
        .clone()
        .unwrap_or_else(|| excerpt_of(&post.body_markdown));
    let rows = numbered(app, part);
    let shared = preferences::FanOut {
        network_id: post.network_id,
        kind: group.kind.as_str(),
        subject_id: post.id.0,
        group_key: &group_key,
        actor_id: plan.author.id,
        excerpt: &excerpt,
        now: app.now(),
    };
    preferences::fan_out(db, &shared, &rows).await?;
    for row in rows
        .iter()
        .filter(|row| group.by_email.contains(&row.user_id))
    {
        crate::mail::about_notification(db, app, post.network_id, row.user_id, group.kind, row.id)
            .await?;
    }
    let event = fan_out_event(plan, group.kind, part);
    live::record(db, app, post.network_id, event).await
}

/// A notification id for each recipient.
fn numbered(app: &App, recipients: &[UserId]) -> Vec<preferences::Recipient> {
    recipients
        .iter()
        .map(|user| preferences::Recipient {
            id: app.next_id(),
            user_id: *user,
        })
        .collect()
}

/// One event for everyone: clients refetch their unread count on `notification`.
fn fan_out_event(plan: &Plan, kind: NotificationKind, recipients: &[UserId]) -> Event {
    Event::Notification(Notification::FanOut {
        kind,
        post_id: plan.post.id,
        recipients: recipients.to_vec(),
        community: plan.post.community_id,
    })
}
