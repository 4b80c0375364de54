//! Live events as the use cases keep them: what a returning client is sent, and for
//! how long.

use hearth_app::domain::Actor;
use hearth_app::live;
use hearth_app::posts::{self, NewPost};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    a_returning_client_gets_what_it_missed_while_events_are_kept,
    events_older_than_a_week_are_forgotten_and_resuming_from_them_says_reload,
);

async fn post(t: &TestApp, actor: &Actor, body: &str) -> i64 {
    posts::create(
        &t.app,
        actor,
        &NewPost {
            body: body.to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap()
    .id
    .0
}

async fn a_returning_client_gets_what_it_missed_while_events_are_kept(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = Actor::User(t.member("ana@acme.test").await);
    let ben = Actor::User(t.member("ben@acme.test").await);
    // The event is written after the post draws its id, so the post's id is a
    // cursor from just before it.
    let before = post(&t, &ana, "first").await;
    let first = live::missed(&t.app, &ben, before).await.unwrap().unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].kind, "post.created");
    t.clock.advance(Duration::from_secs(60));
    let second = post(&t, &ana, "second").await;
    let missed = live::missed(&t.app, &ben, first[0].id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(missed.len(), 2, "what came after, and the overlap");
    assert_eq!(
        missed[0].id, first[0].id,
        "the last event seen comes again (ids drawn just before it may commit after it)"
    );
    assert!(missed[1].payload.contains(&second.to_string()));
}

async fn events_older_than_a_week_are_forgotten_and_resuming_from_them_says_reload(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = Actor::User(t.member("ana@acme.test").await);
    let ben = Actor::User(t.member("ben@acme.test").await);
    let before = post(&t, &ana, "old news").await;
    let old = live::missed(&t.app, &ben, before).await.unwrap().unwrap()[0].id;
    t.clock.advance(Duration::from_secs(8 * 24 * 3600));
    let fresh = post(&t, &ana, "fresh").await;
    assert_eq!(live::forget_old_events(&t.app).await.unwrap(), 1);
    assert!(
        live::missed(&t.app, &ben, old).await.unwrap().is_none(),
        "a client gone longer than events are kept must reload"
    );
    assert_eq!(
        live::missed(&t.app, &ben, fresh)
            .await
            .unwrap()
            .unwrap()
            .len(),
        1
    );
}
