//! Chat: conversations, members, messages, read markers, and the live events each
//! change publishes (and keeps).

use hearth_app::AppError;
use hearth_app::chat::{self, NewGroup};
use hearth_app::domain::{
    Actor, ConversationId, ConversationKind, MessageId, Role, User, UserId, UserStatus,
};
use hearth_app::live::{Audience, LiveEvent};
use hearth_store::{events, users};
use hearth_testkit::{TestApp, TestDb, both_backends};
use serde_json::Value;
use std::sync::Arc;
use tokio::sync::broadcast;

both_backends!(
    a_group_conversation_from_its_first_message_to_its_members_leaving,
    people_outside_a_conversation_are_told_it_does_not_exist,
    two_people_have_one_direct_conversation_which_keeps_its_two_people,
    a_group_takes_known_active_colleagues_and_at_most_500_people,
    unread_counts_follow_the_read_marker_which_never_moves_back,
    only_the_author_edits_a_message_and_the_author_or_an_admin_deletes_it,
    a_removed_member_can_no_longer_read_or_send_nor_hear_of_the_conversation,
    a_deactivated_members_messages_stay_readable_by_the_others,
    each_change_is_published_to_the_members_of_that_moment_and_kept,
    the_conversation_list_pages_by_activity,
    two_people_starting_their_conversation_at_once_both_get_the_one_that_stands,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

fn group(title: &str, members: &[&User]) -> NewGroup {
    NewGroup {
        title: title.to_owned(),
        member_ids: members.iter().map(|u| u.id).collect(),
    }
}

fn is_not_found<T: std::fmt::Debug>(result: Result<T, AppError>) -> bool {
    matches!(result, Err(AppError::NotFound(_)))
}

fn invalid_field<T: std::fmt::Debug>(result: Result<T, AppError>) -> &'static str {
    match result {
        Err(AppError::Invalid(invalid)) => invalid.field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

/// Every chat event published since the last call, in order.
fn chat_events(rx: &mut broadcast::Receiver<Arc<LiveEvent>>) -> Vec<Arc<LiveEvent>> {
    let mut found = Vec::new();
    while let Ok(event) = rx.try_recv() {
        if event.kind.starts_with("message.")
            || event.kind.starts_with("conversation.")
            || event.kind == "typing"
        {
            found.push(event);
        }
    }
    found
}

fn to(users: &[&User]) -> Audience {
    let mut ids: Vec<i64> = users.iter().map(|u| u.id.0).collect();
    ids.sort_unstable();
    Audience::Users(ids)
}

fn sorted(audience: &Audience) -> Audience {
    match audience {
        Audience::Users(ids) => {
            let mut ids = ids.clone();
            ids.sort_unstable();
            Audience::Users(ids)
        }
        Audience::Network => Audience::Network,
    }
}

fn payload(event: &LiveEvent) -> Value {
    serde_json::from_str(&event.payload).unwrap()
}

/// The kept events a person would be sent on returning, oldest first.
async fn kept_for(t: &TestApp, user: &User) -> Vec<events::EventRow> {
    let mut db = t.app.store().conn().await.unwrap();
    events::since(&mut db, user.network_id, user.id, 0, 10_000)
        .await
        .unwrap()
}

async fn texts(t: &TestApp, user: &User, id: ConversationId) -> Vec<String> {
    chat::history(&t.app, &actor(user), id, None, None)
        .await
        .unwrap()
        .messages
        .into_iter()
        .map(|m| m.message.body_markdown)
        .collect()
}

async fn set_status(t: &TestApp, user: &User, status: UserStatus) {
    let mut db = t.app.store().conn().await.unwrap();
    users::set_status(&mut db, user.id, status, None, t.clock.now())
        .await
        .unwrap();
}

/// A partner network with one person in it.
async fn outsider(t: &TestApp, home: &User) -> User {
    t.partner_outsider(home, Role::Member).await
}

async fn a_group_conversation_from_its_first_message_to_its_members_leaving(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let dan = t.member("dan@acme.test").await;

    let created = chat::create_group(&t.app, &actor(&ana), &group(" Launch ", &[&ben, &cy]))
        .await
        .unwrap();
    let id = created.conversation.id;
    assert_eq!(created.conversation.kind, ConversationKind::Group);
    assert_eq!(created.title, "Launch");
    let mut names: Vec<&str> = created
        .members
        .iter()
        .map(|m| m.display_name.as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["Ana", "Ben", "Cy"], "the creator is included");

    let first = chat::send(&t.app, &actor(&ana), id, "Hello **team**, @ben #launch")
        .await
        .unwrap();
    assert!(
        first.message.body_html.contains("<strong>team</strong>"),
        "{}",
        first.message.body_html
    );
    assert!(first.message.body_html.contains("/people/ben"));
    let script = chat::send(&t.app, &actor(&ben), id, "<script>alert(1)</script>")
        .await
        .unwrap();
    assert!(!script.message.body_html.contains("<script"));
    assert_eq!(texts(&t, &cy, id).await.len(), 2);

    let renamed = chat::rename(&t.app, &actor(&cy), id, "Launch day")
        .await
        .unwrap();
    assert_eq!(renamed.title, "Launch day");
    let grown = chat::add_members(&t.app, &actor(&ben), id, &[dan.id, ben.id])
        .await
        .unwrap();
    assert_eq!(
        grown.members.len(),
        4,
        "people already in it are left alone"
    );
    assert_eq!(
        texts(&t, &dan, id).await.len(),
        2,
        "a newcomer reads the history"
    );

    let listed = chat::list(&t.app, &actor(&dan), None, None).await.unwrap();
    let summary = &listed.conversations[0];
    assert_eq!(summary.title, "Launch day");
    assert_eq!(
        summary.last_message.as_ref().unwrap().text,
        "<script>alert(1)</script>"
    );
    assert!(!summary.muted);
    chat::set_muted(&t.app, &actor(&dan), id, true)
        .await
        .unwrap();
    let view = chat::get(&t.app, &actor(&dan), id).await.unwrap();
    assert!(view.membership.muted);
    let listed = chat::list(&t.app, &actor(&dan), None, None).await.unwrap();
    assert!(listed.conversations[0].muted);

    // Anyone leaves; only the creator (or an admin) removes someone else.
    chat::remove_member(&t.app, &actor(&dan), id, dan.id)
        .await
        .unwrap();
    let refused = chat::remove_member(&t.app, &actor(&ben), id, cy.id).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    chat::remove_member(&t.app, &actor(&ana), id, cy.id)
        .await
        .unwrap();
    let again = chat::remove_member(&t.app, &actor(&ana), id, cy.id).await;
    assert!(is_not_found(again), "cy is no longer in it");
    chat::remove_member(&t.app, &actor(&ana), id, ana.id)
        .await
        .unwrap();
    let left = chat::get(&t.app, &actor(&ben), id).await.unwrap();
    assert_eq!(
        left.members.iter().map(|m| m.user_id).collect::<Vec<_>>(),
        [ben.id]
    );
    assert!(is_not_found(chat::get(&t.app, &actor(&ana), id).await));
}

async fn people_outside_a_conversation_are_told_it_does_not_exist(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let eve = t.member("eve@acme.test").await;
    let guest = outsider(&t, &ana).await;

    let direct = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap();
    let team = chat::create_group(&t.app, &actor(&ana), &group("Team", &[&ben]))
        .await
        .unwrap();
    let said = chat::send(&t.app, &actor(&ana), team.conversation.id, "secret plans")
        .await
        .unwrap();
    let message = said.message.id;

    for outsider in [&admin, &eve, &guest] {
        let who = actor(outsider);
        for id in [direct.view.conversation.id, team.conversation.id] {
            assert!(is_not_found(chat::get(&t.app, &who, id).await));
            assert!(is_not_found(
                chat::history(&t.app, &who, id, None, None).await
            ));
            assert!(is_not_found(chat::send(&t.app, &who, id, "hi").await));
            assert!(is_not_found(chat::rename(&t.app, &who, id, "Mine").await));
            assert!(is_not_found(
                chat::add_members(&t.app, &who, id, &[outsider.id]).await
            ));
            assert!(is_not_found(
                chat::remove_member(&t.app, &who, id, ana.id).await
            ));
            assert!(is_not_found(
                chat::mark_read(&t.app, &who, id, message).await
            ));
            assert!(is_not_found(chat::set_muted(&t.app, &who, id, true).await));
            assert!(is_not_found(chat::typing(&t.app, &who, id).await));
        }
        assert!(is_not_found(chat::edit(&t.app, &who, message, "x").await));
        assert!(is_not_found(chat::delete(&t.app, &who, message).await));
        let list = chat::list(&t.app, &who, None, None).await.unwrap();
        assert!(list.conversations.is_empty());
    }
    assert!(is_not_found(
        chat::get(&t.app, &actor(&ana), ConversationId(42)).await
    ));
    assert_eq!(
        texts(&t, &ben, team.conversation.id).await,
        ["secret plans"]
    );
}

async fn two_people_have_one_direct_conversation_which_keeps_its_two_people(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let gone = t.member("gone@acme.test").await;
    set_status(&t, &gone, UserStatus::Deactivated).await;
    let guest = outsider(&t, &ana).await;

    let first = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap();
    assert!(first.created);
    assert_eq!(first.view.title, "Ben", "named after the other person");
    let again = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap();
    let theirs = chat::start_direct(&t.app, &actor(&ben), ana.id)
        .await
        .unwrap();
    assert!(!again.created && !theirs.created);
    let id = first.view.conversation.id;
    assert_eq!(again.view.conversation.id, id);
    assert_eq!(theirs.view.conversation.id, id);
    assert_eq!(theirs.view.title, "Ana");
    assert_eq!(
        chat::list(&t.app, &actor(&ben), None, None)
            .await
            .unwrap()
            .conversations
            .len(),
        1
    );

    for refused in [
        chat::rename(&t.app, &actor(&ana), id, "Us").await.err(),
        chat::add_members(&t.app, &actor(&ana), id, &[cy.id])
            .await
            .err(),
        chat::remove_member(&t.app, &actor(&ana), id, ben.id)
            .await
            .err(),
        chat::remove_member(&t.app, &actor(&ana), id, ana.id)
            .await
            .err(),
    ] {
        assert!(
            matches!(refused, Some(AppError::Forbidden(_))),
            "{refused:?}"
        );
    }
    assert_eq!(
        chat::get(&t.app, &actor(&ana), id)
            .await
            .unwrap()
            .members
            .len(),
        2
    );

    let myself = chat::start_direct(&t.app, &actor(&ana), ana.id).await;
    assert!(matches!(myself, Err(AppError::Forbidden(_))), "{myself:?}");
    let inactive = chat::start_direct(&t.app, &actor(&ana), gone.id).await;
    assert!(
        matches!(inactive, Err(AppError::Forbidden(_))),
        "{inactive:?}"
    );
    assert!(is_not_found(
        chat::start_direct(&t.app, &actor(&ana), guest.id).await
    ));
    assert!(is_not_found(
        chat::start_direct(&t.app, &actor(&ana), UserId(42)).await
    ));
}

async fn a_group_takes_known_active_colleagues_and_at_most_500_people(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let gone = t.member("gone@acme.test").await;
    set_status(&t, &gone, UserStatus::Deactivated).await;
    let guest = outsider(&t, &ana).await;

    // 499 colleagues, written directly: with Ana that is a full group.
    let mut crowd = Vec::new();
    {
        let mut tx = t.app.store().begin().await.unwrap();
        for i in 0..499_i64 {
            let person = User {
                id: UserId(ana.id.0 + 10 + i),
                network_id: ana.network_id,
                email: format!("p{i}@acme.test"),
                display_name: format!("Person {i}"),
                role: Role::Member,
                status: UserStatus::Active,
                suspended_until: None,
                created_at: t.clock.now(),
                language: None,
                time_zone: hearth_app::domain::DEFAULT_TIME_ZONE.to_owned(),
                photo: None,
            };
            users::insert(
                &mut tx,
                users::NewUser {
                    user: &person,
                    handle: &format!("p{i}"),
                    password_hash: None,
                    home_user_id: None,
                },
            )
            .await
            .unwrap();
            crowd.push(person.id);
        }
        tx.commit().await.unwrap();
    }
    let with = |ids: &[UserId]| NewGroup {
        title: "All hands".to_owned(),
        member_ids: ids.to_vec(),
    };

    let mut too_many = crowd.clone();
    too_many.push(gone.id);
    assert_eq!(
        invalid_field(chat::create_group(&t.app, &actor(&ana), &with(&too_many)).await),
        "member_ids",
        "501 people with the creator"
    );
    assert_eq!(
        invalid_field(chat::create_group(&t.app, &actor(&ana), &with(&[UserId(42)])).await),
        "member_ids"
    );
    assert_eq!(
        invalid_field(chat::create_group(&t.app, &actor(&ana), &with(&[guest.id])).await),
        "member_ids"
    );
    assert_eq!(
        invalid_field(chat::create_group(&t.app, &actor(&ana), &with(&[gone.id])).await),
        "member_ids"
    );
    for title in ["  ", &"x".repeat(101)] {
        let bad = NewGroup {
            title: title.to_owned(),
            member_ids: Vec::new(),
        };
        assert_eq!(
            invalid_field(chat::create_group(&t.app, &actor(&ana), &bad).await),
            "title"
        );
    }
    assert!(
        chat::list(&t.app, &actor(&ana), None, None)
            .await
            .unwrap()
            .conversations
            .is_empty(),
        "refusals created nothing"
    );

    let full = chat::create_group(&t.app, &actor(&ana), &with(&crowd))
        .await
        .unwrap();
    assert_eq!(full.members.len(), 500);
    let id = full.conversation.id;
    let cy = t.member("cy@acme.test").await;
    assert_eq!(
        invalid_field(chat::add_members(&t.app, &actor(&ana), id, &[cy.id]).await),
        "member_ids"
    );
    assert_eq!(
        invalid_field(chat::add_members(&t.app, &actor(&ana), id, &[]).await),
        "member_ids"
    );
    chat::remove_member(&t.app, &actor(&ana), id, crowd[0])
        .await
        .unwrap();
    let added = chat::add_members(&t.app, &actor(&ana), id, &[cy.id])
        .await
        .unwrap();
    assert_eq!(added.members.len(), 500);
    assert_eq!(
        invalid_field(chat::rename(&t.app, &actor(&cy), id, "").await),
        "title"
    );
}

async fn unread_counts_follow_the_read_marker_which_never_moves_back(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let id = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap()
        .view
        .conversation
        .id;
    let unread = |user: User| {
        let app = t.app.clone();
        async move {
            chat::list(&app, &actor(&user), None, None)
                .await
                .unwrap()
                .conversations[0]
                .unread
        }
    };

    let mut sent = Vec::new();
    for i in 0..3 {
        sent.push(
            chat::send(&t.app, &actor(&ana), id, &format!("message {i}"))
                .await
                .unwrap()
                .message
                .id,
        );
    }
    chat::send(&t.app, &actor(&ben), id, "mine").await.unwrap();
    assert_eq!(unread(ben.clone()).await, 3, "one's own messages are read");
    assert_eq!(unread(ana.clone()).await, 1);

    assert_eq!(
        chat::mark_read(&t.app, &actor(&ben), id, sent[1])
            .await
            .unwrap(),
        sent[1].0
    );
    assert_eq!(unread(ben.clone()).await, 1);
    assert_eq!(
        chat::mark_read(&t.app, &actor(&ben), id, sent[0])
            .await
            .unwrap(),
        sent[1].0,
        "never backwards"
    );
    assert_eq!(unread(ben.clone()).await, 1);
    chat::delete(&t.app, &actor(&ana), sent[2]).await.unwrap();
    assert_eq!(
        unread(ben.clone()).await,
        0,
        "deleted messages are not unread"
    );

    // The marker takes only messages of this conversation.
    let other = chat::create_group(&t.app, &actor(&ana), &group("Other", &[&ben]))
        .await
        .unwrap();
    let elsewhere = chat::send(&t.app, &actor(&ana), other.conversation.id, "x")
        .await
        .unwrap();
    assert_eq!(
        invalid_field(chat::mark_read(&t.app, &actor(&ben), id, elsewhere.message.id).await),
        "up_to"
    );
    assert_eq!(
        invalid_field(chat::mark_read(&t.app, &actor(&ben), id, MessageId(i64::MAX)).await),
        "up_to"
    );

    // Counting stops at 100.
    for i in 0..105 {
        chat::send(&t.app, &actor(&ana), id, &format!("flood {i}"))
            .await
            .unwrap();
    }
    assert_eq!(unread(ben.clone()).await, chat::MAX_UNREAD);
    let view = chat::get(&t.app, &actor(&ben), id).await.unwrap();
    assert_eq!(view.membership.last_read_id, sent[1].0);
}

async fn only_the_author_edits_a_message_and_the_author_or_an_admin_deletes_it(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let id = chat::create_group(&t.app, &actor(&ana), &group("Team", &[&ben, &admin]))
        .await
        .unwrap()
        .conversation
        .id;
    let first = chat::send(&t.app, &actor(&ana), id, "frist").await.unwrap();
    let second = chat::send(&t.app, &actor(&ana), id, "oops").await.unwrap();

    for stranger in [&ben, &admin] {
        let refused = chat::edit(&t.app, &actor(stranger), first.message.id, "x").await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
    }
    let refused = chat::delete(&t.app, &actor(&ben), first.message.id).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    assert_eq!(
        invalid_field(chat::edit(&t.app, &actor(&ana), first.message.id, " ").await),
        "body"
    );

    let edited = chat::edit(&t.app, &actor(&ana), first.message.id, "*first*")
        .await
        .unwrap();
    assert!(edited.message.edited_at.is_some());
    assert!(edited.message.body_html.contains("<em>first</em>"));
    chat::delete(&t.app, &actor(&ana), second.message.id)
        .await
        .unwrap();
    chat::delete(&t.app, &actor(&admin), first.message.id)
        .await
        .unwrap();

    let history = chat::history(&t.app, &actor(&ben), id, None, None)
        .await
        .unwrap();
    assert_eq!(
        history.messages.len(),
        2,
        "deleted messages keep their place"
    );
    for shown in &history.messages {
        assert!(shown.message.deleted_at.is_some());
        assert!(shown.message.body_markdown.is_empty() && shown.message.body_html.is_empty());
    }
    assert!(is_not_found(
        chat::delete(&t.app, &actor(&ana), second.message.id).await
    ));
    assert!(is_not_found(
        chat::edit(&t.app, &actor(&ana), second.message.id, "back").await
    ));
    let listed = chat::list(&t.app, &actor(&ben), None, None).await.unwrap();
    assert!(listed.conversations[0].last_message.is_none());
}

async fn a_removed_member_can_no_longer_read_or_send_nor_hear_of_the_conversation(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let id = chat::create_group(&t.app, &actor(&ana), &group("Team", &[&ben, &cy]))
        .await
        .unwrap()
        .conversation
        .id;
    let before = chat::send(&t.app, &actor(&cy), id, "before").await.unwrap();
    let mut rx = t.app.subscribe();

    chat::remove_member(&t.app, &actor(&ana), id, cy.id)
        .await
        .unwrap();
    let told = chat_events(&mut rx);
    let kinds: Vec<&str> = told.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["conversation.updated", "conversation.removed"]);
    assert_eq!(sorted(&told[0].audience), to(&[&ana, &ben]));
    assert_eq!(told[1].audience, to(&[&cy]));
    assert_eq!(payload(&told[1])["conversation_id"], id.to_string());

    chat::send(&t.app, &actor(&ana), id, "after").await.unwrap();
    let after = chat_events(&mut rx);
    assert_eq!(after.len(), 1);
    assert!(!after[0].audience.includes(cy.id));

    assert!(is_not_found(
        chat::send(&t.app, &actor(&cy), id, "still here?").await
    ));
    assert!(is_not_found(
        chat::history(&t.app, &actor(&cy), id, None, None).await
    ));
    assert!(is_not_found(
        chat::edit(&t.app, &actor(&cy), before.message.id, "changed").await
    ));
    assert!(
        chat::list(&t.app, &actor(&cy), None, None)
            .await
            .unwrap()
            .conversations
            .is_empty()
    );

    // Read back after a dropped connection, Cy gets her removal and nothing of the
    // conversation.
    let kept: Vec<String> = kept_for(&t, &cy)
        .await
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kept, ["conversation.removed"]);
    let kept_by_ben: Vec<String> = kept_for(&t, &ben)
        .await
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(kept_by_ben.contains(&"message.created".to_owned()));
}

async fn a_deactivated_members_messages_stay_readable_by_the_others(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let id = chat::create_group(&t.app, &actor(&ana), &group("Team", &[&ben, &cy]))
        .await
        .unwrap()
        .conversation
        .id;
    let direct = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap()
        .view
        .conversation
        .id;
    chat::send(&t.app, &actor(&ben), id, "handing over to Cy")
        .await
        .unwrap();
    chat::send(&t.app, &actor(&ben), direct, "bye Ana")
        .await
        .unwrap();
    set_status(&t, &ben, UserStatus::Deactivated).await;

    assert_eq!(texts(&t, &cy, id).await, ["handing over to Cy"]);
    assert_eq!(texts(&t, &ana, direct).await, ["bye Ana"]);
    let view = chat::get(&t.app, &actor(&ana), direct).await.unwrap();
    let gone = view.members.iter().find(|m| m.user_id == ben.id).unwrap();
    assert_eq!(gone.status, UserStatus::Deactivated);
    chat::send(&t.app, &actor(&cy), id, "noted").await.unwrap();

    let mut deactivated = ben.clone();
    deactivated.status = UserStatus::Deactivated;
    let refused = chat::send(&t.app, &actor(&deactivated), id, "ghost").await;
    assert!(
        matches!(refused, Err(AppError::AccountUnavailable(_))),
        "{refused:?}"
    );
    assert_eq!(
        invalid_field(chat::add_members(&t.app, &actor(&ana), id, &[ben.id]).await),
        "member_ids",
        "nobody is added who cannot sign in"
    );
}

async fn each_change_is_published_to_the_members_of_that_moment_and_kept(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let mut rx = t.app.subscribe();

    let direct = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap();
    let started = chat_events(&mut rx);
    assert_eq!(started.len(), 1);
    assert_eq!(started[0].kind, "conversation.updated");
    assert_eq!(sorted(&started[0].audience), to(&[&ana, &ben]));
    assert_eq!(payload(&started[0])["kind"], "direct");
    chat::start_direct(&t.app, &actor(&ben), ana.id)
        .await
        .unwrap();
    assert!(chat_events(&mut rx).is_empty(), "nothing new, nothing told");

    let id = chat::create_group(&t.app, &actor(&ana), &group("Team", &[&ben]))
        .await
        .unwrap()
        .conversation
        .id;
    let created = chat_events(&mut rx);
    assert_eq!(created.len(), 1);
    let body = payload(&created[0]);
    assert_eq!(body["conversation_id"], id.to_string());
    assert_eq!(body["title"], "Team");
    assert_eq!(body["kind"], "group");
    let mut member_ids: Vec<String> = body["member_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    member_ids.sort_unstable();
    let mut expected = vec![ana.id.to_string(), ben.id.to_string()];
    expected.sort_unstable();
    assert_eq!(member_ids, expected, "ids travel as strings");

    let sent = chat::send(&t.app, &actor(&ben), id, "**hi**")
        .await
        .unwrap();
    let told = chat_events(&mut rx);
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, "message.created");
    assert_eq!(sorted(&told[0].audience), to(&[&ana, &ben]));
    let body = payload(&told[0]);
    assert_eq!(body["conversation_id"], id.to_string());
    let message = &body["message"];
    assert_eq!(message["id"], sent.message.id.to_string());
    assert_eq!(message["conversation_id"], id.to_string());
    assert_eq!(message["author"]["id"], ben.id.to_string());
    assert_eq!(message["author"]["handle"], "ben");
    assert_eq!(message["author"]["display_name"], "Ben");
    assert_eq!(message["body_markdown"], "**hi**");
    assert!(
        message["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>hi</strong>")
    );
    assert!(message["created_at"].as_str().unwrap().ends_with('Z'));
    assert!(message["edited_at"].is_null());
    assert!(told[0].id.is_some(), "a message is kept");

    chat::add_members(&t.app, &actor(&ben), id, &[cy.id])
        .await
        .unwrap();
    chat::rename(&t.app, &actor(&cy), id, "Team 2")
        .await
        .unwrap();
    chat::edit(&t.app, &actor(&ben), sent.message.id, "hello")
        .await
        .unwrap();
    chat::typing(&t.app, &actor(&cy), id).await.unwrap();
    chat::mark_read(&t.app, &actor(&cy), id, sent.message.id)
        .await
        .unwrap();
    chat::delete(&t.app, &actor(&ben), sent.message.id)
        .await
        .unwrap();
    let everyone = to(&[&ana, &ben, &cy]);
    let told = chat_events(&mut rx);
    let seen: Vec<(&str, Audience)> = told
        .iter()
        .map(|e| (e.kind.as_str(), sorted(&e.audience)))
        .collect();
    assert_eq!(
        seen,
        [
            ("conversation.updated", everyone.clone()),
            ("conversation.updated", everyone.clone()),
            ("message.edited", everyone.clone()),
            ("typing", to(&[&ana, &ben])),
            ("conversation.read", to(&[&cy])),
            ("message.deleted", everyone.clone()),
        ]
    );
    assert_eq!(payload(&told[1])["title"], "Team 2");
    assert_eq!(payload(&told[2])["message"]["body_markdown"], "hello");
    assert!(payload(&told[2])["message"]["edited_at"].is_string());
    assert_eq!(told[3].id, None, "typing is not kept");
    assert_eq!(payload(&told[3])["user_id"], cy.id.to_string());
    assert_eq!(
        payload(&told[4])["last_read_id"],
        sent.message.id.to_string()
    );
    assert_eq!(
        payload(&told[5]),
        serde_json::json!({
            "conversation_id": id.to_string(),
            "message_id": sent.message.id.to_string(),
        })
    );

    // What was kept is what a returning client reads back, in order.
    let kept: Vec<(i64, String)> = kept_for(&t, &cy)
        .await
        .into_iter()
        .map(|e| (e.id, e.kind))
        .collect();
    let published: Vec<(i64, String)> = told
        .iter()
        .filter_map(|e| e.id.map(|id| (id, e.kind.clone())))
        .collect();
    for event in &published {
        assert!(kept.contains(event), "{event:?} kept for Cy");
    }
    let direct_id = direct.view.conversation.id.to_string();
    let kept_by_cy = kept_for(&t, &cy).await;
    assert!(
        kept_by_cy.iter().all(|e| !e.payload.contains(&direct_id)),
        "nothing of Ana and Ben's direct conversation"
    );
}

async fn the_conversation_list_pages_by_activity(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let id = chat::create_group(&t.app, &actor(&ana), &group(&format!("G{i}"), &[&ben]))
            .await
            .unwrap()
            .conversation
            .id;
        ids.push(id);
    }
    // The oldest group gets the newest message: it comes first.
    chat::send(&t.app, &actor(&ben), ids[0], "bump")
        .await
        .unwrap();
    let titles = |page: &chat::ConversationPage| {
        page.conversations
            .iter()
            .map(|c| c.title.clone())
            .collect::<Vec<_>>()
    };
    let first = chat::list(&t.app, &actor(&ana), None, Some(2))
        .await
        .unwrap();
    assert_eq!(titles(&first), ["G0", "G4"]);
    assert_eq!(first.conversations[0].unread, 1);
    let preview = first.conversations[0].last_message.as_ref().unwrap();
    assert_eq!((preview.text.as_str(), preview.author_id), ("bump", ben.id));
    let second = chat::list(&t.app, &actor(&ana), first.next_before, Some(2))
        .await
        .unwrap();
    assert_eq!(titles(&second), ["G3", "G2"]);
    let last = chat::list(&t.app, &actor(&ana), second.next_before, Some(2))
        .await
        .unwrap();
    assert_eq!(titles(&last), ["G1"]);
    assert_eq!(last.next_before, None);
    assert_eq!(
        invalid_field(chat::list(&t.app, &actor(&ana), None, Some(0)).await),
        "limit"
    );
    assert_eq!(
        invalid_field(chat::history(&t.app, &actor(&ana), ids[0], None, Some(101)).await),
        "limit"
    );

    // History pages go back in time by message id.
    for i in 0..5 {
        chat::send(&t.app, &actor(&ana), ids[1], &format!("m{i}"))
            .await
            .unwrap();
    }
    let page = chat::history(&t.app, &actor(&ben), ids[1], None, Some(3))
        .await
        .unwrap();
    let bodies: Vec<&str> = page
        .messages
        .iter()
        .map(|m| m.message.body_markdown.as_str())
        .collect();
    assert_eq!(bodies, ["m4", "m3", "m2"]);
    let older = chat::history(&t.app, &actor(&ben), ids[1], page.next_before, Some(3))
        .await
        .unwrap();
    let bodies: Vec<&str> = older
        .messages
        .iter()
        .map(|m| m.message.body_markdown.as_str())
        .collect();
    assert_eq!(bodies, ["m1", "m0"]);
    assert_eq!(older.next_before, None);
}

/// Both start it in the same instant: one conversation is made, and the one whose
/// insert lost is answered with it (on SQLite it may still be in the group of writes
/// being committed), never with "not found".
async fn two_people_starting_their_conversation_at_once_both_get_the_one_that_stands(db: TestDb) {
    let t = Arc::new(TestApp::new(db).await);
    let mut pairs = Vec::new();
    for n in 0..8 {
        let one = t.member(&format!("one{n}@acme.test")).await;
        let other = t.member(&format!("other{n}@acme.test")).await;
        pairs.push((one, other));
    }
    let starts = pairs.iter().flat_map(|(one, other)| {
        [(one.clone(), other.id), (other.clone(), one.id)].map(|(from, to)| {
            let t = t.clone();
            tokio::spawn(async move { chat::start_direct(&t.app, &actor(&from), to).await })
        })
    });
    let answers: Vec<_> = answers_of(starts.collect()).await;
    for pair in answers.chunks(2) {
        let first = pair[0].as_ref().expect("the first start is answered");
        let second = pair[1].as_ref().expect("the second start is answered");
        assert_eq!(first.view.conversation.id, second.view.conversation.id);
        assert!(first.created != second.created, "exactly one made it");
    }
}

async fn answers_of(
    tasks: Vec<tokio::task::JoinHandle<Result<chat::DirectConversation, AppError>>>,
) -> Vec<Result<chat::DirectConversation, AppError>> {
    let mut answers = Vec::with_capacity(tasks.len());
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}
