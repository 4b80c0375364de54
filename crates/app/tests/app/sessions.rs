use hearth_app::domain::{Actor, User, UserStatus};
use hearth_app::sessions::{self, ClientInfo, PasswordChange};
use hearth_app::tokens::{self, NewToken};
use hearth_app::{AppError, SignInLimits};
use hearth_store::{identities, users};
use hearth_testkit::sqlx;
use hearth_testkit::{PASSWORD, TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    the_right_password_gives_a_session_that_authenticates,
    a_wrong_password_and_an_unknown_e_mail_get_the_same_answer,
    sessions_end_when_idle_and_at_their_absolute_limit,
    signing_out_ends_only_that_session,
    signing_out_everywhere_ends_every_session_of_that_person_only,
    deactivated_and_suspended_accounts_cannot_sign_in_and_lose_their_sessions,
    sign_in_is_throttled_per_account_and_per_address,
    failures_from_one_address_do_not_lock_the_owner_out,
    signing_out_everywhere_revokes_the_tokens_only_when_asked,
    changing_the_password_revokes_the_tokens_only_when_asked,
    session_secrets_are_stored_only_as_hashes,
    changing_the_password_ends_the_other_sessions,
    people_revoke_only_their_own_sessions,
    sightings_are_written_together_and_keep_active_sessions_alive,
);

fn client(address: &str) -> ClientInfo {
    ClientInfo {
        address: address.to_owned(),
        user_agent: "test".to_owned(),
    }
}

async fn the_right_password_gives_a_session_that_authenticates(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let signed_in = sessions::sign_in(&t.app, " ANA@acme.test", PASSWORD, &client("10.0.0.1"))
        .await
        .unwrap();
    assert_eq!(signed_in.user.id, ana.id);
    assert_eq!(signed_in.secret.len(), 43, "256 bits, base64url");
    let authenticated = sessions::authenticate(&t.app, &signed_in.secret)
        .await
        .unwrap();
    assert_eq!(authenticated.user.id, ana.id);
    assert_eq!(authenticated.session_id, signed_in.session_id);
    let listed = sessions::list(&t.app, &Actor::User(ana)).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].client_ip, "10.0.0.1");
}

async fn a_wrong_password_and_an_unknown_e_mail_get_the_same_answer(db: TestDb) {
    let t = TestApp::new(db).await;
    t.member("ana@acme.test").await;
    let wrong = sessions::sign_in(&t.app, "ana@acme.test", "not the password", &client("a")).await;
    let unknown = sessions::sign_in(&t.app, "nobody@acme.test", PASSWORD, &client("b")).await;
    match (wrong, unknown) {
        (Err(AppError::Unauthenticated(a)), Err(AppError::Unauthenticated(b))) => assert_eq!(a, b),
        other => panic!("expected two identical refusals, got {other:?}"),
    }
    let empty = sessions::sign_in(&t.app, "ana@acme.test", "", &client("c")).await;
    assert!(matches!(empty, Err(AppError::Invalid(_))), "{empty:?}");
    let garbage = sessions::authenticate(&t.app, "garbage").await;
    assert!(matches!(garbage, Err(AppError::Unauthenticated(_))));
}

async fn sessions_end_when_idle_and_at_their_absolute_limit(db: TestDb) {
    let t = TestApp::new(db).await;
    t.member("ana@acme.test").await;
    let idle = t.app.settings().session_idle_timeout;
    let lifetime = t.app.settings().session_lifetime;

    // Used just within the idle timeout, again and again, until the absolute limit.
    let active = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a"))
        .await
        .unwrap();
    let step = idle - Duration::from_secs(3600);
    let mut elapsed = Duration::ZERO;
    while elapsed + step < lifetime {
        t.clock.advance(step);
        elapsed += step;
        sessions::authenticate(&t.app, &active.secret)
            .await
            .unwrap_or_else(|e| panic!("still valid after {elapsed:?}: {e}"));
    }
    t.clock.advance(lifetime - elapsed);
    assert!(
        sessions::authenticate(&t.app, &active.secret)
            .await
            .is_err(),
        "absolute limit"
    );

    let forgotten = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a"))
        .await
        .unwrap();
    t.clock.advance(idle);
    assert!(
        sessions::authenticate(&t.app, &forgotten.secret)
            .await
            .is_err(),
        "idle limit"
    );
    assert_eq!(
        sessions::purge_expired(&t.app).await.unwrap(),
        0,
        "expired sessions were deleted on sight"
    );
}

async fn signing_out_ends_only_that_session(db: TestDb) {
    let t = TestApp::new(db).await;
    t.member("ana@acme.test").await;
    let laptop = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a"))
        .await
        .unwrap();
    let phone = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("b"))
        .await
        .unwrap();
    sessions::sign_out(&t.app, &laptop.secret).await.unwrap();
    assert!(
        sessions::authenticate(&t.app, &laptop.secret)
            .await
            .is_err()
    );
    sessions::authenticate(&t.app, &phone.secret).await.unwrap();
    sessions::sign_out(&t.app, &laptop.secret)
        .await
        .expect("signing out twice is fine");
}

async fn signing_out_everywhere_ends_every_session_of_that_person_only(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    t.member("ben@acme.test").await;
    let a1 = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a"))
        .await
        .unwrap();
    let a2 = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("b"))
        .await
        .unwrap();
    let ben = sessions::sign_in(&t.app, "ben@acme.test", PASSWORD, &client("c"))
        .await
        .unwrap();
    assert_eq!(
        sessions::sign_out_everywhere(&t.app, &Actor::User(ana), false)
            .await
            .unwrap()
            .sessions_ended,
        2
    );
    assert!(sessions::authenticate(&t.app, &a1.secret).await.is_err());
    assert!(sessions::authenticate(&t.app, &a2.secret).await.is_err());
    sessions::authenticate(&t.app, &ben.secret).await.unwrap();
}

async fn deactivated_and_suspended_accounts_cannot_sign_in_and_lose_their_sessions(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let session = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a"))
        .await
        .unwrap();
    let now = t.clock.now();
    {
        let mut conn = t.app.store().conn().await.unwrap();
        users::set_status(&mut conn, ana.id, UserStatus::Deactivated, None, now)
            .await
            .unwrap();
    }
    let refused = sessions::authenticate(&t.app, &session.secret).await;
    assert!(
        matches!(refused, Err(AppError::AccountUnavailable(_))),
        "{refused:?}"
    );
    let refused = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a")).await;
    match refused {
        Err(AppError::AccountUnavailable(message)) => {
            assert!(message.contains("deactivated"), "{message}")
        }
        other => panic!("expected a clear refusal, got {other:?}"),
    }
    assert!(
        sessions::list(&t.app, &Actor::User(ana.clone()))
            .await
            .unwrap()
            .is_empty()
    );

    let until = now + 3_600_000;
    {
        let mut conn = t.app.store().conn().await.unwrap();
        users::set_status(&mut conn, ana.id, UserStatus::Suspended, Some(until), now)
            .await
            .unwrap();
    }
    let refused = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a")).await;
    assert!(
        matches!(refused, Err(AppError::AccountUnavailable(_))),
        "{refused:?}"
    );
    t.clock.advance(Duration::from_secs(3600));
    sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a"))
        .await
        .expect("a suspension ends by itself");
}

async fn sign_in_is_throttled_per_account_and_per_address(db: TestDb) {
    let limits = SignInLimits {
        per_account_burst: 3,
        per_account_refill: Duration::from_secs(600),
        per_address_burst: 5,
        per_address_refill: Duration::from_secs(600),
    };
    let t = TestApp::with_limits(db, limits).await;
    t.member("ana@acme.test").await;
    t.member("ben@acme.test").await;
    for _ in 0..3 {
        let _ = sessions::sign_in(
            &t.app,
            "ana@acme.test",
            "wrong password",
            &client("10.0.0.1"),
        )
        .await;
    }
    let limited = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("10.0.0.1")).await;
    match limited {
        Err(AppError::RateLimited { retry_after_secs }) => assert!(retry_after_secs > 0),
        other => panic!("expected the account to be throttled, got {other:?}"),
    }
    sessions::sign_in(&t.app, "ben@acme.test", PASSWORD, &client("10.0.0.1"))
        .await
        .expect("another account is not affected");

    for n in 0..5 {
        let _ = sessions::sign_in(
            &t.app,
            &format!("guess{n}@acme.test"),
            "x",
            &client("10.9.9.9"),
        )
        .await;
    }
    let limited = sessions::sign_in(&t.app, "ben@acme.test", PASSWORD, &client("10.9.9.9")).await;
    assert!(
        matches!(limited, Err(AppError::RateLimited { .. })),
        "{limited:?}"
    );
}

/// Five failures for an admin's address used to refuse the admin's right password
/// from anywhere, break-glass sign-in under required single sign-on included.
async fn failures_from_one_address_do_not_lock_the_owner_out(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    {
        let mut conn = t.app.store().conn().await.unwrap();
        identities::set_sso_required(&mut conn, admin.network_id, true)
            .await
            .unwrap();
    }
    let attacker = client("203.0.113.7");
    for _ in 0..5 {
        let refused = sessions::sign_in(&t.app, &admin.email, "a wrong guess", &attacker).await;
        assert!(
            matches!(refused, Err(AppError::Unauthenticated(_))),
            "{refused:?}"
        );
    }
    let throttled = sessions::sign_in(&t.app, &admin.email, PASSWORD, &attacker).await;
    assert!(
        matches!(throttled, Err(AppError::RateLimited { .. })),
        "{throttled:?}"
    );

    let owner = sessions::sign_in(&t.app, &admin.email, PASSWORD, &client("198.51.100.20"))
        .await
        .expect("the admin still signs in from their own address, single sign-on required");
    assert_eq!(owner.user.id, admin.id);
    let still = sessions::sign_in(&t.app, &admin.email, PASSWORD, &attacker).await;
    assert!(
        matches!(still, Err(AppError::RateLimited { .. })),
        "the attacker stays throttled: {still:?}"
    );
}

async fn token_of(t: &TestApp, owner: &User) -> NewToken {
    tokens::create(
        &t.app,
        &Actor::Operator,
        owner.id,
        "script",
        Default::default(),
    )
    .await
    .unwrap()
}

async fn signing_out_everywhere_revokes_the_tokens_only_when_asked(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let anas = token_of(&t, &ana).await;
    let bens = token_of(&t, &ben).await;
    let session = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a"))
        .await
        .unwrap();

    let kept = sessions::sign_out_everywhere(&t.app, &Actor::User(ana.clone()), false)
        .await
        .unwrap();
    assert_eq!((kept.sessions_ended, kept.tokens_revoked), (1, 0));
    tokens::authenticate(&t.app, &anas.secret)
        .await
        .expect("tokens stay unless asked");

    let ended = sessions::sign_out_everywhere(&t.app, &Actor::User(ana), true)
        .await
        .unwrap();
    assert_eq!((ended.sessions_ended, ended.tokens_revoked), (0, 1));
    let refused = tokens::authenticate(&t.app, &anas.secret).await;
    assert!(
        matches!(refused, Err(AppError::Unauthenticated(_))),
        "{refused:?}"
    );
    assert!(
        sessions::authenticate(&t.app, &session.secret)
            .await
            .is_err()
    );
    tokens::authenticate(&t.app, &bens.secret)
        .await
        .expect("another person's tokens stay");
}

async fn changing_the_password_revokes_the_tokens_only_when_asked(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let token = token_of(&t, &ana).await;
    let here = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a"))
        .await
        .unwrap();
    let actor = Actor::User(here.user.clone());
    let change = |current_password, new_password, revoke_tokens| PasswordChange {
        current_password,
        new_password,
        revoke_tokens,
    };

    let wrong = sessions::change_password(
        &t.app,
        &actor,
        Some(here.session_id),
        change("nope", "a brand new password", true),
    )
    .await;
    assert!(matches!(wrong, Err(AppError::Invalid(_))), "{wrong:?}");
    tokens::authenticate(&t.app, &token.secret)
        .await
        .expect("a refused change revokes nothing");

    sessions::change_password(
        &t.app,
        &actor,
        Some(here.session_id),
        change(PASSWORD, "a brand new password", false),
    )
    .await
    .unwrap();
    tokens::authenticate(&t.app, &token.secret)
        .await
        .expect("tokens stay unless asked");

    sessions::change_password(
        &t.app,
        &actor,
        Some(here.session_id),
        change("a brand new password", "another new password", true),
    )
    .await
    .unwrap();
    let refused = tokens::authenticate(&t.app, &token.secret).await;
    assert!(
        matches!(refused, Err(AppError::Unauthenticated(_))),
        "{refused:?}"
    );
    assert!(tokens::list(&t.app, &actor).await.unwrap().is_empty());
    sessions::authenticate(&t.app, &here.secret)
        .await
        .expect("the session it was changed in stays");
}

async fn session_secrets_are_stored_only_as_hashes(db: TestDb) {
    let t = TestApp::new(db).await;
    t.member("ana@acme.test").await;
    let session = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a"))
        .await
        .unwrap();
    let mut conn = t.app.store().conn().await.unwrap();
    let stored: Vec<String> = sqlx::query_scalar("SELECT secret_hash FROM sessions")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].contains(&session.secret));
    let passwords: Vec<String> = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    assert!(passwords[0].starts_with("$argon2id$"), "{}", passwords[0]);
}

async fn changing_the_password_ends_the_other_sessions(db: TestDb) {
    let t = TestApp::new(db).await;
    t.member("ana@acme.test").await;
    let here = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a"))
        .await
        .unwrap();
    let there = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("b"))
        .await
        .unwrap();
    let actor = Actor::User(here.user.clone());

    let change = |current_password, new_password| PasswordChange {
        current_password,
        new_password,
        revoke_tokens: false,
    };
    let wrong = sessions::change_password(
        &t.app,
        &actor,
        Some(here.session_id),
        change("nope", "a brand new password"),
    )
    .await;
    assert!(matches!(wrong, Err(AppError::Invalid(_))), "{wrong:?}");
    let weak = sessions::change_password(
        &t.app,
        &actor,
        Some(here.session_id),
        change(PASSWORD, "short"),
    )
    .await;
    assert!(matches!(weak, Err(AppError::Invalid(_))), "{weak:?}");
    sessions::authenticate(&t.app, &there.secret)
        .await
        .expect("refusals change nothing");

    sessions::change_password(
        &t.app,
        &actor,
        Some(here.session_id),
        change(PASSWORD, "a brand new password"),
    )
    .await
    .unwrap();
    sessions::authenticate(&t.app, &here.secret)
        .await
        .expect("this session stays");
    assert!(sessions::authenticate(&t.app, &there.secret).await.is_err());
    assert!(
        sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a"))
            .await
            .is_err()
    );
    sessions::sign_in(
        &t.app,
        "ana@acme.test",
        "a brand new password",
        &client("a"),
    )
    .await
    .unwrap();
}

async fn people_revoke_only_their_own_sessions(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let bens = sessions::sign_in(&t.app, "ben@acme.test", PASSWORD, &client("b"))
        .await
        .unwrap();
    let refused = sessions::revoke(&t.app, &Actor::User(ana), bens.session_id).await;
    assert!(matches!(refused, Err(AppError::NotFound(_))), "{refused:?}");
    sessions::authenticate(&t.app, &bens.secret).await.unwrap();
    sessions::revoke(&t.app, &Actor::User(ben), bens.session_id)
        .await
        .unwrap();
    assert!(sessions::authenticate(&t.app, &bens.secret).await.is_err());
}

async fn sightings_are_written_together_and_keep_active_sessions_alive(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let signed_in = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client("a"))
        .await
        .unwrap();
    let stored = |t: &TestApp| {
        let store = t.app.store().clone();
        let id = ana.id;
        async move {
            let mut db = store.conn().await.unwrap();
            hearth_store::sessions::list_for_user(&mut db, id)
                .await
                .unwrap()[0]
                .last_seen_at
        }
    };
    let at_sign_in = stored(&t).await;

    t.clock.advance(Duration::from_secs(6 * 24 * 3600));
    sessions::authenticate(&t.app, &signed_in.secret)
        .await
        .unwrap();
    assert_eq!(
        stored(&t).await,
        at_sign_in,
        "reading does not write at once"
    );
    let listed = sessions::list(&t.app, &Actor::User(ana.clone()))
        .await
        .unwrap();
    assert_eq!(
        listed[0].last_seen_at,
        t.clock.now(),
        "but the sighting shows"
    );

    // Idle for longer than the limit counted from sign-in, not from the sighting.
    t.clock.advance(Duration::from_secs(2 * 24 * 3600));
    sessions::authenticate(&t.app, &signed_in.secret)
        .await
        .unwrap();
    assert_eq!(sessions::purge_expired(&t.app).await.unwrap(), 0);
    assert!(stored(&t).await > at_sign_in, "written before purging");
    assert_eq!(
        t.app.write_touches().await.unwrap(),
        0,
        "nothing left to write"
    );
}
