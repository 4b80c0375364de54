//! Writers at once: on SQLite they take turns in one transaction and share its
//! commit. Whatever the backend, a writer that fails or gives up keeps nothing and
//! takes nothing of the others with it, and a commit answers only once the write can
//! be read from another connection.

use hearth_store::{Store, Tx};
use hearth_testkit::sqlx::{self, Executor};
use hearth_testkit::{Backend, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    writers_at_once_keep_their_writes_and_lose_only_their_own_failures,
    a_dropped_write_keeps_nothing,
    a_writer_that_gives_up_while_holding_or_awaiting_its_turn_strands_nobody,
);

/// SQLite ends the whole transaction by itself on an I/O error or a full disk, and
/// then runs what follows outside of any; PostgreSQL never ends one unasked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transaction_sqlite_lost_is_acknowledged_to_nobody() {
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    a_transaction_the_database_lost_is_acknowledged_to_nobody(db).await;
}

const LONG_ENOUGH: Duration = Duration::from_secs(20);

async fn store_with_probe(db: &TestDb) -> Store {
    let store = db.store().await;
    let mut conn = store.conn().await.unwrap();
    conn.execute("CREATE TABLE write_probe (n BIGINT PRIMARY KEY)")
        .await
        .unwrap();
    store
}

async fn insert(tx: &mut Tx, n: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO write_probe (n) VALUES ($1)")
        .bind(n)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

async fn kept(store: &Store) -> Vec<i64> {
    let mut conn = store.conn().await.unwrap();
    sqlx::query_scalar("SELECT n FROM write_probe ORDER BY n")
        .fetch_all(&mut *conn)
        .await
        .unwrap()
}

async fn is_kept(store: &Store, n: i64) -> bool {
    kept(store).await.contains(&n)
}

async fn writers_at_once_keep_their_writes_and_lose_only_their_own_failures(db: TestDb) {
    let store = store_with_probe(&db).await;
    let gives_up = 13;
    let repeats_a_key = 27;
    let writers = (0..60_i64).map(|n| {
        let store = store.clone();
        tokio::spawn(async move {
            let mut tx = store.begin().await.unwrap();
            insert(&mut tx, n).await.unwrap();
            if n == gives_up {
                return false;
            }
            if n == repeats_a_key {
                // A failing statement after a good one: the good one goes too.
                assert!(insert(&mut tx, n).await.is_err());
                return false;
            }
            tx.commit().await.unwrap();
            // Acknowledged means readable by everybody else.
            assert!(is_kept(&store, n).await, "write {n} answered before kept");
            true
        })
    });
    let mut committed = Vec::new();
    for (n, writer) in (0_i64..).zip(writers) {
        if tokio::time::timeout(LONG_ENOUGH, writer)
            .await
            .unwrap()
            .unwrap()
        {
            committed.push(n);
        }
    }
    assert_eq!(committed.len(), 58);
    assert_eq!(kept(&store).await, committed);
}

async fn a_dropped_write_keeps_nothing(db: TestDb) {
    let store = store_with_probe(&db).await;
    let mut tx = store.begin().await.unwrap();
    insert(&mut tx, 1).await.unwrap();
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    insert(&mut tx, 2).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(kept(&store).await, vec![2]);
    // The key the dropped write held is free again.
    let mut tx = store.begin().await.unwrap();
    insert(&mut tx, 1).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(kept(&store).await, vec![1, 2]);
}

async fn a_writer_that_gives_up_while_holding_or_awaiting_its_turn_strands_nobody(db: TestDb) {
    let store = store_with_probe(&db).await;
    let mut first = store.begin().await.unwrap();
    insert(&mut first, 1).await.unwrap();

    // Queued behind the first writer, then given up on while still waiting.
    let queued = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut tx = store.begin().await.unwrap();
            insert(&mut tx, 2).await.unwrap();
            tx.commit().await.unwrap();
        })
    };
    // Gets its turn after the first, then stalls while holding it and is given up on.
    let stalls = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut tx = store.begin().await.unwrap();
            insert(&mut tx, 3).await.unwrap();
            tokio::time::sleep(Duration::from_secs(3600)).await;
            tx.commit().await.unwrap();
        })
    };
    let last = {
        let store = store.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let mut tx = store.begin().await.unwrap();
            insert(&mut tx, 4).await.unwrap();
            tx.commit().await.unwrap();
        })
    };
    tokio::time::sleep(Duration::from_millis(50)).await;
    queued.abort();
    let first_commit = tokio::spawn(async move { first.commit().await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    stalls.abort();

    tokio::time::timeout(LONG_ENOUGH, first_commit)
        .await
        .expect("the first write is answered")
        .unwrap()
        .unwrap();
    tokio::time::timeout(LONG_ENOUGH, last)
        .await
        .expect("the last write is answered")
        .unwrap();
    let kept = kept(&store).await;
    assert!(kept.contains(&1) && kept.contains(&4), "{kept:?}");
    assert!(!kept.contains(&3), "{kept:?}");
}

async fn a_transaction_the_database_lost_is_acknowledged_to_nobody(db: TestDb) {
    let store = store_with_probe(&db).await;
    let mut first = store.begin().await.unwrap();
    insert(&mut first, 1).await.unwrap();
    // Queued behind the first writer, this one loses the whole transaction, then
    // writes on regardless.
    let loses_it = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut tx = store.begin().await.unwrap();
            insert(&mut tx, 2).await.unwrap();
            sqlx::query("ROLLBACK").execute(&mut *tx).await.unwrap();
            tx.commit().await.is_ok()
        })
    };
    tokio::time::sleep(Duration::from_millis(50)).await;
    let first = tokio::time::timeout(LONG_ENOUGH, first.commit())
        .await
        .expect("the first write is answered")
        .is_ok();
    let second = tokio::time::timeout(LONG_ENOUGH, loses_it)
        .await
        .expect("the second write is answered")
        .unwrap();
    let after = kept(&store).await;
    assert!(
        !first || after.contains(&1),
        "acknowledged and gone: {after:?}"
    );
    assert!(
        !second || after.contains(&2),
        "acknowledged and gone: {after:?}"
    );

    // Every connection of the pool still writes.
    for n in 10..30 {
        let mut tx = store.begin().await.unwrap();
        insert(&mut tx, n).await.unwrap();
        tx.commit().await.unwrap();
    }
    assert!(kept(&store).await.ends_with(&(10..30).collect::<Vec<_>>()));
}
