//! SCIM tokens: created by an admin or the operator for their network, shown once,
//! accepted until revoked, each act audited; other roles are refused.

use hearth_app::audit::Acting;
use hearth_app::audit::AuditFilter;
use hearth_app::domain::{Actor, AuditActorKind, Role};
use hearth_app::scim::{self, ScimError};
use hearth_app::{AppError, audit};
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    a_scim_token_works_until_revoked_and_both_acts_are_audited,
    only_admins_and_the_operator_manage_scim_tokens,
);

async fn a_scim_token_works_until_revoked_and_both_acts_are_audited(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let actor = Actor::User(admin.clone());
    let by = Acting::new(&actor, "192.0.2.9");
    let created = scim::tokens::create(&t.app, by, "Okta").await.unwrap();
    assert!(created.secret.starts_with(scim::SCIM_TOKEN_PREFIX));
    assert_eq!(created.token.network_id, admin.network_id);
    let client = scim::authenticate(&t.app, &created.secret, "198.51.100.1", "https://h/scim/v2")
        .await
        .unwrap();
    assert_eq!(client.network, admin.network_id);
    assert_eq!(client.name, "Okta");
    let listed = scim::tokens::list(&t.app, &actor).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, created.token.id);

    assert!(matches!(
        scim::authenticate(&t.app, "hscim_not-a-token", "x", "b").await,
        Err(ScimError::App(AppError::Unauthenticated(_)))
    ));
    scim::tokens::revoke(&t.app, by, created.token.id)
        .await
        .unwrap();
    assert!(matches!(
        scim::authenticate(&t.app, &created.secret, "x", "b").await,
        Err(ScimError::App(AppError::Unauthenticated(_)))
    ));
    assert!(matches!(
        scim::tokens::revoke(&t.app, by, created.token.id).await,
        Err(AppError::Conflict { .. })
    ));
    assert!(matches!(
        scim::tokens::revoke(&t.app, by, hearth_app::domain::ScimTokenId(12345)).await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        scim::tokens::create(&t.app, by, "  ").await,
        Err(AppError::Invalid(_))
    ));
    let entries = audit::list(&t.app, &actor, &AuditFilter::default(), None, 50)
        .await
        .unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .filter(|e| e.action.starts_with("scim_token"))
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(actions, ["scim_token.revoked", "scim_token.created"]);
    assert!(
        entries
            .iter()
            .filter(|e| e.action.starts_with("scim_token"))
            .all(|e| e.actor_kind == AuditActorKind::User && e.client_ip == "192.0.2.9")
    );
}

async fn only_admins_and_the_operator_manage_scim_tokens(db: TestDb) {
    let t = TestApp::new(db).await;
    t.admin().await;
    let ana = Actor::User(t.member("ana@acme.test").await);
    let cleo = Actor::User(t.user("cleo@acme.test", Role::Compliance).await);
    for actor in [&ana, &cleo] {
        let by = Acting::new(actor, "192.0.2.9");
        assert!(matches!(
            scim::tokens::create(&t.app, by, "x").await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            scim::tokens::list(&t.app, actor).await,
            Err(AppError::Forbidden(_))
        ));
    }
    let created = scim::tokens::create(&t.app, Acting::operator(), "CLI")
        .await
        .unwrap();
    assert!(matches!(
        scim::tokens::revoke(&t.app, Acting::new(&ana, "x"), created.token.id).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(created.token.created_by.is_none());
}
