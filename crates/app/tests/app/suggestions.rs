//! Suggestions while typing: colleagues after `@`, ranked by how much the writer has
//! to do with them, and topics after `#`, counted only where the writer may read.

use hearth_app::audit::Acting;
use hearth_app::domain::{Actor, ProfileChanges, Role, User};
use hearth_app::people::{self, PersonRef};
use hearth_app::suggestions::{self, TopicSuggestion};
use hearth_app::{AppError, chat, lifecycle, posts};
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    suggest_colleagues_the_writer_interacts_with_first_then_by_name,
    suggest_people_by_a_prefix_of_their_handle_or_of_any_word_of_their_name,
    suggest_no_one_who_left_and_no_one_of_another_network,
    suggest_topics_by_use_and_never_from_a_secret_community_to_outsiders,
    suggest_refuses_empty_or_overlong_text_a_bad_limit_and_the_operator,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn named(t: &TestApp, email: &str, name: &str) -> User {
    let user = t.member(email).await;
    people::update(
        &t.app,
        &actor(&user),
        &PersonRef::Id(user.id),
        &ProfileChanges {
            display_name: Some(name.to_owned()),
            ..ProfileChanges::default()
        },
    )
    .await
    .unwrap();
    user
}

async fn handles(t: &TestApp, writer: &User, q: &str) -> Vec<String> {
    suggestions::people(&t.app, &actor(writer), q, None)
        .await
        .unwrap()
        .into_iter()
        .map(|profile| profile.handle)
        .collect()
}

async fn tags(t: &TestApp, writer: &User, q: &str) -> Vec<(String, i64)> {
    suggestions::topics(&t.app, &actor(writer), q, None)
        .await
        .unwrap()
        .into_iter()
        .map(|TopicSuggestion { tag, count }| (tag, count))
        .collect()
}

async fn suggest_colleagues_the_writer_interacts_with_first_then_by_name(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = named(&t, "ana@acme.test", "Ana Lima").await;
    let bea = named(&t, "bea@acme.test", "Bea Costa").await;
    let bianca = named(&t, "bianca@acme.test", "Bianca Souza").await;
    let bruno = named(&t, "bruno@acme.test", "Bruno Dias").await;

    assert_eq!(
        handles(&t, &ana, "b").await,
        ["bea", "bianca", "bruno"],
        "without interactions, by name"
    );

    // Ana reacts to Bianca's post and chats with her; she follows Bruno, replies to
    // him and mentions him.
    let by_bianca = t.post(&bianca, None, "Lunch menu is up").await;
    posts::react(&t.app, &actor(&ana), by_bianca.id, "like", true)
        .await
        .unwrap();
    assert_eq!(handles(&t, &ana, "b").await, ["bianca", "bea", "bruno"]);

    chat::start_direct(&t.app, &actor(&ana), bruno.id)
        .await
        .unwrap();
    let by_bruno = t.post(&bruno, None, "Quarterly numbers").await;
    posts::reply(&t.app, &actor(&ana), by_bruno.id, "Thanks!")
        .await
        .unwrap();
    assert_eq!(handles(&t, &ana, "b").await, ["bruno", "bianca", "bea"]);

    people::follow(&t.app, &actor(&ana), &PersonRef::Id(bianca.id))
        .await
        .unwrap();
    t.post(&ana, None, "Welcome @bianca and @bianca again")
        .await;
    assert_eq!(
        handles(&t, &ana, "b").await,
        ["bianca", "bruno", "bea"],
        "following and mentioning outweigh a reply and a chat"
    );

    // The ranking is the writer's own: Bea has done nothing with anyone.
    assert_eq!(handles(&t, &bea, "b").await, ["bianca", "bruno"]);
    let two = suggestions::people(&t.app, &actor(&ana), "b", Some(2))
        .await
        .unwrap();
    assert_eq!(two.len(), 2, "the limit holds");
}

async fn suggest_people_by_a_prefix_of_their_handle_or_of_any_word_of_their_name(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = named(&t, "ana@acme.test", "Ana Lima").await;
    named(&t, "bea@acme.test", "Bea Costa").await;
    named(&t, "carla@acme.test", "Maria Carla Nunes").await;
    named(&t, "under_score@acme.test", "Dee Percent").await;

    assert_eq!(handles(&t, &ana, "cos").await, ["bea"], "a later word");
    assert_eq!(handles(&t, &ana, "@Bea").await, ["bea"], "the @ and case");
    assert_eq!(
        handles(&t, &ana, "carla").await,
        ["carla"],
        "handle and word"
    );
    assert_eq!(handles(&t, &ana, "nun").await, ["carla"]);
    assert_eq!(handles(&t, &ana, "maria carla").await, ["carla"]);
    assert!(
        handles(&t, &ana, "osta").await.is_empty(),
        "not inside a word"
    );
    assert_eq!(handles(&t, &ana, "under_").await, ["under_score"]);
    // LIKE's wildcards are plain characters.
    assert!(handles(&t, &ana, "%").await.is_empty());
    assert!(handles(&t, &ana, "_").await.is_empty());
    assert!(
        handles(&t, &ana, "ana").await.is_empty(),
        "never the writer"
    );
}

async fn suggest_no_one_who_left_and_no_one_of_another_network(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = named(&t, "ana@acme.test", "Ana Lima").await;
    let gone = named(&t, "gabriel@acme.test", "Gabriel Gone").await;
    let guest = t.partner_outsider(&ana, Role::Member).await;
    named(&t, "gustavo@acme.test", "Gustavo Reis").await;

    assert_eq!(handles(&t, &ana, "g").await, ["gabriel", "gustavo"]);
    let admin_actor = actor(&admin);
    lifecycle::deactivate(
        &t.app,
        Acting::new(&admin_actor, "192.0.2.1"),
        gone.id,
        "left the company",
    )
    .await
    .unwrap();
    assert_eq!(
        handles(&t, &ana, "g").await,
        ["gustavo"],
        "neither who left nor the partner network's guest"
    );
    assert!(
        handles(&t, &guest, "a").await.is_empty(),
        "the guest sees no one of the home network"
    );
}

async fn suggest_topics_by_use_and_never_from_a_secret_community_to_outsiders(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let bea = t.member("bea@acme.test").await;
    let secret = t.community(&ana, "Board", "secret").await;
    let private = t.community(&ana, "Leads", "private").await;

    t.post(&ana, None, "Booked the #offsite").await;
    let post = t
        .post(&bea, None, "More on the #Offsite and the #office")
        .await;
    posts::reply(&t.app, &actor(&ana), post.id, "See #office_hours")
        .await
        .unwrap();
    t.post(&ana, Some(&secret), "Plans for #offshore #office")
        .await;
    t.post(&ana, Some(&private), "The #offboarding checklist")
        .await;

    let expected = |list: &[(&str, i64)]| -> Vec<(String, i64)> {
        list.iter()
            .map(|(tag, n)| ((*tag).to_owned(), *n))
            .collect()
    };
    assert_eq!(
        tags(&t, &bea, "#OFF").await,
        expected(&[("offsite", 2), ("office", 1), ("office_hours", 1)]),
        "most used first; nothing from the secret or private community"
    );
    assert_eq!(
        tags(&t, &ana, "off").await,
        expected(&[
            ("office", 2),
            ("offsite", 2),
            ("offboarding", 1),
            ("office_hours", 1),
            ("offshore", 1),
        ]),
        "a member counts her communities' posts"
    );
    assert_eq!(
        tags(&t, &admin, "offs").await,
        expected(&[("offsite", 2), ("offshore", 1)]),
        "network admins read every community"
    );
    assert!(tags(&t, &bea, "%").await.is_empty());
    assert!(tags(&t, &bea, "zzz").await.is_empty());

    let guest = t.partner_outsider(&ana, Role::Member).await;
    assert!(
        tags(&t, &guest, "o").await.is_empty(),
        "another network's tags are not suggested"
    );

    posts::delete(&t.app, &actor(&bea), post.id).await.unwrap();
    assert_eq!(
        tags(&t, &bea, "off").await,
        expected(&[("office_hours", 1), ("offsite", 1)]),
        "a deleted post no longer counts (its reply still does)"
    );
}

async fn suggest_refuses_empty_or_overlong_text_a_bad_limit_and_the_operator(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let long = "a".repeat(65);
    for (q, limit, field) in [
        ("", None, "q"),
        ("   ", None, "q"),
        ("a\u{0}b", None, "q"),
        ("a\tb", None, "q"),
        (long.as_str(), None, "q"),
        ("a", Some(0), "limit"),
        ("a", Some(21), "limit"),
    ] {
        let people = suggestions::people(&t.app, &actor(&ana), q, limit).await;
        assert!(
            matches!(&people, Err(AppError::Invalid(e)) if e.field == field),
            "{q:?} {limit:?}: {people:?}"
        );
        let topics = suggestions::topics(&t.app, &actor(&ana), q, limit).await;
        assert!(
            matches!(&topics, Err(AppError::Invalid(e)) if e.field == field),
            "{q:?} {limit:?}: {topics:?}"
        );
    }
    assert!(matches!(
        suggestions::people(&t.app, &actor(&ana), " @ ", None).await,
        Err(AppError::Invalid(_))
    ));
    assert!(matches!(
        suggestions::topics(&t.app, &actor(&ana), "#", None).await,
        Err(AppError::Invalid(_))
    ));
    assert!(
        suggestions::people(&t.app, &actor(&ana), &"a".repeat(64), Some(20))
            .await
            .is_ok()
    );
    assert!(matches!(
        suggestions::people(&t.app, &Actor::Operator, "a", None).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        suggestions::topics(&t.app, &Actor::Operator, "a", None).await,
        Err(AppError::Forbidden(_))
    ));
}
