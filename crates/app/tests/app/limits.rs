//! Limits on content: how fast one person may create it, how many hashtags a body
//! records, and threads read a page at a time.

use hearth_app::domain::{Actor, PostId, User};
use hearth_app::feeds::{self, Feed, ThreadNode, ThreadPage};
use hearth_app::posts::{self, NewPost};
use hearth_app::{AppError, ContentLimits, chat};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::collections::HashSet;

both_backends!(
    creating_faster_than_the_allowance_is_refused_with_a_wait_and_writes_nothing,
    a_body_records_at_most_fifty_hashtags,
    a_thread_longer_than_a_page_is_read_completely_by_following_the_cursor,
    a_thread_cursor_that_is_not_a_reply_of_the_thread_is_refused,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

fn assert_throttled<T: std::fmt::Debug>(outcome: Result<T, AppError>) {
    match outcome {
        Err(AppError::RateLimited { retry_after_secs }) => {
            assert!((1..=60).contains(&retry_after_secs), "{retry_after_secs}");
        }
        other => panic!("expected a rate limit, got {other:?}"),
    }
}

async fn creating_faster_than_the_allowance_is_refused_with_a_wait_and_writes_nothing(db: TestDb) {
    let t = TestApp::with_content_limits(
        db,
        ContentLimits {
            posts_per_minute: 2,
            replies_per_minute: 2,
            chat_messages_per_minute: 2,
            reactions_per_minute: 2,
            live_connections_per_person: 0,
        },
    )
    .await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let new_post = |body: &str| NewPost {
        body: body.to_owned(),
        ..NewPost::default()
    };

    let first = posts::create(&t.app, &actor(&ana), &new_post("one"))
        .await
        .unwrap();
    posts::create(&t.app, &actor(&ana), &new_post("two"))
        .await
        .unwrap();
    assert_throttled(posts::create(&t.app, &actor(&ana), &new_post("three")).await);
    let feed = feeds::feed(&t.app, &actor(&ben), &Feed::Profile(ana.id), None, None)
        .await
        .unwrap();
    assert_eq!(feed.posts.len(), 2, "the refused post was not written");
    posts::create(&t.app, &actor(&ben), &new_post("Ben's own allowance"))
        .await
        .unwrap();

    // Replies have their own allowance, untouched by the posts above.
    posts::reply(&t.app, &actor(&ana), first.id, "a")
        .await
        .unwrap();
    posts::reply(&t.app, &actor(&ana), first.id, "b")
        .await
        .unwrap();
    assert_throttled(posts::reply(&t.app, &actor(&ana), first.id, "c").await);
    let thread = feeds::thread(&t.app, &actor(&ana), first.id, ThreadPage::first(2))
        .await
        .unwrap();
    assert_eq!(thread.replies.len(), 2);

    posts::react(&t.app, &actor(&ana), first.id, "like", true)
        .await
        .unwrap();
    posts::react(&t.app, &actor(&ana), first.id, "funny", true)
        .await
        .unwrap();
    // Taking a reaction back is never refused, nor counted.
    posts::react(&t.app, &actor(&ana), first.id, "funny", false)
        .await
        .unwrap();
    assert_throttled(posts::react(&t.app, &actor(&ana), first.id, "celebrate", true).await);
    let stats = feeds::get(&t.app, &actor(&ana), first.id)
        .await
        .unwrap()
        .stats;
    assert_eq!(stats.reactions.len(), 1, "{:?}", stats.reactions);

    let direct = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap();
    let id = direct.view.conversation.id;
    chat::send(&t.app, &actor(&ana), id, "hi").await.unwrap();
    chat::send(&t.app, &actor(&ana), id, "there").await.unwrap();
    assert_throttled(chat::send(&t.app, &actor(&ana), id, "again").await);
    let history = chat::history(&t.app, &actor(&ben), id, None, None)
        .await
        .unwrap();
    assert_eq!(history.messages.len(), 2);
    chat::send(&t.app, &actor(&ben), id, "hello").await.unwrap();
}

async fn a_body_records_at_most_fifty_hashtags(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let tags: Vec<String> = (0..80).map(|n| format!("#t{n:02}")).collect();
    let post = t.post(&ana, None, &tags.join(" ")).await;
    let tagged = |tag: &'static str| {
        let app = t.app.clone();
        let ana = actor(&ana);
        async move {
            feeds::feed(&app, &ana, &Feed::Topic(tag.to_owned()), None, None)
                .await
                .unwrap()
                .posts
                .iter()
                .map(|view| view.post.id)
                .collect::<Vec<PostId>>()
        }
    };
    assert_eq!(tagged("t00").await, [post.id]);
    assert_eq!(tagged("t49").await, [post.id]);
    assert!(
        tagged("t50").await.is_empty(),
        "the 51st tag is not recorded"
    );
    assert!(tagged("t79").await.is_empty());
}

/// Every node of a page, depth first, with the parent each names.
fn walk(nodes: &[ThreadNode], into: &mut Vec<(PostId, PostId)>) {
    for node in nodes {
        into.push((node.id, node.parent_id));
        walk(&node.children, into);
    }
}

async fn a_thread_longer_than_a_page_is_read_completely_by_following_the_cursor(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let root = t.post(&ana, None, "Where shall we go?").await;
    let (a, b) = (actor(&ana), actor(&ben));
    let mut written = Vec::new();
    for n in 0..5 {
        let top = posts::reply(&t.app, &b, root.id, &format!("idea {n}"))
            .await
            .unwrap();
        written.push(top.id);
        let answer = posts::reply(&t.app, &a, top.id, "why?").await.unwrap();
        written.push(answer.id);
        if n % 2 == 0 {
            let deeper = posts::reply(&t.app, &b, answer.id, "because")
                .await
                .unwrap();
            written.push(deeper.id);
        }
    }
    // A deleted reply with nothing below it is not shown.
    let gone = posts::reply(&t.app, &b, root.id, "never mind")
        .await
        .unwrap();
    posts::delete(&t.app, &b, gone.id).await.unwrap();

    let whole = feeds::thread(&t.app, &a, root.id, ThreadPage::first(8))
        .await
        .unwrap();
    assert_eq!(whole.next_after, None);
    let mut expected = Vec::new();
    walk(&whole.replies, &mut expected);
    assert_eq!(expected.len(), written.len());

    let mut read = Vec::new();
    let mut after = None;
    let mut pages = 0;
    loop {
        let page = feeds::thread(
            &t.app,
            &a,
            root.id,
            ThreadPage {
                depth: 8,
                after,
                limit: 4,
            },
        )
        .await
        .unwrap();
        assert_eq!(page.post.post.id, root.id);
        let mut nodes = Vec::new();
        walk(&page.replies, &mut nodes);
        assert!(nodes.len() <= 4, "{nodes:?}");
        for node in &page.replies {
            // A page's first nodes may continue a branch an earlier page began.
            let known: HashSet<PostId> = read.iter().map(|(id, _)| *id).collect();
            assert!(
                node.parent_id == root.id || known.contains(&node.parent_id),
                "{node:?} attaches to nothing read"
            );
        }
        read.extend(nodes);
        pages += 1;
        match page.next_after {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, written.len().div_ceil(4));
    assert_eq!(read, expected, "every reply once, in reading order");
}

async fn a_thread_cursor_that_is_not_a_reply_of_the_thread_is_refused(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let root = t.post(&ana, None, "Lunch?").await;
    let other = t.post(&ana, None, "Coffee?").await;
    let page = ThreadPage {
        after: Some(other.id),
        ..ThreadPage::first(8)
    };
    match feeds::thread(&t.app, &actor(&ana), root.id, page).await {
        Err(AppError::Invalid(invalid)) => assert_eq!(invalid.field, "after"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    let too_many = ThreadPage {
        limit: feeds::MAX_THREAD_PAGE + 1,
        ..ThreadPage::first(8)
    };
    assert!(matches!(
        feeds::thread(&t.app, &actor(&ana), root.id, too_many).await,
        Err(AppError::Invalid(_))
    ));
}
