use hearth_app::AppError;
use hearth_app::audit::Acting;
use hearth_app::domain::praise::PraiseKind;
use hearth_app::domain::{Actor, NotificationKind, PostId, ProfileChanges, User, UserId};
use hearth_app::feeds;
use hearth_app::notifications::{self, NotificationView};
use hearth_app::people::{self, PersonRef};
use hearth_app::posts::{self, NewPost};
use hearth_app::praise::{self, NewPraise};
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    praise_names_colleagues_shows_on_their_profiles_and_tells_them,
    managers_hear_of_their_reports_praise_only_when_the_network_says_so,
    bad_praise_is_refused_and_changes_nothing,
    praise_in_a_closed_community_stays_in_it,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn praise(
    t: &TestApp,
    author: &User,
    community: Option<hearth_app::domain::CommunityId>,
    kind: &str,
    people: &[&User],
) -> Result<PostId, AppError> {
    posts::create(
        &t.app,
        &actor(author),
        &NewPost {
            community_id: community,
            body: "Thank you for staying late to get the release out!".to_owned(),
            praise: Some(NewPraise {
                kind: kind.to_owned(),
                recipients: people.iter().map(|p| p.id).collect(),
            }),
            ..NewPost::default()
        },
    )
    .await
    .map(|post| post.id)
}

async fn told(t: &TestApp, user: &User) -> Vec<NotificationView> {
    t.app.settled().await;
    notifications::list(&t.app, &actor(user), None, 100)
        .await
        .unwrap()
        .notifications
}

async fn praise_names_colleagues_shows_on_their_profiles_and_tells_them(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let dan = t.member("dan@acme.test").await;
    let id = praise(&t, &ana, None, "teamwork", &[&cy, &ben])
        .await
        .unwrap();

    let shown = feeds::get(&t.app, &actor(&dan), id).await.unwrap();
    let card = shown.praise.expect("a praise post shows whom it thanks");
    assert_eq!(card.kind, PraiseKind::Teamwork);
    let named: Vec<UserId> = card.recipients.iter().map(|p| p.id).collect();
    assert_eq!(named, [ben.id, cy.id], "by name, then as they came");

    for person in [&ben, &cy] {
        let notices = told(&t, person).await;
        assert_eq!(notices.len(), 1, "{}", person.email);
        assert_eq!(notices[0].kind, NotificationKind::Praise);
        assert_eq!(notices[0].actor_ids, [ana.id]);
    }
    assert!(told(&t, &ana).await.is_empty());
    assert!(told(&t, &dan).await.is_empty(), "nobody else is told");

    praise(&t, &dan, None, "thanks", &[&ben]).await.unwrap();
    let received = praise::received(&t.app, &actor(&cy), ben.id, None, None)
        .await
        .unwrap();
    assert_eq!(received.page.posts.len(), 2);
    assert_eq!(
        received.page.posts[0].post.author_id, dan.id,
        "newest first"
    );
    let count = |kind| {
        received
            .counts
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, n)| *n)
    };
    assert_eq!(count(PraiseKind::Thanks), Some(1));
    assert_eq!(count(PraiseKind::Teamwork), Some(1));
    assert_eq!(count(PraiseKind::Welcome), Some(0));
    let none = praise::received(&t.app, &actor(&ben), ana.id, None, None)
        .await
        .unwrap();
    assert!(none.page.posts.is_empty());
}

async fn managers_hear_of_their_reports_praise_only_when_the_network_says_so(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let boss = t.member("boss@acme.test").await;
    people::update(
        &t.app,
        &actor(&admin),
        &PersonRef::Id(ben.id),
        &ProfileChanges {
            manager_id: Some(Some(boss.id)),
            ..ProfileChanges::default()
        },
    )
    .await
    .unwrap();
    praise(&t, &ana, None, "thanks", &[&ben]).await.unwrap();
    assert!(told(&t, &boss).await.is_empty(), "off by default");

    let admin_actor = actor(&admin);
    let by = Acting::new(&admin_actor, "192.0.2.1");
    let ana_actor = actor(&ana);
    let refused =
        praise::set_tells_managers(&t.app, Acting::new(&ana_actor, "192.0.2.1"), true).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    assert!(praise::set_tells_managers(&t.app, by, true).await.unwrap());
    assert!(praise::tells_managers(&t.app, &actor(&ana)).await.unwrap());
    let id = praise(&t, &ana, None, "above_and_beyond", &[&ben])
        .await
        .unwrap();
    let notices = told(&t, &boss).await;
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].kind, NotificationKind::PraiseForReport);
    assert_eq!(notices[0].about, notifications::About::Post(id.0));
}

async fn bad_praise_is_refused_and_changes_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cases: [(&str, Vec<&User>, &str); 3] = [
        ("kudos", vec![&ben], "praise_kind"),
        ("thanks", vec![], "recipients"),
        ("thanks", vec![&ana], "recipients"),
    ];
    for (kind, people, field) in cases {
        match praise(&t, &ana, None, kind, &people).await {
            Err(AppError::Invalid(invalid)) => assert_eq!(invalid.field, field, "{kind}"),
            other => panic!("{kind}: {other:?}"),
        }
    }
    let stranger = posts::create(
        &t.app,
        &actor(&ana),
        &NewPost {
            body: "Thanks!".to_owned(),
            praise: Some(NewPraise {
                kind: "thanks".to_owned(),
                recipients: vec![UserId(987_654_321)],
            }),
            ..NewPost::default()
        },
    )
    .await;
    assert!(
        matches!(stranger, Err(AppError::Invalid(ref i)) if i.field == "recipients"),
        "{stranger:?}"
    );
    let unknown = praise::recipients_by_handle(&t.app, &actor(&ana), "@ben @nobody").await;
    assert!(matches!(unknown, Err(AppError::Invalid(_))), "{unknown:?}");
    assert_eq!(
        praise::recipients_by_handle(&t.app, &actor(&ana), "@ben, ben")
            .await
            .unwrap(),
        [ben.id]
    );
    let home = feeds::feed(&t.app, &actor(&ana), &feeds::Feed::Home, None, None)
        .await
        .unwrap();
    assert!(
        home.posts.is_empty(),
        "no refused praise left a post behind"
    );
    assert!(told(&t, &ben).await.is_empty());
}

async fn praise_in_a_closed_community_stays_in_it(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let secret = t.community(&ana, "Board", "secret").await;
    hearth_app::communities::invite(&t.app, &actor(&ana), secret.id, ben.id)
        .await
        .unwrap();
    hearth_app::communities::join(&t.app, &actor(&ben), secret.id)
        .await
        .unwrap();
    // Nobody is thanked where they cannot read it.
    let outside = praise(&t, &ana, Some(secret.id), "thanks", &[&cy]).await;
    assert!(
        matches!(outside, Err(AppError::Invalid(ref i)) if i.field == "recipients"),
        "{outside:?}"
    );

    let id = praise(&t, &ana, Some(secret.id), "teamwork", &[&ben])
        .await
        .unwrap();
    assert_eq!(told(&t, &ben).await.len(), 1);
    let seen_by_cy = praise::received(&t.app, &actor(&cy), ben.id, None, None)
        .await
        .unwrap();
    assert!(
        seen_by_cy.page.posts.is_empty(),
        "an outsider sees none of it"
    );
    assert!(
        seen_by_cy.counts.iter().all(|(_, n)| *n == 0),
        "not even its count"
    );
    let seen_by_ben = praise::received(&t.app, &actor(&ben), ben.id, None, None)
        .await
        .unwrap();
    assert_eq!(seen_by_ben.page.posts[0].post.id, id);
}
