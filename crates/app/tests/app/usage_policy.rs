use hearth_app::audit::AuditFilter;
use hearth_app::audit::{self, Acting};
use hearth_app::domain::{Actor, AuditAction, Role};
use hearth_app::usage_policy::{self, MAX_CHARS};
use hearth_app::{App, AppError};
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    publishing_numbers_versions_and_renders_sanitized_html,
    every_person_must_accept_the_current_version_and_again_after_a_new_one,
    only_the_current_version_can_be_accepted,
    empty_or_too_long_policies_are_refused_and_change_nothing,
    members_and_compliance_officers_cannot_publish,
    each_publication_writes_exactly_one_audit_entry,
);

fn acting(actor: &Actor) -> Acting<'_> {
    Acting::new(actor, "203.0.113.9")
}

async fn published_entries(app: &App) -> usize {
    let filter = AuditFilter {
        action: Some(AuditAction::UsagePolicyPublished.as_str().to_owned()),
        ..AuditFilter::default()
    };
    audit::list(app, &Actor::Operator, &filter, None, 100)
        .await
        .unwrap()
        .len()
}

async fn publishing_numbers_versions_and_renders_sanitized_html(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    let first = usage_policy::publish(
        &t.app,
        acting(&admin),
        "# Be kind\n\nNo **harassment**. <script>alert(1)</script>",
    )
    .await
    .unwrap();
    assert_eq!(first.version, 1);
    assert!(
        first.body_html.contains("<strong>harassment</strong>"),
        "{}",
        first.body_html
    );
    assert!(!first.body_html.contains("<script"), "{}", first.body_html);
    let second = usage_policy::publish(&t.app, Acting::operator(), "Version two.")
        .await
        .unwrap();
    assert_eq!(second.version, 2);
    assert_eq!(second.published_by, None);
    let standing = usage_policy::standing(&t.app, &admin).await.unwrap();
    assert_eq!(standing.policy.unwrap().version, 2);
}

async fn every_person_must_accept_the_current_version_and_again_after_a_new_one(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin_user = t.admin().await;
    let admin = Actor::User(admin_user.clone());
    let ana = t.member("ana@acme.test").await;
    let ana_actor = Actor::User(ana.clone());
    // Nothing to accept before a policy exists.
    assert_eq!(usage_policy::pending(&t.app, &ana).await.unwrap(), None);
    assert!(
        usage_policy::current(&t.app, &ana_actor)
            .await
            .unwrap()
            .accepted
    );

    usage_policy::publish(&t.app, acting(&admin), "Be kind.")
        .await
        .unwrap();
    assert_eq!(usage_policy::pending(&t.app, &ana).await.unwrap(), Some(1));
    let current = usage_policy::current(&t.app, &ana_actor).await.unwrap();
    assert!(!current.accepted);
    assert_eq!(current.policy.unwrap().body_markdown, "Be kind.");
    // Whoever publishes has read it.
    assert_eq!(
        usage_policy::pending(&t.app, &admin_user).await.unwrap(),
        None
    );
    let standing = usage_policy::standing(&t.app, &admin).await.unwrap();
    assert_eq!((standing.accepted, standing.people), (1, 2));

    usage_policy::accept(&t.app, &ana_actor, 1).await.unwrap();
    assert_eq!(usage_policy::pending(&t.app, &ana).await.unwrap(), None);
    // Accepting twice is harmless.
    usage_policy::accept(&t.app, &ana_actor, 1).await.unwrap();
    let standing = usage_policy::standing(&t.app, &admin).await.unwrap();
    assert_eq!(standing.accepted, 2);

    usage_policy::publish(&t.app, Acting::operator(), "Be kinder.")
        .await
        .unwrap();
    assert_eq!(usage_policy::pending(&t.app, &ana).await.unwrap(), Some(2));
    assert_eq!(
        usage_policy::pending(&t.app, &admin_user).await.unwrap(),
        Some(2)
    );
    assert_eq!(
        usage_policy::standing(&t.app, &admin)
            .await
            .unwrap()
            .accepted,
        0
    );
    usage_policy::accept(&t.app, &ana_actor, 2).await.unwrap();
    assert_eq!(usage_policy::pending(&t.app, &ana).await.unwrap(), None);
    assert_eq!(
        usage_policy::pending(&t.app, &admin_user).await.unwrap(),
        Some(2)
    );
}

async fn only_the_current_version_can_be_accepted(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ana_actor = Actor::User(ana.clone());
    let none = usage_policy::accept(&t.app, &ana_actor, 1).await;
    assert!(matches!(none, Err(AppError::NotFound(_))), "{none:?}");

    usage_policy::publish(&t.app, Acting::operator(), "One.")
        .await
        .unwrap();
    usage_policy::publish(&t.app, Acting::operator(), "Two.")
        .await
        .unwrap();
    let old = usage_policy::accept(&t.app, &ana_actor, 1).await;
    assert!(
        matches!(
            &old,
            Err(AppError::Conflict {
                field: Some("version"),
                ..
            })
        ),
        "{old:?}"
    );
    let future = usage_policy::accept(&t.app, &ana_actor, 3).await;
    assert!(
        matches!(future, Err(AppError::Conflict { .. })),
        "{future:?}"
    );
    assert_eq!(usage_policy::pending(&t.app, &ana).await.unwrap(), Some(2));
}

async fn empty_or_too_long_policies_are_refused_and_change_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    for text in ["", "   \n ", &"x".repeat(MAX_CHARS + 1)] {
        let refused = usage_policy::publish(&t.app, acting(&admin), text).await;
        assert!(
            matches!(&refused, Err(AppError::Invalid(invalid)) if invalid.field == "body"),
            "{refused:?}"
        );
    }
    assert!(
        usage_policy::standing(&t.app, &admin)
            .await
            .unwrap()
            .policy
            .is_none()
    );
    assert_eq!(published_entries(&t.app).await, 0);
    usage_policy::publish(&t.app, acting(&admin), &"x".repeat(MAX_CHARS))
        .await
        .unwrap();
}

async fn members_and_compliance_officers_cannot_publish(db: TestDb) {
    let t = TestApp::new(db).await;
    let member = Actor::User(t.member("ana@acme.test").await);
    let compliance = Actor::User(t.user("cora@acme.test", Role::Compliance).await);
    for actor in [&member, &compliance] {
        let refused = usage_policy::publish(&t.app, acting(actor), "Mine now.").await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
        let refused = usage_policy::standing(&t.app, actor).await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
    }
    assert!(
        usage_policy::current(&t.app, &member)
            .await
            .unwrap()
            .policy
            .is_none()
    );
    assert_eq!(published_entries(&t.app).await, 0);
}

async fn each_publication_writes_exactly_one_audit_entry(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin_user = t.admin().await;
    let admin = Actor::User(admin_user.clone());
    usage_policy::publish(&t.app, acting(&admin), "One.")
        .await
        .unwrap();
    assert_eq!(published_entries(&t.app).await, 1);
    usage_policy::publish(&t.app, acting(&admin), "Two.")
        .await
        .unwrap();
    assert_eq!(published_entries(&t.app).await, 2);
    let filter = AuditFilter {
        action: Some(AuditAction::UsagePolicyPublished.as_str().to_owned()),
        ..AuditFilter::default()
    };
    let all = audit::list(&t.app, &Actor::Operator, &filter, None, 100)
        .await
        .unwrap();
    assert_eq!(all[0].target_kind, "usage_policy");
    assert_eq!(all[0].target_id, Some(2));
    assert_eq!(all[0].actor_id, Some(admin_user.id.0));
    usage_policy::accept(&t.app, &Actor::User(t.member("ana@acme.test").await), 2)
        .await
        .unwrap();
    assert_eq!(published_entries(&t.app).await, 2);
}
