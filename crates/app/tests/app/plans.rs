//! Every statement on the path of showing a post, of the feeds around it, and of
//! searching and suggesting while typing, walks
//! an index on an analyzed database of many posts, most of which share nothing,
//! answer nothing and were never deleted. The statements are the ones the use cases
//! really run, caught from the store's statement log, and planned by the SQLite the
//! binary bundles. (SQLite's plans; PostgreSQL plans by its own statistics.)
//!
//! It guards against a statement that reads every post. It does not reproduce every
//! plan of a real database: even with a million posts seeded this way, the bundled
//! SQLite searched the full indexes over those mostly-NULL columns, while on the
//! database `hearth bench social` seeds (with replies, reactions and communities)
//! the same statement walked the posts: the reason for migration 0014's partial
//! indexes.

use hearth_app::domain::Actor;
use hearth_app::feeds::{self, Feed};
use hearth_app::posts::{self, NewPost};
use hearth_app::{App, AppSettings};
use hearth_app::{search, suggestions};
use hearth_store::{Store, StoreOptions, preferences, uploads};
use hearth_testkit::sqlx::{self, Connection};
use hearth_testkit::{Backend, ManualClock, TestApp, TestDb};
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Filler posts written straight into the database: enough that a walk over all of
/// them costs far more than an index search in the planner's eyes. Every other one
/// answers the one before, so that, as on a real network, threads are many and
/// small while top-level posts are half of all.
const FILLER_POSTS: i64 = 100_000;

/// Collects the SQL of every statement the store logs.
#[derive(Clone, Default)]
struct Statements(Arc<Mutex<Vec<String>>>);

impl Statements {
    fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

#[derive(Default)]
struct Logged {
    summary: String,
    statement: String,
}

impl Visit for Logged {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "summary" => value.clone_into(&mut self.summary),
            "db.statement" => value.clone_into(&mut self.statement),
            _ => {}
        }
    }

    fn record_debug(&mut self, _: &Field, _: &dyn std::fmt::Debug) {}
}

impl Subscriber for Statements {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target() == "sqlx::query"
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut logged = Logged::default();
        event.record(&mut logged);
        // A short statement is logged whole as its summary.
        let sql = if logged.statement.trim().is_empty() {
            logged.summary
        } else {
            logged.statement
        };
        self.0.lock().unwrap().push(sql.trim().to_owned());
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// How many parameters a statement takes: `$n` up to the highest n, or one per `?`.
fn parameters(sql: &str) -> usize {
    let numbered = sql
        .split('$')
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<usize>().ok()
        })
        .max();
    numbered.unwrap_or_else(|| sql.matches('?').count())
}

/// SQLite's plan of a statement, each parameter bound to `value`, one line a step.
async fn plan(conn: &mut sqlx::SqliteConnection, sql: &str, value: i64) -> Vec<String> {
    let explain = format!("EXPLAIN QUERY PLAN {sql}");
    let mut query = sqlx::query_as::<_, (i64, i64, i64, String)>(&explain);
    for _ in 0..parameters(sql) {
        query = query.bind(value);
    }
    let steps = query.fetch_all(conn).await.unwrap();
    steps.into_iter().map(|(_, _, _, detail)| detail).collect()
}

/// A connection of the test's own to its database, for filler rows whose people and
/// communities are made up (foreign keys off).
async fn filling(t: &TestApp) -> sqlx::SqliteConnection {
    let mut conn = sqlx::SqliteConnection::connect(&t.db.url).await.unwrap();
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut conn)
        .await
        .unwrap();
    conn
}

/// The names a statement gives the posts table: `posts` and each alias.
fn names_of_posts(sql: &str) -> Vec<String> {
    let words: Vec<&str> = sql
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut names = vec!["posts".to_owned()];
    for pair in words.windows(3) {
        if pair[0].eq_ignore_ascii_case("posts") {
            let alias = if pair[1].eq_ignore_ascii_case("AS") {
                pair[2]
            } else {
                pair[1]
            };
            let keyword = [
                "WHERE", "JOIN", "ON", "GROUP", "ORDER", "LIMIT", "SET", "LEFT", "INNER",
            ]
            .iter()
            .any(|k| alias.eq_ignore_ascii_case(k));
            if !keyword {
                names.push(alias.to_owned());
            }
        }
    }
    names
}

/// Built with STAT4, SQLite parses and plans again, on every execution, each
/// statement whose bound values could sway its plan; built with memory management or
/// memory statistics, its connections wait on each other's locks at every page and
/// allocation. `.cargo/config.toml` builds it without.
#[tokio::test]
async fn the_bundled_sqlite_plans_once_and_keeps_its_connections_apart() {
    let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:")
        .await
        .unwrap();
    let (stat4,): (i64,) = sqlx::query_as("SELECT sqlite_compileoption_used('ENABLE_STAT4')")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(stat4, 0, "SQLite was built with SQLITE_ENABLE_STAT4");
    let (one_cache,): (i64,) =
        sqlx::query_as("SELECT sqlite_compileoption_used('ENABLE_MEMORY_MANAGEMENT')")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(
        one_cache, 0,
        "SQLite was built with SQLITE_ENABLE_MEMORY_MANAGEMENT: one page cache, one lock"
    );
    let (no_statistics,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM pragma_compile_options WHERE compile_options = 'DEFAULT_MEMSTATUS=0'",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(
        no_statistics, 1,
        "SQLite counts its memory under a global lock at every allocation"
    );
    let (fts5,): (i64,) = sqlx::query_as("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(fts5, 1, "the rest of the bundled build's options stand");
}

/// Hearth plans as tested only on an analyzed database; a server keeps its own so.
#[tokio::test]
async fn a_server_keeps_the_planner_statistics_true_to_its_data() {
    let t = TestApp::new(TestDb::create(Backend::Sqlite).await.unwrap()).await;
    let admin = t.admin().await;
    let community = t.community(&admin, "Design", "public").await;
    t.post(&admin, Some(&community), "Counted").await;
    let statistics = |table: &'static str| {
        let store = t.app.store().clone();
        async move {
            let mut conn = store.conn().await.unwrap();
            let kept: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'",
            )
            .fetch_one(&mut *conn)
            .await
            .unwrap();
            if kept == 0 {
                return 0;
            }
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = $1")
                .bind(table)
                .fetch_one(&mut *conn)
                .await
                .unwrap()
        }
    };
    assert_eq!(statistics("posts").await, 0, "a new database has none");

    t.app.store().refresh_statistics().await.unwrap();
    assert!(
        statistics("posts").await > 0,
        "the posts' indexes are analyzed"
    );
    assert!(statistics("community_members").await > 0);
    // Nothing changed much since: the next hour's run analyzes them no more (only
    // empty tables, which keep no statistics, are named again; they cost nothing).
    let mut conn = t.app.store().conn().await.unwrap();
    let due: Vec<String> = sqlx::query_scalar("PRAGMA optimize = 0x10003")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    for table in ["posts", "community_members"] {
        let named = format!("ANALYZE \"main\".\"{table}\"");
        assert!(!due.contains(&named), "{table} again: {due:?}");
    }
}

/// An app on SQLite whose store logs every statement to the collector answered.
async fn logging_statements() -> (Statements, TestApp) {
    let statements = Statements::default();
    // The SQLite driver logs from its worker thread, so the collector is global; each
    // test runs in a process of its own under nextest.
    tracing::subscriber::set_global_default(statements.clone()).unwrap();

    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    let options = StoreOptions {
        log_statements: true,
        ..StoreOptions::default()
    };
    let store = Store::connect(&db.url, &options).await.unwrap();
    store.migrate().await.unwrap();
    let clock = ManualClock::starting_now();
    let app = App::new(store, AppSettings::default(), clock.as_clock()).unwrap();
    (statements, TestApp::from_parts(app, clock, db))
}

/// A community's members (for the live event of each of its new posts) and the
/// reader's communities (for each home feed page) are lists of hundreds: read from
/// the table, each of them is one seek more.
#[tokio::test]
async fn memberships_are_read_from_an_index_alone() {
    let (statements, t) = logging_statements().await;
    let admin = t.admin().await;
    let community = t.community(&admin, "Design", "public").await;
    let mut conn = filling(&t).await;
    // Made-up people, each a member of a few of a hundred made-up communities.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) \
         INSERT INTO community_members (community_id, user_id, role, state, created_at) \
         SELECT CASE WHEN i % 10 = 0 THEN $1 ELSE 2000000 + i % 100 END, \
         1000000 + i / 10, 'member', 'member', i FROM n",
    )
    .bind(community.id.0)
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query("ANALYZE").execute(&mut conn).await.unwrap();
    statements.take();

    t.post(&admin, Some(&community), "To everyone here").await;
    feeds::feed(&t.app, &Actor::User(admin.clone()), &Feed::Home, None, None)
        .await
        .unwrap();

    let lists: Vec<String> = statements
        .take()
        .into_iter()
        .filter(|sql| {
            sql.contains("SELECT user_id FROM community_members WHERE community_id")
                || sql.contains("SELECT community_id FROM community_members")
        })
        .collect();
    assert_eq!(
        lists.len(),
        2,
        "the statement log caught both lists: {lists:#?}"
    );
    for sql in &lists {
        let steps = plan(&mut conn, sql, community.id.0).await;
        let searches: Vec<&String> = steps
            .iter()
            .filter(|detail| detail.contains(" community_members "))
            .collect();
        assert!(!searches.is_empty(), "{steps:#?}\n    in {sql}");
        for detail in searches {
            assert!(
                detail.contains("USING COVERING INDEX"),
                "reads the table: {detail}\n    in {sql}"
            );
        }
    }
}

#[tokio::test]
async fn showing_a_post_walks_indexes_on_a_database_shaped_like_a_real_one() {
    let (statements, t) = logging_statements().await;
    let admin = t.admin().await;
    let community = t.community(&admin, "Design", "public").await;
    let post = t
        .post(&admin, Some(&community), "A question of shape")
        .await;
    let as_admin = Actor::User(admin.clone());
    posts::reply(&t.app, &as_admin, post.id, "An answer")
        .await
        .unwrap();
    let share = NewPost {
        body: "Read this".to_owned(),
        shared_post_id: Some(post.id),
        ..NewPost::default()
    };
    posts::create(&t.app, &as_admin, &share).await.unwrap();

    // Their authors are made-up ids, as many as in a company: the planner's
    // statistics must see a person write a few posts, not all of them.
    let mut conn = filling(&t).await;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
         INSERT INTO posts (id, network_id, author_id, community_id, kind, root_id, parent_id, \
         body_markdown, body_html, created_at) \
         SELECT i, $2, $3 + i % 2000, $4, 'discussion', \
         CASE WHEN i % 2 = 0 THEN i - 1 END, CASE WHEN i % 2 = 0 THEN i - 1 END, \
         'filler', '<p>filler</p>', i FROM n",
    )
    .bind(FILLER_POSTS)
    .bind(admin.network_id.0)
    .bind(1_000_000_i64)
    .bind(community.id.0)
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query("ANALYZE").execute(&mut conn).await.unwrap();
    statements.take();

    feeds::get(&t.app, &as_admin, post.id).await.unwrap();
    feeds::thread(&t.app, &as_admin, post.id, feeds::ThreadPage::first(6))
        .await
        .unwrap();
    for feed in [
        Feed::Home,
        Feed::Community(community.id),
        Feed::Profile(admin.id),
    ] {
        feeds::feed(&t.app, &as_admin, &feed, None, None)
            .await
            .unwrap();
    }
    // The digest reads the top-level posts of its period, and their files' names.
    let mut db = t.app.store().conn().await.unwrap();
    let week = 7 * 24 * 3_600_000;
    let now = t.app.now();
    preferences::posts_of_period(&mut db, now - week, now)
        .await
        .unwrap();
    uploads::names_on_posts_between(&mut db, now - week, now)
        .await
        .unwrap();
    drop(db);
    // Suggestions while typing run at every pause in typing.
    suggestions::people(&t.app, &as_admin, "a", None)
        .await
        .unwrap();
    suggestions::topics(&t.app, &as_admin, "a", None)
        .await
        .unwrap();
    // Search, ranked and newest first, and the All tab's every kind.
    for (scope, sort) in [
        (search::Scope::Posts, search::Sort::Relevance),
        (search::Scope::Posts, search::Sort::Newest),
        (search::Scope::All, search::Sort::Relevance),
    ] {
        let request = search::SearchRequest {
            q: "question shape".to_owned(),
            scope,
            sort,
            ..search::SearchRequest::default()
        };
        let found = search::search(&t.app, &as_admin, &request).await.unwrap();
        assert_eq!(found.posts.len(), 1, "{scope:?} {sort:?}");
    }
    let run: Vec<String> = statements
        .take()
        .into_iter()
        .filter(|sql| sql.starts_with("SELECT") || sql.starts_with("WITH"))
        .collect();
    assert!(
        run.iter().any(|sql| sql.contains("shared_post_id IN")),
        "the statement log caught the shares count: {run:#?}"
    );
    assert!(
        run.iter().any(|sql| sql.contains("posts_search MATCH")),
        "the statement log caught the post search: {run:#?}"
    );
    assert!(
        run.iter().any(|sql| sql.contains("FROM post_hashtags h")),
        "the statement log caught the topic suggestions: {run:#?}"
    );
    assert!(
        run.iter().any(|sql| sql.contains("AS author_name")),
        "the statement log caught the digest's posts of the period: {run:#?}"
    );

    let mut walks = Vec::new();
    for sql in &run {
        // Every parameter is an id or a bound on one; the post's own is as good as any.
        let steps = plan(&mut conn, sql, post.id.0).await;
        let posts = names_of_posts(sql);
        for detail in steps {
            // Only the posts are many here: a scan of a one-row table is no finding.
            let scanned = detail
                .strip_prefix("SCAN ")
                .and_then(|rest| rest.split(' ').next());
            if !scanned.is_some_and(|name| posts.iter().any(|p| p == name)) {
                continue;
            }
            // A scan that neither searches an index nor walks one in the order asked for
            // (the feeds walk `(network_id, id)` newest first, and stop at a page) reads
            // every row.
            let walks_everything = detail.starts_with("SCAN")
                && !detail.contains("USING INDEX")
                && !detail.contains("USING COVERING INDEX")
                && !detail.contains("USING INTEGER PRIMARY KEY");
            let walks_a_sparse_index = detail.contains("posts_shared_post_id")
                || detail.contains("posts_best_answer_id")
                || detail.contains("posts_deleted_by");
            if walks_everything || (detail.starts_with("SCAN") && walks_a_sparse_index) {
                walks.push(format!("{detail}\n    in {sql}"));
            }
        }
    }
    assert!(
        walks.is_empty(),
        "statements that walk the posts:\n{}",
        walks.join("\n")
    );
}
