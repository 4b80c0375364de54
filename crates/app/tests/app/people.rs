use hearth_app::AppError;
use hearth_app::domain::{Actor, NetworkId, ProfileChanges, User};
use hearth_app::people::{self, DirectoryQuery, PersonRef};
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    new_accounts_get_a_unique_handle_from_their_e_mail,
    people_edit_their_own_profile_and_admins_anyones,
    a_taken_handle_or_a_bad_manager_is_refused_and_changes_nothing,
    the_directory_lists_colleagues_by_name_and_filters_a_page_at_a_time,
    following_is_idempotent_counted_and_confined_to_the_network,
);

fn id(user: &User) -> PersonRef {
    PersonRef::Id(user.id)
}

async fn new_accounts_get_a_unique_handle_from_their_e_mail(db: TestDb) {
    let t = TestApp::new(db).await;
    let first = t.member("ana.lima@acme.test").await;
    let second = t.member("ana.lima@other.test").await;
    let viewer = Actor::User(first.clone());
    let a = people::get(&t.app, &viewer, &id(&first)).await.unwrap();
    let b = people::get(&t.app, &viewer, &id(&second)).await.unwrap();
    assert_eq!(a.profile.handle, "ana_lima");
    assert_eq!(b.profile.handle, "ana_lima2");
    let by_handle = people::get(&t.app, &viewer, &PersonRef::parse("@Ana_Lima2"))
        .await
        .unwrap();
    assert_eq!(by_handle.profile.user_id, second.id);
}

async fn people_edit_their_own_profile_and_admins_anyones(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let changes = ProfileChanges {
        job_title: Some("Buyer".into()),
        department: Some("Purchasing".into()),
        time_zone: Some("Europe/Lisbon".into()),
        manager_id: Some(Some(admin.id)),
        display_name: Some("Ana Lima".into()),
        ..ProfileChanges::default()
    };
    let updated = people::update(&t.app, &Actor::User(ana.clone()), &id(&ana), &changes)
        .await
        .unwrap();
    assert_eq!(updated.job_title, "Buyer");
    assert_eq!(updated.manager_id, Some(admin.id));
    assert_eq!(updated.display_name, "Ana Lima");
    assert_eq!(updated.location, "", "untouched fields keep their value");

    let refused = people::update(
        &t.app,
        &Actor::User(ben),
        &id(&ana),
        &ProfileChanges {
            job_title: Some("Intern".into()),
            ..ProfileChanges::default()
        },
    )
    .await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );

    let by_admin = people::update(
        &t.app,
        &Actor::User(admin),
        &id(&ana),
        &ProfileChanges {
            department: Some("Procurement".into()),
            manager_id: Some(None),
            ..ProfileChanges::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(by_admin.department, "Procurement");
    assert_eq!(by_admin.manager_id, None);
    assert_eq!(by_admin.job_title, "Buyer");
}

async fn a_taken_handle_or_a_bad_manager_is_refused_and_changes_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    t.member("ben@acme.test").await;
    let as_ana = Actor::User(ana.clone());
    let taken = people::update(
        &t.app,
        &as_ana,
        &id(&ana),
        &ProfileChanges {
            handle: Some("ben".into()),
            job_title: Some("Should not stick".into()),
            ..ProfileChanges::default()
        },
    )
    .await;
    match taken {
        Err(AppError::Conflict { field, .. }) => assert_eq!(field, Some("handle")),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let own_manager = people::update(
        &t.app,
        &as_ana,
        &id(&ana),
        &ProfileChanges {
            manager_id: Some(Some(ana.id)),
            ..ProfileChanges::default()
        },
    )
    .await;
    assert!(
        matches!(own_manager, Err(AppError::Invalid(_))),
        "{own_manager:?}"
    );
    let stranger = people::update(
        &t.app,
        &as_ana,
        &id(&ana),
        &ProfileChanges {
            manager_id: Some(Some(hearth_app::domain::UserId(12345))),
            ..ProfileChanges::default()
        },
    )
    .await;
    assert!(
        matches!(stranger, Err(AppError::Invalid(_))),
        "{stranger:?}"
    );
    let card = people::get(&t.app, &as_ana, &id(&ana)).await.unwrap();
    assert_eq!(card.profile.handle, "ana");
    assert_eq!(card.profile.job_title, "");
}

async fn the_directory_lists_colleagues_by_name_and_filters_a_page_at_a_time(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let names = [
        ("carla", "Sales"),
        ("bruno", "sales"),
        ("dora", "Finance"),
        ("abel", "Sales"),
        ("eva", "Sales"),
    ];
    for (name, department) in names {
        let user = t.member(&format!("{name}@acme.test")).await;
        people::update(
            &t.app,
            &Actor::User(admin.clone()),
            &id(&user),
            &ProfileChanges {
                department: Some(department.into()),
                ..ProfileChanges::default()
            },
        )
        .await
        .unwrap();
    }
    let gone = t.member("zack@acme.test").await;
    {
        let mut conn = t.app.store().conn().await.unwrap();
        hearth_store::users::set_status(
            &mut conn,
            gone.id,
            hearth_app::domain::UserStatus::Deactivated,
            None,
            t.clock.now(),
        )
        .await
        .unwrap();
    }
    let viewer = Actor::User(admin.clone());

    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = people::directory(
            &t.app,
            &viewer,
            &DirectoryQuery {
                department: Some("SALES".into()),
                cursor: cursor.clone(),
                limit: Some(2),
                ..DirectoryQuery::default()
            },
        )
        .await
        .unwrap();
        assert!(page.people.len() <= 2);
        seen.extend(page.people.iter().map(|p| p.display_name.clone()));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, ["Abel", "Bruno", "Carla", "Eva"]);

    let by_name = people::directory(
        &t.app,
        &viewer,
        &DirectoryQuery {
            name: Some("OR".into()),
            ..DirectoryQuery::default()
        },
    )
    .await
    .unwrap();
    let names: Vec<_> = by_name
        .people
        .iter()
        .map(|p| p.display_name.as_str())
        .collect();
    assert_eq!(names, ["Dora"]);
    let all = people::directory(&t.app, &viewer, &DirectoryQuery::default())
        .await
        .unwrap();
    assert_eq!(all.people.len(), 6, "everyone but the deactivated person");
    let wildcard = people::directory(
        &t.app,
        &viewer,
        &DirectoryQuery {
            name: Some("%".into()),
            ..DirectoryQuery::default()
        },
    )
    .await
    .unwrap();
    assert!(
        wildcard.people.is_empty(),
        "LIKE wildcards are matched literally"
    );

    for bad in [
        DirectoryQuery {
            limit: Some(0),
            ..DirectoryQuery::default()
        },
        DirectoryQuery {
            limit: Some(10_000),
            ..DirectoryQuery::default()
        },
        DirectoryQuery {
            cursor: Some("nonsense".into()),
            ..DirectoryQuery::default()
        },
    ] {
        assert!(matches!(
            people::directory(&t.app, &viewer, &bad).await,
            Err(AppError::Invalid(_))
        ));
    }
}

async fn following_is_idempotent_counted_and_confined_to_the_network(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let as_ben = Actor::User(ben.clone());
    people::follow(&t.app, &as_ben, &id(&ana)).await.unwrap();
    people::follow(&t.app, &as_ben, &id(&ana)).await.unwrap();
    let card = people::get(&t.app, &as_ben, &id(&ana)).await.unwrap();
    assert_eq!(
        (card.followers, card.following, card.followed_by_viewer),
        (1, 0, true)
    );
    let followers = people::follow_list(&t.app, &as_ben, &id(&ana), true)
        .await
        .unwrap();
    assert_eq!(
        followers.iter().map(|p| p.user_id).collect::<Vec<_>>(),
        [ben.id]
    );
    let following = people::follow_list(&t.app, &as_ben, &id(&ben), false)
        .await
        .unwrap();
    assert_eq!(
        following.iter().map(|p| p.user_id).collect::<Vec<_>>(),
        [ana.id]
    );

    let myself = people::follow(&t.app, &as_ben, &id(&ben)).await;
    assert!(matches!(myself, Err(AppError::Forbidden(_))), "{myself:?}");

    // Someone of another network cannot see, let alone follow, Ana.
    let mut outsider = ben.clone();
    outsider.network_id = NetworkId(ben.network_id.0 + 1);
    outsider.id = hearth_app::domain::UserId(ben.id.0 + 1000);
    let hidden = people::follow(&t.app, &Actor::User(outsider), &id(&ana)).await;
    assert!(matches!(hidden, Err(AppError::NotFound(_))), "{hidden:?}");

    people::unfollow(&t.app, &as_ben, &id(&ana)).await.unwrap();
    people::unfollow(&t.app, &as_ben, &id(&ana)).await.unwrap();
    let card = people::get(&t.app, &as_ben, &id(&ana)).await.unwrap();
    assert_eq!((card.followers, card.followed_by_viewer), (0, false));
}
