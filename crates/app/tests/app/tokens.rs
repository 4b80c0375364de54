use hearth_app::domain::{Actor, UserStatus};
use hearth_app::{AppError, tokens};
use hearth_store::users;
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    a_token_acts_as_its_owner_until_revoked,
    tokens_are_managed_by_their_owner_alone,
    a_deactivated_owners_tokens_stop_working,
    malformed_tokens_and_names_are_refused,
);

async fn a_token_acts_as_its_owner_until_revoked(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let actor = Actor::User(ana.clone());
    let created = tokens::create(&t.app, &actor, ana.id, "deploy script")
        .await
        .unwrap();
    assert!(created.secret.starts_with(tokens::TOKEN_PREFIX));
    assert_eq!(
        tokens::authenticate(&t.app, &created.secret)
            .await
            .unwrap()
            .id,
        ana.id
    );

    let listed = tokens::list(&t.app, &actor).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].name, "deploy script");
    assert!(listed[0].last_used_at.is_some(), "use is recorded");

    tokens::revoke(&t.app, &actor, created.token.id)
        .await
        .unwrap();
    assert!(matches!(
        tokens::authenticate(&t.app, &created.secret).await,
        Err(AppError::Unauthenticated(_))
    ));
}

async fn tokens_are_managed_by_their_owner_alone(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let refused = tokens::create(&t.app, &Actor::User(admin.clone()), ana.id, "x").await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );

    let anas = tokens::create(&t.app, &Actor::Operator, ana.id, "from the CLI")
        .await
        .unwrap();
    let refused = tokens::revoke(&t.app, &Actor::User(admin.clone()), anas.token.id).await;
    assert!(matches!(refused, Err(AppError::NotFound(_))), "{refused:?}");
    assert!(
        tokens::list(&t.app, &Actor::User(admin))
            .await
            .unwrap()
            .is_empty()
    );
    tokens::authenticate(&t.app, &anas.secret)
        .await
        .expect("still valid");
}

async fn a_deactivated_owners_tokens_stop_working(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let created = tokens::create(&t.app, &Actor::User(ana.clone()), ana.id, "x")
        .await
        .unwrap();
    {
        let mut conn = t.app.store().conn().await.unwrap();
        users::set_status(
            &mut conn,
            ana.id,
            UserStatus::Deactivated,
            None,
            t.clock.now(),
        )
        .await
        .unwrap();
    }
    let refused = tokens::authenticate(&t.app, &created.secret).await;
    assert!(
        matches!(refused, Err(AppError::AccountUnavailable(_))),
        "{refused:?}"
    );
    let refused = tokens::create(&t.app, &Actor::Operator, ana.id, "new").await;
    assert!(
        matches!(refused, Err(AppError::AccountUnavailable(_))),
        "{refused:?}"
    );
}

async fn malformed_tokens_and_names_are_refused(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    for bad in [
        "",
        "hth_",
        "Bearer x",
        "hth_not-a-real-token",
        &"x".repeat(10_000),
    ] {
        assert!(matches!(
            tokens::authenticate(&t.app, bad).await,
            Err(AppError::Unauthenticated(_))
        ));
    }
    let refused = tokens::create(&t.app, &Actor::User(ana.clone()), ana.id, "   ").await;
    assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    assert!(
        tokens::list(&t.app, &Actor::User(ana))
            .await
            .unwrap()
            .is_empty()
    );
}
