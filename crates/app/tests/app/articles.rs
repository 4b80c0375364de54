use hearth_app::AppError;
use hearth_app::articles::{self, Draft};
use hearth_app::audit::Acting;
use hearth_app::domain::article::{ArticleStatus, Following};
use hearth_app::domain::upload::Upload;
use hearth_app::domain::{Actor, CommunityId, NotificationKind, User};
use hearth_app::feeds::{self, Feed};
use hearth_app::files::images::demo_jpeg;
use hearth_app::notifications::{self, NotificationView};
use hearth_app::posts;
use hearth_app::search::{self, Scope, SearchRequest};
use hearth_app::uploads::{self, Incoming};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    a_draft_is_the_authors_alone_until_published_then_a_card_in_feeds,
    a_scheduled_article_goes_out_once_at_its_time,
    subscribers_hear_of_new_articles_by_author_community_and_company,
    edits_keep_earlier_versions_and_reads_are_counted_once_for_the_author,
    company_wide_articles_may_be_kept_to_chosen_authors,
    bad_articles_are_refused_and_change_nothing,
    an_article_in_a_secret_community_stays_in_it,
    saves_from_an_older_copy_and_autosaves_of_a_published_article_change_nothing,
    a_cover_is_kept_for_its_article_and_goes_with_its_author,
    the_weekly_digest_lists_the_most_read_articles_one_may_read,
    a_watched_term_in_a_title_holds_the_article_for_review,
    files_in_a_body_are_kept_for_the_draft_then_readable_where_the_article_is,
    search_finds_an_article_by_its_title_and_summary,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

fn draft(title: &str, community: Option<CommunityId>) -> Draft {
    Draft {
        community_id: community,
        title: title.to_owned(),
        summary: "What changed this quarter, and why.".to_owned(),
        body: "## Where we are\n\nGood progress.\n\n## What comes next\n\nMore of it.".to_owned(),
        ..Draft::default()
    }
}

async fn told(t: &TestApp, user: &User) -> Vec<NotificationView> {
    t.app.settled().await;
    notifications::list(&t.app, &actor(user), None, 100)
        .await
        .unwrap()
        .notifications
}

async fn a_draft_is_the_authors_alone_until_published_then_a_card_in_feeds(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let written = articles::create(&t.app, &actor(&ana), &draft("Q3: the plan", None))
        .await
        .unwrap();
    assert_eq!(written.status, ArticleStatus::Draft);
    let unseen = articles::get(&t.app, &actor(&ben), written.id).await;
    assert!(
        matches!(unseen, Err(AppError::NotFound(_))),
        "a draft is private"
    );
    let mine = articles::get(&t.app, &actor(&ana), written.id)
        .await
        .unwrap();
    assert!(mine.post.is_none());
    let anchors: Vec<&str> = mine
        .rendered
        .headings
        .iter()
        .map(|h| h.anchor.as_str())
        .collect();
    assert_eq!(anchors, ["section-where-we-are", "section-what-comes-next"]);
    assert!(
        mine.rendered
            .html
            .contains(r#"id="section-what-comes-next""#)
    );
    let empty_feed = feeds::feed(&t.app, &actor(&ben), &Feed::Home, None, None)
        .await
        .unwrap();
    assert!(empty_feed.posts.is_empty(), "a draft is in nobody's feed");
    assert_eq!(
        articles::unpublished(&t.app, &actor(&ana))
            .await
            .unwrap()
            .len(),
        1
    );

    let published = articles::publish(&t.app, &actor(&ana), written.id, None)
        .await
        .unwrap();
    assert_eq!(published.status, ArticleStatus::Published);
    let again = articles::publish(&t.app, &actor(&ana), written.id, None).await;
    assert!(matches!(again, Err(AppError::Conflict { .. })), "{again:?}");
    let home = feeds::feed(&t.app, &actor(&ben), &Feed::Home, None, None)
        .await
        .unwrap();
    assert_eq!(home.posts.len(), 1, "published once");
    let card = home.posts[0]
        .article
        .as_ref()
        .expect("shown as an article card");
    assert_eq!(card.title, "Q3: the plan");
    assert_eq!(card.path, format!("/articles/{}/q3-the-plan", written.id));
    assert_eq!(card.reading_minutes, 1);
    let page = articles::get(&t.app, &actor(&ben), written.id)
        .await
        .unwrap();
    let post = page.post.expect("a published article has its post");
    assert!(post.post.body_html.contains(r#"id="section-where-we-are""#));
    assert_eq!(page.reads, None, "readers do not see the read count");
    assert!(
        articles::unpublished(&t.app, &actor(&ana))
            .await
            .unwrap()
            .is_empty()
    );

    // The discussion, likes and the article list are the post's.
    posts::reply(&t.app, &actor(&ben), post.post.id, "Great read.")
        .await
        .unwrap();
    posts::react(&t.app, &actor(&ben), post.post.id, "like", true)
        .await
        .unwrap();
    let page = articles::get(&t.app, &actor(&ana), written.id)
        .await
        .unwrap();
    assert_eq!(page.likers.len(), 1);
    assert_eq!(page.post.unwrap().stats.replies, 1);
    let listed = articles::list(&t.app, &actor(&ben), &Feed::ArticlesBy(ana.id), None, None)
        .await
        .unwrap();
    assert_eq!(listed.posts.len(), 1);
}

async fn a_scheduled_article_goes_out_once_at_its_time(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let written = articles::create(&t.app, &actor(&ana), &draft("Monday note", None))
        .await
        .unwrap();
    let at = t.clock.now() + 3_600_000;
    let scheduled = articles::publish(&t.app, &actor(&ana), written.id, Some(at))
        .await
        .unwrap();
    assert_eq!(scheduled.status, ArticleStatus::Scheduled);
    assert_eq!(articles::publish_due(&t.app).await.unwrap(), 0, "not yet");
    let unscheduled = articles::unschedule(&t.app, &actor(&ana), written.id)
        .await
        .unwrap();
    assert_eq!(unscheduled.status, ArticleStatus::Draft);
    articles::publish(&t.app, &actor(&ana), written.id, Some(at))
        .await
        .unwrap();
    t.clock.advance(Duration::from_secs(3_601));
    // Two nodes' workers at once publish it once.
    let (a, b) = tokio::join!(articles::publish_due(&t.app), articles::publish_due(&t.app));
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(articles::publish_due(&t.app).await.unwrap(), 0);
    let home = feeds::feed(&t.app, &actor(&ben), &Feed::Home, None, None)
        .await
        .unwrap();
    assert_eq!(home.posts.len(), 1);
    let page = articles::get(&t.app, &actor(&ben), written.id)
        .await
        .unwrap();
    assert_eq!(page.article.status, ArticleStatus::Published);
}

async fn subscribers_hear_of_new_articles_by_author_community_and_company(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let by_author = t.member("ben@acme.test").await;
    let by_community = t.member("cy@acme.test").await;
    let by_company = t.member("dan@acme.test").await;
    let nobody = t.member("eve@acme.test").await;
    let eng = t.community(&ana, "Engineering", "public").await;
    articles::subscribe(&t.app, &actor(&by_author), Following::Author, ana.id.0)
        .await
        .unwrap();
    articles::subscribe(
        &t.app,
        &actor(&by_community),
        Following::Community,
        eng.id.0,
    )
    .await
    .unwrap();
    articles::subscribe(&t.app, &actor(&by_company), Following::Company, 0)
        .await
        .unwrap();
    articles::subscribe(&t.app, &actor(&by_company), Following::Company, 0)
        .await
        .unwrap();
    assert_eq!(
        articles::subscriptions(&t.app, &actor(&by_company))
            .await
            .unwrap()
            .len(),
        1
    );

    let in_eng = articles::create(&t.app, &actor(&ana), &draft("Build times", Some(eng.id)))
        .await
        .unwrap();
    articles::publish(&t.app, &actor(&ana), in_eng.id, None)
        .await
        .unwrap();
    for (person, expected) in [
        (&by_author, 1),
        (&by_community, 1),
        (&by_company, 0),
        (&nobody, 0),
    ] {
        let notices = told(&t, person).await;
        assert_eq!(notices.len(), expected, "{}", person.email);
        if expected == 1 {
            assert_eq!(notices[0].kind, NotificationKind::ArticlePublished);
            assert_eq!(
                notices[0].sentence(hearth_app::i18n::Tr::english()),
                "Ana published an article in Engineering",
                "the community is named"
            );
        }
    }
    let company = articles::create(&t.app, &actor(&ana), &draft("All hands", None))
        .await
        .unwrap();
    articles::publish(&t.app, &actor(&ana), company.id, None)
        .await
        .unwrap();
    assert_eq!(told(&t, &by_company).await.len(), 1);
    assert_eq!(
        told(&t, &by_author).await.len(),
        2,
        "each article is told once"
    );
    assert_eq!(told(&t, &by_community).await.len(), 1);

    articles::unsubscribe(&t.app, &actor(&by_author), Following::Author, ana.id.0)
        .await
        .unwrap();
    let third = articles::create(&t.app, &actor(&ana), &draft("Third", None))
        .await
        .unwrap();
    articles::publish(&t.app, &actor(&ana), third.id, None)
        .await
        .unwrap();
    assert_eq!(told(&t, &by_author).await.len(), 2, "unsubscribed");
}

async fn edits_keep_earlier_versions_and_reads_are_counted_once_for_the_author(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let written = articles::create(&t.app, &actor(&ana), &draft("First title", None))
        .await
        .unwrap();
    articles::publish(&t.app, &actor(&ana), written.id, None)
        .await
        .unwrap();
    let changed = Draft {
        body: "## Rewritten\n\nBetter words.".to_owned(),
        ..draft("Second title", None)
    };
    let refused = articles::update(&t.app, &actor(&ben), written.id, &changed).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    articles::update(&t.app, &actor(&ana), written.id, &changed)
        .await
        .unwrap();
    let page = articles::get(&t.app, &actor(&ben), written.id)
        .await
        .unwrap();
    assert_eq!(page.article.title, "Second title");
    assert!(page.rendered.html.contains(r#"id="section-rewritten""#));
    let post = page.post.unwrap().post.id;
    let versions = posts::versions(&t.app, &actor(&admin), post).await.unwrap();
    // The body and title changed in one save: the article as it was is one version.
    assert_eq!(versions.len(), 1, "{versions:?}");
    assert!(versions[0].body_markdown.contains("Good progress"));
    assert_eq!(versions[0].title.as_deref(), Some("First title"));
    assert_eq!(
        versions[0].summary.as_deref(),
        Some("What changed this quarter, and why.")
    );
    let retitled = Draft {
        body: changed.body.clone(),
        ..draft("Third title", None)
    };
    for _ in 0..2 {
        articles::update(&t.app, &actor(&ana), written.id, &retitled)
            .await
            .unwrap();
    }
    let versions = posts::versions(&t.app, &actor(&admin), post).await.unwrap();
    assert_eq!(
        versions.len(),
        2,
        "a new title alone keeps one, once: {versions:?}"
    );
    assert!(versions[1].body_markdown.contains("Better words"));
    assert_eq!(versions[1].title.as_deref(), Some("Second title"));

    for reader in [&ben, &ben, &admin] {
        articles::record_read(&t.app, &actor(reader), written.id)
            .await
            .unwrap();
    }
    let seen_by_author = articles::get(&t.app, &actor(&ana), written.id)
        .await
        .unwrap();
    assert_eq!(seen_by_author.reads, Some(2), "once per person");
    let seen_by_admin = articles::get(&t.app, &actor(&admin), written.id)
        .await
        .unwrap();
    assert_eq!(seen_by_admin.reads, Some(2));
}

async fn company_wide_articles_may_be_kept_to_chosen_authors(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let admin_actor = actor(&admin);
    let by = Acting::new(&admin_actor, "192.0.2.1");
    let ben_actor = actor(&ben);
    let not_admin =
        articles::set_settings(&t.app, Acting::new(&ben_actor, "192.0.2.1"), "anyone", &[]).await;
    assert!(
        matches!(not_admin, Err(AppError::Forbidden(_))),
        "{not_admin:?}"
    );
    let unknown = articles::set_settings(&t.app, by, "chosen_authors", &["@nobody".into()]).await;
    assert!(matches!(unknown, Err(AppError::Invalid(_))), "{unknown:?}");
    let handle = hearth_app::people::get(
        &t.app,
        &actor(&ana),
        &hearth_app::people::PersonRef::Id(ana.id),
    )
    .await
    .unwrap()
    .profile
    .handle
    .to_string();
    let set = articles::set_settings(&t.app, by, "chosen_authors", &[format!("@{handle}")])
        .await
        .unwrap();
    assert_eq!(set.authors.len(), 1);

    let bens = articles::create(&t.app, &actor(&ben), &draft("Mine", None))
        .await
        .unwrap();
    let refused = articles::publish(&t.app, &actor(&ben), bens.id, None).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let eng = t.community(&ben, "Ben's team", "public").await;
    let in_community = articles::create(&t.app, &actor(&ben), &draft("Ours", Some(eng.id)))
        .await
        .unwrap();
    articles::publish(&t.app, &actor(&ben), in_community.id, None)
        .await
        .expect("communities are not restricted");
    let anas = articles::create(&t.app, &actor(&ana), &draft("Chosen", None))
        .await
        .unwrap();
    articles::publish(&t.app, &actor(&ana), anas.id, None)
        .await
        .unwrap();
    let admins = articles::create(&t.app, &actor(&admin), &draft("Admin", None))
        .await
        .unwrap();
    articles::publish(&t.app, &actor(&admin), admins.id, None)
        .await
        .unwrap();
    // A scheduled article whose author is no longer chosen goes back to drafts.
    let later = articles::create(&t.app, &actor(&ana), &draft("Later", None))
        .await
        .unwrap();
    articles::publish(&t.app, &actor(&ana), later.id, Some(t.clock.now() + 60_000))
        .await
        .unwrap();
    articles::set_settings(&t.app, by, "chosen_authors", &[])
        .await
        .unwrap();
    t.clock.advance(Duration::from_secs(61));
    assert_eq!(articles::publish_due(&t.app).await.unwrap(), 0);
    let back = articles::get(&t.app, &actor(&ana), later.id).await.unwrap();
    assert_eq!(back.article.status, ArticleStatus::Draft);
}

async fn bad_articles_are_refused_and_change_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let long_title = draft(&"x".repeat(201), None);
    let refused = articles::create(&t.app, &actor(&ana), &long_title).await;
    assert!(
        matches!(refused, Err(AppError::Invalid(ref i)) if i.field == "title"),
        "{refused:?}"
    );
    let untitled = articles::create(&t.app, &actor(&ana), &draft("", None))
        .await
        .unwrap();
    let publish_untitled = articles::publish(&t.app, &actor(&ana), untitled.id, None).await;
    assert!(
        matches!(publish_untitled, Err(AppError::Invalid(ref i)) if i.field == "title"),
        "{publish_untitled:?}"
    );
    let past = articles::publish(&t.app, &actor(&ana), untitled.id, Some(t.clock.now() - 1)).await;
    assert!(matches!(past, Err(AppError::Invalid(_))), "{past:?}");
    let not_scheduled = articles::unschedule(&t.app, &actor(&ana), untitled.id).await;
    assert!(
        matches!(not_scheduled, Err(AppError::Invalid(_))),
        "{not_scheduled:?}"
    );
    let not_a_cover = Draft {
        cover_id: Some(hearth_app::domain::UploadId(424_242)),
        ..draft("Cover", None)
    };
    let refused = articles::create(&t.app, &actor(&ana), &not_a_cover).await;
    assert!(
        matches!(refused, Err(AppError::Invalid(ref i)) if i.field == "cover_id"),
        "{refused:?}"
    );
    assert_eq!(
        articles::unpublished(&t.app, &actor(&ana))
            .await
            .unwrap()
            .len(),
        1
    );
    let home = feeds::feed(&t.app, &actor(&ana), &Feed::Home, None, None)
        .await
        .unwrap();
    assert!(home.posts.is_empty(), "nothing refused was published");
    articles::delete(&t.app, &actor(&ana), untitled.id)
        .await
        .unwrap();
    assert!(
        articles::unpublished(&t.app, &actor(&ana))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn an_article_in_a_secret_community_stays_in_it(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let board = t.community(&ana, "Board", "secret").await;
    hearth_app::communities::invite(&t.app, &actor(&ana), board.id, ben.id)
        .await
        .unwrap();
    hearth_app::communities::join(&t.app, &actor(&ben), board.id)
        .await
        .unwrap();
    let outsider_draft =
        articles::create(&t.app, &actor(&cy), &draft("Sneaky", Some(board.id))).await;
    assert!(
        matches!(outsider_draft, Err(AppError::NotFound(_))),
        "{outsider_draft:?}"
    );
    let refused = articles::subscribe(&t.app, &actor(&cy), Following::Community, board.id.0).await;
    assert!(refused.is_err(), "no subscribing to what one may not read");
    articles::subscribe(&t.app, &actor(&cy), Following::Author, ana.id.0)
        .await
        .unwrap();
    articles::subscribe(&t.app, &actor(&cy), Following::Company, 0)
        .await
        .unwrap();

    let secret = articles::create(
        &t.app,
        &actor(&ana),
        &draft("Board minutes", Some(board.id)),
    )
    .await
    .unwrap();
    articles::publish(&t.app, &actor(&ana), secret.id, None)
        .await
        .unwrap();
    let unseen = articles::get(&t.app, &actor(&cy), secret.id).await;
    assert!(matches!(unseen, Err(AppError::NotFound(_))), "{unseen:?}");
    let read = articles::record_read(&t.app, &actor(&cy), secret.id).await;
    assert!(matches!(read, Err(AppError::NotFound(_))), "{read:?}");
    let listed = articles::list(&t.app, &actor(&cy), &Feed::Articles, None, None)
        .await
        .unwrap();
    assert!(listed.posts.is_empty());
    let by_ana = articles::list(&t.app, &actor(&cy), &Feed::ArticlesBy(ana.id), None, None)
        .await
        .unwrap();
    assert!(by_ana.posts.is_empty());
    assert!(
        told(&t, &cy).await.is_empty(),
        "a subscriber outside is not told"
    );
    let in_board = articles::list(
        &t.app,
        &actor(&ben),
        &Feed::ArticlesIn(board.id),
        None,
        None,
    )
    .await
    .unwrap();
    assert_eq!(in_board.posts.len(), 1);
    let outsider_list =
        articles::list(&t.app, &actor(&cy), &Feed::ArticlesIn(board.id), None, None).await;
    assert!(outsider_list.is_err());
}

async fn saves_from_an_older_copy_and_autosaves_of_a_published_article_change_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let written = articles::create(&t.app, &actor(&ana), &draft("First", None))
        .await
        .unwrap();
    let first_seen = written.updated_at;
    let saved = articles::update(
        &t.app,
        &actor(&ana),
        written.id,
        &Draft {
            seen: Some(first_seen),
            autosave: true,
            ..draft("Second", None)
        },
    )
    .await
    .unwrap();
    assert!(
        saved.updated_at > first_seen,
        "every save is a new revision"
    );
    let stale = articles::update(
        &t.app,
        &actor(&ana),
        written.id,
        &Draft {
            seen: Some(first_seen),
            autosave: true,
            ..draft("Stale", None)
        },
    )
    .await;
    assert!(matches!(stale, Err(AppError::Conflict { .. })), "{stale:?}");
    let page = articles::get(&t.app, &actor(&ana), written.id)
        .await
        .unwrap();
    assert_eq!(page.article.title, "Second");

    // Scheduled, then taken back before its time: the worker leaves it alone.
    articles::publish(
        &t.app,
        &actor(&ana),
        written.id,
        Some(t.clock.now() + 60_000),
    )
    .await
    .unwrap();
    let empty = articles::update(&t.app, &actor(&ana), written.id, &draft("", None)).await;
    assert!(
        matches!(empty, Err(AppError::Invalid(_))),
        "a scheduled article keeps a title"
    );
    articles::unschedule(&t.app, &actor(&ana), written.id)
        .await
        .unwrap();
    t.clock.advance(Duration::from_secs(61));
    assert_eq!(articles::publish_due(&t.app).await.unwrap(), 0);

    articles::publish(&t.app, &actor(&ana), written.id, None)
        .await
        .unwrap();
    let autosaved = articles::update(
        &t.app,
        &actor(&ana),
        written.id,
        &Draft {
            autosave: true,
            ..draft("Late autosave", None)
        },
    )
    .await;
    assert!(
        matches!(autosaved, Err(AppError::Conflict { .. })),
        "{autosaved:?}"
    );
    let page = articles::get(&t.app, &actor(&ben), written.id)
        .await
        .unwrap();
    assert_eq!(page.article.title, "Second");

    // The author's own visits are not reads.
    articles::record_read(&t.app, &actor(&ana), written.id)
        .await
        .unwrap();
    let page = articles::get(&t.app, &actor(&ana), written.id)
        .await
        .unwrap();
    assert_eq!(page.reads, Some(0));
}

async fn a_cover_is_kept_for_its_article_and_goes_with_its_author(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let cover = uploads::receive(
        &t.app,
        &actor(&ana),
        Incoming {
            name: "cover.jpg".into(),
            purpose: hearth_app::domain::upload::Purpose::Attachment,
            alt_text: None,
        },
        futures_util::stream::iter([Ok::<_, std::io::Error>(demo_jpeg(7, 800, 400))]),
    )
    .await
    .unwrap();
    let with_cover = Draft {
        cover_id: Some(cover.id),
        ..draft("Covered", None)
    };
    let first = articles::create(&t.app, &actor(&ana), &with_cover)
        .await
        .unwrap();
    let second = articles::create(&t.app, &actor(&ana), &with_cover).await;
    assert!(
        matches!(second, Err(AppError::Invalid(ref i)) if i.field == "cover_id"),
        "one image, one article: {second:?}"
    );
    let attached = posts::create(
        &t.app,
        &actor(&ana),
        &posts::NewPost {
            body: "Look".into(),
            attachments: vec![cover.id],
            ..posts::NewPost::default()
        },
    )
    .await;
    assert!(
        matches!(attached, Err(AppError::Invalid(_))),
        "kept for the article: {attached:?}"
    );
    // A day later the sweeper keeps it: a draft may wait for weeks.
    t.clock.advance(Duration::from_secs(2 * 24 * 3600));
    uploads::sweep(&t.app).await.unwrap();
    articles::update(&t.app, &actor(&ana), first.id, &with_cover)
        .await
        .unwrap();

    articles::subscribe(&t.app, &actor(&admin), Following::Author, ana.id.0)
        .await
        .unwrap();
    let admin_actor = actor(&admin);
    hearth_app::lifecycle::delete(
        &t.app,
        Acting::new(&admin_actor, "192.0.2.1"),
        ana.id,
        hearth_app::lifecycle::DeletedContent::Remove,
        "left the company",
    )
    .await
    .unwrap();
    assert!(
        articles::subscriptions(&t.app, &actor(&admin))
            .await
            .unwrap()
            .is_empty()
    );
    let gone = articles::get(&t.app, &actor(&admin), first.id).await;
    assert!(
        matches!(gone, Err(AppError::NotFound(_))),
        "their drafts go with them"
    );
}

async fn the_weekly_digest_lists_the_most_read_articles_one_may_read(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let board = t.community(&ana, "Board", "secret").await;
    for (title, community) in [
        ("Quiet one", None),
        ("Widely read", None),
        ("Board only", Some(board.id)),
    ] {
        let written = articles::create(&t.app, &actor(&ana), &draft(title, community))
            .await
            .unwrap();
        articles::publish(&t.app, &actor(&ana), written.id, None)
            .await
            .unwrap();
        if title == "Widely read" {
            for reader in [&ben, &cy] {
                articles::record_read(&t.app, &actor(reader), written.id)
                    .await
                    .unwrap();
            }
        }
    }
    let period = hearth_app::domain::DigestPeriod::Weekly;
    let digest = hearth_app::digests::preview(&t.app, ben.id, period, t.clock.now() + 86_400_000)
        .await
        .unwrap()
        .expect("Ben routes things to the weekly digest by default");
    let titles: Vec<&str> = digest.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Widely read", "Quiet one"],
        "most read first, the board's left out"
    );
    assert_eq!(digest.articles[0].reads, 2);
    let own = hearth_app::digests::preview(&t.app, ana.id, period, t.clock.now() + 86_400_000)
        .await
        .unwrap()
        .unwrap();
    assert!(own.articles.is_empty(), "nobody is sent their own articles");
}

async fn a_watched_term_in_a_title_holds_the_article_for_review(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let admin_actor = actor(&admin);
    hearth_app::moderation::add_watch_term(
        &t.app,
        Acting::new(&admin_actor, "192.0.2.1"),
        "project x",
        "hold",
    )
    .await
    .unwrap();
    let held = articles::create(&t.app, &actor(&ana), &draft("All about Project X", None))
        .await
        .unwrap();
    articles::publish(&t.app, &actor(&ana), held.id, None)
        .await
        .unwrap();
    let unseen = articles::get(&t.app, &actor(&ben), held.id).await;
    assert!(
        matches!(unseen, Err(AppError::NotFound(_))),
        "held: {unseen:?}"
    );

    let renamed = articles::create(&t.app, &actor(&ana), &draft("Harmless", None))
        .await
        .unwrap();
    articles::publish(&t.app, &actor(&ana), renamed.id, None)
        .await
        .unwrap();
    assert!(
        articles::get(&t.app, &actor(&ben), renamed.id)
            .await
            .is_ok()
    );
    articles::update(
        &t.app,
        &actor(&ana),
        renamed.id,
        &draft("Now about Project X", None),
    )
    .await
    .unwrap();
    let unseen = articles::get(&t.app, &actor(&ben), renamed.id).await;
    assert!(
        matches!(unseen, Err(AppError::NotFound(_))),
        "held after the new title: {unseen:?}"
    );
    assert!(
        articles::get(&t.app, &actor(&ana), renamed.id)
            .await
            .is_ok(),
        "its author still sees it"
    );
}

async fn upload(t: &TestApp, user: &User, name: &str, bytes: Vec<u8>) -> Upload {
    uploads::receive(
        &t.app,
        &actor(user),
        Incoming {
            name: name.into(),
            purpose: hearth_app::domain::upload::Purpose::Attachment,
            alt_text: None,
        },
        futures_util::stream::iter([Ok::<_, std::io::Error>(bytes)]),
    )
    .await
    .unwrap()
}

async fn files_in_a_body_are_kept_for_the_draft_then_readable_where_the_article_is(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cleo = t.member("cleo@acme.test").await;
    let board = t.community(&ana, "Board", "private").await.id;
    hearth_app::communities::invite(&t.app, &actor(&ana), board, ben.id)
        .await
        .unwrap();
    hearth_app::communities::join(&t.app, &actor(&ben), board)
        .await
        .unwrap();
    let chart = upload(&t, &ana, "chart.jpg", demo_jpeg(3, 640, 480)).await;
    let report = upload(&t, &ana, "report.txt", b"Figures for Q3".to_vec()).await;
    let bens = upload(&t, &ben, "bens.txt", b"Ben's own".to_vec()).await;

    // Without the page script the files come with the form and go at the end.
    let with_files = Draft {
        files: vec![chart.id, report.id],
        ..draft("Q3 in pictures", Some(board))
    };
    let written = articles::create(&t.app, &actor(&ana), &with_files)
        .await
        .unwrap();
    assert!(
        written.body_markdown.ends_with(&format!(
            "![chart\\.jpg](/files/{}/large)\n\n[report\\.txt](/files/{}/original)",
            chart.id, report.id
        )),
        "{}",
        written.body_markdown
    );
    let someone_elses = Draft {
        files: vec![bens.id],
        ..draft("Borrowed", None)
    };
    let refused = articles::create(&t.app, &actor(&ana), &someone_elses).await;
    assert!(
        matches!(refused, Err(AppError::Invalid(ref i)) if i.field == "files"),
        "{refused:?}"
    );

    // A draft waits for weeks: the sweeper keeps what its body names, and no post
    // may take it meanwhile.
    t.clock.advance(Duration::from_secs(3 * 24 * 3600));
    uploads::sweep(&t.app).await.unwrap();
    uploads::get(&t.app, &actor(&ana), chart.id).await.unwrap();
    let taken = posts::create(
        &t.app,
        &actor(&ana),
        &posts::NewPost {
            body: "Look".into(),
            attachments: vec![report.id],
            ..posts::NewPost::default()
        },
    )
    .await;
    assert!(
        matches!(taken, Err(AppError::Invalid(_))),
        "kept for the article: {taken:?}"
    );
    let unread = uploads::get(&t.app, &actor(&ben), chart.id).await;
    assert!(
        matches!(unread, Err(AppError::NotFound(_))),
        "a draft's files are its author's alone: {unread:?}"
    );

    let published = articles::publish(&t.app, &actor(&ana), written.id, None)
        .await
        .unwrap();
    for file in [chart.id, report.id] {
        uploads::get(&t.app, &actor(&ben), file).await.unwrap();
        let outside = uploads::get(&t.app, &actor(&cleo), file).await;
        assert!(
            matches!(outside, Err(AppError::NotFound(_))),
            "only where the article may be read: {outside:?}"
        );
    }
    let page = articles::get(&t.app, &actor(&ben), published.id)
        .await
        .unwrap();
    assert!(
        page.rendered.html.contains(&format!(
            "<img src=\"/files/{}/large\" alt=\"chart.jpg\"",
            chart.id
        )),
        "{}",
        page.rendered.html
    );

    // A file written into the published body later becomes the post's too, but
    // someone else's stays theirs.
    let later = upload(&t, &ana, "later.jpg", demo_jpeg(5, 320, 200)).await;
    let body = format!(
        "{}\n\n![Later](/files/{}/large) and [Ben's](/files/{}/original)",
        page.post.as_ref().unwrap().post.body_markdown,
        later.id,
        bens.id
    );
    articles::update(
        &t.app,
        &actor(&ana),
        published.id,
        &Draft {
            body,
            ..draft("Q3 in pictures", Some(board))
        },
    )
    .await
    .unwrap();
    uploads::get(&t.app, &actor(&ben), later.id).await.unwrap();
    let not_taken = uploads::get(&t.app, &actor(&ana), bens.id).await;
    assert!(
        matches!(not_taken, Err(AppError::NotFound(_))),
        "{not_taken:?}"
    );
    // Taken out of the body again, it is no longer readable through the article.
    articles::update(
        &t.app,
        &actor(&ana),
        published.id,
        &Draft {
            body: page.post.as_ref().unwrap().post.body_markdown.clone(),
            ..draft("Q3 in pictures", Some(board))
        },
    )
    .await
    .unwrap();
    let taken_out = uploads::get(&t.app, &actor(&ben), later.id).await;
    assert!(
        matches!(taken_out, Err(AppError::NotFound(_))),
        "{taken_out:?}"
    );
    uploads::get(&t.app, &actor(&ben), chart.id).await.unwrap();

    // A draft keeps a file it stopped naming (an autosave between cutting and
    // pasting it back must not lose it) until it is deleted.
    let loose = upload(&t, &ana, "loose.txt", b"loose".to_vec()).await;
    let second = articles::create(
        &t.app,
        &actor(&ana),
        &Draft {
            files: vec![loose.id],
            ..draft("Second", None)
        },
    )
    .await
    .unwrap();
    articles::update(&t.app, &actor(&ana), second.id, &draft("Second", None))
        .await
        .unwrap();
    t.clock.advance(Duration::from_secs(2 * 24 * 3600));
    uploads::sweep(&t.app).await.unwrap();
    uploads::get(&t.app, &actor(&ana), loose.id).await.unwrap();
    articles::delete(&t.app, &actor(&ana), second.id)
        .await
        .unwrap();
    uploads::sweep(&t.app).await.unwrap();
    let swept = uploads::get(&t.app, &actor(&ana), loose.id).await;
    assert!(matches!(swept, Err(AppError::NotFound(_))), "{swept:?}");

    // A body may show its own cover; another draft may not take it.
    let cover = upload(&t, &ana, "cover.jpg", demo_jpeg(9, 800, 400)).await;
    let shown = format!("![Cover](/files/{}/large)", cover.id);
    let covered = articles::create(
        &t.app,
        &actor(&ana),
        &Draft {
            cover_id: Some(cover.id),
            body: shown.clone(),
            ..draft("Covered twice", None)
        },
    )
    .await
    .unwrap();
    let thief = articles::create(
        &t.app,
        &actor(&ana),
        &Draft {
            body: shown,
            ..draft("Thief", None)
        },
    )
    .await
    .unwrap();
    articles::publish(&t.app, &actor(&ana), thief.id, None)
        .await
        .unwrap();
    articles::publish(&t.app, &actor(&ana), covered.id, None)
        .await
        .unwrap();
    let card = articles::get(&t.app, &actor(&ben), covered.id)
        .await
        .unwrap();
    assert_eq!(card.article.cover_id, Some(cover.id));
}

async fn search_finds_an_article_by_its_title_and_summary(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let find = |q: &'static str| {
        let t = &t;
        let ben = &ben;
        async move {
            search::search(
                &t.app,
                &actor(ben),
                &SearchRequest {
                    q: q.to_owned(),
                    scope: Scope::Posts,
                    ..SearchRequest::default()
                },
            )
            .await
            .unwrap()
            .posts
            .into_iter()
            .map(|hit| hit.view.post.id)
            .collect::<Vec<_>>()
        }
    };
    let written = articles::create(
        &t.app,
        &actor(&ana),
        &Draft {
            summary: "Why the kettle matters".into(),
            ..draft("Zeppelin roadmap", None)
        },
    )
    .await
    .unwrap();
    assert!(find("zeppelin").await.is_empty(), "drafts are never found");
    let published = articles::publish(&t.app, &actor(&ana), written.id, None)
        .await
        .unwrap();
    let post = published.post_id.unwrap();
    assert_eq!(find("zeppelin").await, vec![post], "by a word of its title");
    assert_eq!(find("kettle").await, vec![post], "by its summary");
    assert_eq!(
        find("zeppelin progress").await,
        vec![post],
        "a title word and a body word together"
    );
    let mentions = posts::create(
        &t.app,
        &actor(&ana),
        &posts::NewPost {
            body: "Our zeppelin plans, zeppelin again, and the zeppelin budget".into(),
            ..posts::NewPost::default()
        },
    )
    .await
    .unwrap();
    let ranked = find("zeppelin").await;
    assert_eq!(ranked.len(), 2);
    assert_eq!(
        ranked[0], post,
        "a title's word weighs more than a body's: {ranked:?}"
    );
    assert_eq!(ranked[1], mentions.id);

    // A new title is found and the old one no longer.
    articles::update(
        &t.app,
        &actor(&ana),
        published.id,
        &Draft {
            summary: "Why the kettle matters".into(),
            ..draft("Airship roadmap", None)
        },
    )
    .await
    .unwrap();
    assert_eq!(find("airship").await, vec![post]);
    assert_eq!(find("zeppelin").await, vec![mentions.id]);
}
