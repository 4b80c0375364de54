use hearth_app::audit::AuditFilter;
use hearth_app::audit::{self, Acting};
use hearth_app::domain::{Actor, AuditAction, InvitationId, Role, User};
use hearth_app::invitations::{self, AcceptForm, InvitationState};
use hearth_app::sessions::ClientInfo;
use hearth_app::{App, AppError, accounts, lifecycle, sessions};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    an_accepted_invitation_creates_the_account_with_its_role_and_signs_in,
    an_invitation_link_works_only_once,
    expired_and_revoked_links_are_refused_and_create_nothing,
    an_address_with_an_account_or_an_open_invitation_cannot_be_invited_again,
    members_cannot_invite_or_revoke_or_list,
    bad_input_to_an_invitation_changes_nothing,
    each_invitation_act_writes_exactly_one_audit_entry,
    the_operator_invites_into_the_home_network,
    an_admins_open_invitations_are_cancelled_when_they_are_shut_out_or_lose_the_role,
);

fn acting(actor: &Actor) -> Acting<'_> {
    Acting::new(actor, "203.0.113.9")
}

fn accept_form<'a>(secret: &'a str, name: &'a str) -> AcceptForm<'a> {
    AcceptForm {
        secret,
        name,
        password: "a long enough password",
    }
}

async fn entries(app: &App, action: AuditAction) -> usize {
    let filter = AuditFilter {
        action: Some(action.as_str().to_owned()),
        ..AuditFilter::default()
    };
    audit::list(app, &Actor::Operator, &filter, None, 100)
        .await
        .unwrap()
        .len()
}

async fn account(app: &App, email: &str) -> Option<User> {
    match accounts::find_by_email(app, &Actor::Operator, email).await {
        Ok(user) => Some(user),
        Err(AppError::NotFound(_)) => None,
        Err(err) => panic!("{err:?}"),
    }
}

async fn an_accepted_invitation_creates_the_account_with_its_role_and_signs_in(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    let invited = invitations::invite(&t.app, acting(&admin), "Bea@Acme.test", Role::Compliance)
        .await
        .unwrap();
    assert_eq!(invited.invitation.email, "bea@acme.test");
    let checked = invitations::check_link(&t.app, &invited.secret)
        .await
        .unwrap();
    assert_eq!(checked.id, invited.invitation.id);

    let signed_in = invitations::accept(
        &t.app,
        accept_form(&invited.secret, "Bea Costa"),
        &ClientInfo::default(),
    )
    .await
    .unwrap();
    assert_eq!(signed_in.user.email, "bea@acme.test");
    assert_eq!(signed_in.user.display_name, "Bea Costa");
    assert_eq!(signed_in.user.role, Role::Compliance);
    let Actor::User(admin_user) = &admin else {
        unreachable!()
    };
    assert_eq!(signed_in.user.network_id, admin_user.network_id);
    let session = sessions::authenticate(&t.app, &signed_in.secret)
        .await
        .unwrap();
    assert_eq!(session.user.id, signed_in.user.id);
    // The chosen password works for a later sign-in too.
    sessions::sign_in(
        &t.app,
        "bea@acme.test",
        "a long enough password",
        &ClientInfo::default(),
    )
    .await
    .unwrap();

    let listed = invitations::list(&t.app, &admin).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        InvitationState::of(&listed[0], t.app.now()),
        InvitationState::Accepted
    );
    assert_eq!(listed[0].accepted_by, Some(signed_in.user.id));
}

async fn an_invitation_link_works_only_once(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    let invited = invitations::invite(&t.app, acting(&admin), "bea@acme.test", Role::Member)
        .await
        .unwrap();
    invitations::accept(
        &t.app,
        accept_form(&invited.secret, "Bea"),
        &ClientInfo::default(),
    )
    .await
    .unwrap();
    let again = invitations::accept(
        &t.app,
        accept_form(&invited.secret, "Someone Else"),
        &ClientInfo::default(),
    )
    .await;
    assert!(
        matches!(again, Err(AppError::Unauthenticated(message)) if message.contains("already been used")),
        "{again:?}"
    );
    assert_eq!(
        account(&t.app, "bea@acme.test").await.unwrap().display_name,
        "Bea"
    );
}

async fn expired_and_revoked_links_are_refused_and_create_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    let revoked = invitations::invite(&t.app, acting(&admin), "rui@acme.test", Role::Member)
        .await
        .unwrap();
    invitations::revoke(&t.app, acting(&admin), revoked.invitation.id)
        .await
        .unwrap();
    let refused = invitations::accept(
        &t.app,
        accept_form(&revoked.secret, "Rui"),
        &ClientInfo::default(),
    )
    .await;
    assert!(
        matches!(refused, Err(AppError::Unauthenticated(message)) if message.contains("withdrawn")),
        "{refused:?}"
    );
    assert!(account(&t.app, "rui@acme.test").await.is_none());

    let expiring = invitations::invite(&t.app, acting(&admin), "eva@acme.test", Role::Member)
        .await
        .unwrap();
    t.clock
        .advance(invitations::LIFETIME + Duration::from_secs(1));
    let refused = invitations::accept(
        &t.app,
        accept_form(&expiring.secret, "Eva"),
        &ClientInfo::default(),
    )
    .await;
    assert!(
        matches!(refused, Err(AppError::Unauthenticated(message)) if message.contains("expired")),
        "{refused:?}"
    );
    assert!(account(&t.app, "eva@acme.test").await.is_none());
    let unknown = invitations::check_link(&t.app, "not-a-secret").await;
    assert!(
        matches!(unknown, Err(AppError::Unauthenticated(_))),
        "{unknown:?}"
    );

    // A revoked or expired invitation cannot be revoked (again).
    let twice = invitations::revoke(&t.app, acting(&admin), expiring.invitation.id).await;
    assert!(matches!(twice, Err(AppError::Conflict { .. })), "{twice:?}");
    // Once expired, the address may be invited afresh.
    invitations::invite(&t.app, acting(&admin), "eva@acme.test", Role::Member)
        .await
        .unwrap();
}

async fn an_address_with_an_account_or_an_open_invitation_cannot_be_invited_again(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    t.member("ana@acme.test").await;
    let taken = invitations::invite(&t.app, acting(&admin), "ANA@acme.test", Role::Member).await;
    assert!(
        matches!(
            taken,
            Err(AppError::Conflict {
                field: Some("email"),
                ..
            })
        ),
        "{taken:?}"
    );
    let first = invitations::invite(&t.app, acting(&admin), "bea@acme.test", Role::Member)
        .await
        .unwrap();
    let open = invitations::invite(&t.app, acting(&admin), "bea@acme.test", Role::Admin).await;
    assert!(
        matches!(&open, Err(AppError::Conflict { message, .. }) if message.contains("open invitation")),
        "{open:?}"
    );
    assert_eq!(invitations::list(&t.app, &admin).await.unwrap().len(), 1);

    // The address got an account some other way after being invited: the link says so.
    t.member("bea@acme.test").await;
    let refused = invitations::accept(
        &t.app,
        accept_form(&first.secret, "Bea"),
        &ClientInfo::default(),
    )
    .await;
    assert!(
        matches!(refused, Err(AppError::Conflict { .. })),
        "{refused:?}"
    );
}

async fn members_cannot_invite_or_revoke_or_list(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    let member = Actor::User(t.member("ana@acme.test").await);
    let compliance = Actor::User(t.user("cora@acme.test", Role::Compliance).await);
    for actor in [&member, &compliance] {
        let refused = invitations::invite(&t.app, acting(actor), "x@acme.test", Role::Member).await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
        let refused = invitations::list(&t.app, actor).await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
    }
    let invited = invitations::invite(&t.app, acting(&admin), "bea@acme.test", Role::Member)
        .await
        .unwrap();
    let refused = invitations::revoke(&t.app, acting(&member), invited.invitation.id).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let listed = invitations::list(&t.app, &admin).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        InvitationState::of(&listed[0], t.app.now()),
        InvitationState::Open
    );
    assert_eq!(entries(&t.app, AuditAction::InvitationRevoked).await, 0);
}

async fn bad_input_to_an_invitation_changes_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    let bad = invitations::invite(&t.app, acting(&admin), "not-an-address", Role::Member).await;
    assert!(
        matches!(&bad, Err(AppError::Invalid(invalid)) if invalid.field == "email"),
        "{bad:?}"
    );
    assert!(invitations::list(&t.app, &admin).await.unwrap().is_empty());
    assert_eq!(entries(&t.app, AuditAction::UserInvited).await, 0);

    let invited = invitations::invite(&t.app, acting(&admin), "bea@acme.test", Role::Member)
        .await
        .unwrap();
    let short = invitations::accept(
        &t.app,
        AcceptForm {
            secret: &invited.secret,
            name: "Bea",
            password: "short",
        },
        &ClientInfo::default(),
    )
    .await;
    assert!(
        matches!(&short, Err(AppError::Invalid(invalid)) if invalid.field == "password"),
        "{short:?}"
    );
    let nameless = invitations::accept(
        &t.app,
        accept_form(&invited.secret, "  "),
        &ClientInfo::default(),
    )
    .await;
    assert!(
        matches!(nameless, Err(AppError::Invalid(_))),
        "{nameless:?}"
    );
    assert!(account(&t.app, "bea@acme.test").await.is_none());
    // The link survives refused input.
    invitations::check_link(&t.app, &invited.secret)
        .await
        .unwrap();

    let unknown = invitations::revoke(&t.app, acting(&admin), InvitationId(12345)).await;
    assert!(matches!(unknown, Err(AppError::NotFound(_))), "{unknown:?}");
}

async fn each_invitation_act_writes_exactly_one_audit_entry(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin_user = t.admin().await;
    let admin = Actor::User(admin_user.clone());
    let invited = invitations::invite(&t.app, acting(&admin), "bea@acme.test", Role::Admin)
        .await
        .unwrap();
    assert_eq!(entries(&t.app, AuditAction::UserInvited).await, 1);
    assert_eq!(entries(&t.app, AuditAction::InvitationRevoked).await, 0);
    invitations::revoke(&t.app, acting(&admin), invited.invitation.id)
        .await
        .unwrap();
    assert_eq!(entries(&t.app, AuditAction::UserInvited).await, 1);
    assert_eq!(entries(&t.app, AuditAction::InvitationRevoked).await, 1);

    let filter = AuditFilter::default();
    let all = audit::list(&t.app, &Actor::Operator, &filter, None, 100)
        .await
        .unwrap();
    let revoked = &all[0];
    assert_eq!(revoked.action, "invitation.revoked");
    assert_eq!(revoked.actor_id, Some(admin_user.id.0));
    assert_eq!(revoked.target_kind, "invitation");
    assert_eq!(revoked.target_id, Some(invited.invitation.id.0));
    assert_eq!(revoked.client_ip, "203.0.113.9");
    assert!(
        all[1].details.contains("\"role\":\"admin\""),
        "{}",
        all[1].details
    );

    // Accepting is not an administrative act.
    let second = invitations::invite(&t.app, acting(&admin), "cid@acme.test", Role::Member)
        .await
        .unwrap();
    let before = audit::list(&t.app, &Actor::Operator, &filter, None, 100)
        .await
        .unwrap()
        .len();
    invitations::accept(
        &t.app,
        accept_form(&second.secret, "Cid"),
        &ClientInfo::default(),
    )
    .await
    .unwrap();
    let after = audit::list(&t.app, &Actor::Operator, &filter, None, 100)
        .await
        .unwrap()
        .len();
    assert_eq!(before, after);
}

async fn the_operator_invites_into_the_home_network(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let invited = invitations::invite(&t.app, Acting::operator(), "bea@acme.test", Role::Admin)
        .await
        .unwrap();
    assert_eq!(invited.invitation.network_id, admin.network_id);
    assert_eq!(invited.invitation.invited_by, None);
    let signed_in = invitations::accept(
        &t.app,
        accept_form(&invited.secret, "Bea"),
        &ClientInfo::default(),
    )
    .await
    .unwrap();
    assert_eq!(signed_in.user.role, Role::Admin);
    assert_eq!(signed_in.user.network_id, admin.network_id);
    let entry = &audit::list(&t.app, &Actor::Operator, &AuditFilter::default(), None, 10)
        .await
        .unwrap()[0];
    assert_eq!(entry.actor_kind.as_str(), "operator");
    assert_eq!(entry.client_ip, "command line");
}

/// The audit entry of the last `action` on `target`, as JSON details.
async fn last_details(app: &App, action: AuditAction, target: &User) -> serde_json::Value {
    let filter = AuditFilter {
        action: Some(action.as_str().to_owned()),
        target_id: Some(target.id.0),
        ..AuditFilter::default()
    };
    let entries = audit::list(app, &Actor::Operator, &filter, None, 1)
        .await
        .unwrap();
    serde_json::from_str(&entries[0].details).unwrap()
}

async fn an_admins_open_invitations_are_cancelled_when_they_are_shut_out_or_lose_the_role(
    db: TestDb,
) {
    let t = TestApp::new(db).await;
    let boss = Actor::User(t.admin().await);
    let eve = t.user("eve@acme.test", Role::Admin).await;
    let carl = t.user("carl@acme.test", Role::Admin).await;
    let (eve_actor, carl_actor) = (Actor::User(eve.clone()), Actor::User(carl.clone()));
    let invite = |actor, email: &'static str| {
        let app = t.app.clone();
        async move {
            invitations::invite(&app, acting(actor), email, Role::Admin)
                .await
                .unwrap()
        }
    };
    let by_eve = invite(&eve_actor, "x@acme.test").await;
    let also_by_eve = invite(&eve_actor, "y@acme.test").await;
    let used = invite(&eve_actor, "u@acme.test").await;
    invitations::accept(
        &t.app,
        accept_form(&used.secret, "Una"),
        &ClientInfo::default(),
    )
    .await
    .unwrap();
    let by_carl = invite(&carl_actor, "z@acme.test").await;
    let by_boss = invite(&boss, "w@acme.test").await;

    lifecycle::deactivate(&t.app, acting(&boss), eve.id, "left")
        .await
        .unwrap();
    for cancelled in [&by_eve, &also_by_eve] {
        assert!(
            matches!(
                invitations::check_link(&t.app, &cancelled.secret).await,
                Err(AppError::Unauthenticated(_))
            ),
            "a deactivated admin's invitation is cancelled"
        );
    }
    assert_eq!(
        last_details(&t.app, AuditAction::UserDeactivated, &eve).await["invitations_cancelled"],
        2
    );

    lifecycle::change_role(&t.app, acting(&boss), carl.id, Role::Member, "")
        .await
        .unwrap();
    assert!(matches!(
        invitations::check_link(&t.app, &by_carl.secret).await,
        Err(AppError::Unauthenticated(_))
    ));
    assert_eq!(
        last_details(&t.app, AuditAction::RoleChanged, &carl).await["invitations_cancelled"],
        1
    );

    // Only theirs: the other admin's invitation and the accepted one are as they were.
    invitations::check_link(&t.app, &by_boss.secret)
        .await
        .unwrap();
    let listed = invitations::list(&t.app, &boss).await.unwrap();
    let state = |id: InvitationId| {
        let invitation = listed.iter().find(|i| i.id == id).unwrap();
        InvitationState::of(invitation, t.app.now())
    };
    assert_eq!(state(by_eve.invitation.id), InvitationState::Revoked);
    assert_eq!(state(also_by_eve.invitation.id), InvitationState::Revoked);
    assert_eq!(state(by_carl.invitation.id), InvitationState::Revoked);
    assert_eq!(state(used.invitation.id), InvitationState::Accepted);
    assert_eq!(state(by_boss.invitation.id), InvitationState::Open);
}
