use hearth_app::AppError;
use hearth_app::communities::{self, CommunityChanges, NewCommunity};
use hearth_app::domain::{Actor, CommunityRole, MembershipState, User};
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    a_creator_owns_a_new_community_and_bad_input_changes_nothing,
    public_communities_are_joined_at_once_and_private_ones_by_approved_request,
    secret_communities_are_invisible_to_all_but_members_invitees_and_admins,
    only_managers_edit_invite_approve_and_remove,
    a_community_always_keeps_an_owner,
    archived_communities_take_no_new_members,
);

fn new(name: &str, visibility: &str) -> NewCommunity {
    NewCommunity {
        name: name.to_owned(),
        description: "About things".to_owned(),
        visibility: visibility.to_owned(),
        category: "work".to_owned(),
    }
}

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn names_seen_by(t: &TestApp, user: &User) -> Vec<String> {
    communities::list(&t.app, &actor(user), false)
        .await
        .unwrap()
        .into_iter()
        .map(|view| view.community.name)
        .collect()
}

async fn a_creator_owns_a_new_community_and_bad_input_changes_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let created = communities::create(&t.app, &actor(&ana), &new("Procurement", "public"))
        .await
        .unwrap();
    let view = communities::get(&t.app, &actor(&ana), created.id)
        .await
        .unwrap();
    let mine = view.membership.unwrap();
    assert_eq!(
        (mine.role, mine.state),
        (CommunityRole::Owner, MembershipState::Member)
    );
    assert_eq!(view.member_count, 1);

    let bad = [
        (
            NewCommunity {
                name: " ".into(),
                ..new("", "public")
            },
            "name",
        ),
        (new("X", "hidden"), "visibility"),
        (
            NewCommunity {
                category: "fun".into(),
                ..new("X", "public")
            },
            "category",
        ),
    ];
    for (input, field) in bad {
        match communities::create(&t.app, &actor(&ana), &input).await {
            Err(AppError::Invalid(invalid)) => assert_eq!(invalid.field, field),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
    }
    let dup = communities::create(&t.app, &actor(&ana), &new("PROCUREMENT", "private")).await;
    assert!(
        matches!(
            dup,
            Err(AppError::Conflict {
                field: Some("name"),
                ..
            })
        ),
        "{dup:?}"
    );
    assert_eq!(names_seen_by(&t, &ana).await, ["Procurement"]);
}

async fn public_communities_are_joined_at_once_and_private_ones_by_approved_request(db: TestDb) {
    let t = TestApp::new(db).await;
    let owner = t.member("owner@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let open = communities::create(&t.app, &actor(&owner), &new("Open", "public"))
        .await
        .unwrap();
    let closed = communities::create(&t.app, &actor(&owner), &new("Closed", "private"))
        .await
        .unwrap();

    assert_eq!(
        communities::join(&t.app, &actor(&ben), open.id)
            .await
            .unwrap(),
        MembershipState::Member
    );
    assert_eq!(
        communities::join(&t.app, &actor(&ben), closed.id)
            .await
            .unwrap(),
        MembershipState::Requested
    );
    let refused = communities::members(&t.app, &actor(&ben), closed.id).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "a requester cannot read yet"
    );

    let seen_by_owner = communities::members(&t.app, &actor(&owner), closed.id)
        .await
        .unwrap();
    assert!(
        seen_by_owner
            .iter()
            .any(|(m, _)| m.user_id == ben.id && m.state == MembershipState::Requested)
    );
    communities::approve(&t.app, &actor(&owner), closed.id, ben.id)
        .await
        .unwrap();
    let members = communities::members(&t.app, &actor(&ben), closed.id)
        .await
        .unwrap();
    assert_eq!(members.len(), 2);
    let mine = communities::list(&t.app, &actor(&ben), true).await.unwrap();
    assert_eq!(mine.len(), 2);

    communities::leave(&t.app, &actor(&ben), open.id)
        .await
        .unwrap();
    let mine = communities::list(&t.app, &actor(&ben), true).await.unwrap();
    assert_eq!(
        mine.iter()
            .map(|v| v.community.name.as_str())
            .collect::<Vec<_>>(),
        ["Closed"]
    );
}

async fn secret_communities_are_invisible_to_all_but_members_invitees_and_admins(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let owner = t.member("owner@acme.test").await;
    let guest = t.member("guest@acme.test").await;
    let outsider = t.member("outsider@acme.test").await;
    let secret = communities::create(&t.app, &actor(&owner), &new("Merger talks", "secret"))
        .await
        .unwrap();
    communities::create(&t.app, &actor(&owner), &new("Lunch", "public"))
        .await
        .unwrap();

    assert_eq!(names_seen_by(&t, &outsider).await, ["Lunch"]);
    for result in [
        communities::get(&t.app, &actor(&outsider), secret.id)
            .await
            .map(|_| ()),
        communities::join(&t.app, &actor(&outsider), secret.id)
            .await
            .map(|_| ()),
        communities::members(&t.app, &actor(&outsider), secret.id)
            .await
            .map(|_| ()),
    ] {
        assert!(matches!(result, Err(AppError::NotFound(_))), "{result:?}");
    }
    assert_eq!(names_seen_by(&t, &admin).await, ["Lunch", "Merger talks"]);

    assert_eq!(
        communities::invite(&t.app, &actor(&owner), secret.id, guest.id)
            .await
            .unwrap(),
        MembershipState::Invited
    );
    assert_eq!(names_seen_by(&t, &guest).await, ["Lunch", "Merger talks"]);
    assert_eq!(
        communities::join(&t.app, &actor(&guest), secret.id)
            .await
            .unwrap(),
        MembershipState::Member
    );
    assert_eq!(
        communities::get(&t.app, &actor(&guest), secret.id)
            .await
            .unwrap()
            .member_count,
        2
    );
    assert_eq!(names_seen_by(&t, &outsider).await, ["Lunch"]);
}

async fn only_managers_edit_invite_approve_and_remove(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let owner = t.member("owner@acme.test").await;
    let member = t.member("member@acme.test").await;
    let other = t.member("other@acme.test").await;
    let c = communities::create(&t.app, &actor(&owner), &new("Team", "private"))
        .await
        .unwrap();
    communities::invite(&t.app, &actor(&owner), c.id, member.id)
        .await
        .unwrap();
    communities::join(&t.app, &actor(&member), c.id)
        .await
        .unwrap();
    communities::join(&t.app, &actor(&other), c.id)
        .await
        .unwrap();

    let rename = CommunityChanges {
        name: Some("Renamed".into()),
        ..CommunityChanges::default()
    };
    let refusals = [
        communities::update(&t.app, &actor(&member), c.id, &rename)
            .await
            .map(|_| ()),
        communities::approve(&t.app, &actor(&member), c.id, other.id).await,
        communities::invite(&t.app, &actor(&member), c.id, other.id)
            .await
            .map(|_| ()),
        communities::remove(&t.app, &actor(&member), c.id, owner.id).await,
        communities::set_role(&t.app, &actor(&member), c.id, member.id, "admin").await,
    ];
    for refusal in refusals {
        assert!(
            matches!(refusal, Err(AppError::Forbidden(_))),
            "{refusal:?}"
        );
    }
    let view = communities::get(&t.app, &actor(&owner), c.id)
        .await
        .unwrap();
    assert_eq!(view.community.name, "Team");

    communities::set_role(&t.app, &actor(&owner), c.id, member.id, "admin")
        .await
        .unwrap();
    communities::approve(&t.app, &actor(&member), c.id, other.id)
        .await
        .unwrap();
    let refused = communities::set_role(&t.app, &actor(&member), c.id, other.id, "owner").await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "admins cannot make owners"
    );
    communities::update(&t.app, &actor(&admin), c.id, &rename)
        .await
        .expect("network admins manage every community");
    communities::remove(&t.app, &actor(&member), c.id, other.id)
        .await
        .unwrap();
    let members = communities::members(&t.app, &actor(&owner), c.id)
        .await
        .unwrap();
    assert_eq!(members.len(), 2);
    let bad_role = communities::set_role(&t.app, &actor(&owner), c.id, member.id, "boss").await;
    assert!(
        matches!(bad_role, Err(AppError::Invalid(_))),
        "{bad_role:?}"
    );
}

async fn a_community_always_keeps_an_owner(db: TestDb) {
    let t = TestApp::new(db).await;
    let owner = t.member("owner@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let c = communities::create(&t.app, &actor(&owner), &new("Team", "public"))
        .await
        .unwrap();
    let refused = communities::leave(&t.app, &actor(&owner), c.id).await;
    assert!(
        matches!(refused, Err(AppError::Conflict { .. })),
        "{refused:?}"
    );
    let refused = communities::set_role(&t.app, &actor(&owner), c.id, owner.id, "member").await;
    assert!(
        matches!(refused, Err(AppError::Conflict { .. })),
        "{refused:?}"
    );
    communities::join(&t.app, &actor(&ben), c.id).await.unwrap();
    communities::set_role(&t.app, &actor(&owner), c.id, ben.id, "owner")
        .await
        .unwrap();
    let cy = t.member("cy@acme.test").await;
    communities::join(&t.app, &actor(&cy), c.id).await.unwrap();
    communities::set_role(&t.app, &actor(&owner), c.id, cy.id, "admin")
        .await
        .unwrap();
    let refused = communities::set_role(&t.app, &actor(&cy), c.id, ben.id, "member").await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "an admin cannot demote an owner"
    );
    let refused = communities::remove(&t.app, &actor(&cy), c.id, ben.id).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "an admin cannot remove an owner"
    );
    communities::leave(&t.app, &actor(&owner), c.id)
        .await
        .expect("another owner remains");
}

async fn archived_communities_take_no_new_members(db: TestDb) {
    let t = TestApp::new(db).await;
    let owner = t.member("owner@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let c = communities::create(&t.app, &actor(&owner), &new("Old project", "public"))
        .await
        .unwrap();
    let archive = CommunityChanges {
        archived: Some(true),
        ..CommunityChanges::default()
    };
    let archived = communities::update(&t.app, &actor(&owner), c.id, &archive)
        .await
        .unwrap();
    assert!(archived.archived_at.is_some());
    let refused = communities::join(&t.app, &actor(&ben), c.id).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let refused = communities::invite(&t.app, &actor(&owner), c.id, ben.id).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    communities::get(&t.app, &actor(&ben), c.id)
        .await
        .expect("still readable");
}
