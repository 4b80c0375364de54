//! The schema itself: migrations, version guard, parity between the backends, indexes.

use hearth_store::{Store, StoreError, StoreOptions};
use hearth_testkit::sqlx::{self, Connection};
use hearth_testkit::{Backend, TestDb, both_backends};
use std::collections::{BTreeMap, BTreeSet};

mod facts;

both_backends!(
    migrations_can_run_again_without_change,
    a_database_newer_than_the_binary_is_refused_with_a_clear_message,
);

async fn migrations_can_run_again_without_change(db: TestDb) {
    let store = db.store().await;
    store.migrate().await.unwrap();
    let again = Store::connect(&db.url, &StoreOptions::default())
        .await
        .unwrap();
    again.migrate().await.unwrap();
    assert_eq!(
        again.applied_schema_version().await.unwrap(),
        Some(again.known_schema_version())
    );
}

async fn a_database_newer_than_the_binary_is_refused_with_a_clear_message(db: TestDb) {
    let store = db.store().await;
    let future = hearth_testkit::pretend_newer_release_migrated(&store).await;
    match store.migrate().await {
        Err(err @ StoreError::SchemaTooNew { .. }) => {
            let message = err.to_string();
            assert!(message.contains(&future.to_string()), "{message}");
            assert!(message.contains("newer"), "{message}");
        }
        other => panic!("expected the newer schema to be refused, got {other:?}"),
    }
}

/// table -> column -> nullable
type Shape = BTreeMap<String, BTreeMap<String, bool>>;

async fn sqlite_shape(url: &str) -> (Shape, sqlx::SqliteConnection) {
    let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut shape = Shape::new();
    for table in tables {
        let columns: Vec<(String, bool, i64)> =
            sqlx::query_as("SELECT name, \"notnull\", pk FROM pragma_table_info($1)")
                .bind(&table)
                .fetch_all(&mut conn)
                .await
                .unwrap();
        shape.insert(
            table,
            columns
                .into_iter()
                .map(|(name, not_null, pk)| (name, !(not_null || pk > 0)))
                .collect(),
        );
    }
    (shape, conn)
}

/// Where the two schemas may differ, each as `(backend, fact, why)`: a fact true of
/// that backend alone (as the failure message words it) and the reason it is left
/// so rather than fixed by a migration. Every entry must still differ.
const KNOWN_DIFFERENCES: &[(&str, &str, &str)] = &[
    (
        "postgres",
        "column posts.search_vector: other",
        "PostgreSQL's full-text index of posts; SQLite's is the FTS5 table posts_search",
    ),
    (
        "postgres",
        "index posts (search_vector)",
        "the GIN index that answers PostgreSQL's post searches",
    ),
    (
        "postgres",
        "column messages.search_vector: other",
        "PostgreSQL's full-text index of messages; SQLite's is the FTS5 table messages_search",
    ),
    (
        "postgres",
        "index messages (search_vector)",
        "the GIN index that answers PostgreSQL's message searches",
    ),
];

/// The two backends' schemas agree fact by fact (see `facts`): tables, columns with
/// type family, NOT NULL and default, primary keys, unique and other indexes, foreign
/// keys with their ON DELETE action. Without PostgreSQL this passes with a note,
/// unless `HEARTH_TEST_REQUIRE_POSTGRES` is set, as CI sets it: then it fails.
#[tokio::test]
async fn the_sqlite_and_postgres_schemas_agree() {
    let sqlite = TestDb::create(Backend::Sqlite).await.unwrap();
    sqlite.store().await;
    let Some(postgres) = TestDb::create(Backend::Postgres).await else {
        return;
    };
    postgres.store().await;
    let sqlite = facts::sqlite(&sqlite.url).await;
    let postgres = facts::postgres(&postgres.url).await;
    for facts in [&sqlite, &postgres] {
        for kind in [
            "table",
            "column",
            "primary key",
            "unique index",
            "index",
            "foreign key",
        ] {
            assert!(
                facts.iter().any(|f| f.starts_with(kind)),
                "no {kind} read: {facts:#?}"
            );
        }
    }
    let known = |backend: &str, fact: &str| {
        KNOWN_DIFFERENCES
            .iter()
            .any(|(b, f, _)| *b == backend && *f == fact)
    };
    let mut differences = Vec::new();
    for fact in sqlite.difference(&postgres) {
        if !known("sqlite", fact) {
            differences.push(format!("only in SQLite:     {fact}"));
        }
    }
    for fact in postgres.difference(&sqlite) {
        if !known("postgres", fact) {
            differences.push(format!("only in PostgreSQL: {fact}"));
        }
    }
    assert!(
        differences.is_empty(),
        "the schemas differ:\n{}",
        differences.join("\n")
    );
    let stale: Vec<&str> = KNOWN_DIFFERENCES
        .iter()
        .filter(|(backend, fact, _)| {
            let (mine, other) = match *backend {
                "sqlite" => (&sqlite, &postgres),
                _ => (&postgres, &sqlite),
            };
            !mine.contains(*fact) || other.contains(*fact)
        })
        .map(|(_, fact, _)| *fact)
        .collect();
    assert!(
        stale.is_empty(),
        "known differences that no longer differ: {stale:#?}"
    );
}

#[tokio::test]
async fn every_foreign_key_has_an_index() {
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    db.store().await;
    let (shape, mut conn) = sqlite_shape(&db.url).await;
    let mut unindexed = BTreeSet::new();
    for table in shape.keys() {
        // A key of several columns (`(post_id, position)`) needs an index that leads
        // with all of them, in any order.
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, \"from\" FROM pragma_foreign_key_list($1) ORDER BY id, seq")
                .bind(table)
                .fetch_all(&mut conn)
                .await
                .unwrap();
        let mut keys: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
        for (id, column) in rows {
            keys.entry(id).or_default().insert(column);
        }
        let indexes: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_index_list($1)")
            .bind(table)
            .fetch_all(&mut conn)
            .await
            .unwrap();
        let mut indexed: Vec<Vec<String>> = Vec::new();
        for index in indexes {
            indexed.push(
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(&mut conn)
                    .await
                    .unwrap(),
            );
        }
        for columns in keys.values() {
            let covered = indexed.iter().any(|index| {
                index.len() >= columns.len()
                    && index[..columns.len()].iter().all(|c| columns.contains(c))
            });
            if !covered {
                let names: Vec<&str> = columns.iter().map(String::as_str).collect();
                unindexed.insert(format!("{table}.({})", names.join(", ")));
            }
        }
    }
    assert!(
        unindexed.is_empty(),
        "foreign keys without an index: {unindexed:?}"
    );
}

/// Every feed query walks an index, so a page costs the same at a million posts as
/// at ten. (SQLite's plans; PostgreSQL plans by statistics.)
#[tokio::test]
async fn every_feed_query_uses_an_index() {
    use hearth_app::domain::{CommunityId, UserId};
    use hearth_store::posts::{FeedScope, feed_sql};
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    db.store().await;
    let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
    let scopes = [
        (FeedScope::Home, "posts_network_id"),
        (FeedScope::Community(CommunityId(1)), "posts_community_id"),
        (FeedScope::Pinned(CommunityId(1)), "posts_pinned"),
        (FeedScope::Author(UserId(1)), "posts_author_id"),
        (FeedScope::Topic("x".into()), "post_hashtags_network_tag"),
        (FeedScope::Articles, "articles_network_id"),
        (FeedScope::ArticlesBy(UserId(1)), "articles_author_id"),
        (
            FeedScope::ArticlesIn(CommunityId(1)),
            "articles_community_id",
        ),
        (
            FeedScope::CompanyAnnouncements,
            "posts_company_announcements",
        ),
    ];
    for (scope, index) in scopes {
        let sql = format!("EXPLAIN QUERY PLAN {}", feed_sql(&scope));
        let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(&sql)
            .bind(1_i64)
            .bind(1_i64)
            .bind(0_i64)
            .bind(1_i64)
            .bind(i64::MAX)
            .bind(20_i64)
            .fetch_all(&mut conn)
            .await
            .unwrap();
        let details: Vec<&str> = plan.iter().map(|row| row.3.as_str()).collect();
        assert!(
            details.iter().any(|d| d.contains(index)),
            "{scope:?} should use {index}: {details:?}"
        );
        assert!(
            !details.iter().any(|d| d.starts_with("SCAN")),
            "{scope:?} scans a table: {details:?}"
        );
    }
}

/// The chat list and history walk indexes: a person's memberships, then each
/// conversation's messages from the newest back. (SQLite's plans.)
#[tokio::test]
async fn every_chat_query_uses_an_index() {
    use hearth_store::{conversations, messages};
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    db.store().await;
    let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
    let queries = [
        (
            conversations::list_sql(),
            ["conversation_members_user_id", "messages_conversation_id"].as_slice(),
        ),
        (
            messages::history_sql(),
            ["messages_conversation_id"].as_slice(),
        ),
    ];
    for (sql, indexes) in queries {
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
                .bind(1_i64)
                .bind(1_i64)
                .bind(i64::MAX)
                .bind(20_i64)
                .fetch_all(&mut conn)
                .await
                .unwrap();
        let details: Vec<&str> = plan.iter().map(|row| row.3.as_str()).collect();
        for index in indexes {
            assert!(
                details.iter().any(|d| d.contains(index)),
                "{sql} should use {index}: {details:?}"
            );
        }
        // `unread_rows` is the at most 100 unread messages just counted.
        assert!(
            !details
                .iter()
                .any(|d| d.starts_with("SCAN") && *d != "SCAN unread_rows"),
            "{sql} scans a table: {details:?}"
        );
    }
}

/// A returning client's read of what it missed takes one index range per scope it
/// belongs to, never the whole table (thousands of clients do it at once after a
/// restart).
#[tokio::test]
async fn resuming_reads_events_through_the_scope_index() {
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    db.store().await;
    let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
    let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(&format!(
        "EXPLAIN QUERY PLAN {}",
        hearth_store::events::SINCE_SQL
    ))
    .bind(1_i64)
    .bind(1_i64)
    .bind(0_i64)
    .bind(100_i64)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let details: Vec<&str> = plan.iter().map(|row| row.3.as_str()).collect();
    // Each arm must seek its own scope ids in the index, never walk every event of a
    // kind and look up who may see each (10,000 clients × thousands after a restart).
    let through_scope = details
        .iter()
        .filter(|d| d.contains("events_scope (scope=? AND scope_id=? AND id>?)"))
        .count();
    assert_eq!(
        through_scope, 4,
        "each scope through the index: {details:?}"
    );
    assert!(
        !details
            .iter()
            .any(|d| d.starts_with("SCAN") && !d.contains("missed") && !d.contains("UNION")),
        "no table is scanned: {details:?}"
    );
}

/// Choosing whom to tell of a post starts from the post and walks indexes: the
/// candidates by id, a community's subscribers, never every person of the network.
/// (SQLite's plans.)
#[tokio::test]
async fn every_notification_audience_query_uses_an_index() {
    use hearth_store::notifications::readers_among_sql;
    use hearth_store::posts::ModeratedSeenBy;
    use hearth_store::preferences::subscribers_sql;
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    db.store().await;
    let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
    let queries = [
        (
            readers_among_sql(3, ModeratedSeenBy::AuthorAndModerators),
            5,
            "SEARCH u USING INDEX users_network_id (network_id=? AND rowid=?)",
        ),
        (
            readers_among_sql(1, ModeratedSeenBy::Author),
            3,
            "SEARCH u USING INTEGER PRIMARY KEY (rowid=?)",
        ),
        (
            subscribers_sql(),
            3,
            "SEARCH s USING INDEX community_subscriptions_community_id (community_id=?)",
        ),
    ];
    for (sql, values, step) in queries {
        let explain = format!("EXPLAIN QUERY PLAN {sql}");
        let mut query = sqlx::query_as::<_, (i64, i64, i64, String)>(&explain);
        for _ in 0..values {
            query = query.bind(1_i64);
        }
        let plan = query.fetch_all(&mut conn).await.unwrap();
        let details: Vec<&str> = plan.iter().map(|row| row.3.as_str()).collect();
        assert_eq!(
            details.first().copied(),
            Some("SEARCH p USING INTEGER PRIMARY KEY (rowid=?)"),
            "{sql} starts from the post: {details:?}"
        );
        assert!(details.contains(&step), "{sql} should {step}: {details:?}");
        assert!(
            !details.iter().any(|d| d.starts_with("SCAN")),
            "{sql} scans a table: {details:?}"
        );
    }
}
