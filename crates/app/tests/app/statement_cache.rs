//! Each connection keeps the statements it prepared, up to a hundred, to run them
//! again without parsing. A statement holding a list of values is a statement of its
//! own for each length, and a long one is a big program: kept, the lists of fan-outs
//! and of whole threads filled every connection's cache with programs used once.
//!
//! Whether a statement is kept is the driver's choice for both backends alike;
//! PostgreSQL lets a connection list what it keeps (`pg_prepared_statements`).

use hearth_app::domain::UserId;
use hearth_store::{Conn, posts};
use hearth_testkit::sqlx;
use hearth_testkit::{Backend, TestDb};

async fn kept(conn: &mut Conn) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM pg_prepared_statements")
        .persistent(false)
        .fetch_one(conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_short_list_is_kept_prepared_and_a_long_one_is_not() {
    let Some(db) = TestDb::create(Backend::Postgres).await else {
        return;
    };
    let store = db.store().await;
    let mut conn = store.conn().await.unwrap();

    let before = kept(&mut conn).await;
    let page: Vec<UserId> = (1..=20).map(UserId).collect();
    posts::authors(&mut conn, &page).await.unwrap();
    assert_eq!(kept(&mut conn).await, before + 1, "a page's list is kept");
    posts::authors(&mut conn, &page).await.unwrap();
    assert_eq!(kept(&mut conn).await, before + 1, "and found again");

    let longest_kept: Vec<UserId> = (1..=50).map(UserId).collect();
    posts::authors(&mut conn, &longest_kept).await.unwrap();
    assert_eq!(kept(&mut conn).await, before + 2, "fifty values are kept");

    for length in [51, 200, 500] {
        let long: Vec<UserId> = (1..=length).map(UserId).collect();
        assert!(
            posts::authors(&mut conn, &long).await.unwrap().is_empty(),
            "nobody has these ids"
        );
    }
    assert_eq!(
        kept(&mut conn).await,
        before + 2,
        "the long lists were not kept"
    );
}
