//! Deactivation, suspension, reactivation, deletion and roles.

use hearth_app::audit::AuditFilter;
use hearth_app::audit::{self, Acting};
use hearth_app::domain::{Actor, AuditEntry, Role, User, UserStatus};
use hearth_app::lifecycle::{self, DeletedContent};
use hearth_app::posts::{self, NewPost};
use hearth_app::sessions::{self, ClientInfo};
use hearth_app::{AppError, feeds, tokens};
use hearth_store::node_orders;
use hearth_testkit::{PASSWORD, TestApp, TestDb, both_backends};

both_backends!(
    deactivation_revokes_every_credential_and_orders_connections_closed,
    suspension_needs_a_future_end_and_ends_by_itself,
    reactivation_lets_the_person_sign_in_again,
    the_last_admin_cannot_be_shut_out_or_demoted,
    deletion_anonymizes_and_keeps_or_removes_content,
    only_network_admins_of_the_same_network_administer_people,
    refused_acts_change_nothing_and_write_no_audit_entry,
);

fn client() -> ClientInfo {
    ClientInfo {
        address: "192.0.2.1".to_owned(),
        user_agent: "test".to_owned(),
    }
}

fn by(actor: &Actor) -> Acting<'_> {
    Acting::new(actor, "192.0.2.9")
}

async fn audit_entries(t: &TestApp) -> Vec<AuditEntry> {
    audit::list(&t.app, &Actor::Operator, &AuditFilter::default(), None, 500)
        .await
        .unwrap()
        .into_iter()
        .filter(|entry| entry.action != "user.created")
        .collect()
}

async fn deactivation_revokes_every_credential_and_orders_connections_closed(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let session = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client())
        .await
        .unwrap();
    let fresh = tokens::Presence {
        session: Some(session.session_id),
        current_password: None,
    };
    let token = tokens::create(&t.app, &Actor::User(ana.clone()), ana.id, "script", fresh)
        .await
        .unwrap();
    let post = posts::create(
        &t.app,
        &Actor::User(ana.clone()),
        &NewPost {
            body: "My last day; thanks all".to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    let mut live = t.app.subscribe();

    let admin_actor = Actor::User(admin.clone());
    let done = lifecycle::deactivate(&t.app, by(&admin_actor), ana.id, "left the company")
        .await
        .unwrap();
    assert_eq!(done.status, UserStatus::Deactivated);

    assert!(
        sessions::authenticate(&t.app, &session.secret)
            .await
            .is_err()
    );
    assert!(tokens::authenticate(&t.app, &token.secret).await.is_err());
    match sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client()).await {
        Err(AppError::AccountUnavailable(message)) => {
            assert!(message.contains("deactivated"), "{message}")
        }
        other => panic!("sign-in must say the account is deactivated, got {other:?}"),
    }
    // The order reached this node's bus at once and is in the table for the others.
    let order = live.try_recv().expect("a close order is published");
    assert_eq!(order.kind, hearth_app::live::CLOSE_CONNECTIONS);
    assert!(order.audience.includes(ana.id));
    let mut db = t.app.store().conn().await.unwrap();
    let stored = node_orders::since(&mut db, 0).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(Some(stored[0].id), order.id);
    drop(db);

    // Their content stays.
    let still = feeds::get(&t.app, &admin_actor, post.id).await.unwrap();
    assert_eq!(still.post.id, post.id);

    let entries = audit_entries(&t).await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    let entry = &entries[0];
    assert_eq!(entry.action, "user.deactivated");
    assert_eq!(entry.actor_id, Some(admin.id.0));
    assert_eq!(entry.target_id, Some(ana.id.0));
    assert_eq!(entry.reason, "left the company");
    assert_eq!(entry.client_ip, "192.0.2.9");
    let details: serde_json::Value = serde_json::from_str(&entry.details).unwrap();
    assert_eq!(details["sessions_revoked"], 1);
    assert_eq!(details["tokens_revoked"], 1);
}

async fn suspension_needs_a_future_end_and_ends_by_itself(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    let ana = t.member("ana@acme.test").await;
    let now = t.clock.now();
    let past = lifecycle::suspend(&t.app, by(&admin), ana.id, now - 1, "").await;
    assert!(
        matches!(&past, Err(AppError::Invalid(e)) if e.field == "until"),
        "{past:?}"
    );
    let forever =
        lifecycle::suspend(&t.app, by(&admin), ana.id, now + 6 * 366 * 86_400_000, "").await;
    assert!(matches!(forever, Err(AppError::Invalid(_))), "{forever:?}");
    assert!(
        audit_entries(&t).await.is_empty(),
        "refusals are not audited"
    );

    let until = now + 3_600_000;
    lifecycle::suspend(&t.app, by(&admin), ana.id, until, "cooling off")
        .await
        .unwrap();
    let refused = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client()).await;
    assert!(
        matches!(refused, Err(AppError::AccountUnavailable(_))),
        "{refused:?}"
    );
    t.clock.advance(std::time::Duration::from_secs(3601));
    sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client())
        .await
        .expect("the suspension has ended");
    let entries = audit_entries(&t).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "user.suspended");
}

async fn reactivation_lets_the_person_sign_in_again(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    let ana = t.member("ana@acme.test").await;
    let already = lifecycle::reactivate(&t.app, by(&admin), ana.id, "").await;
    assert!(
        matches!(already, Err(AppError::Conflict { .. })),
        "{already:?}"
    );
    lifecycle::deactivate(&t.app, by(&admin), ana.id, "")
        .await
        .unwrap();
    let twice = lifecycle::deactivate(&t.app, by(&admin), ana.id, "").await;
    assert!(matches!(twice, Err(AppError::Conflict { .. })), "{twice:?}");
    lifecycle::reactivate(&t.app, by(&admin), ana.id, "came back")
        .await
        .unwrap();
    sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client())
        .await
        .expect("reactivated");
    let actions: Vec<String> = audit_entries(&t)
        .await
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["user.reactivated", "user.deactivated"]);
}

async fn the_last_admin_cannot_be_shut_out_or_demoted(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let me = Actor::User(admin.clone());
    for refused in [
        lifecycle::deactivate(&t.app, by(&me), admin.id, "").await,
        lifecycle::suspend(&t.app, by(&me), admin.id, t.clock.now() + 60_000, "").await,
        lifecycle::delete(&t.app, by(&me), admin.id, DeletedContent::Keep, "").await,
        lifecycle::change_role(&t.app, by(&me), admin.id, Role::Member, "").await,
        lifecycle::deactivate(&t.app, Acting::operator(), admin.id, "").await,
    ] {
        match refused {
            Err(AppError::Conflict { message, .. }) => {
                assert!(message.contains("last administrator"), "{message}")
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    sessions::sign_in(&t.app, "admin@acme.test", PASSWORD, &client())
        .await
        .expect("still an admin who can sign in");
    // With a second admin, the first may step down.
    let second = t.user("second@acme.test", Role::Admin).await;
    lifecycle::change_role(&t.app, by(&me), admin.id, Role::Member, "handing over")
        .await
        .unwrap();
    let second = Actor::User(second);
    let refused = lifecycle::deactivate(&t.app, by(&second), t_id(&second), "").await;
    assert!(
        matches!(refused, Err(AppError::Conflict { .. })),
        "{refused:?}"
    );
}

fn t_id(actor: &Actor) -> hearth_app::domain::UserId {
    match actor {
        Actor::User(user) => user.id,
        Actor::Operator => unreachable!("a person"),
    }
}

async fn deletion_anonymizes_and_keeps_or_removes_content(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let ana_profile = hearth_app::people::get(
        &t.app,
        &Actor::User(ben.clone()),
        &hearth_app::people::PersonRef::Id(ana.id),
    )
    .await
    .unwrap()
    .profile;
    let kept = posts::create(
        &t.app,
        &Actor::User(ana.clone()),
        &NewPost {
            body: "Ana's notes".to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    let mention = posts::create(
        &t.app,
        &Actor::User(ben.clone()),
        &NewPost {
            body: format!("Thanks @{} for the help", ana_profile.handle),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();

    let deleted = lifecycle::delete(&t.app, by(&admin), ana.id, DeletedContent::Keep, "request")
        .await
        .unwrap();
    assert_eq!(deleted.status, UserStatus::Deleted);
    assert_eq!(deleted.display_name, "Deleted user");
    assert!(!deleted.email.contains("ana"), "{}", deleted.email);
    let still = feeds::get(&t.app, &admin, kept.id).await.unwrap();
    assert_eq!(still.post.body_markdown, "Ana's notes");
    let rewritten = feeds::get(&t.app, &admin, mention.id).await.unwrap();
    assert_eq!(
        rewritten.post.body_markdown,
        "Thanks a former member for the help"
    );
    assert!(!rewritten.post.body_html.contains(&ana_profile.handle));
    let again = lifecycle::reactivate(&t.app, by(&admin), ana.id, "").await;
    assert!(matches!(again, Err(AppError::Forbidden(_))), "{again:?}");

    let carl = t.member("carl@acme.test").await;
    let removed = posts::create(
        &t.app,
        &Actor::User(carl.clone()),
        &NewPost {
            body: "Carl's notes".to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    lifecycle::delete(&t.app, by(&admin), carl.id, DeletedContent::Remove, "")
        .await
        .unwrap();
    assert!(feeds::get(&t.app, &admin, removed.id).await.is_err());
    let actions: Vec<String> = audit_entries(&t)
        .await
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["user.deleted", "user.deleted"]);
}

async fn only_network_admins_of_the_same_network_administer_people(db: TestDb) {
    let t = TestApp::new(db).await;
    t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let member = Actor::User(t.member("ben@acme.test").await);
    let compliance = Actor::User(t.user("cleo@acme.test", Role::Compliance).await);
    let mut outsider: User = t.user("owen@acme.test", Role::Admin).await;
    outsider.network_id = hearth_app::domain::NetworkId(outsider.network_id.0 + 1);
    let outsider = Actor::User(outsider);
    for actor in [&member, &compliance] {
        let refused = lifecycle::deactivate(&t.app, by(actor), ana.id, "").await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
        let refused = lifecycle::change_role(&t.app, by(actor), ana.id, Role::Admin, "").await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
        let listed = lifecycle::accounts(&t.app, actor, None, None, None, 10).await;
        assert!(matches!(listed, Err(AppError::Forbidden(_))), "{listed:?}");
    }
    let refused = lifecycle::deactivate(&t.app, by(&outsider), ana.id, "").await;
    assert!(matches!(refused, Err(AppError::NotFound(_))), "{refused:?}");
    sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client())
        .await
        .expect("nothing changed");
}

async fn refused_acts_change_nothing_and_write_no_audit_entry(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    let ana = t.member("ana@acme.test").await;
    let missing = hearth_app::domain::UserId(ana.id.0 + 999_999);
    let refused = lifecycle::deactivate(&t.app, by(&admin), missing, "").await;
    assert!(matches!(refused, Err(AppError::NotFound(_))), "{refused:?}");
    let long = "x".repeat(lifecycle::MAX_REASON_CHARS + 1);
    let refused = lifecycle::deactivate(&t.app, by(&admin), ana.id, &long).await;
    assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    assert!(audit_entries(&t).await.is_empty());
    sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client())
        .await
        .expect("still active");
}
