use hearth_app::accounts::{self, NewAccount};
use hearth_app::domain::{Actor, NetworkKind, Role, User, UserId, UserStatus};
use hearth_app::{AppError, setup};
use hearth_store::users;
use hearth_testkit::{PASSWORD, TestApp, TestDb, both_backends};

both_backends!(
    the_operator_creates_the_home_network_with_the_first_account,
    an_e_mail_address_has_one_account_whatever_its_case,
    only_admins_create_accounts_and_grant_admin,
    bad_account_input_is_refused_and_changes_nothing,
    people_of_another_network_are_not_found,
);

fn account<'a>(email: &'a str, role: Role) -> NewAccount<'a> {
    NewAccount {
        email,
        name: "Someone",
        password: Some(PASSWORD),
        role,
        company_if_new: Some("Acme"),
    }
}

async fn user_count(t: &TestApp, user: &User) -> i64 {
    let mut db = t.app.store().conn().await.unwrap();
    users::count_in_network(&mut db, user.network_id)
        .await
        .unwrap()
}

async fn the_operator_creates_the_home_network_with_the_first_account(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    assert_eq!(admin.role, Role::Admin);
    assert_eq!(admin.status, UserStatus::Active);
    let network = accounts::network_of(&t.app, &admin).await.unwrap();
    assert_eq!(
        (network.name.as_str(), network.kind),
        ("Acme", NetworkKind::Home)
    );
    assert!(!setup::needs_setup(&t.app).await.unwrap());

    let second = t.member("ben@acme.test").await;
    assert_eq!(second.network_id, admin.network_id, "one home network only");
    assert!(second.id > admin.id, "ids grow with time");
}

async fn an_e_mail_address_has_one_account_whatever_its_case(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let dup = accounts::create_user(
        &t.app,
        &Actor::Operator,
        account("ADMIN@acme.test ", Role::Member),
    )
    .await;
    match dup {
        Err(AppError::Conflict { message, field }) => {
            assert!(message.contains("e-mail"), "{message}");
            assert_eq!(field, Some("email"));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(user_count(&t, &admin).await, 1);
}

async fn only_admins_create_accounts_and_grant_admin(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let member = t.member("ben@acme.test").await;
    let as_member = Actor::User(member.clone());
    let as_admin = Actor::User(admin.clone());

    let refused =
        accounts::create_user(&t.app, &as_member, account("cy@acme.test", Role::Member)).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let refused =
        accounts::create_user(&t.app, &as_member, account("cy@acme.test", Role::Admin)).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    assert_eq!(user_count(&t, &admin).await, 2);

    let made = accounts::create_user(&t.app, &as_admin, account("cy@acme.test", Role::Admin))
        .await
        .unwrap();
    assert_eq!(made.role, Role::Admin);
    assert_eq!(made.network_id, admin.network_id);
}

async fn bad_account_input_is_refused_and_changes_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let as_admin = Actor::User(admin.clone());
    let cases = [
        (
            NewAccount {
                email: "nope",
                ..account("", Role::Member)
            },
            "email",
        ),
        (
            NewAccount {
                name: "  ",
                ..account("x@acme.test", Role::Member)
            },
            "display_name",
        ),
        (
            NewAccount {
                password: Some("short"),
                ..account("x@acme.test", Role::Member)
            },
            "password",
        ),
    ];
    for (input, field) in cases {
        match accounts::create_user(&t.app, &as_admin, input).await {
            Err(AppError::Invalid(invalid)) => assert_eq!(invalid.field, field),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
    }
    assert_eq!(user_count(&t, &admin).await, 1);
}

async fn people_of_another_network_are_not_found(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let member = t.member("ben@acme.test").await;

    let guest = t.partner_outsider(&admin, Role::Member).await;

    let seen = accounts::get_user(&t.app, &Actor::User(member.clone()), admin.id)
        .await
        .unwrap();
    assert_eq!(seen.id, admin.id);
    let hidden = accounts::get_user(&t.app, &Actor::User(guest.clone()), member.id).await;
    assert!(matches!(hidden, Err(AppError::NotFound(_))), "{hidden:?}");
    let hidden = accounts::get_user(&t.app, &Actor::User(admin), guest.id).await;
    assert!(
        matches!(hidden, Err(AppError::NotFound(_))),
        "even admins stay in their network"
    );
    let missing = accounts::get_user(&t.app, &Actor::User(member), UserId(42)).await;
    assert!(matches!(missing, Err(AppError::NotFound(_))));
}
