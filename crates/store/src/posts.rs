//! Posts, replies and shares, with their versions, reactions, hashtags, mentions and
//! references.
//!
//! Every query that lists posts for a person, or chooses whom to tell of a post
//! (notifications, e-mail, digests), applies [`visible_to`], the SQL form of
//! `domain::policy::may_read_in` and `may_see_moderated`: a post is readable when it
//! is company-wide, or in a public community, or in a community the reader belongs to
//! (network admins and compliance officers read every community). Deleted posts are
//! never listed, and hidden or held posts only to their author and to those who may
//! moderate them ([`ModeratedSeenBy`] narrows that for e-mail and digests).

use crate::{Conn, StoreError, placeholders};
use hearth_domain::post::Moderation;
use hearth_domain::{
    CommunityId, Millis, NetworkId, Post, PostId, PostKind, ReactionKind, UploadId, UserId,
};
use std::borrow::Cow;
use std::collections::HashMap;

/// The person a list is for. Bound as `$1`, `$2`, `$3` in every visibility-checked query.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    pub network: NetworkId,
    pub user: UserId,
    pub is_network_admin: bool,
}

/// Who, besides everyone while it is visible, sees a hidden or held post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeratedSeenBy {
    /// Its author, the network's admins and its community's managers: what reading
    /// in Hearth allows (`domain::policy::may_see_moderated`).
    AuthorAndModerators,
    /// Its author alone: e-mail about it goes to nobody else (moderators see it in
    /// Hearth).
    Author,
    /// Nobody: digests carry only what everyone who may read the place may read.
    Nobody,
}

/// Whom a visibility-checked query reads for, as SQL expressions: bound values
/// (`$2`) or columns of a row of people (`u.id`).
#[derive(Debug, Clone)]
pub struct Viewer<'a> {
    /// The network the viewer belongs to.
    pub network: Cow<'a, str>,
    /// The viewer's user id.
    pub user: Cow<'a, str>,
    /// True when the viewer reads every community of the network
    /// (`domain::policy::reads_everything`).
    pub reads_everything: Cow<'a, str>,
    /// Whether they see the post when it is hidden or held.
    pub moderated: ModeratedSeenBy,
}

impl Viewer<'static> {
    /// The reader of a list: `$1` (network), `$2` (reader) and `$3` (1 when the
    /// reader is a network admin), as [`Reader`] binds them.
    pub const BOUND: Self = Self {
        network: Cow::Borrowed("$1"),
        user: Cow::Borrowed("$2"),
        reads_everything: Cow::Borrowed("$3 = 1"),
        moderated: ModeratedSeenBy::AuthorAndModerators,
    };
}

impl<'a> Viewer<'a> {
    /// Each person of a row of `users` aliased `u`, of the network `network`.
    pub fn person(u: &str, network: &'a str, moderated: ModeratedSeenBy) -> Self {
        Viewer {
            network: Cow::Borrowed(network),
            user: Cow::Owned(format!("{u}.id")),
            reads_everything: Cow::Owned(format!("{u}.role IN ('admin', 'compliance')")),
            moderated,
        }
    }
}

/// The visibility rule for the post alias `p` and the reader of a list (see
/// [`Viewer::BOUND`]).
pub fn visible(p: &str) -> String {
    visible_to(p, &Viewer::BOUND)
}

/// The visibility rule, `domain::policy::may_read_in` and `may_see_moderated` in
/// SQL: whether `viewer` may read the post alias `p`. Every query that chooses posts
/// or people to tell of posts applies it, so none can forget a part of it.
///
/// The network test is written `+p.network_id` so that it never drives the query:
/// SQLite would otherwise walk the network's whole `(network_id, id)` index instead of
/// the far narrower index the rest of the query names (shares, a community, an
/// author). The home feed, which does want that index, asks for it explicitly.
pub fn visible_to(p: &str, viewer: &Viewer<'_>) -> String {
    let Viewer {
        network,
        user,
        reads_everything,
        ..
    } = viewer;
    format!(
        "(+{p}.network_id = {network} AND {p}.deleted_at IS NULL AND ({p}.community_id IS NULL OR {reads_everything} \
         OR EXISTS (SELECT 1 FROM communities vc WHERE vc.id = {p}.community_id AND vc.visibility = 'public') \
         OR EXISTS (SELECT 1 FROM community_members vm WHERE vm.community_id = {p}.community_id \
                    AND vm.user_id = {user} AND vm.state = 'member')) \
         AND {})",
        seen_despite_moderation(p, viewer)
    )
}

/// The moderation clause of [`visible_to`] alone: whether `viewer` sees the post
/// alias `p` if it is hidden or held. A reply is read in its thread, so what tells of
/// a reply also asks this of the thread's top-level post.
///
/// Moderators' standing is looked up here rather than bound, as it only matters for
/// the rare such post.
pub fn seen_despite_moderation(p: &str, viewer: &Viewer<'_>) -> String {
    let user = &viewer.user;
    match viewer.moderated {
        ModeratedSeenBy::Nobody => format!("{p}.moderation = 'visible'"),
        ModeratedSeenBy::Author => {
            format!("({p}.moderation = 'visible' OR {p}.author_id = {user})")
        }
        ModeratedSeenBy::AuthorAndModerators => format!(
            "({p}.moderation = 'visible' OR {p}.author_id = {user} \
             OR EXISTS (SELECT 1 FROM users mu WHERE mu.id = {user} AND mu.role = 'admin') \
             OR EXISTS (SELECT 1 FROM community_members mm WHERE mm.community_id = {p}.community_id \
                        AND mm.user_id = {user} AND mm.state = 'member' AND mm.role IN ('owner', 'admin') \
                        AND NOT EXISTS (SELECT 1 FROM users mc WHERE mc.id = {user} AND mc.role = 'compliance')))"
        ),
    }
}

/// Whether the post alias `p` stands for everyone who may read its place: not
/// deleted, and neither hidden nor held.
pub fn stands(p: &str) -> String {
    let nobody = Viewer {
        moderated: ModeratedSeenBy::Nobody,
        ..Viewer::BOUND
    };
    format!(
        "{p}.deleted_at IS NULL AND {}",
        seen_despite_moderation(p, &nobody)
    )
}

pub(crate) const COLUMNS: &str = "p.id, p.network_id, p.author_id, p.community_id, p.kind, p.root_id, \
    p.parent_id, p.shared_post_id, p.body_markdown, p.body_html, p.best_answer_id, \
    p.created_at, p.edited_at, p.deleted_at, p.moderation, p.locked_at, p.pinned_at";

#[derive(sqlx::FromRow)]
pub(crate) struct PostRow {
    id: i64,
    network_id: i64,
    author_id: i64,
    community_id: Option<i64>,
    kind: String,
    root_id: Option<i64>,
    parent_id: Option<i64>,
    shared_post_id: Option<i64>,
    body_markdown: String,
    body_html: String,
    best_answer_id: Option<i64>,
    created_at: i64,
    edited_at: Option<i64>,
    deleted_at: Option<i64>,
    moderation: String,
    locked_at: Option<i64>,
    pinned_at: Option<i64>,
}

impl TryFrom<PostRow> for Post {
    type Error = StoreError;

    fn try_from(row: PostRow) -> Result<Self, StoreError> {
        Ok(Post {
            id: PostId(row.id),
            network_id: NetworkId(row.network_id),
            author_id: UserId(row.author_id),
            community_id: row.community_id.map(CommunityId),
            kind: PostKind::parse(&row.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("post kind {:?}", row.kind)))?,
            root_id: row.root_id.map(PostId),
            parent_id: row.parent_id.map(PostId),
            shared_post_id: row.shared_post_id.map(PostId),
            body_markdown: row.body_markdown,
            body_html: row.body_html,
            best_answer_id: row.best_answer_id.map(PostId),
            created_at: row.created_at,
            edited_at: row.edited_at,
            deleted_at: row.deleted_at,
            moderation: Moderation::parse(&row.moderation).ok_or_else(|| {
                StoreError::Corrupt(format!("post moderation {:?}", row.moderation))
            })?,
            locked_at: row.locked_at,
            pinned_at: row.pinned_at,
        })
    }
}

fn all(rows: Vec<PostRow>) -> Result<Vec<Post>, StoreError> {
    rows.into_iter().map(Post::try_from).collect()
}

pub async fn insert(db: &mut Conn, post: &Post) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO posts (id, network_id, author_id, community_id, kind, root_id, parent_id, \
         shared_post_id, body_markdown, body_html, best_answer_id, created_at, edited_at, deleted_at, \
         moderation, locked_at, pinned_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(post.id.0)
    .bind(post.network_id.0)
    .bind(post.author_id.0)
    .bind(post.community_id.map(|c| c.0))
    .bind(post.kind.as_str())
    .bind(post.root_id.map(|p| p.0))
    .bind(post.parent_id.map(|p| p.0))
    .bind(post.shared_post_id.map(|p| p.0))
    .bind(&post.body_markdown)
    .bind(&post.body_html)
    .bind(post.best_answer_id.map(|p| p.0))
    .bind(post.created_at)
    .bind(post.edited_at)
    .bind(post.deleted_at)
    .bind(post.moderation.as_str())
    .bind(post.locked_at)
    .bind(post.pinned_at)
    .execute(db)
    .await?;
    Ok(())
}

/// What a post's body refers to, resolved to rows that exist.
pub struct Links<'a> {
    pub hashtags: &'a [String],
    pub mentioned: &'a [UserId],
    pub references: &'a [PostId],
}

/// Replaces the hashtags, mentions and references recorded for an edited post.
pub async fn replace_links(
    db: &mut Conn,
    post: &Post,
    links: &Links<'_>,
) -> Result<(), StoreError> {
    for table in ["post_hashtags", "post_mentions"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE post_id = $1"))
            .bind(post.id.0)
            .execute(&mut *db)
            .await?;
    }
    sqlx::query("DELETE FROM post_references WHERE source_id = $1")
        .bind(post.id.0)
        .execute(&mut *db)
        .await?;
    insert_links(db, post, links).await
}

/// Records the hashtags, mentions and references of a new post.
pub async fn insert_links(db: &mut Conn, post: &Post, links: &Links<'_>) -> Result<(), StoreError> {
    // One statement per kind of link: each statement is a turn's worth of the writer.
    if !links.hashtags.is_empty() {
        let sql = format!(
            "INSERT INTO post_hashtags (post_id, network_id, tag) VALUES {}",
            rows_after(2, links.hashtags.len(), |tag| format!("($1, $2, {tag})"))
        );
        let mut insert = sqlx::query(&sql).bind(post.id.0).bind(post.network_id.0);
        for tag in links.hashtags {
            insert = insert.bind(tag);
        }
        insert.execute(&mut *db).await?;
    }
    if !links.mentioned.is_empty() {
        let sql = format!(
            "INSERT INTO post_mentions (post_id, user_id) VALUES {}",
            rows_after(1, links.mentioned.len(), |user| format!("($1, {user})"))
        );
        let mut insert = sqlx::query(&sql).bind(post.id.0);
        for user in links.mentioned {
            insert = insert.bind(user.0);
        }
        insert.execute(&mut *db).await?;
    }
    if !links.references.is_empty() {
        let sql = format!(
            "INSERT INTO post_references (source_id, target_id) VALUES {}",
            rows_after(1, links.references.len(), |target| format!(
                "($1, {target})"
            ))
        );
        let mut insert = sqlx::query(&sql).bind(post.id.0);
        for target in links.references {
            insert = insert.bind(target.0);
        }
        insert.execute(&mut *db).await?;
    }
    Ok(())
}

/// `n` rows of a multi-row `VALUES`, each made by `row` from its own placeholder,
/// numbered after the `shared` placeholders every row repeats.
fn rows_after(shared: usize, n: usize, row: impl Fn(&str) -> String) -> String {
    (shared + 1..=shared + n)
        .map(|i| row(&format!("${i}")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who a post mentions, as recorded when it was written.
pub async fn mentions_of(db: &mut Conn, post: PostId) -> Result<Vec<UserId>, StoreError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT user_id FROM post_mentions WHERE post_id = $1 ORDER BY user_id",
    )
    .bind(post.0)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(UserId)
    .collect())
}

/// The posts a post links to, as recorded when it was written.
pub async fn references_from(db: &mut Conn, post: PostId) -> Result<Vec<PostId>, StoreError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT target_id FROM post_references WHERE source_id = $1 ORDER BY target_id",
    )
    .bind(post.0)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(PostId)
    .collect())
}

/// A post of the network, deleted or not; the caller applies the policy.
pub async fn get(
    db: &mut Conn,
    network: NetworkId,
    id: PostId,
) -> Result<Option<Post>, StoreError> {
    sqlx::query_as::<_, PostRow>(&format!(
        "SELECT {COLUMNS} FROM posts p WHERE p.network_id = $1 AND p.id = $2"
    ))
    .bind(network.0)
    .bind(id.0)
    .fetch_optional(db)
    .await?
    .map(Post::try_from)
    .transpose()
}

/// Which of these ids are posts of the network (for references).
pub async fn existing_ids(
    db: &mut Conn,
    network: NetworkId,
    ids: &[i64],
) -> Result<Vec<PostId>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id FROM posts WHERE network_id = $1 AND deleted_at IS NULL AND id IN ({}) \
         ORDER BY id",
        placeholders(2, ids.len())
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql)
        .persistent(crate::keep_prepared(ids.len()))
        .bind(network.0);
    for id in ids {
        query = query.bind(*id);
    }
    Ok(query.fetch_all(db).await?.into_iter().map(PostId).collect())
}

/// Replaces the body, keeping the post as it was as a version.
pub async fn edit(
    db: &mut Conn,
    post: &Post,
    version_id: i64,
    markdown: &str,
    html: &str,
    now: Millis,
) -> Result<(), StoreError> {
    keep_version(db, post.id, version_id, now).await?;
    sqlx::query(
        "UPDATE posts SET body_markdown = $1, body_html = $2, edited_at = $3 WHERE id = $4",
    )
    .bind(markdown)
    .bind(html)
    .bind(now)
    .bind(post.id.0)
    .execute(db)
    .await?;
    Ok(())
}

/// An earlier version of a post.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Version {
    pub body_markdown: String,
    /// An article's title and summary as they were; `None` for other posts.
    pub title: Option<String>,
    pub summary: Option<String>,
    pub replaced_at: Millis,
}

/// Earlier versions of a post, oldest first.
pub async fn versions(db: &mut Conn, post: PostId) -> Result<Vec<Version>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT body_markdown, title, summary, replaced_at FROM post_versions \
         WHERE post_id = $1 ORDER BY id",
    )
    .bind(post.0)
    .fetch_all(db)
    .await?)
}

/// Keeps a post as it stands, before a change, as a version: its body, and the title
/// and summary of the article it publishes, if it does.
pub async fn keep_version(
    db: &mut Conn,
    post: PostId,
    version_id: i64,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO post_versions (id, post_id, body_markdown, title, summary, replaced_at) \
         SELECT $1, p.id, p.body_markdown, a.title, a.summary, $3 \
         FROM posts p LEFT JOIN articles a ON a.post_id = p.id WHERE p.id = $2",
    )
    .bind(version_id)
    .bind(post.0)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn soft_delete(
    db: &mut Conn,
    post: PostId,
    by: UserId,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE posts SET deleted_at = $1, deleted_by = $2 WHERE id = $3 AND deleted_at IS NULL",
    )
    .bind(now)
    .bind(by.0)
    .bind(post.0)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_best_answer(
    db: &mut Conn,
    question: PostId,
    answer: Option<PostId>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE posts SET best_answer_id = $1 WHERE id = $2")
        .bind(answer.map(|a| a.0))
        .bind(question.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Every reply of a thread, deleted ones included (they hold their replies in
/// place), oldest first. The caller checks the thread is readable.
pub async fn replies(db: &mut Conn, root: PostId) -> Result<Vec<Post>, StoreError> {
    let rows = sqlx::query_as::<_, PostRow>(&format!(
        "SELECT {COLUMNS} FROM posts p WHERE p.root_id = $1 ORDER BY p.id"
    ))
    .bind(root.0)
    .fetch_all(db)
    .await?;
    all(rows)
}

/// Which top-level posts a feed shows.
#[derive(Debug, Clone)]
pub enum FeedScope {
    /// Company-wide posts, the reader's communities, people they follow, their own.
    Home,
    Community(CommunityId),
    Author(UserId),
    /// Posts and replies carrying the hashtag.
    Topic(String),
    /// A community's announcements and the posts its moderators pinned, shown above
    /// its feed, pinned ones first.
    Pinned(CommunityId),
    /// Praise posts that thank this person.
    Praised(UserId),
    /// Published articles, everywhere the reader may read.
    Articles,
    /// Published articles by this author.
    ArticlesBy(UserId),
    /// Published articles in this community.
    ArticlesIn(CommunityId),
    /// Announcements to the whole company (the intranet's announcements strip).
    CompanyAnnouncements,
}

/// The SQL of a feed page: `$1..$3` the reader, `$4` the scope's value, `$5` the
/// cursor (`i64::MAX` for the first page), `$6` the page size. The cursor is a plain
/// range on `id`, so the index seeks straight to it however deep the page is.
pub fn feed_sql(scope: &FeedScope) -> String {
    let scope_sql = match scope {
        FeedScope::Home => {
            "p.network_id = $1 AND p.root_id IS NULL AND (p.community_id IS NULL OR p.author_id = $2 \
             OR p.community_id IN (SELECT community_id FROM community_members \
                                   WHERE user_id = $2 AND state = 'member') \
             OR p.author_id IN (SELECT followee_id FROM follows WHERE follower_id = $2)) \
             AND ($4 = 0)" // $4 is unused here but bound, so every scope numbers alike
        }
        FeedScope::Community(_) => "p.root_id IS NULL AND p.community_id = $4",
        FeedScope::Author(_) => "p.root_id IS NULL AND p.author_id = $4",
        FeedScope::Topic(_) => {
            "p.id IN (SELECT post_id FROM post_hashtags WHERE network_id = $1 AND tag = $4)"
        }
        FeedScope::Pinned(_) => {
            "p.root_id IS NULL AND p.community_id = $4 \
             AND (p.kind = 'announcement' OR p.pinned_at IS NOT NULL)"
        }
        FeedScope::Praised(_) => {
            "p.id IN (SELECT post_id FROM praise_recipients WHERE user_id = $4 AND post_id < $5)"
        }
        FeedScope::Articles => {
            "p.id IN (SELECT post_id FROM articles WHERE network_id = $1 AND post_id < $5) \
             AND ($4 = 0)"
        }
        FeedScope::ArticlesBy(_) => {
            "p.id IN (SELECT post_id FROM articles WHERE author_id = $4 AND post_id < $5)"
        }
        FeedScope::ArticlesIn(_) => {
            "p.id IN (SELECT post_id FROM articles WHERE community_id = $4 AND post_id < $5)"
        }
        FeedScope::CompanyAnnouncements => {
            "p.network_id = $1 AND p.kind = 'announcement' AND p.community_id IS NULL \
             AND p.root_id IS NULL AND ($4 = 0)"
        }
    };
    let order = match scope {
        FeedScope::Pinned(_) => {
            "CASE WHEN p.pinned_at IS NULL THEN 0 ELSE 1 END DESC, p.pinned_at DESC, p.id DESC"
        }
        _ => "p.id DESC",
    };
    format!(
        "SELECT {COLUMNS} FROM posts p WHERE {} AND {scope_sql} \
         AND p.id < $5 ORDER BY {order} LIMIT $6",
        visible("p")
    )
}

/// A page of a feed, newest first, before the cursor id.
pub async fn feed(
    db: &mut Conn,
    reader: Reader,
    scope: &FeedScope,
    before: Option<PostId>,
    limit: i64,
) -> Result<Vec<Post>, StoreError> {
    let sql = feed_sql(scope);
    // A network admin reads every community, but their home feed is what a member's
    // would be: moderation reach is not a subscription.
    let admin_reach = reader.is_network_admin && !matches!(scope, FeedScope::Home);
    let query = sqlx::query_as::<_, PostRow>(&sql)
        .bind(reader.network.0)
        .bind(reader.user.0)
        .bind(i64::from(admin_reach));
    let query = match scope {
        FeedScope::Home | FeedScope::Articles | FeedScope::CompanyAnnouncements => {
            query.bind(0_i64)
        }
        FeedScope::Community(id) | FeedScope::Pinned(id) | FeedScope::ArticlesIn(id) => {
            query.bind(id.0)
        }
        FeedScope::Author(id) | FeedScope::Praised(id) | FeedScope::ArticlesBy(id) => {
            query.bind(id.0)
        }
        FeedScope::Topic(tag) => query.bind(tag.clone()),
    };
    let rows = query
        .bind(before.map_or(i64::MAX, |b| b.0))
        .bind(limit)
        .fetch_all(db)
        .await?;
    all(rows)
}

pub use hearth_domain::post::PostStats;

/// Counts for each of these posts, in one statement whatever their number. Replies
/// share their thread's visibility; shares and references are counted only where
/// the reader may see them.
///
/// One statement rather than one per count: on SQLite every statement is a round
/// trip to the connection's own thread, and a feed page shows twenty posts' counts.
pub async fn stats(
    db: &mut Conn,
    reader: Reader,
    posts: &[&Post],
) -> Result<HashMap<PostId, PostStats>, StoreError> {
    let mut stats: HashMap<PostId, PostStats> =
        posts.iter().map(|p| (p.id, PostStats::default())).collect();
    if posts.is_empty() {
        return Ok(stats);
    }
    // Top-level posts are bound first, then replies: a top-level post counts its
    // whole thread (by root), a reply the answers to it (by parent), and neither
    // count is asked of the other kind.
    let (top_level, replies): (Vec<&Post>, Vec<&Post>) =
        posts.iter().copied().partition(|p| !p.is_reply());
    let ids = placeholders(4, posts.len());
    let visible = visible("p");
    // Each part names its own index (root, parent, shared post, reference target,
    // reaction's post); `$1..$3` are the reader, as `visible` binds them.
    let mut parts = Vec::new();
    if !top_level.is_empty() {
        parts.push(format!(
            "SELECT 'replies', root_id, '', COUNT(*), CAST(0 AS BIGINT) FROM posts \
             WHERE root_id IN ({}) AND deleted_at IS NULL AND moderation = 'visible' GROUP BY root_id",
            placeholders(4, top_level.len())
        ));
    }
    if !replies.is_empty() {
        parts.push(format!(
            "SELECT 'replies', parent_id, '', COUNT(*), CAST(0 AS BIGINT) FROM posts \
             WHERE parent_id IN ({}) AND deleted_at IS NULL AND moderation = 'visible' GROUP BY parent_id",
            placeholders(4 + top_level.len(), replies.len())
        ));
    }
    parts.push(format!(
        "SELECT 'share', p.shared_post_id, '', COUNT(*), CAST(0 AS BIGINT) FROM posts p \
         WHERE p.shared_post_id IN ({ids}) AND {visible} GROUP BY p.shared_post_id"
    ));
    parts.push(format!(
        "SELECT 'reference', r.target_id, '', COUNT(*), CAST(0 AS BIGINT) \
         FROM post_references r CROSS JOIN posts p \
         WHERE p.id = r.source_id AND r.target_id IN ({ids}) AND {visible} GROUP BY r.target_id"
    ));
    parts.push(format!(
        "SELECT 'reaction', post_id, kind, COUNT(*), SUM(CASE WHEN user_id = $2 THEN 1 ELSE 0 END) \
         FROM reactions WHERE post_id IN ({ids}) GROUP BY post_id, kind"
    ));
    let sql = format!("{} ORDER BY 1, 2, 3", parts.join(" UNION ALL "));
    let mut query = sqlx::query_as::<_, (String, i64, String, i64, i64)>(&sql)
        .persistent(crate::keep_prepared(posts.len()))
        .bind(reader.network.0)
        .bind(reader.user.0)
        .bind(i64::from(reader.is_network_admin));
    for post in top_level.iter().chain(&replies) {
        query = query.bind(post.id.0);
    }
    for (what, id, kind, count, by_reader) in query.fetch_all(&mut *db).await? {
        let entry = stats.entry(PostId(id)).or_default();
        match what.as_str() {
            "replies" => entry.replies = count,
            "share" => entry.shares = count,
            "reference" => entry.referenced_by = count,
            "reaction" => {
                let Some(kind) = ReactionKind::parse(&kind) else {
                    continue;
                };
                entry.reactions.push((kind, count));
                if by_reader > 0 {
                    entry.mine.push(kind);
                }
            }
            _ => {}
        }
    }
    Ok(stats)
}

/// The posts that link this one, newest first, among those the reader may see.
pub async fn referencing(
    db: &mut Conn,
    reader: Reader,
    target: PostId,
) -> Result<Vec<Post>, StoreError> {
    let rows = sqlx::query_as::<_, PostRow>(&format!(
        // CROSS JOIN keeps SQLite's planner starting from the target's references
        // instead of walking every post of the network.
        "SELECT {COLUMNS} FROM post_references r CROSS JOIN posts p \
         WHERE p.id = r.source_id AND r.target_id = $4 AND {} ORDER BY p.id DESC LIMIT 100",
        visible("p")
    ))
    .bind(reader.network.0)
    .bind(reader.user.0)
    .bind(i64::from(reader.is_network_admin))
    .bind(target.0)
    .fetch_all(db)
    .await?;
    all(rows)
}

/// Adds a reaction; answers whether it was new.
pub async fn add_reaction(
    db: &mut Conn,
    post: PostId,
    user: UserId,
    kind: ReactionKind,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO reactions (post_id, user_id, kind, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (post_id, user_id, kind) DO NOTHING",
    )
    .bind(post.0)
    .bind(user.0)
    .bind(kind.as_str())
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Removes a reaction; answers whether there was one.
pub async fn remove_reaction(
    db: &mut Conn,
    post: PostId,
    user: UserId,
    kind: ReactionKind,
) -> Result<bool, StoreError> {
    let done =
        sqlx::query("DELETE FROM reactions WHERE post_id = $1 AND user_id = $2 AND kind = $3")
            .bind(post.0)
            .bind(user.0)
            .bind(kind.as_str())
            .execute(db)
            .await?;
    Ok(done.rows_affected() > 0)
}

/// Who reacted how, by name.
pub async fn reactors(
    db: &mut Conn,
    post: PostId,
) -> Result<Vec<(ReactionKind, UserId, String)>, StoreError> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT r.kind, u.id, u.display_name FROM reactions r JOIN users u ON u.id = r.user_id \
         WHERE r.post_id = $1 ORDER BY r.kind, u.name_key, u.id",
    )
    .bind(post.0)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, id, name)| ReactionKind::parse(&kind).map(|k| (k, UserId(id), name)))
        .collect())
}

/// Display names and handles of these people, for rendering authors.
pub async fn authors(db: &mut Conn, ids: &[UserId]) -> Result<HashMap<UserId, Author>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT id, display_name, handle, status, photo_upload_id, \
         {} AS guest \
         FROM users WHERE id IN ({})",
        crate::guests::is_guest!("users.id"),
        placeholders(1, ids.len())
    );
    type Row = (i64, String, Option<String>, String, Option<i64>, i64);
    let mut query = sqlx::query_as::<_, Row>(&sql).persistent(crate::keep_prepared(ids.len()));
    for id in ids {
        query = query.bind(id.0);
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(id, name, handle, status, photo, guest)| {
            let author = Author {
                name,
                handle: handle.unwrap_or_default(),
                former: status == "deactivated" || status == "deleted",
                photo: photo.map(UploadId),
                guest: guest != 0,
            };
            (UserId(id), author)
        })
        .collect())
}

/// Who wrote a post, as post cards name them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub handle: String,
    /// The account was deactivated or deleted: shown as a former member.
    pub former: bool,
    /// Their photo, if they set one.
    pub photo: Option<UploadId>,
    /// A guest of an external network, from outside the company.
    pub guest: bool,
}

/// Hides, holds or lets a post through.
pub async fn set_moderation(
    db: &mut Conn,
    post: PostId,
    state: Moderation,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE posts SET moderation = $1 WHERE id = $2")
        .bind(state.as_str())
        .bind(post.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Undoes a moderator's removal: the post is back, visible.
pub async fn restore(db: &mut Conn, post: PostId) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE posts SET deleted_at = NULL, deleted_by = NULL, moderation = 'visible' WHERE id = $1",
    )
    .bind(post.0)
    .execute(db)
    .await?;
    Ok(())
}

/// Locks (`Some(when)`) or unlocks a thread's top-level post.
pub async fn set_locked(db: &mut Conn, root: PostId, at: Option<Millis>) -> Result<(), StoreError> {
    sqlx::query("UPDATE posts SET locked_at = $1 WHERE id = $2")
        .bind(at)
        .bind(root.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Pins (`Some(when)`) or unpins a top-level post.
pub async fn set_pinned(db: &mut Conn, post: PostId, at: Option<Millis>) -> Result<(), StoreError> {
    sqlx::query("UPDATE posts SET pinned_at = $1 WHERE id = $2")
        .bind(at)
        .bind(post.0)
        .execute(db)
        .await?;
    Ok(())
}
