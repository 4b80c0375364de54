//! Reading: single posts with their counts, threads as trees, and the feeds (home,
//! community, profile, topic), newest first, a page at a time by id.

use crate::access::{load_place, load_readable, place, reader};
use crate::signed_in;
use crate::{App, AppError};
use hearth_domain::policy;
use hearth_domain::{Actor, CommunityId, Post, PostId, User, UserId, ValidationError};
use hearth_store::Conn;
use hearth_store::posts::{self, FeedScope, PostStats};
use std::collections::HashMap;

/// A post ready to show: who wrote it, where, its counts, and what it quotes.
#[derive(Debug, Clone)]
pub struct PostView {
    pub post: Post,
    pub author_name: String,
    pub author_handle: String,
    /// The author has left (deactivated or deleted).
    pub author_former: bool,
    pub stats: PostStats,
    pub shared: Option<Shared>,
    /// Why the post is hidden or held, for the author and moderators who still see it.
    pub notice: Option<crate::moderation::Notice>,
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
) -> Result<Vec<PostView>, AppError> {
    let refs: Vec<&Post> = posts.iter().collect();
    let mut stats = posts::stats(db, reader(user), &refs).await?;
    let mut author_ids: Vec<UserId> = posts.iter().map(|p| p.author_id).collect();
    author_ids.sort_unstable();
    author_ids.dedup();
    let authors = posts::authors(db, &author_ids).await?;
    let mut notices = crate::moderation::notices(db, &refs).await?;
    let mut out = Vec::with_capacity(posts.len());
    for post in posts {
        let shared = match post.shared_post_id {
            Some(original) if depth == 0 => Some(match load_readable(db, user, original).await {
                Ok((original, _)) => {
                    let mut quoted = Box::pin(views(db, user, vec![original], 1)).await?;
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
        out.push(PostView {
            stats: stats.remove(&post.id).unwrap_or_default(),
            notice: notices.remove(&post.id),
            post,
            author_name: author.name,
            author_handle: author.handle,
            author_former: author.former,
            shared,
        });
    }
    Ok(out)
}

async fn view(db: &mut Conn, user: &User, post: Post) -> Result<PostView, AppError> {
    views(db, user, vec![post], 0)
        .await?
        .pop()
        .ok_or(AppError::NotFound("post"))
}

/// One post the reader may see.
pub async fn get(app: &App, actor: &Actor, id: PostId) -> Result<PostView, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (post, _) = load_readable(&mut db, user, id).await?;
    view(&mut db, user, post).await
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
    views(&mut db, user, sources, 0).await
}

/// A reply in a thread tree.
#[derive(Debug, Clone)]
pub struct ThreadNode {
    /// `None` for a deleted reply that still holds replies in place.
    pub reply: Option<PostView>,
    pub id: PostId,
    pub children: Vec<ThreadNode>,
    /// Deeper replies exist but are beyond the depth shown; open this reply's own
    /// thread to continue.
    pub continues: bool,
}

/// A thread: the post asked for and its replies as a tree, `max_depth` levels deep.
#[derive(Debug, Clone)]
pub struct ThreadView {
    pub post: PostView,
    pub replies: Vec<ThreadNode>,
}

pub const MAX_THREAD_DEPTH: u8 = 8;

/// The thread below any post: a top-level post's whole discussion, or the branch
/// under one reply (where "continue thread" leads).
pub async fn thread(
    app: &App,
    actor: &Actor,
    id: PostId,
    max_depth: u8,
) -> Result<ThreadView, AppError> {
    let user = signed_in(actor)?;
    if !(1..=MAX_THREAD_DEPTH).contains(&max_depth) {
        return Err(ValidationError::new(
            "depth",
            format!("depth must be between 1 and {MAX_THREAD_DEPTH}"),
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
    let skeleton = shape(&mut children, root_id, 1, max_depth);
    let mut shown = Vec::new();
    collect(&skeleton, &mut shown);
    shown.insert(0, post);
    let mut viewed: HashMap<PostId, PostView> = views(&mut db, user, shown, 0)
        .await?
        .into_iter()
        .map(|v| (v.post.id, v))
        .collect();
    let root = viewed.remove(&root_id).ok_or(AppError::NotFound("post"))?;
    let replies = fill(skeleton, &mut viewed);
    Ok(ThreadView {
        post: root,
        replies,
    })
}

/// A thread's shape before its posts are rendered.
struct Skeleton {
    post: Post,
    children: Vec<Skeleton>,
    continues: bool,
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
        if deleted && grandchildren.is_empty() {
            continue;
        }
        nodes.push(Skeleton {
            post: reply,
            children: grandchildren,
            continues,
        });
    }
    nodes
}

fn collect(nodes: &[Skeleton], into: &mut Vec<Post>) {
    for node in nodes {
        if node.post.deleted_at.is_none() {
            into.push(node.post.clone());
        }
        collect(&node.children, into);
    }
}

fn fill(nodes: Vec<Skeleton>, viewed: &mut HashMap<PostId, PostView>) -> Vec<ThreadNode> {
    nodes
        .into_iter()
        .map(|node| ThreadNode {
            id: node.post.id,
            reply: viewed.remove(&node.post.id),
            children: fill(node.children, viewed),
            continues: node.continues,
        })
        .collect()
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
        Feed::Profile(id) => FeedScope::Author(*id),
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
    Ok(FeedPage {
        pinned: views(&mut db, user, pinned_posts, 0).await?,
        posts: views(&mut db, user, found, 0).await?,
        next_before,
    })
}
