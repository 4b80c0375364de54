//! Search: posts and replies, the searcher's chat messages, people, communities and
//! topics, each filtered in SQL by what the searcher may see, so that a page is full
//! and nothing else is ever counted or quoted.
//!
//! Posts and messages are matched by each backend's full-text index (see migration
//! 0018): SQLite's FTS5 tables `posts_search` and `messages_search`, PostgreSQL's
//! `search_vector` columns with the network's text search configuration. Snippets
//! come back with the matches between [`MATCH_START`] and [`MATCH_END`], two control
//! characters no stored text holds, so that the caller can escape the text and
//! highlight the matches without trusting either engine's markup.

use crate::posts::{self, PostRow, Reader};
use crate::profiles::escape_like;
use crate::{Conn, StoreError};
use hearth_domain::search::SearchQuery;
use hearth_domain::{Community, CommunityId, Message, Millis, NetworkId, Post, Profile, UserId};

/// Marks where a match begins in a snippet.
pub const MATCH_START: char = '\u{2}';
/// Marks where a match ends in a snippet.
pub const MATCH_END: char = '\u{3}';

/// How many words of context a snippet holds.
const SNIPPET_WORDS: i64 = 24;

/// How many of the newest matches a search by relevance ranks. Ranking every match
/// of a word in most posts took seconds on a million posts (bm25 or `ts_rank` for
/// each); the newest few hundred the searcher may read hold what they look for, and
/// newest-first pages still reach every match. (What remains of a ranked search's
/// cost on SQLite is mostly per query, not per candidate: 500 and 2,000 measured
/// alike, see docs/BENCHMARKS.md.)
pub const RANKED: i64 = 500;

/// Which posts a search lists, besides matching its text.
#[derive(Debug, Clone, Default)]
pub struct PostFilter {
    pub community: Option<CommunityId>,
    pub author: Option<UserId>,
    /// Hashtags every post carries, lower-cased.
    pub tags: Vec<String>,
    /// Written at or after.
    pub from: Option<Millis>,
    /// Written before.
    pub until: Option<Millis>,
    pub kind: Option<KindFilter>,
}

/// The kinds of post a search may be narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindFilter {
    Question,
    /// Questions nobody has answered yet: no reply that everyone may read.
    UnansweredQuestion,
    Announcement,
}

/// How results are ordered, and where the page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Best matches first; the page starts after `offset` results.
    Relevance { offset: i64 },
    /// Newest first; the page starts below `before`.
    Newest { before: Option<i64> },
}

/// A post found, with the part of its text that matched.
#[derive(Debug, Clone)]
pub struct PostHit {
    pub post: Post,
    pub snippet: String,
}

/// A message found, with the part of its text that matched.
#[derive(Debug, Clone)]
pub struct MessageHit {
    pub message: Message,
    pub snippet: String,
}

/// Values bound in the order the SQL numbers them.
enum Bind {
    Int(i64),
    Text(String),
}

/// SQL and its bound values, built together so that each `$n` names its value.
#[derive(Default)]
struct Statement {
    binds: Vec<Bind>,
}

impl Statement {
    fn int(&mut self, value: i64) -> String {
        self.binds.push(Bind::Int(value));
        format!("${}", self.binds.len())
    }

    fn text(&mut self, value: impl Into<String>) -> String {
        self.binds.push(Bind::Text(value.into()));
        format!("${}", self.binds.len())
    }

    /// `$1..$3` as `posts::visible` expects them.
    fn reader(reader: Reader) -> Self {
        let mut statement = Self::default();
        statement.int(reader.network.0);
        statement.int(reader.user.0);
        statement.int(i64::from(reader.is_network_admin));
        statement
    }

    fn query_as<'q, T>(
        &self,
        sql: &'q str,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, T, sqlx::any::AnyArguments<'q>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        let mut query = sqlx::query_as::<_, T>(sql);
        for bind in &self.binds {
            query = match bind {
                Bind::Int(value) => query.bind(*value),
                Bind::Text(value) => query.bind(value.clone()),
            };
        }
        query
    }
}

fn is_postgres(db: &Conn) -> bool {
    db.backend_name() != "SQLite"
}

/// The PostgreSQL tsquery of a search, built from bound values so that nothing typed
/// is read as tsquery syntax. `cfg` is the SQL of the text search configuration.
fn tsquery(statement: &mut Statement, query: &SearchQuery, cfg: &str) -> String {
    let mut parts = Vec::new();
    let last = query.words.len().saturating_sub(1);
    for (index, word) in query.words.iter().enumerate() {
        // A prefix is bound as letters and digits only, the one form `to_tsquery`
        // cannot misread, then given its `:*`.
        let prefix: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        if index == last && query.last_word_is_prefix && !prefix.is_empty() {
            parts.push(format!(
                "to_tsquery({cfg}, {} || ':*')",
                statement.text(prefix)
            ));
        } else {
            parts.push(format!("plainto_tsquery({cfg}, {})", statement.text(word)));
        }
    }
    for phrase in &query.phrases {
        parts.push(format!(
            "phraseto_tsquery({cfg}, {})",
            statement.text(phrase)
        ));
    }
    for excluded in &query.excluded {
        parts.push(format!(
            "!! phraseto_tsquery({cfg}, {})",
            statement.text(excluded)
        ));
    }
    parts.join(" && ")
}

/// The filters on the post alias `p` of a search, each with its bound values.
fn post_filters(statement: &mut Statement, filter: &PostFilter) -> String {
    let mut clauses = vec![
        posts::visible("p"),
        // A reply is read in its thread: what hides its thread hides it.
        format!(
            "(p.root_id IS NULL OR EXISTS (SELECT 1 FROM posts r WHERE r.id = p.root_id \
             AND r.deleted_at IS NULL AND {}))",
            posts::seen_despite_moderation("r", &posts::Viewer::BOUND)
        ),
    ];
    if let Some(community) = filter.community {
        clauses.push(format!("p.community_id = {}", statement.int(community.0)));
    }
    if let Some(author) = filter.author {
        clauses.push(format!("p.author_id = {}", statement.int(author.0)));
    }
    for tag in &filter.tags {
        clauses.push(format!(
            "p.id IN (SELECT post_id FROM post_hashtags WHERE network_id = $1 AND tag = {})",
            statement.text(tag.clone())
        ));
    }
    if let Some(from) = filter.from {
        clauses.push(format!("p.created_at >= {}", statement.int(from)));
    }
    if let Some(until) = filter.until {
        clauses.push(format!("p.created_at < {}", statement.int(until)));
    }
    match filter.kind {
        None => {}
        Some(KindFilter::Question) => {
            clauses.push("p.root_id IS NULL AND p.kind = 'question'".into());
        }
        Some(KindFilter::UnansweredQuestion) => clauses.push(format!(
            "p.root_id IS NULL AND p.kind = 'question' AND p.best_answer_id IS NULL \
             AND NOT EXISTS (SELECT 1 FROM posts a WHERE a.root_id = p.id AND {})",
            posts::stands("a")
        )),
        Some(KindFilter::Announcement) => {
            clauses.push("p.root_id IS NULL AND p.kind = 'announcement'".into());
        }
    }
    clauses.join(" AND ")
}

fn page(statement: &mut Statement, order: Order, limit: i64, id: &str) -> (String, String) {
    match order {
        Order::Relevance { offset } => (
            String::new(),
            format!(
                "LIMIT {} OFFSET {}",
                statement.int(limit),
                statement.int(offset)
            ),
        ),
        Order::Newest { before } => (
            format!(" AND {id} < {}", statement.int(before.unwrap_or(i64::MAX))),
            format!("LIMIT {}", statement.int(limit)),
        ),
    }
}

/// A table whose rows search matches by their text, and its full-text index.
struct Indexed {
    table: &'static str,
    /// The table's alias in the filters and columns.
    alias: &'static str,
    /// SQLite's FTS5 table over it.
    fts: &'static str,
    columns: &'static str,
    /// The text PostgreSQL quotes in a snippet: all that its vector holds.
    text: &'static str,
}

const POSTS: Indexed = Indexed {
    table: "posts",
    alias: "p",
    fts: "posts_search",
    columns: posts::COLUMNS,
    // An article found by its title shows it, as SQLite's snippet does.
    text: "concat_ws(' — ', p.heading, p.body_markdown)",
};

const MESSAGES: Indexed = Indexed {
    table: "messages",
    alias: "x",
    fts: "messages_search",
    columns: crate::messages::COLUMNS,
    text: "x.body_markdown",
};

/// The SQL of a page of `on`'s rows that pass `filters` and match `query`, each
/// with its snippet. `network` is the SQL of the network whose text search
/// configuration PostgreSQL uses.
#[expect(clippy::too_many_arguments, reason = "one statement's every part")]
fn matching(
    pg: bool,
    statement: &mut Statement,
    query: &SearchQuery,
    on: &Indexed,
    filters: &str,
    network: &str,
    order: Order,
    limit: i64,
) -> String {
    let Indexed {
        table,
        alias: a,
        fts,
        columns,
        text,
    } = on;
    if !query.has_text() {
        let (cursor, limit) = page(statement, order, limit, &format!("{a}.id"));
        return format!(
            "SELECT {columns}, SUBSTR({a}.body_markdown, 1, 240) AS snippet FROM {table} {a} \
             WHERE {filters}{cursor} ORDER BY {a}.id DESC {limit}"
        );
    }
    if !pg {
        let matched = statement.text(query.fts5().unwrap_or_default());
        let snippet =
            // From the column that matched best: an article found by its title shows it.
            format!("snippet({fts}, -1, char(2), char(3), '…', {SNIPPET_WORDS}) AS snippet");
        return match order {
            // By the index's own rowid (the row's id), which FTS5 reads newest first,
            // stopping after a page instead of sorting every match.
            Order::Newest { .. } => {
                let (cursor, limit) = page(statement, order, limit, &format!("{fts}.rowid"));
                format!(
                    "SELECT {columns}, {snippet} \
                     FROM {fts} JOIN {table} {a} ON {a}.id = {fts}.rowid \
                     WHERE {fts} MATCH {matched} AND {filters}{cursor} \
                     ORDER BY {fts}.rowid DESC {limit}"
                )
            }
            // The newest matches the searcher may read, ranked; then the page's
            // snippets, made for its rows only.
            Order::Relevance { .. } => {
                let (_, limit) = page(statement, order, limit, &format!("{a}.id"));
                let again = statement.text(query.fts5().unwrap_or_default());
                format!(
                    "WITH hit AS (SELECT {fts}.rowid AS id, {fts}.rank AS score \
                                  FROM {fts} JOIN {table} {a} ON {a}.id = {fts}.rowid \
                                  WHERE {fts} MATCH {matched} AND {filters} \
                                  ORDER BY {fts}.rowid DESC LIMIT {RANKED}), \
                          shown AS (SELECT id, score FROM hit ORDER BY score, id DESC {limit}) \
                     SELECT {columns}, {snippet} \
                     FROM shown JOIN {fts} ON {fts}.rowid = shown.id JOIN {table} {a} ON {a}.id = shown.id \
                     WHERE {fts} MATCH {again} \
                     ORDER BY shown.score, shown.id DESC"
                )
            }
        };
    }
    let tsquery = tsquery(statement, query, "c.cfg");
    let (cursor, recent, shown) = match order {
        Order::Newest { .. } => {
            let (cursor, limit) = page(statement, order, limit, &format!("{a}.id"));
            (cursor, limit, String::new())
        }
        Order::Relevance { .. } => {
            let (_, limit) = page(statement, order, limit, &format!("{a}.id"));
            (String::new(), format!("LIMIT {RANKED}"), limit)
        }
    };
    let (ranked, outer) = match order {
        Order::Relevance { .. } => ("score DESC, id DESC", "hit.score DESC, hit.id DESC"),
        Order::Newest { .. } => ("id DESC", "hit.id DESC"),
    };
    let options = statement.text(headline_options());
    // The newest matches the searcher may read (a page of them, or those ranked),
    // ranked; the headline, the costly part, is made only for the page's rows.
    format!(
        "WITH c AS (SELECT hearth_search_configuration({network}) AS cfg), \
              q AS (SELECT {tsquery} AS query FROM c), \
              recent AS (SELECT {a}.id, {a}.search_vector FROM {table} {a}, q \
                         WHERE {a}.search_vector @@ q.query AND {filters}{cursor} \
                         ORDER BY {a}.id DESC {recent}), \
              hit AS (SELECT recent.id, ts_rank(recent.search_vector, q.query) AS score \
                      FROM recent, q ORDER BY {ranked} {shown}) \
         SELECT {columns}, ts_headline(c.cfg, {text}, q.query, {options}) AS snippet \
         FROM hit JOIN {table} {a} ON {a}.id = hit.id, c, q \
         ORDER BY {outer}"
    )
}

#[derive(sqlx::FromRow)]
struct PostHitRow {
    #[sqlx(flatten)]
    post: PostRow,
    snippet: String,
}

/// A page of the posts and replies `reader` may read that match `query` and
/// `filter`. A search of no words (only tags, an author or a community) lists the
/// posts that carry them, newest first, with their opening as the snippet.
pub async fn posts(
    db: &mut Conn,
    reader: Reader,
    query: &SearchQuery,
    filter: &PostFilter,
    order: Order,
    limit: i64,
) -> Result<Vec<PostHit>, StoreError> {
    let mut statement = Statement::reader(reader);
    let filters = post_filters(&mut statement, filter);
    let pg = is_postgres(db);
    let sql = matching(
        pg,
        &mut statement,
        query,
        &POSTS,
        &filters,
        "$1",
        order,
        limit,
    );
    let rows = statement
        .query_as::<PostHitRow>(&sql)
        .fetch_all(&mut *db)
        .await?;
    rows.into_iter()
        .map(|row| {
            Ok(PostHit {
                post: Post::try_from(row.post)?,
                snippet: row.snippet,
            })
        })
        .collect()
}

fn headline_options() -> String {
    format!(
        "StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords={SNIPPET_WORDS}, MinWords=8, \
         MaxFragments=2, FragmentDelimiter=\" … \""
    )
}

#[derive(sqlx::FromRow)]
struct MessageHitRow {
    #[sqlx(flatten)]
    message: crate::messages::MessageRow,
    snippet: String,
}

/// A page of the messages, in conversations `user` is a member of, that match the
/// text of `query` (its filters other than the author do not apply to chat).
pub async fn messages(
    db: &mut Conn,
    network: NetworkId,
    user: UserId,
    query: &SearchQuery,
    author: Option<UserId>,
    order: Order,
    limit: i64,
) -> Result<Vec<MessageHit>, StoreError> {
    let mut statement = Statement::default();
    let network = statement.int(network.0);
    let user = statement.int(user.0);
    let mut filters = format!(
        "x.deleted_at IS NULL AND EXISTS (SELECT 1 FROM conversation_members cm \
           JOIN conversations cv ON cv.id = cm.conversation_id \
           WHERE cm.conversation_id = x.conversation_id AND cm.user_id = {user} \
             AND cv.network_id = {network})"
    );
    if let Some(author) = author {
        filters.push_str(&format!(" AND x.author_id = {}", statement.int(author.0)));
    }
    let pg = is_postgres(db);
    let sql = matching(
        pg,
        &mut statement,
        query,
        &MESSAGES,
        &filters,
        &network,
        order,
        limit,
    );
    let rows = statement
        .query_as::<MessageHitRow>(&sql)
        .fetch_all(&mut *db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| MessageHit {
            message: row.message.into(),
            snippet: row.snippet,
        })
        .collect())
}

/// Each word must occur in one of `fields` (lower-cased SQL expressions).
fn every_word_in(statement: &mut Statement, words: &[String], fields: &[&str]) -> String {
    if words.is_empty() {
        return "1 = 1".into();
    }
    words
        .iter()
        .map(|word| {
            let pattern = statement.text(format!("%{}%", escape_like(&word.to_lowercase())));
            let any = fields
                .iter()
                .map(|field| format!("{field} LIKE {pattern} ESCAPE '\\'"))
                .collect::<Vec<_>>()
                .join(" OR ");
            format!("({any})")
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// People of the network who have not left whose name, handle, department, job
/// title or location holds every word, by name, after `offset`.
pub async fn people(
    db: &mut Conn,
    network: NetworkId,
    words: &[String],
    offset: i64,
    limit: i64,
) -> Result<Vec<Profile>, StoreError> {
    let mut statement = Statement::default();
    let network = statement.int(network.0);
    let matches = every_word_in(
        &mut statement,
        words,
        &[
            "name_key",
            "LOWER(COALESCE(handle, ''))",
            "LOWER(department)",
            "LOWER(job_title)",
            "LOWER(location)",
        ],
    );
    let limit = statement.int(limit);
    let offset = statement.int(offset);
    let sql = format!(
        "SELECT {} FROM users WHERE network_id = {network} AND status <> 'deactivated' \
         AND {matches} ORDER BY name_key, id LIMIT {limit} OFFSET {offset}",
        crate::profiles::COLUMNS
    );
    let rows = statement
        .query_as::<crate::profiles::ProfileRow>(&sql)
        .fetch_all(&mut *db)
        .await?;
    rows.into_iter().map(Profile::try_from).collect()
}

/// Communities `viewer` may see (as `communities::list_visible` decides) whose name
/// or description holds every word, by name, after `offset`.
pub async fn communities(
    db: &mut Conn,
    network: NetworkId,
    viewer: UserId,
    viewer_is_admin: bool,
    words: &[String],
    offset: i64,
    limit: i64,
) -> Result<Vec<Community>, StoreError> {
    let mut statement = Statement::default();
    let network = statement.int(network.0);
    let viewer = statement.int(viewer.0);
    let admin = statement.int(i64::from(viewer_is_admin));
    let matches = every_word_in(
        &mut statement,
        words,
        &["LOWER(c.name)", "LOWER(c.description)"],
    );
    let limit = statement.int(limit);
    let offset = statement.int(offset);
    let columns = crate::qualify(crate::communities::COLUMNS, "c");
    let sql = format!(
        "SELECT {columns} FROM communities c \
         LEFT JOIN community_members m ON m.community_id = c.id AND m.user_id = {viewer} \
         WHERE c.network_id = {network} \
           AND (c.visibility <> 'secret' OR {admin} = 1 OR m.state IN ('member', 'invited')) \
           AND {matches} ORDER BY c.name_key, c.id LIMIT {limit} OFFSET {offset}"
    );
    let rows = statement
        .query_as::<crate::communities::CommunityRow>(&sql)
        .fetch_all(&mut *db)
        .await?;
    rows.into_iter().map(Community::try_from).collect()
}

/// The community of the network named `name`, compared without regard to case.
pub async fn community_named(
    db: &mut Conn,
    network: NetworkId,
    name: &str,
) -> Result<Option<CommunityId>, StoreError> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM communities WHERE network_id = $1 AND LOWER(name) = $2 ORDER BY id LIMIT 1",
    )
    .bind(network.0)
    .bind(name.to_lowercase())
    .fetch_optional(db)
    .await?;
    Ok(id.map(CommunityId))
}

/// Rebuilds the full-text indexes from the rows, with `configuration` as the
/// network's text search configuration on PostgreSQL (refused there if unknown).
pub async fn reindex(
    db: &mut Conn,
    network: NetworkId,
    configuration: Option<&str>,
) -> Result<(), StoreError> {
    if is_postgres(db) {
        if let Some(configuration) = configuration {
            let known: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM pg_ts_config WHERE cfgname = $1")
                    .bind(configuration)
                    .fetch_one(&mut *db)
                    .await?;
            if known == 0 {
                return Err(StoreError::Unsupported(format!(
                    "PostgreSQL has no text search configuration {configuration:?}"
                )));
            }
            sqlx::query("UPDATE networks SET search_configuration = $1 WHERE id = $2")
                .bind(configuration)
                .bind(network.0)
                .execute(&mut *db)
                .await?;
        }
        sqlx::query(
            "UPDATE posts SET search_vector = hearth_post_search_vector(network_id, heading, body_markdown) \
             WHERE network_id = $1",
        )
        .bind(network.0)
        .execute(&mut *db)
        .await?;
        sqlx::query(
            "UPDATE messages SET search_vector = to_tsvector(hearth_search_configuration($1), body_markdown) \
             WHERE conversation_id IN (SELECT id FROM conversations WHERE network_id = $1)",
        )
        .bind(network.0)
        .execute(&mut *db)
        .await?;
    } else {
        if configuration.is_some_and(|c| c != "simple") {
            return Err(StoreError::Unsupported(
                "text search configurations are PostgreSQL's; SQLite's index folds case and \
                 accents and stems nothing"
                    .into(),
            ));
        }
        sqlx::query("INSERT INTO posts_search (posts_search) VALUES ('rebuild')")
            .execute(&mut *db)
            .await?;
        sqlx::query("INSERT INTO messages_search (messages_search) VALUES ('rebuild')")
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}
