//! Telling people about a new post after its transaction: what a node that stopped
//! in between leaves behind is taken up, once, and a post gone meanwhile is told
//! about to nobody.

use hearth_app::domain::{Actor, NotificationKind, Post, PostId, PostKind, User};
use hearth_app::notifications::{self, NotificationView};
use hearth_app::posts::{self, NewPost};
use hearth_app::{fan_out, people};
use hearth_store::pending_fan_outs::{self, PendingFanOut};
use hearth_store::posts::Links;
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    a_new_post_leaves_nothing_waiting_once_told_about,
    a_post_a_stopped_node_left_untold_is_taken_up_once,
    a_post_deleted_before_it_is_told_about_is_told_to_nobody,
    catching_up_leaves_alone_what_a_running_node_is_about_to_tell,
    a_fan_out_a_stopped_node_left_half_done_goes_on_from_where_it_stopped,
    a_fan_out_that_keeps_failing_is_given_up_after_five_attempts,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn centre(t: &TestApp, user: &User) -> Vec<NotificationView> {
    notifications::list(&t.app, &actor(user), None, 100)
        .await
        .unwrap()
        .notifications
}

async fn waiting(t: &TestApp) -> i64 {
    let mut db = t.app.store().conn().await.unwrap();
    pending_fan_outs::count(&mut db).await.unwrap()
}

/// What a node leaves when it stops after committing a post that mentions
/// `mentioned` and before its worker told anyone: the post, its links and its row
/// in `pending_fan_outs`, written the way the use case writes them.
async fn left_untold(t: &TestApp, author: &User, mentioned: &User, created_at: i64) -> Post {
    left_untold_as(t, author, Some(mentioned), PostKind::Discussion, created_at).await
}

async fn left_untold_as(
    t: &TestApp,
    author: &User,
    mentioned: Option<&User>,
    kind: PostKind,
    created_at: i64,
) -> Post {
    let template = posts::create(
        &t.app,
        &actor(author),
        &NewPost {
            body: "A template to copy".to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    t.app.settled().await;
    let post = Post {
        id: PostId(template.id.0 + 1_000_000),
        body_markdown: "Forgotten by a node that stopped".to_owned(),
        body_html: "<p>Forgotten by a node that stopped</p>".to_owned(),
        created_at,
        kind,
        ..template
    };
    let mut tx = t.app.store().begin().await.unwrap();
    hearth_store::posts::insert(&mut tx, &post).await.unwrap();
    let mentioned: Vec<_> = mentioned.iter().map(|user| user.id).collect();
    let links = Links {
        hashtags: &[],
        mentioned: &mentioned,
        references: &[],
    };
    hearth_store::posts::insert_links(&mut tx, &post, &links)
        .await
        .unwrap();
    pending_fan_outs::insert(&mut tx, PendingFanOut::from(&post), created_at)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    post
}

async fn a_new_post_leaves_nothing_waiting_once_told_about(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let handle = people::get(&t.app, &actor(&ben), &people::PersonRef::Id(ben.id))
        .await
        .unwrap()
        .profile
        .handle;
    let post = posts::create(
        &t.app,
        &actor(&ana),
        &NewPost {
            body: format!("Thanks @{handle}"),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    t.app.settled().await;
    assert_eq!(waiting(&t).await, 0);
    let told = centre(&t, &ben).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NotificationKind::Mention);
    assert_eq!(told[0].about, notifications::About::Post(post.id.0));
    // Nothing is left for a catching-up node to tell again.
    assert_eq!(fan_out::catch_up(&t.app, Duration::ZERO).await.unwrap(), 0);
    assert_eq!(centre(&t, &ben).await.len(), 1);
}

async fn a_post_a_stopped_node_left_untold_is_taken_up_once(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let post = left_untold(&t, &ana, &ben, t.clock.now()).await;
    assert!(centre(&t, &ben).await.is_empty());
    assert_eq!(waiting(&t).await, 1);

    // Two nodes catching up at once: whoever takes the row tells; the other does not.
    let (first, second) = tokio::join!(
        fan_out::catch_up(&t.app, Duration::ZERO),
        fan_out::catch_up(&t.app, Duration::ZERO),
    );
    assert!(first.unwrap() + second.unwrap() >= 1);
    assert_eq!(waiting(&t).await, 0);
    let told = centre(&t, &ben).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].kind, NotificationKind::Mention);
    assert_eq!(told[0].about, notifications::About::Post(post.id.0));
    assert_eq!(told[0].actor_count, 1);

    assert_eq!(fan_out::catch_up(&t.app, Duration::ZERO).await.unwrap(), 0);
    assert_eq!(centre(&t, &ben).await.len(), 1);
}

async fn a_post_deleted_before_it_is_told_about_is_told_to_nobody(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let post = left_untold(&t, &ana, &ben, t.clock.now()).await;
    posts::delete(&t.app, &actor(&ana), post.id).await.unwrap();

    assert_eq!(fan_out::catch_up(&t.app, Duration::ZERO).await.unwrap(), 1);
    assert_eq!(waiting(&t).await, 0);
    assert!(centre(&t, &ben).await.is_empty());
}

async fn catching_up_leaves_alone_what_a_running_node_is_about_to_tell(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    left_untold(&t, &ana, &ben, t.clock.now()).await;

    // Left a moment ago: its own node's worker is still expected to tell about it.
    let taken = fan_out::catch_up(&t.app, Duration::from_secs(30))
        .await
        .unwrap();
    assert_eq!(taken, 0);
    assert_eq!(waiting(&t).await, 1);
    assert!(centre(&t, &ben).await.is_empty());

    t.clock.advance(Duration::from_secs(31));
    let taken = fan_out::catch_up(&t.app, Duration::from_secs(30))
        .await
        .unwrap();
    assert_eq!(taken, 1);
    assert_eq!(centre(&t, &ben).await.len(), 1);
}

async fn a_fan_out_a_stopped_node_left_half_done_goes_on_from_where_it_stopped(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let mut everyone = Vec::new();
    for name in ["ben", "cleo", "dan"] {
        everyone.push(t.member(&format!("{name}@acme.test")).await);
    }
    everyone.sort_by_key(|user| user.id);
    let post = left_untold_as(&t, &ana, None, PostKind::Announcement, t.clock.now()).await;
    // The node told the first of the announcement's audience (in id order) and
    // stopped before the others.
    {
        let mut tx = t.app.store().begin().await.unwrap();
        assert!(
            pending_fan_outs::advance(&mut tx, post.id, 0, 1)
                .await
                .unwrap()
        );
        tx.commit().await.unwrap();
    }

    assert_eq!(fan_out::catch_up(&t.app, Duration::ZERO).await.unwrap(), 1);
    assert_eq!(waiting(&t).await, 0);
    assert!(
        centre(&t, &everyone[0]).await.is_empty(),
        "told before the node stopped, so not again"
    );
    for person in &everyone[1..] {
        let told = centre(&t, person).await;
        assert_eq!(told.len(), 1, "{told:?}");
        assert_eq!(told[0].kind, NotificationKind::Announcement);
        assert_eq!(told[0].about, notifications::About::Post(post.id.0));
    }
}

async fn rename_table(t: &TestApp, from: &str, to: &str) {
    let mut db = t.app.store().conn().await.unwrap();
    hearth_testkit::sqlx::Executor::execute(
        &mut *db,
        format!("ALTER TABLE {from} RENAME TO {to}").as_str(),
    )
    .await
    .unwrap();
}

async fn a_fan_out_that_keeps_failing_is_given_up_after_five_attempts(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    left_untold(&t, &ana, &ben, t.clock.now()).await;
    // Telling Ben fails for as long as his notification cannot be written.
    rename_table(&t, "notifications", "notifications_away").await;
    for attempt in 1..=4 {
        assert_eq!(fan_out::catch_up(&t.app, Duration::ZERO).await.unwrap(), 1);
        assert_eq!(
            waiting(&t).await,
            1,
            "still waiting after attempt {attempt}"
        );
    }
    assert_eq!(fan_out::catch_up(&t.app, Duration::ZERO).await.unwrap(), 1);
    assert_eq!(waiting(&t).await, 0, "given up after the fifth attempt");
    rename_table(&t, "notifications_away", "notifications").await;

    // Given up means nobody takes it up again once writing works.
    assert_eq!(fan_out::catch_up(&t.app, Duration::ZERO).await.unwrap(), 0);
    assert!(centre(&t, &ben).await.is_empty());
}
