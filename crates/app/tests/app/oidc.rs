//! Who a single sign-on finds: an account is created or linked only on an e-mail
//! address the provider verified, one person has at most one identity per issuer,
//! and a provider that is the profile's source of truth refreshes it at each sign-in.

use hearth_app::AppError;
use hearth_app::audit::{self, Acting, AuditFilter};
use hearth_app::domain::{Actor, ProfileChanges, User};
use hearth_app::oidc::{self, Matched, VerifiedIdentity};
use hearth_app::people::{self, PersonRef};
use hearth_app::sessions::ClientInfo;
use hearth_store::{StoreError, identities};
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    an_unverified_address_creates_no_account_so_its_real_owner_is_never_linked_to_one,
    an_account_refuses_a_second_identity_of_the_same_issuer_and_the_refusal_is_audited,
    the_schema_allows_one_identity_per_issuer_for_a_person,
    a_provider_that_is_the_source_of_truth_refreshes_the_profile_at_each_sign_in,
);

const ISSUER: &str = "https://id.acme.test";

fn identity(subject: &str, email: &str, verified: bool) -> VerifiedIdentity {
    VerifiedIdentity {
        issuer: ISSUER.to_owned(),
        subject: subject.to_owned(),
        email: Some(email.to_owned()),
        email_verified: verified,
        name: Some("Ben Okafor".to_owned()),
        department: Some("Finance".to_owned()),
        title: Some("Controller".to_owned()),
    }
}

fn browser() -> ClientInfo {
    ClientInfo {
        address: "192.0.2.9".to_owned(),
        user_agent: "test".to_owned(),
    }
}

async fn sign_in(t: &TestApp, identity: &VerifiedIdentity) -> Result<(User, Matched), AppError> {
    oidc::sign_in(&t.app, identity, &browser())
        .await
        .map(|(signed_in, matched)| (signed_in.user, matched))
}

async fn subject_of(t: &TestApp, user: &User, issuer: &str) -> Option<String> {
    let mut db = t.app.store().conn().await.unwrap();
    identities::subject_of(&mut db, user.id, issuer)
        .await
        .unwrap()
}

async fn an_unverified_address_creates_no_account_so_its_real_owner_is_never_linked_to_one(
    db: TestDb,
) {
    let t = TestApp::new(db).await;
    t.admin().await;

    // Someone who can call themselves ben@ at the provider, without proving it.
    let refused = sign_in(&t, &identity("mallory", "ben@acme.test", false)).await;
    match refused {
        Err(AppError::Forbidden(message)) => {
            assert!(message.contains("does not confirm"), "{message}");
        }
        other => panic!("an unverified address must create nothing: {other:?}"),
    }
    let mut db = t.app.store().conn().await.unwrap();
    assert!(
        hearth_store::users::find_by_email(&mut db, "ben@acme.test")
            .await
            .unwrap()
            .is_none(),
        "no account was made for the address"
    );
    drop(db);

    // The address's owner arrives with it verified and gets an account of their own,
    // which only their subject signs in to.
    let (ben, matched) = sign_in(&t, &identity("ben", "ben@acme.test", true))
        .await
        .unwrap();
    assert_eq!(matched, Matched::Created);
    assert_eq!(subject_of(&t, &ben, ISSUER).await.as_deref(), Some("ben"));
    assert!(
        sign_in(&t, &identity("mallory", "ben@acme.test", false))
            .await
            .is_err()
    );
}

async fn an_account_refuses_a_second_identity_of_the_same_issuer_and_the_refusal_is_audited(
    db: TestDb,
) {
    let t = TestApp::new(db).await;
    t.admin().await;
    let ben = t.member("ben@acme.test").await;

    let (linked, matched) = sign_in(&t, &identity("ben-at-work", "ben@acme.test", true))
        .await
        .unwrap();
    assert_eq!((linked.id, matched), (ben.id, Matched::Email));

    // Another subject of the same issuer with the same (verified) address: a second
    // account at the provider, or someone who got the address there later.
    let refused = sign_in(&t, &identity("ben-again", "ben@acme.test", true)).await;
    match refused {
        Err(AppError::Conflict { message, .. }) => {
            assert!(message.contains("already linked"), "{message}");
        }
        other => panic!("a second identity of the issuer must be refused: {other:?}"),
    }
    assert_eq!(
        subject_of(&t, &ben, ISSUER).await.as_deref(),
        Some("ben-at-work")
    );
    let mut db = t.app.store().conn().await.unwrap();
    assert_eq!(
        identities::find_user(&mut db, ISSUER, "ben-again")
            .await
            .unwrap(),
        None
    );
    drop(db);

    let entries = audit::list(&t.app, &Actor::Operator, &AuditFilter::default(), None, 100)
        .await
        .unwrap();
    let refusals: Vec<_> = entries
        .iter()
        .filter(|entry| entry.action == "sso.link_refused")
        .collect();
    assert_eq!(refusals.len(), 1, "{entries:?}");
    assert_eq!(refusals[0].target_id, Some(ben.id.0));
    assert!(refusals[0].details.contains("ben-again"), "{refusals:?}");

    // The linked subject still signs in; another issuer (a new provider) may link.
    let (again, matched) = sign_in(&t, &identity("ben-at-work", "ben@acme.test", true))
        .await
        .unwrap();
    assert_eq!((again.id, matched), (ben.id, Matched::Subject));
    let elsewhere = VerifiedIdentity {
        issuer: "https://login.new-provider.test".to_owned(),
        ..identity("ben-new", "ben@acme.test", true)
    };
    let (moved, matched) = sign_in(&t, &elsewhere).await.unwrap();
    assert_eq!((moved.id, matched), (ben.id, Matched::Email));
}

async fn the_schema_allows_one_identity_per_issuer_for_a_person(db: TestDb) {
    let t = TestApp::new(db).await;
    let ben = t.member("ben@acme.test").await;
    let now = t.clock.now();
    let mut tx = t.app.store().begin().await.unwrap();
    identities::link(&mut tx, ISSUER, "one", ben.id, now)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.app.store().begin().await.unwrap();
    let second = identities::link(&mut tx, ISSUER, "two", ben.id, now).await;
    assert!(
        matches!(second, Err(StoreError::Conflict { .. })),
        "{second:?}"
    );
    drop(tx);

    let mut tx = t.app.store().begin().await.unwrap();
    identities::link(&mut tx, "https://other.test", "three", ben.id, now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn a_provider_that_is_the_source_of_truth_refreshes_the_profile_at_each_sign_in(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let (ben, _) = sign_in(&t, &identity("ben", "ben@acme.test", true))
        .await
        .unwrap();
    let profile = |user: User| {
        let app = &t.app;
        async move {
            people::get(app, &Actor::User(user.clone()), &PersonRef::Id(user.id))
                .await
                .unwrap()
                .profile
        }
    };

    // Ben edits his own profile; while Hearth keeps profiles, sign-ins leave it.
    people::update(
        &t.app,
        &Actor::User(ben.clone()),
        &PersonRef::Id(ben.id),
        &ProfileChanges {
            job_title: Some("Chief of everything".to_owned()),
            ..ProfileChanges::default()
        },
    )
    .await
    .unwrap();
    let promoted = VerifiedIdentity {
        name: Some("Ben O. Okafor".to_owned()),
        title: Some("Head of Finance".to_owned()),
        department: None,
        ..identity("ben", "ben@acme.test", true)
    };
    sign_in(&t, &promoted).await.unwrap();
    let kept = profile(ben.clone()).await;
    assert_eq!(kept.display_name, "Ben Okafor");
    assert_eq!(kept.job_title, "Chief of everything");

    let admin = Actor::User(admin);
    let by = Acting::new(&admin, "192.0.2.1");
    assert!(
        oidc::set_profile_from_provider(&t.app, by, true)
            .await
            .unwrap()
    );
    assert!(
        oidc::status(&t.app, &admin)
            .await
            .unwrap()
            .profile_from_provider
    );

    let (signed_in, _) = sign_in(&t, &promoted).await.unwrap();
    assert_eq!(signed_in.display_name, "Ben O. Okafor");
    let refreshed = profile(ben.clone()).await;
    assert_eq!(refreshed.display_name, "Ben O. Okafor");
    assert_eq!(refreshed.job_title, "Head of Finance");
    // A claim the provider did not send leaves its field as it was.
    assert_eq!(refreshed.department, "Finance");

    // A member may not change the setting.
    let member = Actor::User(ben);
    let denied =
        oidc::set_profile_from_provider(&t.app, Acting::new(&member, "192.0.2.9"), false).await;
    assert!(matches!(denied, Err(AppError::Forbidden(_))), "{denied:?}");
}
