//! Live events as the use cases keep them: what a returning client is sent, and for
//! how long.

use hearth_app::audit::Acting;
use hearth_app::chat::{self, NewGroup};
use hearth_app::domain::{Actor, ConversationId, MessageId, User};
use hearth_app::live;
use hearth_app::moderation::{self, Subject};
use hearth_app::posts::{self, NewPost};
use hearth_store::events;
use hearth_testkit::{TestApp, TestDb, both_backends};
use serde_json::Value;
use std::time::Duration;

both_backends!(
    a_returning_client_gets_what_it_missed_while_events_are_kept,
    events_older_than_a_week_are_forgotten_and_resuming_from_them_says_reload,
    resuming_shows_messages_as_the_history_does_never_an_old_or_deleted_text,
    resuming_never_shows_the_text_of_a_deleted_or_hidden_post,
);

async fn post(t: &TestApp, actor: &Actor, body: &str) -> i64 {
    posts::create(
        &t.app,
        actor,
        &NewPost {
            body: body.to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap()
    .id
    .0
}

async fn a_returning_client_gets_what_it_missed_while_events_are_kept(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = Actor::User(t.member("ana@acme.test").await);
    let ben = Actor::User(t.member("ben@acme.test").await);
    // The event is written after the post draws its id, so the post's id is a
    // cursor from just before it.
    let before = post(&t, &ana, "first").await;
    let first = live::missed(&t.app, &ben, before)
        .await
        .unwrap()
        .unwrap()
        .events;
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].kind, "post.created");
    t.clock.advance(Duration::from_secs(60));
    let second = post(&t, &ana, "second").await;
    let missed = live::missed(&t.app, &ben, first[0].id)
        .await
        .unwrap()
        .unwrap()
        .events;
    assert_eq!(missed.len(), 2, "what came after, and the overlap");
    assert_eq!(
        missed[0].id, first[0].id,
        "the last event seen comes again (ids drawn just before it may commit after it)"
    );
    assert!(missed[1].payload.contains(&second.to_string()));
}

async fn events_older_than_a_week_are_forgotten_and_resuming_from_them_says_reload(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = Actor::User(t.member("ana@acme.test").await);
    let ben = Actor::User(t.member("ben@acme.test").await);
    let before = post(&t, &ana, "old news").await;
    let old = live::missed(&t.app, &ben, before)
        .await
        .unwrap()
        .unwrap()
        .events[0]
        .id;
    t.clock.advance(Duration::from_secs(8 * 24 * 3600));
    let fresh = post(&t, &ana, "fresh").await;
    assert_eq!(live::forget_old_events(&t.app).await.unwrap(), 1);
    assert!(
        live::missed(&t.app, &ben, old).await.unwrap().is_none(),
        "a client gone longer than events are kept must reload"
    );
    assert_eq!(
        live::missed(&t.app, &ben, fresh)
            .await
            .unwrap()
            .unwrap()
            .events
            .len(),
        1
    );
}

fn acting(actor: &Actor) -> Acting<'_> {
    Acting::new(actor, "192.0.2.1")
}

async fn say(t: &TestApp, actor: &Actor, conversation: ConversationId, body: &str) -> MessageId {
    chat::send(&t.app, actor, conversation, body)
        .await
        .unwrap()
        .message
        .id
}

/// The messages a resume carries, by id, as (kind, markdown).
fn told_messages(missed: &live::Missed) -> Vec<(String, String, String)> {
    missed
        .events
        .iter()
        .filter(|event| event.kind.starts_with("message."))
        .map(|event| {
            let data: Value = serde_json::from_str(&event.payload).unwrap();
            let id = data["message"]["id"]
                .as_str()
                .or(data["message_id"].as_str())
                .unwrap()
                .to_owned();
            let text = data["message"]["body_markdown"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            (event.kind.clone(), id, text)
        })
        .collect()
}

/// Everything the `events` table keeps for `user`, as one text.
async fn kept_text(t: &TestApp, user: &User) -> String {
    let mut db = t.app.store().conn().await.unwrap();
    events::since(&mut db, user.network_id, user.id, 0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.payload)
        .collect::<Vec<_>>()
        .join("\n")
}

async fn resuming_shows_messages_as_the_history_does_never_an_old_or_deleted_text(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin_user = t.admin().await;
    let ana_user = t.member("ana@acme.test").await;
    let ben_user = t.member("ben@acme.test").await;
    let (admin, ana, ben) = (
        Actor::User(admin_user),
        Actor::User(ana_user.clone()),
        Actor::User(ben_user.clone()),
    );
    let group = chat::create_group(
        &t.app,
        &ana,
        &NewGroup {
            title: "Launch".into(),
            member_ids: vec![ben_user.id],
        },
    )
    .await
    .unwrap();
    let conversation = group.conversation.id;
    // Ben's client saw everything up to here, then went away.
    let before = say(&t, &ana, conversation, "hello").await.0;
    t.clock.advance(Duration::from_secs(60));

    let edited = say(&t, &ana, conversation, "draft: salary is 100").await;
    chat::edit(&t.app, &ana, edited, "see the wiki")
        .await
        .unwrap();
    let deleted = say(&t, &ana, conversation, "password is hunter2").await;
    chat::delete(&t.app, &ana, deleted).await.unwrap();
    let removed = say(&t, &ana, conversation, "something rude").await;
    moderation::report_message(&t.app, &ben, removed, "rude")
        .await
        .unwrap();
    moderation::moderate(
        &t.app,
        acting(&admin),
        Subject::Message(removed),
        "remove",
        "rude",
    )
    .await
    .unwrap();
    let kept = say(&t, &ana, conversation, "lunch at noon").await;

    let missed = live::missed(&t.app, &ben, before).await.unwrap().unwrap();
    let told = told_messages(&missed);
    for (kind, id, text) in &told {
        for old in ["salary", "hunter2", "rude"] {
            assert!(!text.contains(old), "{kind} of {id} shows {text:?}");
        }
    }
    let all = missed
        .events
        .iter()
        .map(|event| event.payload.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for old in ["salary", "hunter2", "something rude"] {
        assert!(!all.contains(old), "a resume shows {old:?}: {all}");
    }
    let texts_of = |id: MessageId| -> Vec<(String, String)> {
        told.iter()
            .filter(|(_, told, _)| *told == id.to_string())
            .map(|(kind, _, text)| (kind.clone(), text.clone()))
            .collect()
    };
    assert_eq!(
        texts_of(edited),
        vec![
            ("message.created".to_owned(), "see the wiki".to_owned()),
            ("message.edited".to_owned(), "see the wiki".to_owned()),
        ],
        "an edited message comes as it is now"
    );
    for gone in [deleted, removed] {
        assert_eq!(
            texts_of(gone),
            vec![("message.deleted".to_owned(), String::new())],
            "a deleted or removed message comes only as deleted"
        );
    }
    assert_eq!(
        texts_of(kept),
        vec![("message.created".to_owned(), "lunch at noon".to_owned())]
    );
    assert_eq!(
        missed.withheld.len(),
        2,
        "the two messages gone were read and withheld"
    );
    // What the history shows at this moment is what the resume showed.
    let history = chat::history(&t.app, &ben, conversation, None, None)
        .await
        .unwrap();
    for view in &history.messages {
        for (_, id, text) in &told {
            if *id == view.message.id.to_string() && !text.is_empty() {
                assert_eq!(*text, view.message.body_markdown);
            }
        }
    }
    let at_rest = kept_text(&t, &ben_user).await;
    for old in ["salary", "hunter2", "something rude", "lunch"] {
        assert!(
            !at_rest.contains(old),
            "kept events hold no message text: {at_rest}"
        );
    }

    // Restored by the moderator, the message is readable again, in history and resume.
    moderation::moderate(
        &t.app,
        acting(&admin),
        Subject::Message(removed),
        "restore",
        "appealed",
    )
    .await
    .unwrap();
    let missed = live::missed(&t.app, &ben, before).await.unwrap().unwrap();
    assert!(
        told_messages(&missed)
            .iter()
            .any(|(kind, id, text)| kind == "message.created"
                && *id == removed.to_string()
                && text == "something rude")
    );
}

async fn resuming_never_shows_the_text_of_a_deleted_or_hidden_post(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = Actor::User(t.admin().await);
    let ana = Actor::User(t.member("ana@acme.test").await);
    let ben = Actor::User(t.member("ben@acme.test").await);
    let before = post(&t, &ana, "good morning").await;
    t.clock.advance(Duration::from_secs(60));
    let deleted = post(&t, &ana, "the merger closes friday").await;
    posts::delete(&t.app, &ana, hearth_app::domain::PostId(deleted))
        .await
        .unwrap();
    let hidden = post(&t, &ana, "an off-topic rant").await;
    moderation::moderate(
        &t.app,
        acting(&admin),
        Subject::Post(hearth_app::domain::PostId(hidden)),
        "hide",
        "off topic",
    )
    .await
    .unwrap();
    let missed = live::missed(&t.app, &ben, before).await.unwrap().unwrap();
    assert!(
        missed
            .events
            .iter()
            .any(|event| event.payload.contains(&deleted.to_string())),
        "the posts' events are there, by id"
    );
    for event in &missed.events {
        for text in ["merger", "off-topic rant"] {
            assert!(
                !event.payload.contains(text),
                "{} shows {text:?}: {}",
                event.kind,
                event.payload
            );
        }
    }
}
