use hearth_app::accounts::{self, NewAccount};
use hearth_app::domain::{Actor, Role, SessionId, UserStatus};
use hearth_app::sessions::{self, ClientInfo};
use hearth_app::tokens::{Presence, RECENT_SIGN_IN};
use hearth_app::{AppError, tokens};
use hearth_store::sessions::SessionRow;
use hearth_store::users;
use hearth_testkit::{PASSWORD, TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    a_token_acts_as_its_owner_until_revoked,
    tokens_are_managed_by_their_owner_alone,
    a_deactivated_owners_tokens_stop_working,
    malformed_tokens_and_names_are_refused,
    a_token_needs_a_session_and_the_password_or_a_recent_sign_in,
    a_person_without_a_password_signs_in_again_to_create_a_token,
);

/// A fresh sign-in of `email`, as the session a token is asked for from.
async fn fresh_sign_in(t: &TestApp, email: &str) -> Presence<'static> {
    let client = ClientInfo {
        address: "10.0.0.1".to_owned(),
        user_agent: "test".to_owned(),
    };
    let signed_in = sessions::sign_in(&t.app, email, PASSWORD, &client)
        .await
        .unwrap();
    Presence {
        session: Some(signed_in.session_id),
        current_password: None,
    }
}

fn is_asked_for_the_password(outcome: &Result<tokens::NewToken, AppError>) -> bool {
    matches!(outcome, Err(AppError::Invalid(invalid)) if invalid.field == "current_password")
}

async fn a_token_acts_as_its_owner_until_revoked(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let actor = Actor::User(ana.clone());
    let presence = fresh_sign_in(&t, "ana@acme.test").await;
    let created = tokens::create(&t.app, &actor, ana.id, "deploy script", presence)
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
    let presence = fresh_sign_in(&t, "admin@acme.test").await;
    let refused = tokens::create(&t.app, &Actor::User(admin.clone()), ana.id, "x", presence).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );

    let anas = tokens::create(
        &t.app,
        &Actor::Operator,
        ana.id,
        "from the CLI",
        Presence::default(),
    )
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
    let presence = fresh_sign_in(&t, "ana@acme.test").await;
    let created = tokens::create(&t.app, &Actor::User(ana.clone()), ana.id, "x", presence)
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
    let refused =
        tokens::create(&t.app, &Actor::Operator, ana.id, "new", Presence::default()).await;
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
    let presence = fresh_sign_in(&t, "ana@acme.test").await;
    let refused = tokens::create(&t.app, &Actor::User(ana.clone()), ana.id, "   ", presence).await;
    assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    assert!(
        tokens::list(&t.app, &Actor::User(ana))
            .await
            .unwrap()
            .is_empty()
    );
}

/// A stolen session cookie or a leaked token must not be enough to mint a token.
async fn a_token_needs_a_session_and_the_password_or_a_recent_sign_in(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let actor = Actor::User(ana.clone());
    let fresh = fresh_sign_in(&t, "ana@acme.test").await;
    let confirmed = |current_password| Presence {
        current_password,
        ..fresh
    };
    let first = tokens::create(&t.app, &actor, ana.id, "just signed in", fresh)
        .await
        .expect("a sign-in a moment ago is enough");

    let with_a_token = Presence {
        session: None,
        current_password: Some(PASSWORD),
    };
    let refused = tokens::create(&t.app, &actor, ana.id, "by a token", with_a_token).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );

    t.clock.advance(RECENT_SIGN_IN + Duration::from_secs(1));
    let stale = tokens::create(&t.app, &actor, ana.id, "later", fresh).await;
    assert!(is_asked_for_the_password(&stale), "{stale:?}");
    let wrong = tokens::create(&t.app, &actor, ana.id, "later", confirmed(Some("a guess"))).await;
    assert!(is_asked_for_the_password(&wrong), "{wrong:?}");
    let names: Vec<String> = tokens::list(&t.app, &actor)
        .await
        .unwrap()
        .into_iter()
        .map(|token| token.name)
        .collect();
    assert_eq!(names, ["just signed in"], "refusals create nothing");

    tokens::create(&t.app, &actor, ana.id, "later", confirmed(Some(PASSWORD)))
        .await
        .expect("the current password confirms it");
    tokens::authenticate(&t.app, &first.secret).await.unwrap();
    assert_eq!(tokens::list(&t.app, &actor).await.unwrap().len(), 2);
}

/// Someone who signs in through single sign-on has no password to confirm with.
async fn a_person_without_a_password_signs_in_again_to_create_a_token(db: TestDb) {
    let t = TestApp::new(db).await;
    t.admin().await;
    let cy = accounts::create_user(
        &t.app,
        &Actor::Operator,
        NewAccount {
            email: "cy@acme.test",
            name: "Cy",
            password: None,
            role: Role::Member,
            company_if_new: None,
        },
    )
    .await
    .unwrap();
    let now = t.clock.now();
    let session = SessionRow {
        id: 4242,
        user_id: cy.id.0,
        created_at: now,
        last_seen_at: now,
        expires_at: now + 86_400_000,
        user_agent: "test".to_owned(),
        client_ip: "10.0.0.3".to_owned(),
    };
    {
        let mut conn = t.app.store().conn().await.unwrap();
        hearth_store::sessions::insert(&mut conn, &session, "hash of a single sign-on session")
            .await
            .unwrap();
    }
    let actor = Actor::User(cy.clone());
    let presence = Presence {
        session: Some(SessionId(session.id)),
        current_password: None,
    };
    tokens::create(&t.app, &actor, cy.id, "right after signing in", presence)
        .await
        .expect("a fresh single sign-on sign-in is enough");

    t.clock.advance(RECENT_SIGN_IN + Duration::from_secs(1));
    let stale = tokens::create(&t.app, &actor, cy.id, "later", presence).await;
    assert!(is_asked_for_the_password(&stale), "{stale:?}");
    let typed = Presence {
        current_password: Some("anything at all"),
        ..presence
    };
    let refused = tokens::create(&t.app, &actor, cy.id, "later", typed).await;
    assert!(is_asked_for_the_password(&refused), "{refused:?}");
    assert_eq!(tokens::list(&t.app, &actor).await.unwrap().len(), 1);
}
