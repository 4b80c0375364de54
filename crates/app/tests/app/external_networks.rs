//! External networks: who may create one, adding colleagues, switching a session
//! between one's networks with one sign-in, and what offboarding does to a person's
//! rows there.

use hearth_app::audit::Acting;
use hearth_app::domain::{Actor, NetworkId, NetworkKind, Role, User, UserStatus};
use hearth_app::external_networks::{self, NewExternalNetwork};
use hearth_app::sessions::{self, ClientInfo};
use hearth_app::tokens::{self, Presence};
use hearth_app::{AppError, feeds, lifecycle};
use hearth_testkit::{PASSWORD, TestApp, TestDb, both_backends};

both_backends!(
    admins_and_allowed_employees_create_external_networks_and_bad_input_changes_nothing,
    a_colleague_added_switches_networks_with_one_sign_in_and_sees_only_the_one_acted_in,
    leaving_the_company_ends_a_persons_rows_in_every_external_network,
);

fn act(user: &User) -> Actor {
    Actor::User(user.clone())
}

fn acting(actor: &Actor) -> Acting<'_> {
    Acting::new(actor, "192.0.2.1")
}

fn client() -> ClientInfo {
    ClientInfo {
        address: "192.0.2.9".to_owned(),
        user_agent: "test".to_owned(),
    }
}

fn suppliers() -> NewExternalNetwork {
    NewExternalNetwork {
        name: "Suppliers".to_owned(),
        description: "Parts and deliveries".to_owned(),
        guest_domain: Some("supplier.example".to_owned()),
        guest_days: Some(60),
    }
}

async fn network_count(t: &TestApp) -> i64 {
    let mut db = t.app.store().conn().await.unwrap();
    hearth_testkit::sqlx::query_scalar("SELECT COUNT(*) FROM networks")
        .fetch_one(&mut *db)
        .await
        .unwrap()
}

async fn admins_and_allowed_employees_create_external_networks_and_bad_input_changes_nothing(
    db: TestDb,
) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let before = network_count(&t).await;

    for (input, field) in [
        (
            NewExternalNetwork {
                name: " ".into(),
                ..suppliers()
            },
            "name",
        ),
        (
            NewExternalNetwork {
                guest_domain: Some("https://supplier.example".into()),
                ..suppliers()
            },
            "guest_domain",
        ),
        (
            NewExternalNetwork {
                guest_days: Some(0),
                ..suppliers()
            },
            "guest_days",
        ),
    ] {
        match external_networks::create(&t.app, acting(&act(&admin)), &input).await {
            Err(AppError::Invalid(invalid)) => assert_eq!(invalid.field, field),
            other => panic!("expected {field} refused, got {other:?}"),
        }
    }
    let refused = external_networks::create(&t.app, acting(&act(&ana)), &suppliers()).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    assert_eq!(network_count(&t).await, before, "nothing was created");

    let made = external_networks::create(&t.app, acting(&act(&admin)), &suppliers())
        .await
        .unwrap();
    assert_eq!(made.network.kind, NetworkKind::External);
    assert_eq!(made.network.name, "Suppliers");
    assert_eq!(made.guest_domain.as_deref(), Some("supplier.example"));
    assert_eq!(made.guest_days, 60);
    assert_eq!(made.sponsor, Some(admin.id));

    // Only admins may let employees create them; then Ana may, and sponsors hers.
    let not_admin =
        external_networks::set_members_may_create(&t.app, acting(&act(&ana)), true).await;
    assert!(matches!(not_admin, Err(AppError::Forbidden(_))));
    external_networks::set_members_may_create(&t.app, acting(&act(&admin)), true)
        .await
        .unwrap();
    assert!(
        external_networks::members_may_create(&t.app, &act(&admin))
            .await
            .unwrap()
    );
    let hers = external_networks::create(
        &t.app,
        acting(&act(&ana)),
        &NewExternalNetwork {
            name: "Logistics".into(),
            ..NewExternalNetwork::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(hers.sponsor, Some(ana.id));
    assert_eq!(hers.guest_days, 90, "the default access period");
    let mine = external_networks::mine(&t.app, &act(&ana)).await.unwrap();
    let names: Vec<&str> = mine.iter().map(|c| c.network.name.as_str()).collect();
    assert_eq!(names, ["Acme", "Logistics"], "home first, then hers");
    assert!(mine[0].current && !mine[1].current);
    assert_eq!(network_count(&t).await, before + 2);
}

async fn a_colleague_added_switches_networks_with_one_sign_in_and_sees_only_the_one_acted_in(
    db: TestDb,
) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let home_post = t.post(&admin, None, "Home news").await;
    let network = external_networks::create(&t.app, acting(&act(&admin)), &suppliers())
        .await
        .unwrap()
        .network;

    // Only the sponsor and admins add people, and only people of the company.
    let by_ben =
        external_networks::add_employee(&t.app, acting(&act(&ben)), network.id, ana.id).await;
    assert!(matches!(by_ben, Err(AppError::Forbidden(_))), "{by_ben:?}");
    let outsider = t.partner_outsider(&admin, Role::Member).await;
    let stranger =
        external_networks::add_employee(&t.app, acting(&act(&admin)), network.id, outsider.id)
            .await;
    assert!(
        matches!(stranger, Err(AppError::NotFound(_))),
        "{stranger:?}"
    );
    let nowhere =
        external_networks::add_employee(&t.app, acting(&act(&admin)), NetworkId(42), ana.id).await;
    assert!(matches!(nowhere, Err(AppError::NotFound(_))), "{nowhere:?}");

    let row = external_networks::add_employee(&t.app, acting(&act(&admin)), network.id, ana.id)
        .await
        .unwrap();
    assert_eq!(row.network_id, network.id);
    assert_eq!(row.email, ana.email);
    assert_ne!(row.id, ana.id);
    let twice =
        external_networks::add_employee(&t.app, acting(&act(&admin)), network.id, ana.id).await;
    assert!(matches!(twice, Err(AppError::Conflict { .. })), "{twice:?}");

    // One sign-in: the address finds her home row, and the session switches.
    let signed_in = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client())
        .await
        .unwrap();
    assert_eq!(signed_in.user.id, ana.id);
    let choices = external_networks::mine(&t.app, &act(&ana)).await.unwrap();
    assert_eq!(choices.len(), 2);
    assert_eq!(choices[1].row, row.id);
    let there = external_networks::switch(&t.app, signed_in.session_id, &ana, network.id)
        .await
        .unwrap();
    assert_eq!(there.id, row.id);
    let now = sessions::authenticate(&t.app, &signed_in.secret)
        .await
        .unwrap();
    assert_eq!(
        now.user.id, row.id,
        "the session acts in the external network"
    );
    let choices = external_networks::mine(&t.app, &act(&now.user))
        .await
        .unwrap();
    assert!(choices[1].current && !choices[0].current);

    // There, nothing of the home network exists; her post stays there.
    assert!(matches!(
        feeds::get(&t.app, &act(&now.user), home_post.id).await,
        Err(AppError::NotFound(_))
    ));
    let theirs = t.post(&now.user, None, "Delivery plan").await;
    assert!(matches!(
        feeds::get(&t.app, &act(&ana), theirs.id).await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        feeds::get(&t.app, &act(&ben), theirs.id).await,
        Err(AppError::NotFound(_))
    ));

    // Her sessions are the same list wherever she acts, and a request may name the
    // network it is about.
    let listed = sessions::list(&t.app, &act(&now.user)).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        external_networks::acting_in(&t.app, &ana, network.id)
            .await
            .unwrap()
            .id,
        row.id
    );
    assert_eq!(
        external_networks::acting_in(&t.app, &row, ana.network_id)
            .await
            .unwrap()
            .id,
        ana.id
    );
    let not_his = external_networks::acting_in(&t.app, &ben, network.id).await;
    assert!(matches!(not_his, Err(AppError::NotFound(_))), "{not_his:?}");
    let not_his = external_networks::switch(&t.app, signed_in.session_id, &ben, network.id).await;
    assert!(matches!(not_his, Err(AppError::NotFound(_))));

    // Back home.
    external_networks::switch(&t.app, signed_in.session_id, &now.user, ana.network_id)
        .await
        .unwrap();
    let home = sessions::authenticate(&t.app, &signed_in.secret)
        .await
        .unwrap();
    assert_eq!(home.user.id, ana.id);

    // A new address or name from the identity provider reaches her rows everywhere.
    let mut db = t.app.store().conn().await.unwrap();
    hearth_store::scim::set_user_attributes(
        &mut db,
        ana.id,
        &hearth_store::scim::UserAttributes {
            user_name: "ana.lima",
            email: "ana.lima@acme.test",
            display_name: "Ana Lima",
            external_id: None,
            employee_number: "",
            department: "",
            job_title: "",
            manager_id: None,
        },
        t.clock.now(),
    )
    .await
    .unwrap();
    drop(db);
    let renamed = external_networks::acting_in(&t.app, &ana, network.id)
        .await
        .unwrap();
    assert_eq!(
        (renamed.email.as_str(), renamed.display_name.as_str()),
        ("ana.lima@acme.test", "Ana Lima")
    );

    // Signing out everywhere from the external network ends the session too.
    external_networks::switch(&t.app, signed_in.session_id, &ana, network.id)
        .await
        .unwrap();
    let ended = sessions::sign_out_everywhere(&t.app, &act(&row), false)
        .await
        .unwrap();
    assert_eq!(ended.sessions_ended, 1);
    assert!(
        sessions::authenticate(&t.app, &signed_in.secret)
            .await
            .is_err()
    );
}

async fn leaving_the_company_ends_a_persons_rows_in_every_external_network(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let network = external_networks::create(&t.app, acting(&act(&admin)), &suppliers())
        .await
        .unwrap()
        .network;
    let row = external_networks::add_employee(&t.app, acting(&act(&admin)), network.id, ana.id)
        .await
        .unwrap();
    let signed_in = sessions::sign_in(&t.app, "ana@acme.test", PASSWORD, &client())
        .await
        .unwrap();
    external_networks::switch(&t.app, signed_in.session_id, &ana, network.id)
        .await
        .unwrap();
    // A token made while acting there belongs to her row there.
    let token = tokens::create(
        &t.app,
        &act(&row),
        row.id,
        "supplier script",
        Presence {
            session: Some(signed_in.session_id),
            current_password: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        tokens::authenticate(&t.app, &token.secret)
            .await
            .unwrap()
            .id,
        row.id
    );

    let admin_actor = act(&admin);
    lifecycle::deactivate(&t.app, acting(&admin_actor), ana.id, "left the company")
        .await
        .unwrap();
    assert!(
        sessions::authenticate(&t.app, &signed_in.secret)
            .await
            .is_err()
    );
    assert!(
        tokens::authenticate(&t.app, &token.secret).await.is_err(),
        "her token in the external network is revoked with her"
    );
    assert_eq!(
        status_of(&t, row.id).await,
        UserStatus::Deactivated.as_str()
    );
    assert!(
        external_networks::mine(&t.app, &act(&ana))
            .await
            .unwrap()
            .is_empty(),
        "she is in no network any more"
    );

    // Coming back brings back her place there; her old token stays revoked.
    lifecycle::reactivate(&t.app, acting(&admin_actor), ana.id, "rehired")
        .await
        .unwrap();
    let back = external_networks::mine(&t.app, &act(&ana)).await.unwrap();
    assert_eq!(back.len(), 2, "{back:?}");
    assert_eq!(back[1].row, row.id);
    assert!(tokens::authenticate(&t.app, &token.secret).await.is_err());

    // A suspension reaches her row there too, so nothing is mailed to it meanwhile.
    let until = t.clock.now() + 60_000;
    lifecycle::suspend(&t.app, acting(&admin_actor), ana.id, until, "a pause")
        .await
        .unwrap();
    assert_eq!(status_of(&t, row.id).await, "suspended");
    lifecycle::reactivate(&t.app, acting(&admin_actor), ana.id, "back")
        .await
        .unwrap();
    assert_eq!(status_of(&t, row.id).await, "active");
}

async fn status_of(t: &TestApp, user: hearth_app::domain::UserId) -> String {
    let mut db = t.app.store().conn().await.unwrap();
    hearth_testkit::sqlx::query_scalar("SELECT status FROM users WHERE id = $1")
        .bind(user.0)
        .fetch_one(&mut *db)
        .await
        .unwrap()
}
