use hearth_app::domain::Role;
use hearth_app::sessions::ClientInfo;
use hearth_app::setup::{self, SetupForm};
use hearth_app::{AppError, sessions};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    the_first_run_link_creates_the_home_network_and_signs_the_admin_in,
    a_wrong_or_expired_set_up_link_is_refused_and_changes_nothing,
    set_up_with_bad_input_changes_nothing_and_keeps_the_link_usable,
    only_the_newest_set_up_link_works,
);

fn form<'a>(secret: &'a str, email: &'a str) -> SetupForm<'a> {
    SetupForm {
        secret,
        company: "Acme Ltd",
        name: "Ana Lima",
        email,
        password: "a long enough password",
    }
}

async fn the_first_run_link_creates_the_home_network_and_signs_the_admin_in(db: TestDb) {
    let t = TestApp::new(db).await;
    assert!(setup::needs_setup(&t.app).await.unwrap());
    let secret = setup::issue_link(&t.app)
        .await
        .unwrap()
        .expect("a link on first run");
    setup::check_link(&t.app, &secret).await.unwrap();

    let signed_in = setup::complete(
        &t.app,
        form(&secret, "Ana@Acme.test"),
        &ClientInfo::default(),
    )
    .await
    .unwrap();
    assert_eq!(signed_in.user.role, Role::Admin);
    assert_eq!(signed_in.user.email, "ana@acme.test");
    let session = sessions::authenticate(&t.app, &signed_in.secret)
        .await
        .unwrap();
    assert_eq!(session.user.id, signed_in.user.id);
    let network = hearth_app::accounts::network_of(&t.app, &signed_in.user)
        .await
        .unwrap();
    assert_eq!(network.name, "Acme Ltd");

    assert!(!setup::needs_setup(&t.app).await.unwrap());
    assert!(
        setup::issue_link(&t.app).await.unwrap().is_none(),
        "no link once set up"
    );
    let again = setup::complete(
        &t.app,
        form(&secret, "eve@acme.test"),
        &ClientInfo::default(),
    )
    .await;
    assert!(matches!(again, Err(AppError::Conflict { .. })), "{again:?}");
}

async fn a_wrong_or_expired_set_up_link_is_refused_and_changes_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let secret = setup::issue_link(&t.app).await.unwrap().unwrap();
    let wrong = setup::complete(
        &t.app,
        form("not-the-secret", "ana@acme.test"),
        &ClientInfo::default(),
    )
    .await;
    assert!(
        matches!(wrong, Err(AppError::Unauthenticated(_))),
        "{wrong:?}"
    );
    assert!(setup::needs_setup(&t.app).await.unwrap());

    t.clock.advance(Duration::from_secs(25 * 3600));
    let expired = setup::complete(
        &t.app,
        form(&secret, "ana@acme.test"),
        &ClientInfo::default(),
    )
    .await;
    assert!(
        matches!(expired, Err(AppError::Unauthenticated(_))),
        "{expired:?}"
    );
    assert!(setup::needs_setup(&t.app).await.unwrap());
}

async fn set_up_with_bad_input_changes_nothing_and_keeps_the_link_usable(db: TestDb) {
    let t = TestApp::new(db).await;
    let secret = setup::issue_link(&t.app).await.unwrap().unwrap();
    let bad = setup::complete(
        &t.app,
        form(&secret, "not an e-mail"),
        &ClientInfo::default(),
    )
    .await;
    match bad {
        Err(AppError::Invalid(invalid)) => assert_eq!(invalid.field, "email"),
        other => panic!("expected invalid input, got {other:?}"),
    }
    let short = SetupForm {
        password: "short",
        ..form(&secret, "ana@acme.test")
    };
    assert!(matches!(
        setup::complete(&t.app, short, &ClientInfo::default()).await,
        Err(AppError::Invalid(_))
    ));
    assert!(setup::needs_setup(&t.app).await.unwrap());
    setup::complete(
        &t.app,
        form(&secret, "ana@acme.test"),
        &ClientInfo::default(),
    )
    .await
    .expect("the link still works after refused attempts");
}

async fn only_the_newest_set_up_link_works(db: TestDb) {
    let t = TestApp::new(db).await;
    let first = setup::issue_link(&t.app).await.unwrap().unwrap();
    let second = setup::issue_link(&t.app).await.unwrap().unwrap();
    assert_ne!(first, second);
    assert!(setup::check_link(&t.app, &first).await.is_err());
    setup::check_link(&t.app, &second).await.unwrap();
}
