use hearth_app::AppError;
use hearth_app::audit::Acting;
use hearth_app::domain::{Actor, CommunityId, NotificationKind, PostKind, User};
use hearth_app::embedding::{self, NewSettings};
use hearth_app::feeds::{self, Feed, MAX_THREAD_DEPTH, ThreadPage};
use hearth_app::notifications;
use hearth_app::page_comments;
use hearth_app::posts::{self, NewPost};
use hearth_app::search::{self, Scope, SearchRequest};
use hearth_app::thread_subscriptions;
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    only_admins_choose_the_sites_and_a_bad_site_changes_nothing,
    a_pages_first_comment_starts_its_thread_and_the_next_answers_it,
    comments_of_pages_elsewhere_are_refused_and_change_nothing,
    comments_in_a_closed_community_stay_in_it,
    the_announcements_strip_shows_company_wide_announcements_only,
    subscribers_hear_of_every_reply_and_unsubscribing_stops_it,
);

const INTRANET: &str = "https://intranet.acme.test";
const PAGE: &str = "https://intranet.acme.test/news/q3-results";

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn allow_intranet(t: &TestApp, admin: &User, community: Option<CommunityId>) {
    let settings = NewSettings {
        frame_origins: INTRANET.to_owned(),
        page_comments_community: community,
    };
    embedding::save_settings(&t.app, Acting::new(&actor(admin), "192.0.2.1"), &settings)
        .await
        .unwrap();
}

fn first_page() -> ThreadPage {
    ThreadPage::first(MAX_THREAD_DEPTH)
}

async fn only_admins_choose_the_sites_and_a_bad_site_changes_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let by_admin = actor(&admin);
    let acting = Acting::new(&by_admin, "192.0.2.1");
    let saved = embedding::save_settings(
        &t.app,
        acting,
        &NewSettings {
            frame_origins: "https://Intranet.acme.test/\nhttps://wiki.acme.test:8443, https://intranet.acme.test"
                .to_owned(),
            page_comments_community: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        saved.frame_origins,
        ["https://intranet.acme.test", "https://wiki.acme.test:8443"]
    );
    assert_eq!(
        embedding::frame_origins(&t.app)
            .await
            .unwrap()
            .frame_ancestors(),
        "frame-ancestors 'self' https://intranet.acme.test https://wiki.acme.test:8443"
    );

    let bad = embedding::save_settings(
        &t.app,
        acting,
        &NewSettings {
            frame_origins: "https://ok.acme.test\nhttps://intranet.acme.test/news".to_owned(),
            page_comments_community: None,
        },
    )
    .await;
    let Err(AppError::Invalid(invalid)) = bad else {
        panic!("a site with a path is refused: {bad:?}");
    };
    assert_eq!(invalid.field, "frame_origins");
    assert!(
        invalid.message.contains("without a path"),
        "{}",
        invalid.message
    );
    let archived = t.community(&admin, "Old", "public").await;
    let archive = hearth_app::communities::CommunityChanges {
        archived: Some(true),
        ..Default::default()
    };
    hearth_app::communities::update(&t.app, &by_admin, archived.id, &archive)
        .await
        .unwrap();
    for community in [CommunityId(424_242), archived.id] {
        let refused = embedding::save_settings(
            &t.app,
            acting,
            &NewSettings {
                frame_origins: "https://ok.acme.test".to_owned(),
                page_comments_community: Some(community),
            },
        )
        .await;
        assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    }
    let kept = embedding::settings(&t.app, &by_admin).await.unwrap();
    assert_eq!(kept.frame_origins, saved.frame_origins, "nothing changed");

    let by_ana = actor(&ana);
    assert!(matches!(
        embedding::settings(&t.app, &by_ana).await,
        Err(AppError::Forbidden(_))
    ));
    let refused = embedding::save_settings(
        &t.app,
        Acting::new(&by_ana, "192.0.2.2"),
        &NewSettings::default(),
    )
    .await;
    assert!(matches!(refused, Err(AppError::Forbidden(_))));
    assert_eq!(
        embedding::settings(&t.app, &by_admin)
            .await
            .unwrap()
            .frame_origins,
        saved.frame_origins
    );
}

async fn a_pages_first_comment_starts_its_thread_and_the_next_answers_it(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let town_hall = t.community(&admin, "Town hall", "public").await;
    for person in [&ana, &ben] {
        hearth_app::communities::join(&t.app, &actor(person), town_hall.id)
            .await
            .unwrap();
    }
    allow_intranet(&t, &admin, Some(town_hall.id)).await;

    let before =
        page_comments::discussion(&t.app, &actor(&ana), PAGE, " Q3  results ", first_page())
            .await
            .unwrap();
    assert_eq!(before.url, PAGE);
    assert_eq!(before.title, "Q3 results");
    assert!(
        before.thread.is_none(),
        "no thread before the first comment"
    );
    assert_eq!(before.community_id, Some(town_hall.id));

    let first = page_comments::comment(
        &t.app,
        &actor(&ana),
        &format!("{PAGE}?utm_source=newsletter#top"),
        "Q3 results",
        "Great quarter, well done everyone!",
    )
    .await
    .unwrap();
    assert_eq!(first.community_id, Some(town_hall.id));
    assert!(!first.is_reply());
    let second = page_comments::comment(
        &t.app,
        &actor(&ben),
        PAGE,
        "Another title the page got later",
        "Agreed, the zeppelin launch carried it.",
    )
    .await
    .unwrap();
    assert_eq!(
        second.root_id,
        Some(first.id),
        "later comments answer the first"
    );

    let after = page_comments::discussion(&t.app, &actor(&ben), PAGE, "", first_page())
        .await
        .unwrap();
    let thread = after.thread.expect("the page has its thread");
    assert_eq!(thread.post.post.id, first.id);
    assert_eq!(
        after.title, "Q3 results",
        "the title kept at the first comment"
    );
    assert_eq!(thread.replies.len(), 1);
    let page = thread.post.page.expect("the thread names its page");
    assert_eq!(
        (page.url.as_str(), page.title.as_str()),
        (PAGE, "Q3 results")
    );

    // In Hearth it is a discussion like any other: in the community's feed, found
    // by the page's title, and its author hears of the answer.
    let feed = feeds::feed(
        &t.app,
        &actor(&ben),
        &Feed::Community(town_hall.id),
        None,
        None,
    )
    .await
    .unwrap();
    let shown = feed.posts.iter().find(|v| v.post.id == first.id).unwrap();
    assert_eq!(
        shown.page.as_ref().map(|p| p.title.as_str()),
        Some("Q3 results")
    );
    let found = search::search(
        &t.app,
        &actor(&ben),
        &SearchRequest {
            q: "results".to_owned(),
            scope: Scope::Posts,
            ..SearchRequest::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        found
            .posts
            .iter()
            .map(|hit| hit.view.post.id)
            .collect::<Vec<_>>(),
        [first.id],
        "found by a word of the page's title"
    );
    t.app.settled().await;
    let told = notifications::list(&t.app, &actor(&ana), None, 10)
        .await
        .unwrap()
        .notifications;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NotificationKind::Reply);
    assert_eq!(told[0].actor_ids, [ben.id]);

    // When the first comment is deleted, the next one starts the page's thread anew.
    posts::delete(&t.app, &actor(&ana), first.id).await.unwrap();
    let emptied = page_comments::discussion(&t.app, &actor(&ben), PAGE, "Q3", first_page())
        .await
        .unwrap();
    assert!(emptied.thread.is_none());
    let anew = page_comments::comment(&t.app, &actor(&ben), PAGE, "Q3 results", "Anyone?")
        .await
        .unwrap();
    assert!(!anew.is_reply());
    let again = page_comments::discussion(&t.app, &actor(&ana), PAGE, "", first_page())
        .await
        .unwrap();
    assert_eq!(again.thread.map(|t| t.post.post.id), Some(anew.id));
}

async fn comments_of_pages_elsewhere_are_refused_and_change_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let by_ana = actor(&ana);
    // No site listed yet: no page has comments.
    let refused = page_comments::comment(&t.app, &by_ana, PAGE, "Q3", "Hello").await;
    assert!(
        matches!(refused, Err(AppError::Invalid(ref e)) if e.field == "url"),
        "{refused:?}"
    );
    allow_intranet(&t, &admin, None).await;
    for url in [
        "https://elsewhere.test/news",
        "http://intranet.acme.test/news",
        "intranet.acme.test/news",
        "",
    ] {
        let refused = page_comments::comment(&t.app, &by_ana, url, "Q3", "Hello").await;
        assert!(
            matches!(refused, Err(AppError::Invalid(ref e)) if e.field == "url"),
            "{url}: {refused:?}"
        );
        let read = page_comments::discussion(&t.app, &by_ana, url, "", first_page()).await;
        assert!(matches!(read, Err(AppError::Invalid(_))), "{url}");
    }
    let empty = page_comments::comment(&t.app, &by_ana, PAGE, "Q3", "   ").await;
    assert!(
        matches!(empty, Err(AppError::Invalid(ref e)) if e.field == "body"),
        "{empty:?}"
    );
    let feed = feeds::feed(&t.app, &by_ana, &Feed::Home, None, None)
        .await
        .unwrap();
    assert!(feed.posts.is_empty(), "nothing was posted");
    let page = page_comments::discussion(&t.app, &by_ana, PAGE, "", first_page())
        .await
        .unwrap();
    assert!(page.thread.is_none(), "and no thread began");
    let by_operator = page_comments::comment(&t.app, &Actor::Operator, PAGE, "Q3", "Hi").await;
    assert!(matches!(by_operator, Err(AppError::Forbidden(_))));
}

async fn comments_in_a_closed_community_stay_in_it(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let outsider = t.member("olga@acme.test").await;
    for visibility in ["private", "secret"] {
        let board = t
            .community(&ana, &format!("Board {visibility}"), visibility)
            .await;
        allow_intranet(&t, &admin, Some(board.id)).await;
        let page = format!("{INTRANET}/board/{visibility}");
        page_comments::comment(&t.app, &actor(&ana), &page, "Board minutes", "Approved.")
            .await
            .unwrap();

        let by_outsider = actor(&outsider);
        let read = page_comments::discussion(&t.app, &by_outsider, &page, "", first_page()).await;
        assert!(
            matches!(read, Err(AppError::Forbidden(_) | AppError::NotFound(_))),
            "{visibility}: {read:?}"
        );
        let wrote = page_comments::comment(&t.app, &by_outsider, &page, "", "Let me in").await;
        assert!(
            matches!(wrote, Err(AppError::Forbidden(_) | AppError::NotFound(_))),
            "{visibility}: {wrote:?}"
        );
        let found = search::search(
            &t.app,
            &by_outsider,
            &SearchRequest {
                q: "minutes".to_owned(),
                scope: Scope::Posts,
                ..SearchRequest::default()
            },
        )
        .await
        .unwrap();
        assert!(
            found.posts.is_empty(),
            "{visibility}: not found by its page's title"
        );
        let home = feeds::feed(&t.app, &by_outsider, &Feed::Home, None, None)
            .await
            .unwrap();
        assert!(home.posts.is_empty(), "{visibility}");
        // A community member reads it, and the page's title with it.
        let seen = page_comments::discussion(&t.app, &actor(&ana), &page, "", first_page())
            .await
            .unwrap();
        assert_eq!(seen.title, "Board minutes");
        assert!(seen.thread.is_some());
    }
}

async fn the_announcements_strip_shows_company_wide_announcements_only(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let team = t.community(&admin, "Team", "public").await;
    let announce = |community: Option<CommunityId>, body: &'static str| {
        let t = &t;
        let admin = &admin;
        async move {
            posts::create(
                &t.app,
                &actor(admin),
                &NewPost {
                    community_id: community,
                    kind: Some(PostKind::Announcement.as_str().to_owned()),
                    body: body.to_owned(),
                    ..NewPost::default()
                },
            )
            .await
            .unwrap()
        }
    };
    let older = announce(None, "Offices close at noon on Friday").await;
    announce(Some(team.id), "Team offsite next week").await;
    t.post(&admin, None, "Just a discussion").await;
    let newer = announce(None, "Welcome to our new colleagues").await;
    let strip = feeds::feed(
        &t.app,
        &actor(&ana),
        &Feed::CompanyAnnouncements,
        None,
        Some(5),
    )
    .await
    .unwrap();
    let ids: Vec<_> = strip.posts.iter().map(|v| v.post.id).collect();
    assert_eq!(ids, [newer.id, older.id]);
}

async fn subscribers_hear_of_every_reply_and_unsubscribing_stops_it(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let dan = t.member("dan@acme.test").await;
    let eve = t.member("eve@acme.test").await;
    allow_intranet(&t, &admin, None).await;
    let root = page_comments::comment(&t.app, &actor(&ana), PAGE, "Q3", "Great quarter!")
        .await
        .unwrap();
    let answer = posts::reply(&t.app, &actor(&ben), root.id, "Agreed.")
        .await
        .unwrap();

    let following = |who: &User| {
        let t = &t;
        let who = who.clone();
        async move {
            thread_subscriptions::following(&t.app, &actor(&who), answer.id)
                .await
                .unwrap()
        }
    };
    assert!(following(&ana).await, "taking part follows the thread");
    assert!(!following(&cy).await);
    assert!(
        thread_subscriptions::set_following(&t.app, &actor(&cy), answer.id, true)
            .await
            .unwrap()
    );
    assert!(following(&cy).await, "any post of the thread names it");

    let told_of = |who: &User, kind: NotificationKind, by: &User| {
        let t = &t;
        let (who, by) = (who.clone(), by.id);
        async move {
            t.app.settled().await;
            notifications::list(&t.app, &actor(&who), None, 50)
                .await
                .unwrap()
                .notifications
                .into_iter()
                .filter(|n| n.kind == kind && n.actor_ids.contains(&by))
                .count()
        }
    };
    let told_by = |who: &User, by: &User| told_of(who, NotificationKind::ThreadReply, by);
    posts::reply(&t.app, &actor(&dan), answer.id, "The zeppelin helped.")
        .await
        .unwrap();
    assert_eq!(told_by(&cy, &dan).await, 1, "a subscriber hears of a reply");
    assert_eq!(
        told_by(&ana, &dan).await,
        1,
        "so does someone who took part"
    );

    thread_subscriptions::set_following(&t.app, &actor(&ana), root.id, false)
        .await
        .unwrap();
    assert!(!following(&ana).await);
    posts::reply(&t.app, &actor(&eve), answer.id, "And the weather.")
        .await
        .unwrap();
    assert_eq!(told_by(&cy, &eve).await, 1);
    assert_eq!(
        told_by(&ana, &eve).await,
        0,
        "unsubscribed: no more replies told"
    );
    // Nor answers to the first comment, which every later comment on a page is.
    posts::reply(
        &t.app,
        &actor(&eve),
        root.id,
        "Direct to the first comment.",
    )
    .await
    .unwrap();
    assert_eq!(told_of(&ana, NotificationKind::Reply, &eve).await, 0);
    assert_eq!(
        told_of(&ana, NotificationKind::Reply, &ben).await,
        1,
        "before muting"
    );

    // Only a thread one may read can be followed.
    let board = t.community(&admin, "Board", "secret").await;
    let hidden = t.post(&admin, Some(&board), "Board-only").await;
    let refused = thread_subscriptions::set_following(&t.app, &actor(&cy), hidden.id, true).await;
    assert!(
        matches!(refused, Err(AppError::NotFound(_) | AppError::Forbidden(_))),
        "{refused:?}"
    );
}
