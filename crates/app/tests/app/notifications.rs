//! Notifications: who is told about what, folding, reading, and the live push.

use hearth_app::audit::Acting;
use hearth_app::chat::{self, NewGroup};
use hearth_app::communities;
use hearth_app::domain::{Actor, NotificationKind, User};
use hearth_app::moderation::{self, Subject};
use hearth_app::notifications::{self, About, NotificationView};
use hearth_app::posts::{self, NewPost};
use hearth_app::{AppError, people};
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    mentions_replies_and_thread_replies_reach_whom_they_concern,
    reactions_fold_into_one_notification_while_unread,
    direct_messages_fold_per_conversation_and_groups_stay_quiet,
    a_best_answer_is_told_to_the_one_who_wrote_it,
    shares_and_links_are_told_to_the_original_author,
    nobody_hears_about_what_they_may_not_read_or_what_they_did,
    reading_marks_one_or_all_and_only_ones_own,
    each_notification_is_pushed_to_its_recipient_live,
    a_reply_folds_into_every_participants_thread_notification,
    replies_written_at_the_same_moment_all_fold_in,
    the_centre_forgets_posts_the_reader_can_no_longer_read,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn post(t: &TestApp, author: &User, body: &str) -> hearth_app::domain::Post {
    posts::create(
        &t.app,
        &actor(author),
        &NewPost {
            body: body.to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap()
}

/// The person's notifications, once every post so far has been told about.
async fn centre(t: &TestApp, user: &User) -> Vec<NotificationView> {
    t.app.settled().await;
    notifications::list(&t.app, &actor(user), None, 100)
        .await
        .unwrap()
        .notifications
}

/// How many unread notifications the person has, once every post so far has been
/// told about.
async fn unread(t: &TestApp, user: &User) -> i64 {
    t.app.settled().await;
    notifications::unread(&t.app, &actor(user)).await.unwrap()
}

pub(crate) async fn handle(t: &TestApp, user: &User) -> String {
    people::get(&t.app, &actor(user), &people::PersonRef::Id(user.id))
        .await
        .unwrap()
        .profile
        .handle
}

async fn mentions_replies_and_thread_replies_reach_whom_they_concern(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cleo = t.member("cleo@acme.test").await;
    let ben_handle = handle(&t, &ben).await;
    let root = post(
        &t,
        &ana,
        &format!("Question for @{ben_handle}: who has the keys?"),
    )
    .await;

    let told = centre(&t, &ben).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NotificationKind::Mention);
    assert_eq!(told[0].about, About::Post(root.id.0));
    assert_eq!(
        told[0].sentence(hearth_app::i18n::Tr::english()),
        "Ana mentioned you"
    );
    assert!(told[0].excerpt.contains("who has the keys"));

    let bens_reply = posts::reply(&t.app, &actor(&ben), root.id, "I do")
        .await
        .unwrap()
        .id;
    let told = centre(&t, &ana).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NotificationKind::Reply);
    assert_eq!(
        told[0].sentence(hearth_app::i18n::Tr::english()),
        "Ben replied to your post"
    );

    // Cleo replies to Ben: Ben hears of a reply, Ana of a reply in her thread.
    posts::reply(&t.app, &actor(&cleo), bens_reply, "Thanks!")
        .await
        .unwrap();
    let kinds =
        |views: Vec<NotificationView>| views.into_iter().map(|n| n.kind).collect::<Vec<_>>();
    assert_eq!(
        kinds(centre(&t, &ben).await),
        [NotificationKind::Reply, NotificationKind::Mention]
    );
    assert_eq!(
        kinds(centre(&t, &ana).await),
        [NotificationKind::ThreadReply, NotificationKind::Reply]
    );
    assert!(
        centre(&t, &cleo).await.is_empty(),
        "nobody is told of their own acts"
    );
}

async fn reactions_fold_into_one_notification_while_unread(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let mine = post(&t, &ana, "We shipped!").await;
    let mut reactors = Vec::new();
    for name in ["ben", "cleo", "dan", "eve", "finn"] {
        reactors.push(t.member(&format!("{name}@acme.test")).await);
    }
    for reactor in &reactors {
        posts::react(&t.app, &actor(reactor), mine.id, "like", true)
            .await
            .unwrap();
    }
    // A second reaction by the same person is not a second person.
    posts::react(&t.app, &actor(&reactors[0]), mine.id, "celebrate", true)
        .await
        .unwrap();
    let told = centre(&t, &ana).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].kind, NotificationKind::Reaction);
    assert_eq!(told[0].actor_count, 5);
    assert_eq!(
        told[0].sentence(hearth_app::i18n::Tr::english()),
        "Ben and 4 others reacted to your post"
    );
    assert_eq!(unread(&t, &ana).await, 1);

    notifications::mark_read(&t.app, &actor(&ana), told[0].id)
        .await
        .unwrap();
    let gus = t.member("gus@acme.test").await;
    posts::react(&t.app, &actor(&gus), mine.id, "like", true)
        .await
        .unwrap();
    let told = centre(&t, &ana).await;
    assert_eq!(told.len(), 2, "a read notification is not folded into");
    assert_eq!(
        told[0].sentence(hearth_app::i18n::Tr::english()),
        "Gus reacted to your post"
    );
    assert!(!told[0].read && told[1].read);
}

async fn direct_messages_fold_per_conversation_and_groups_stay_quiet(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let direct = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap();
    let id = direct.view.conversation.id;
    for body in ["Hi", "Are you there?", "Call me"] {
        chat::send(&t.app, &actor(&ana), id, body).await.unwrap();
    }
    let told = centre(&t, &ben).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NotificationKind::DirectMessage);
    assert_eq!(told[0].about, About::Conversation(id.0));
    assert_eq!(told[0].excerpt, "Call me");
    assert_eq!(told[0].href(), format!("/chat/{id}"));

    let group = chat::create_group(
        &t.app,
        &actor(&ana),
        &NewGroup {
            title: "Launch".to_owned(),
            member_ids: vec![ben.id],
        },
    )
    .await
    .unwrap();
    chat::send(&t.app, &actor(&ana), group.conversation.id, "Hello all")
        .await
        .unwrap();
    assert_eq!(
        centre(&t, &ben).await.len(),
        1,
        "group messages are not notified"
    );
}

async fn a_best_answer_is_told_to_the_one_who_wrote_it(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let question = posts::create(
        &t.app,
        &actor(&ana),
        &NewPost {
            kind: Some("question".to_owned()),
            body: "Where is the VPN guide?".to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    let answer = posts::reply(&t.app, &actor(&ben), question.id, "In the IT wiki")
        .await
        .unwrap();
    posts::mark_best_answer(&t.app, &actor(&ana), question.id, Some(answer.id))
        .await
        .unwrap();
    let told = centre(&t, &ben).await;
    assert_eq!(told[0].kind, NotificationKind::BestAnswer);
    assert_eq!(told[0].about, About::Post(question.id.0));
}

async fn nobody_hears_about_what_they_may_not_read_or_what_they_did(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let private = t.community(&ana, "Board", "private").await;
    let ben_handle = handle(&t, &ben).await;
    posts::create(
        &t.app,
        &actor(&ana),
        &NewPost {
            community_id: Some(private.id),
            body: format!("Should we ask @{ben_handle}?"),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    assert!(
        centre(&t, &ben).await.is_empty(),
        "Ben may not read the private community, so he is not told"
    );
    let ana_handle = handle(&t, &ana).await;
    let own = post(&t, &ana, &format!("Note to self, @{ana_handle}")).await;
    posts::react(&t.app, &actor(&ana), own.id, "like", true)
        .await
        .unwrap();
    assert!(centre(&t, &ana).await.is_empty());
}

async fn the_centre_forgets_posts_the_reader_can_no_longer_read(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let board = t.community(&ana, "Board", "private").await;
    communities::invite(&t.app, &actor(&ana), board.id, ben.id)
        .await
        .unwrap();
    communities::join(&t.app, &actor(&ben), board.id)
        .await
        .unwrap();
    let ben_handle = handle(&t, &ben).await;
    posts::create(
        &t.app,
        &actor(&ana),
        &NewPost {
            community_id: Some(board.id),
            body: format!("@{ben_handle}, the merger closes on Friday"),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    let open = post(&t, &ana, &format!("@{ben_handle}, lunch at noon?")).await;
    assert_eq!(centre(&t, &ben).await.len(), 2);
    assert_eq!(unread(&t, &ben).await, 2);

    communities::remove(&t.app, &actor(&ana), board.id, ben.id)
        .await
        .unwrap();
    let left = centre(&t, &ben).await;
    assert_eq!(left.len(), 1, "the private community's excerpt is gone");
    assert_eq!(left[0].about, About::Post(open.id.0));
    assert!(left.iter().all(|n| !n.excerpt.contains("merger")));
    assert_eq!(unread(&t, &ben).await, 1);
    let page = notifications::list(&t.app, &actor(&ben), None, 100)
        .await
        .unwrap();
    assert_eq!(page.unread, 1);

    moderation::moderate(
        &t.app,
        Acting::new(&actor(&admin), "192.0.2.1"),
        Subject::Post(open.id),
        "hide",
        "off topic",
    )
    .await
    .unwrap();
    assert!(
        centre(&t, &ben).await.is_empty(),
        "a hidden post is gone too"
    );
    assert_eq!(unread(&t, &ben).await, 0);
}

async fn reading_marks_one_or_all_and_only_ones_own(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let first = post(&t, &ana, "One").await;
    let second = post(&t, &ana, "Two").await;
    for target in [&first, &second] {
        posts::react(&t.app, &actor(&ben), target.id, "like", true)
            .await
            .unwrap();
    }
    let told = centre(&t, &ana).await;
    assert_eq!(told.len(), 2);
    let theirs = notifications::mark_read(&t.app, &actor(&ben), told[0].id).await;
    assert!(matches!(theirs, Err(AppError::NotFound(_))), "{theirs:?}");
    assert_eq!(unread(&t, &ana).await, 2);
    let about = notifications::mark_read(&t.app, &actor(&ana), told[0].id)
        .await
        .unwrap();
    assert_eq!(about, told[0].about);
    assert_eq!(unread(&t, &ana).await, 1);
    assert_eq!(
        notifications::mark_all_read(&t.app, &actor(&ana))
            .await
            .unwrap(),
        1
    );
    assert_eq!(unread(&t, &ana).await, 0);
    let page = notifications::list(&t.app, &actor(&ana), None, 1)
        .await
        .unwrap();
    assert_eq!(page.notifications.len(), 1);
    let rest = notifications::list(&t.app, &actor(&ana), page.next, 1)
        .await
        .unwrap();
    assert_eq!(rest.notifications.len(), 1);
    assert_ne!(rest.notifications[0].id, page.notifications[0].id);
}

async fn each_notification_is_pushed_to_its_recipient_live(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let mine = post(&t, &ana, "Live").await;
    let mut live = t.app.subscribe();
    posts::react(&t.app, &actor(&ben), mine.id, "like", true)
        .await
        .unwrap();
    let mut pushed = None;
    while let Ok(event) = live.try_recv() {
        if event.kind == "notification" {
            pushed = Some(event);
        }
    }
    let pushed = pushed.expect("a notification event");
    assert!(pushed.audience.includes(ana.id));
    assert!(!pushed.audience.includes(ben.id));
    let payload: serde_json::Value = serde_json::from_str(&pushed.payload).unwrap();
    assert_eq!(payload["kind"], "reaction");
    assert_eq!(payload["unread"], 1);
}

async fn shares_and_links_are_told_to_the_original_author(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let original = post(&t, &ana, "Our travel policy, explained").await;
    post(
        &t,
        &ben,
        &format!("See /posts/{} before booking", original.id),
    )
    .await;
    posts::create(
        &t.app,
        &actor(&ben),
        &NewPost {
            shared_post_id: Some(original.id),
            body: "Worth reading".to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    let kinds: Vec<NotificationKind> = centre(&t, &ana).await.into_iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [NotificationKind::Share, NotificationKind::Reference]
    );
    let told = centre(&t, &ana).await;
    assert_eq!(
        told[1].sentence(hearth_app::i18n::Tr::english()),
        "Ben linked to your post"
    );
}

/// A reply tells everyone else in its thread with a handful of statements, however
/// many took part: more participants than one statement writes (500) still each get
/// exactly one unread notice, folded with the replies before it.
async fn a_reply_folds_into_every_participants_thread_notification(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let root = post(&t, &ana, "Who is coming on Friday?").await;
    let mut people = Vec::new();
    for n in 0..505 {
        let person = t.member(&format!("p{n}@acme.test")).await;
        posts::reply(&t.app, &actor(&person), root.id, "Me")
            .await
            .unwrap();
        people.push(person);
    }
    t.app.settled().await;
    let quiet = &people[1];
    hearth_app::notification_settings::set(
        &t.app,
        &actor(quiet),
        &[("thread_reply".to_owned(), "off".to_owned())],
    )
    .await
    .unwrap();
    let first = &people[0];
    let told = centre(&t, first).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].kind, NotificationKind::ThreadReply);
    assert_eq!(told[0].actor_count, 504, "everyone who replied after them");
    notifications::mark_read(&t.app, &actor(first), told[0].id)
        .await
        .unwrap();

    let zoe = t.member("zoe@acme.test").await;
    for _ in 0..2 {
        posts::reply(&t.app, &actor(&zoe), root.id, "Me too")
            .await
            .unwrap();
    }
    let last = centre(&t, &people[504]).await;
    assert_eq!(last.len(), 1, "{last:?}");
    assert_eq!(
        last[0].actor_count, 1,
        "Zoe, once however often she replied"
    );
    assert_eq!(
        last[0].sentence(hearth_app::i18n::Tr::english()),
        "Zoe replied in a thread you took part in"
    );
    let second = centre(&t, &people[2]).await;
    assert_eq!(second[0].actor_count, 503, "p3…p504 and Zoe");
    assert!(
        second[0]
            .sentence(hearth_app::i18n::Tr::english())
            .starts_with("Zoe and 502 others")
    );
    let read_before = centre(&t, first).await;
    assert_eq!(read_before.len(), 2, "a new notice beside the one read");
    assert_eq!(read_before[0].actor_count, 1);
    assert!(!read_before[0].read);
    let before_off = centre(&t, quiet).await;
    assert_eq!(before_off.len(), 1, "{before_off:?}");
    assert!(
        before_off.iter().all(|n| n.actor_count == 503),
        "nothing added once turned off: {before_off:?}"
    );
}

/// Replies written at once to the same thread fold into the same notifications; on
/// PostgreSQL the writers wait for each other in turn, and none fails.
async fn replies_written_at_the_same_moment_all_fold_in(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let root = post(&t, &ana, "Ideas for the offsite?").await;
    let mut people = Vec::new();
    for n in 0..40 {
        let person = t.member(&format!("p{n}@acme.test")).await;
        posts::reply(&t.app, &actor(&person), root.id, "An idea")
            .await
            .unwrap();
        people.push(person);
    }
    // Five at most, so that every one of them stays named and counted once.
    let writers: Vec<_> = people[..5]
        .iter()
        .map(|person| {
            let (app, author) = (t.app.clone(), actor(person));
            tokio::spawn(async move {
                for _ in 0..4 {
                    posts::reply(&app, &author, root.id, "Another idea").await?;
                }
                Ok::<_, AppError>(())
            })
        })
        .collect();
    for writer in writers {
        writer.await.unwrap().unwrap();
    }
    let last = centre(&t, &people[39]).await;
    assert_eq!(last.len(), 1, "{last:?}");
    assert_eq!(
        last[0].actor_count, 5,
        "the five who replied again, once each"
    );
}
