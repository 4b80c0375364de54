//! The `articles` table and what hangs off it: reads, subscriptions to new
//! articles, and the network's choice of who publishes company-wide.

use crate::posts::{ModeratedSeenBy, Viewer, visible_to};
use crate::{Conn, StoreError, keep_prepared, placeholders};
use hearth_domain::article::{Article, ArticleStatus, CompanyArticles, Following};
use hearth_domain::{ArticleId, CommunityId, Millis, NetworkId, PostId, UploadId, UserId};
use std::collections::HashMap;

const COLUMNS: &str = "a.id, a.network_id, a.author_id, a.community_id, a.title, a.summary, \
     a.body_markdown, a.cover_id, a.status, a.publish_at, a.post_id, a.created_at, a.updated_at";

#[derive(sqlx::FromRow)]
struct ArticleRow {
    id: i64,
    network_id: i64,
    author_id: i64,
    community_id: Option<i64>,
    title: String,
    summary: String,
    body_markdown: String,
    cover_id: Option<i64>,
    status: String,
    publish_at: Option<i64>,
    post_id: Option<i64>,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<ArticleRow> for Article {
    type Error = StoreError;

    fn try_from(row: ArticleRow) -> Result<Self, StoreError> {
        Ok(Article {
            id: ArticleId(row.id),
            network_id: NetworkId(row.network_id),
            author_id: UserId(row.author_id),
            community_id: row.community_id.map(CommunityId),
            title: row.title,
            summary: row.summary,
            body_markdown: row.body_markdown,
            cover_id: row.cover_id.map(UploadId),
            status: ArticleStatus::parse(&row.status)
                .ok_or_else(|| StoreError::Corrupt(format!("article status {:?}", row.status)))?,
            publish_at: row.publish_at,
            post_id: row.post_id.map(PostId),
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

pub async fn insert(db: &mut Conn, article: &Article) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO articles (id, network_id, author_id, community_id, title, summary, \
         body_markdown, cover_id, status, publish_at, post_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(article.id.0)
    .bind(article.network_id.0)
    .bind(article.author_id.0)
    .bind(article.community_id.map(|c| c.0))
    .bind(&article.title)
    .bind(&article.summary)
    .bind(&article.body_markdown)
    .bind(article.cover_id.map(|u| u.0))
    .bind(article.status.as_str())
    .bind(article.publish_at)
    .bind(article.post_id.map(|p| p.0))
    .bind(article.created_at)
    .bind(article.updated_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Writes what the author may change: the words, the place while unpublished,
/// the cover, and when it goes out. Answers whether the article was still as
/// `seen` (its status and last change): a save that raced another, or the worker
/// publishing it, changes nothing.
pub async fn save(db: &mut Conn, article: &Article, seen: &Article) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE articles SET community_id = $2, title = $3, summary = $4, body_markdown = $5, \
         cover_id = $6, status = $7, publish_at = $8, updated_at = $9 \
         WHERE id = $1 AND status = $10 AND updated_at = $11",
    )
    .bind(article.id.0)
    .bind(article.community_id.map(|c| c.0))
    .bind(&article.title)
    .bind(&article.summary)
    .bind(&article.body_markdown)
    .bind(article.cover_id.map(|u| u.0))
    .bind(article.status.as_str())
    .bind(article.publish_at)
    .bind(article.updated_at)
    .bind(seen.status.as_str())
    .bind(seen.updated_at)
    .execute(&mut *db)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    if article.status == ArticleStatus::Published
        && (article.title != seen.title || article.summary != seen.summary)
    {
        index_heading(db, article.id).await?;
    }
    Ok(true)
}

/// Marks a draft or scheduled article published as `post`, once, and only as it was
/// `seen` when the post was made from it: answers false when it was published
/// meanwhile (another node's worker, a second click) or changed (saved,
/// unscheduled), so that the caller's transaction, which wrote the post, rolls back.
pub async fn mark_published(
    db: &mut Conn,
    seen: &Article,
    post: PostId,
    now: Millis,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE articles SET status = 'published', post_id = $2, publish_at = NULL, \
         body_markdown = '', updated_at = $3 \
         WHERE id = $1 AND status <> 'published' AND status = $4 AND updated_at = $5",
    )
    .bind(seen.id.0)
    .bind(post.0)
    .bind(now)
    .bind(seen.status.as_str())
    .bind(seen.updated_at)
    .execute(&mut *db)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    index_heading(db, seen.id).await?;
    Ok(true)
}

/// Copies a published article's title and summary to its post, whose search index
/// holds them beside the body (migration 0029).
async fn index_heading(db: &mut Conn, id: ArticleId) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE posts SET heading = (SELECT a.title || ' ' || a.summary FROM articles a \
                                     WHERE a.post_id = posts.id) \
         WHERE id = (SELECT post_id FROM articles WHERE id = $1)",
    )
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn get(
    db: &mut Conn,
    network: NetworkId,
    id: ArticleId,
) -> Result<Option<Article>, StoreError> {
    sqlx::query_as::<_, ArticleRow>(&format!(
        "SELECT {COLUMNS} FROM articles a WHERE a.network_id = $1 AND a.id = $2"
    ))
    .bind(network.0)
    .bind(id.0)
    .fetch_optional(db)
    .await?
    .map(Article::try_from)
    .transpose()
}

/// The articles these posts carry, by post.
pub async fn of_posts(
    db: &mut Conn,
    posts: &[PostId],
) -> Result<HashMap<PostId, Article>, StoreError> {
    if posts.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM articles a WHERE a.post_id IN ({})",
        placeholders(1, posts.len())
    );
    let mut query = sqlx::query_as::<_, ArticleRow>(&sql).persistent(keep_prepared(posts.len()));
    for post in posts {
        query = query.bind(post.0);
    }
    let mut found = HashMap::new();
    for row in query.fetch_all(db).await? {
        let article = Article::try_from(row)?;
        if let Some(post) = article.post_id {
            found.insert(post, article);
        }
    }
    Ok(found)
}

/// An author's unpublished articles (drafts and scheduled), last changed first.
pub async fn unpublished_of(db: &mut Conn, author: UserId) -> Result<Vec<Article>, StoreError> {
    sqlx::query_as::<_, ArticleRow>(&format!(
        "SELECT {COLUMNS} FROM articles a WHERE a.author_id = $1 AND a.status <> 'published' \
         ORDER BY a.updated_at DESC, a.id DESC"
    ))
    .bind(author.0)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(Article::try_from)
    .collect()
}

/// Deletes a draft or scheduled article; a published one is deleted as its post.
pub async fn delete_unpublished(db: &mut Conn, id: ArticleId) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM articles WHERE id = $1 AND status <> 'published'")
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Scheduled articles whose time has come, oldest first, as `(network, article)`.
pub async fn due(
    db: &mut Conn,
    now: Millis,
    limit: i64,
) -> Result<Vec<(NetworkId, ArticleId)>, StoreError> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT network_id, id FROM articles WHERE status = 'scheduled' AND publish_at <= $1 \
         ORDER BY publish_at, id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(network, id)| (NetworkId(network), ArticleId(id)))
        .collect())
}

/// Puts a scheduled article that cannot go out (its author may no longer publish
/// there) back among its author's drafts.
pub async fn back_to_draft(db: &mut Conn, id: ArticleId, now: Millis) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE articles SET status = 'draft', publish_at = NULL, updated_at = $2 \
         WHERE id = $1 AND status = 'scheduled'",
    )
    .bind(id.0)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Counts a person's read once.
pub async fn record_read(
    db: &mut Conn,
    article: ArticleId,
    user: UserId,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO article_reads (article_id, user_id, read_at) VALUES ($1, $2, $3) \
         ON CONFLICT (article_id, user_id) DO NOTHING",
    )
    .bind(article.0)
    .bind(user.0)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// How many people read each of these articles.
pub async fn read_counts(
    db: &mut Conn,
    articles: &[ArticleId],
) -> Result<HashMap<ArticleId, i64>, StoreError> {
    if articles.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT article_id, COUNT(*) FROM article_reads WHERE article_id IN ({}) \
         GROUP BY article_id",
        placeholders(1, articles.len())
    );
    let mut query = sqlx::query_as::<_, (i64, i64)>(&sql);
    for article in articles {
        query = query.bind(article.0);
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(id, count)| (ArticleId(id), count))
        .collect())
}

/// One of a person's subscriptions to new articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub following: Following,
    pub target_id: i64,
    /// The author's display name, the community's name, or empty for the company.
    pub name: String,
}

/// Subscribes; subscribing twice changes nothing.
pub async fn subscribe(
    db: &mut Conn,
    network: NetworkId,
    user: UserId,
    following: Following,
    target: i64,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO article_subscriptions (user_id, network_id, following, target_id, \
         created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id, following, target_id) DO NOTHING",
    )
    .bind(user.0)
    .bind(network.0)
    .bind(following.as_str())
    .bind(target)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Ends a subscription; answers whether there was one.
pub async fn unsubscribe(
    db: &mut Conn,
    user: UserId,
    following: Following,
    target: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "DELETE FROM article_subscriptions WHERE user_id = $1 AND following = $2 AND target_id = $3",
    )
    .bind(user.0)
    .bind(following.as_str())
    .bind(target)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A person's subscriptions to new articles, with what they follow named.
pub async fn subscriptions_of(
    db: &mut Conn,
    user: UserId,
) -> Result<Vec<Subscription>, StoreError> {
    let rows: Vec<(String, i64, Option<String>)> = sqlx::query_as(
        "SELECT s.following, s.target_id, \
         CASE s.following WHEN 'author' THEN u.display_name WHEN 'community' THEN c.name END \
         FROM article_subscriptions s \
         LEFT JOIN users u ON s.following = 'author' AND u.id = s.target_id \
         LEFT JOIN communities c ON s.following = 'community' AND c.id = s.target_id \
         WHERE s.user_id = $1 ORDER BY s.created_at, s.target_id",
    )
    .bind(user.0)
    .fetch_all(db)
    .await?;
    let mut found = Vec::with_capacity(rows.len());
    for (following, target_id, name) in rows {
        let following = Following::parse(&following)
            .ok_or_else(|| StoreError::Corrupt(format!("article subscription {following:?}")))?;
        found.push(Subscription {
            following,
            target_id,
            name: name.unwrap_or_default(),
        });
    }
    Ok(found)
}

/// Who is told of a newly published article `$2` (a post) by author `$3`: those who
/// subscribed to its author, its community or (for a company-wide article) the
/// company, who are active and may read it.
pub async fn subscribers(
    db: &mut Conn,
    network: NetworkId,
    post: PostId,
    author: UserId,
) -> Result<Vec<UserId>, StoreError> {
    let viewer = Viewer::person("u", "$1", ModeratedSeenBy::AuthorAndModerators);
    // From the post to the few rows of its three possible targets, then to people.
    let sql = format!(
        "SELECT DISTINCT u.id FROM posts p \
         CROSS JOIN article_subscriptions s CROSS JOIN users u \
         WHERE p.id = $2 AND s.network_id = $1 \
         AND ((s.following = 'author' AND s.target_id = p.author_id) \
              OR (s.following = 'community' AND s.target_id = p.community_id) \
              OR (s.following = 'company' AND s.target_id = $1 AND p.community_id IS NULL)) \
         AND u.id = s.user_id AND u.network_id = $1 AND u.status = 'active' AND u.id <> $3 \
         AND {} ORDER BY u.id",
        visible_to("p", &viewer)
    );
    Ok(sqlx::query_scalar::<_, i64>(&sql)
        .bind(network.0)
        .bind(post.0)
        .bind(author.0)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(UserId)
        .collect())
}

/// Who may publish company-wide.
pub async fn company_articles(
    db: &mut Conn,
    network: NetworkId,
) -> Result<CompanyArticles, StoreError> {
    let raw: String = sqlx::query_scalar("SELECT company_articles FROM networks WHERE id = $1")
        .bind(network.0)
        .fetch_one(db)
        .await?;
    CompanyArticles::parse(&raw)
        .ok_or_else(|| StoreError::Corrupt(format!("company articles {raw:?}")))
}

/// Sets who may publish company-wide and, for chosen authors, who they are.
pub async fn set_company_articles(
    db: &mut Conn,
    network: NetworkId,
    who: CompanyArticles,
    authors: &[UserId],
) -> Result<(), StoreError> {
    sqlx::query("UPDATE networks SET company_articles = $1 WHERE id = $2")
        .bind(who.as_str())
        .bind(network.0)
        .execute(&mut *db)
        .await?;
    sqlx::query("DELETE FROM article_authors WHERE network_id = $1")
        .bind(network.0)
        .execute(&mut *db)
        .await?;
    if authors.is_empty() {
        return Ok(());
    }
    let rows: Vec<String> = (0..authors.len())
        .map(|n| format!("($1, ${})", n + 2))
        .collect();
    let sql = format!(
        "INSERT INTO article_authors (network_id, user_id) VALUES {}",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(network.0);
    for author in authors {
        query = query.bind(author.0);
    }
    query.execute(db).await?;
    Ok(())
}

/// Whether the admins chose this person to publish company-wide.
pub async fn is_chosen_author(
    db: &mut Conn,
    network: NetworkId,
    user: UserId,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM article_authors WHERE network_id = $1 AND user_id = $2",
    )
    .bind(network.0)
    .bind(user.0)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// The chosen authors, as `(id, display name, handle)` by name.
pub async fn chosen_authors(
    db: &mut Conn,
    network: NetworkId,
) -> Result<Vec<(UserId, String, String)>, StoreError> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT u.id, u.display_name, COALESCE(u.handle, '') FROM article_authors a \
         JOIN users u ON u.id = a.user_id WHERE a.network_id = $1 ORDER BY u.name_key, u.id",
    )
    .bind(network.0)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, handle)| (UserId(id), name, handle))
        .collect())
}

/// The generation of a person's feed key, when they have one turned on.
pub async fn feed_key(db: &mut Conn, user: UserId) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT generation FROM feed_keys WHERE user_id = $1 AND active = 1")
            .bind(user.0)
            .fetch_optional(db)
            .await?,
    )
}

/// Makes a new feed key (the next generation), which ends every earlier one.
pub async fn renew_feed_key(db: &mut Conn, user: UserId, now: Millis) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO feed_keys (user_id, generation, active, created_at) VALUES ($1, 1, 1, $2) \
         ON CONFLICT (user_id) DO UPDATE SET generation = feed_keys.generation + 1, active = 1, \
         created_at = excluded.created_at RETURNING generation",
    )
    .bind(user.0)
    .bind(now)
    .fetch_one(db)
    .await?)
}

/// Turns a person's feed key off; their feed URLs stop working.
pub async fn end_feed_key(db: &mut Conn, user: UserId) -> Result<(), StoreError> {
    sqlx::query("UPDATE feed_keys SET active = 0 WHERE user_id = $1")
        .bind(user.0)
        .execute(db)
        .await?;
    Ok(())
}

/// An article published in a period, and how much it was read and discussed.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PeriodArticle {
    pub article_id: i64,
    pub title: String,
    pub post_id: i64,
    pub network_id: i64,
    pub community_id: Option<i64>,
    pub author_id: i64,
    pub author_name: String,
    pub reads: i64,
    pub replies: i64,
    pub reactions: i64,
}

/// The articles published in `[since, until)` whose posts still stand, with their
/// reads, standing replies and reactions so far. Who may read each is the caller's
/// to check.
pub async fn of_period(
    db: &mut Conn,
    since: Millis,
    until: Millis,
) -> Result<Vec<PeriodArticle>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT a.id AS article_id, a.title, p.id AS post_id, p.network_id, p.community_id, \
         p.author_id, u.display_name AS author_name, \
         (SELECT COUNT(*) FROM article_reads r WHERE r.article_id = a.id) AS reads, \
         (SELECT COUNT(*) FROM posts rp WHERE rp.root_id = p.id AND {}) AS replies, \
         (SELECT COUNT(*) FROM reactions x WHERE x.post_id = p.id) AS reactions \
         FROM posts p JOIN articles a ON a.post_id = p.id JOIN users u ON u.id = p.author_id \
         WHERE p.root_id IS NULL AND {} AND p.created_at >= $1 AND p.created_at < $2 \
         ORDER BY p.id",
        crate::posts::stands("rp"),
        crate::posts::stands("p"),
    ))
    .bind(since)
    .bind(until)
    .fetch_all(db)
    .await?)
}
