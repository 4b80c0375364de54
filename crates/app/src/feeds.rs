//! Reading: single posts with their counts, threads as trees, and the feeds (home,
//! community, profile, topic), newest first, a page at a time by id.

use crate::access::{load_place, load_readable, place, reader};
use crate::polls::PollView;
use crate::signed_in;
use crate::{App, AppError};
use hearth_domain::policy;
use hearth_domain::upload::Upload;
use hearth_domain::{
    Actor, ArticleId, CommunityId, Millis, Post, PostId, User, UserId, ValidationError,
};
use hearth_store::Conn;
use hearth_store::posts::{self, FeedScope, PostStats};
use hearth_store::uploads::{self, Target};
use std::collections::HashMap;

/// A post ready to show: who wrote it, where, its counts, and what it quotes.
#[derive(Debug, Clone)]
pub struct PostView {
    pub post: Post,
    pub author_name: String,
    pub author_handle: String,
    /// The author has left (deactivated or deleted).
    pub author_former: bool,
    /// The author's photo, if they set one.
    pub author_photo: Option<hearth_domain::UploadId>,
    /// The author is a guest from outside the company.
    pub author_guest: bool,
    pub stats: PostStats,
    pub shared: Option<Shared>,
    /// Why the post is hidden or held, for the author and moderators who still see it.
    pub notice: Option<crate::moderation::Notice>,
    /// Its files, in their order.
    pub attachments: Vec<Upload>,
    /// Its poll, as this reader sees it.
    pub poll: Option<PollView>,
    /// Whom it praises, for a praise post.
    pub praise: Option<crate::praise::PraiseView>,
    /// The article it publishes, shown as a card instead of its body.
    pub article: Option<ArticleCard>,
    /// The intranet page whose comments it begins.
    pub page: Option<crate::page_comments::PageLink>,
}

/// An article as feeds show it: a card that opens its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleCard {
    pub id: ArticleId,
    pub title: String,
    pub summary: String,
    pub cover_id: Option<hearth_domain::UploadId>,
    pub reading_minutes: i64,
    /// Its page, `/articles/{id}/{slug}`.
    pub path: String,
}

/// What a share quotes, as this reader may see it.
#[derive(Debug, Clone)]
pub enum Shared {
    Available(Box<PostView>),
    /// The original is deleted or out of this reader's sight.
    Unavailable,
}

/// Posts ready to show, with their counts fetched together for the whole list.
async fn views(
    db: &mut Conn,
    user: &User,
    posts: Vec<Post>,
    depth: u8,
    now: Millis,
) -> Result<Vec<PostView>, AppError> {
    let refs: Vec<&Post> = posts.iter().collect();
    let mut stats = posts::stats(db, reader(user), &refs).await?;
    let mut author_ids: Vec<UserId> = posts.iter().map(|p| p.author_id).collect();
    author_ids.sort_unstable();
    author_ids.dedup();
    let authors = posts::authors(db, &author_ids).await?;
    let mut notices = crate::moderation::notices(db, &refs).await?;
    let targets: Vec<Target> = posts.iter().map(|p| Target::Post(p.id)).collect();
    let (mut attachments, _) = uploads::attached(db, &targets).await?;
    let mut polls = crate::polls::views_of(db, user, &refs, now).await?;
    let mut praise = crate::praise::views_of(db, &refs).await?;
    let ids: Vec<PostId> = posts.iter().map(|p| p.id).collect();
    let mut articles = hearth_store::articles::of_posts(db, &ids).await?;
    // Only a thread's top post can begin a page's comments.
    let top_level: Vec<PostId> = posts
        .iter()
        .filter(|p| !p.is_reply() && p.shared_post_id.is_none())
        .map(|p| p.id)
        .collect();
    let mut pages = hearth_store::embedding::pages_of_posts(db, &top_level).await?;
    let mut out = Vec::with_capacity(posts.len());
    for post in posts {
        let shared = match post.shared_post_id {
            Some(original) if depth == 0 => Some(match load_readable(db, user, original).await {
                Ok((original, _)) => {
                    let mut quoted = Box::pin(views(db, user, vec![original], 1, now)).await?;
                    match quoted.pop() {
                        Some(view) => Shared::Available(Box::new(view)),
                        None => Shared::Unavailable,
                    }
                }
                Err(AppError::NotFound(_)) => Shared::Unavailable,
                Err(other) => return Err(other),
            }),
            Some(_) => Some(Shared::Unavailable),
            None => None,
        };
        let author = authors.get(&post.author_id).cloned().unwrap_or_default();
        let article = articles.remove(&post.id).map(|article| ArticleCard {
            id: article.id,
            path: article.path(),
            reading_minutes: hearth_domain::article::reading_minutes(&post.body_markdown),
            title: article.title,
            summary: article.summary,
            cover_id: article.cover_id,
        });
        let mut attachments = attachments.remove(&post.id).unwrap_or_default();
        // The cover shows on the card, not again among the files (the rest are
        // those its body shows or links).
        if let Some(cover) = article.as_ref().and_then(|a| a.cover_id) {
            attachments.retain(|upload| upload.id != cover);
        }
        out.push(PostView {
            stats: stats.remove(&post.id).unwrap_or_default(),
            notice: notices.remove(&post.id),
            attachments,
            article,
            page: pages
                .remove(&post.id)
                .map(|page| crate::page_comments::PageLink {
                    url: page.url,
                    title: page.title,
                }),
            poll: polls.remove(&post.id),
            praise: praise.remove(&post.id),
            post,
            author_name: author.name,
            author_handle: author.handle,
            author_former: author.former,
            author_photo: author.photo,
            author_guest: author.guest,
            shared,
        });
    }
    Ok(out)
}

/// Posts found elsewhere (search), ready to show as a feed shows them.
pub(crate) async fn views_of(
    db: &mut Conn,
    user: &User,
    posts: Vec<Post>,
    now: Millis,
) -> Result<Vec<PostView>, AppError> {
    views(db, user, posts, 0, now).await
}

async fn view(db: &mut Conn, user: &User, post: Post, now: Millis) -> Result<PostView, AppError> {
    views(db, user, vec![post], 0, now)
        .await?
        .pop()
        .ok_or(AppError::NotFound("post"))
}

/// One post the reader may see.
pub async fn get(app: &App, actor: &Actor, id: PostId) -> Result<PostView, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (post, _) = load_readable(&mut db, user, id).await?;
    let shown = view(&mut db, user, post, app.now()).await?;
    app.touches()
        .announcements_seen(user.id, [&shown.post], app.now());
    Ok(shown)
}

/// Posts that link this one, among those the reader may see ("referenced by").
pub async fn referenced_by(
    app: &App,
    actor: &Actor,
    id: PostId,
) -> Result<Vec<PostView>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    load_readable(&mut db, user, id).await?;
    let sources = posts::referencing(&mut db, reader(user), id).await?;
    views(&mut db, user, sources, 0, app.now()).await
}

/// A reply in a thread tree.
#[derive(Debug, Clone)]
pub struct ThreadNode {
    /// `None` for a deleted reply that still holds replies in place.
    pub reply: Option<PostView>,
    pub id: PostId,
    /// The post or reply this one answers: where a node that begins a later page
    /// attaches to what earlier pages showed.
    pub parent_id: PostId,
    pub children: Vec<ThreadNode>,
    /// Deeper replies exist but are beyond the depth shown; open this reply's own
    /// thread to continue.
    pub continues: bool,
}

/// A page of a thread: the post asked for, and the next replies below it in reading
/// order (each reply followed by its answers) as a tree. The first nodes of a later
/// page may continue a branch begun on an earlier one; their `parent_id` says where.
#[derive(Debug, Clone)]
pub struct ThreadView {
    pub post: PostView,
    pub replies: Vec<ThreadNode>,
    /// Pass as `after` for the next page; `None` on the last.
    pub next_after: Option<PostId>,
}

/// Which page of a thread to read, and how deep.
#[derive(Debug, Clone, Copy)]
pub struct ThreadPage {
    /// Levels of replies below the post, 1 to [`MAX_THREAD_DEPTH`].
    pub depth: u8,
    /// The last reply of the previous page (its `next_after`); `None` for the first.
    pub after: Option<PostId>,
    /// Replies (deleted ones that hold replies included), 1 to [`MAX_THREAD_PAGE`].
    pub limit: u32,
}

impl ThreadPage {
    /// The first page, of the default size.
    pub fn first(depth: u8) -> Self {
        Self {
            depth,
            after: None,
            limit: DEFAULT_THREAD_PAGE,
        }
    }
}

pub const MAX_THREAD_DEPTH: u8 = 8;
pub const DEFAULT_THREAD_PAGE: u32 = 200;
pub const MAX_THREAD_PAGE: u32 = 500;

/// A page of the thread below any post: a top-level post's whole discussion, or the
/// branch under one reply (where "continue thread" leads).
///
/// The thread's shape comes from one query on its replies; only the replies of the
/// page are rendered and counted, so however long a thread grows no query binds more
/// than a page of ids.
pub async fn thread(
    app: &App,
    actor: &Actor,
    id: PostId,
    page: ThreadPage,
) -> Result<ThreadView, AppError> {
    let user = signed_in(actor)?;
    if !(1..=MAX_THREAD_DEPTH).contains(&page.depth) {
        return Err(ValidationError::new(
            "depth",
            format!("depth must be between 1 and {MAX_THREAD_DEPTH}"),
        )
        .into());
    }
    if !(1..=MAX_THREAD_PAGE).contains(&page.limit) {
        return Err(ValidationError::new(
            "limit",
            format!("limit must be between 1 and {MAX_THREAD_PAGE}"),
        )
        .into());
    }
    let mut db = app.store().conn().await?;
    let (post, rows) = load_readable(&mut db, user, id).await?;
    let replies = posts::replies(&mut db, post.thread_id()).await?;
    let mut children: HashMap<PostId, Vec<Post>> = HashMap::new();
    for mut reply in replies {
        // A reply this reader may not see holds its replies in place like a deleted
        // one, and shows nothing of itself.
        if !policy::may_see_moderated(user, &reply, place(&rows)) && reply.deleted_at.is_none() {
            reply.deleted_at = Some(reply.created_at);
            reply.body_markdown.clear();
            reply.body_html.clear();
        }
        if let Some(parent) = reply.parent_id {
            children.entry(parent).or_default().push(reply);
        }
    }
    let root_id = post.id;
    let mut order = Vec::new();
    flatten(shape(&mut children, root_id, 1, page.depth), 1, &mut order);
    let (entries, next_after) = page_of(order, page.after, page.limit as usize)?;
    let shown = std::iter::once(post)
        .chain(
            entries
                .iter()
                .filter(|entry| entry.post.deleted_at.is_none())
                .map(|entry| entry.post.clone()),
        )
        .collect();
    let mut viewed: HashMap<PostId, PostView> = views(&mut db, user, shown, 0, app.now())
        .await?
        .into_iter()
        .map(|v| (v.post.id, v))
        .collect();
    let root = viewed.remove(&root_id).ok_or(AppError::NotFound("post"))?;
    app.touches()
        .announcements_seen(user.id, [&root.post], app.now());
    let replies = nest(entries, &mut viewed);
    Ok(ThreadView {
        post: root,
        replies,
        next_after,
    })
}

/// A thread's shape before its posts are rendered.
struct Skeleton {
    post: Post,
    children: Vec<Skeleton>,
    continues: bool,
    /// Deleted, and so is everything below: nothing to show.
    gone: bool,
}

fn shape(
    children: &mut HashMap<PostId, Vec<Post>>,
    parent: PostId,
    depth: u8,
    max_depth: u8,
) -> Vec<Skeleton> {
    let mut nodes = Vec::new();
    for reply in children.remove(&parent).unwrap_or_default() {
        let deleted = reply.deleted_at.is_some();
        // A deleted reply takes no level of its own, so it never ends up as the
        // "continue thread" anchor, which would lead to a post that is gone.
        let (grandchildren, continues) = if depth < max_depth || deleted {
            let next = if deleted { depth } else { depth + 1 };
            (shape(children, reply.id, next, max_depth), false)
        } else {
            (Vec::new(), children.contains_key(&reply.id))
        };
        nodes.push(Skeleton {
            gone: deleted && grandchildren.iter().all(|child| child.gone),
            post: reply,
            children: grandchildren,
            continues,
        });
    }
    nodes
}

/// A reply in reading order, with its level in the tree (the post's replies are 1).
struct Entry {
    post: Post,
    level: u8,
    continues: bool,
    /// Nothing to show, but a place in the order, so that a page ending on a reply
    /// deleted since still leads to the next.
    gone: bool,
}

fn flatten(nodes: Vec<Skeleton>, level: u8, into: &mut Vec<Entry>) {
    for node in nodes {
        into.push(Entry {
            gone: node.gone,
            post: node.post,
            level,
            continues: node.continues,
        });
        flatten(node.children, level.saturating_add(1), into);
    }
}

/// The shown entries after `after` in reading order, at most `limit`, and the cursor
/// of the next page when more follow.
fn page_of(
    order: Vec<Entry>,
    after: Option<PostId>,
    limit: usize,
) -> Result<(Vec<Entry>, Option<PostId>), AppError> {
    let start =
        match after {
            None => 0,
            Some(after) => order
                .iter()
                .position(|entry| entry.post.id == after)
                .ok_or_else(|| {
                    ValidationError::new(
                        "after",
                        "after must be a reply of this thread, as a page's `next_after` names it",
                    )
                })?
                + 1,
        };
    let mut shown = order.into_iter().skip(start).filter(|entry| !entry.gone);
    let page: Vec<Entry> = shown.by_ref().take(limit).collect();
    let next_after = match shown.next() {
        Some(_) => page.last().map(|entry| entry.post.id),
        None => None,
    };
    Ok((page, next_after))
}

/// A page's entries as trees: each entry's answers are the entries after it at a
/// deeper level, up to the next at its own level or above.
fn nest(entries: Vec<Entry>, viewed: &mut HashMap<PostId, PostView>) -> Vec<ThreadNode> {
    let mut nodes = Vec::new();
    let mut rest = entries.into_iter().peekable();
    while let Some(entry) = rest.next() {
        let mut below = Vec::new();
        while let Some(next) = rest.next_if(|next| next.level > entry.level) {
            below.push(next);
        }
        nodes.push(ThreadNode {
            id: entry.post.id,
            parent_id: entry.post.parent_id.unwrap_or(entry.post.id),
            reply: viewed.remove(&entry.post.id),
            children: nest(below, viewed),
            continues: entry.continues,
        });
    }
    nodes
}

/// A page of a feed.
#[derive(Debug, Clone)]
pub struct FeedPage {
    /// A community's announcements, shown above its feed (community feeds only).
    pub pinned: Vec<PostView>,
    pub posts: Vec<PostView>,
    /// Pass as `before` for the next page; `None` on the last.
    pub next_before: Option<PostId>,
}

/// Which feed to read.
#[derive(Debug, Clone)]
pub enum Feed {
    Home,
    Community(CommunityId),
    Profile(UserId),
    Topic(String),
    /// The praise a person received.
    Praised(UserId),
    /// Published articles: all the reader may read, by an author, or in a community.
    Articles,
    ArticlesBy(UserId),
    ArticlesIn(CommunityId),
    /// The latest announcements to the whole company.
    CompanyAnnouncements,
}

pub const DEFAULT_FEED_PAGE: u32 = 20;
pub const MAX_FEED_PAGE: u32 = 100;

/// A page of a feed, newest first, strictly older than `before`: new posts arriving
/// meanwhile never shift the pages a reader is scrolling through.
pub async fn feed(
    app: &App,
    actor: &Actor,
    feed: &Feed,
    before: Option<PostId>,
    limit: Option<u32>,
) -> Result<FeedPage, AppError> {
    let user = signed_in(actor)?;
    let limit = limit.unwrap_or(DEFAULT_FEED_PAGE);
    if !(1..=MAX_FEED_PAGE).contains(&limit) {
        return Err(ValidationError::new(
            "limit",
            format!("limit must be between 1 and {MAX_FEED_PAGE}"),
        )
        .into());
    }
    let mut db = app.store().conn().await?;
    let scope = match feed {
        Feed::Home => FeedScope::Home,
        Feed::Community(id) => {
            let rows = load_place(&mut db, user, Some(*id)).await?;
            if !policy::may_read_in(user, place(&rows)) {
                return Err(AppError::Forbidden("join this community to read it"));
            }
            FeedScope::Community(*id)
        }
        Feed::ArticlesIn(id) => {
            let rows = load_place(&mut db, user, Some(*id)).await?;
            if !policy::may_read_in(user, place(&rows)) {
                return Err(AppError::Forbidden("join this community to read it"));
            }
            FeedScope::ArticlesIn(*id)
        }
        Feed::Articles => FeedScope::Articles,
        Feed::CompanyAnnouncements => FeedScope::CompanyAnnouncements,
        Feed::ArticlesBy(id) => FeedScope::ArticlesBy(*id),
        Feed::Profile(id) => FeedScope::Author(*id),
        Feed::Praised(id) => FeedScope::Praised(*id),
        Feed::Topic(tag) => FeedScope::Topic(tag.trim_start_matches('#').to_lowercase()),
    };
    let mut found =
        posts::feed(&mut db, reader(user), &scope, before, i64::from(limit) + 1).await?;
    let more = found.len() > limit as usize;
    found.truncate(limit as usize);
    let next_before = if more {
        found.last().map(|p| p.id)
    } else {
        None
    };
    let pinned_posts = match (feed, before) {
        (Feed::Community(id), None) => {
            posts::feed(&mut db, reader(user), &FeedScope::Pinned(*id), None, 3).await?
        }
        _ => Vec::new(),
    };
    let page = FeedPage {
        pinned: views(&mut db, user, pinned_posts, 0, app.now()).await?,
        posts: views(&mut db, user, found, 0, app.now()).await?,
        next_before,
    };
    app.touches().announcements_seen(
        user.id,
        page.pinned.iter().chain(&page.posts).map(|v| &v.post),
        app.now(),
    );
    Ok(page)
}
