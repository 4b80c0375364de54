//! E-mail survives `kill -9`: a real `hearth serve` sends a batch of due e-mails to
//! the SMTP sink, is killed in the middle, and restarted; every e-mail arrives, and
//! none twice except, at most, those whose SMTP replies the killed process got but
//! could not record: one per conversation it held open (see "## E-mail" in
//! docs/ADMINISTRATION.md).

#[path = "../http/mail/sink.rs"]
mod sink;

use crate::support::ServerProcess;
use hearth_app::accounts::{self, NewAccount};
use hearth_app::domain::{Actor, Role, User};
use hearth_app::posts::{self, NewPost};
use hearth_app::{App, AppSettings, ContentLimits, people, system_clock};
use hearth_store::{Store, StoreOptions, outbox};
use hearth_testkit::{TestDb, both_backends};
use sink::{Sink, header, recipients};
use std::collections::HashMap;
use std::time::{Duration, Instant};

both_backends!(every_due_mail_is_delivered_across_kill_9);

/// The killed node's SMTP conversations at once (`mail_concurrency`).
const CONVERSATIONS_AT_ONCE: &str = "3";

const RECIPIENTS: usize = 30;

async fn person(app: &App, email: &str, name: &str) -> User {
    accounts::create_user(
        app,
        &Actor::Operator,
        NewAccount {
            email,
            name,
            password: None,
            role: Role::Member,
            company_if_new: Some("Acme"),
        },
    )
    .await
    .unwrap()
}

async fn pending(app: &App) -> i64 {
    let mut db = app.store().conn().await.unwrap();
    outbox::count_in_state(&mut db, "pending").await.unwrap()
}

async fn every_due_mail_is_delivered_across_kill_9(db: TestDb) {
    // Each reply takes 150 ms, so the batch is still going when the server is killed.
    let sink = Sink::start(150);
    let store = Store::connect(&db.url, &StoreOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let settings = AppSettings {
        node_id: 9,
        mail_delay: Duration::ZERO,
        mail_cap_per_hour: 100,
        content_limits: ContentLimits::NONE,
        ..AppSettings::default()
    };
    let app = App::new(store, settings, system_clock()).unwrap();
    let author = person(&app, "author@acme.test", "Ana Author").await;
    let mut expected = Vec::new();
    for i in 0..RECIPIENTS {
        let email = format!("reader{i}@acme.test");
        let reader = person(&app, &email, &format!("Reader Number{i}")).await;
        let handle = people::get(
            &app,
            &Actor::User(reader.clone()),
            &people::PersonRef::Id(reader.id),
        )
        .await
        .unwrap()
        .profile
        .handle;
        posts::create(
            &app,
            &Actor::User(author.clone()),
            &NewPost {
                body: format!("Please read this, @{handle}"),
                ..NewPost::default()
            },
        )
        .await
        .unwrap();
        expected.push(email);
    }
    app.settled().await;
    assert_eq!(
        pending(&app).await,
        RECIPIENTS as i64,
        "every e-mail is due"
    );

    let dir = tempfile::tempdir().unwrap();
    let port = sink.port.to_string();
    let env = [
        ("HEARTH_SMTP_HOST", "127.0.0.1"),
        ("HEARTH_SMTP_PORT", port.as_str()),
        ("HEARTH_SMTP_SECURITY", "none"),
        ("HEARTH_SMTP_FROM", "Hearth <hearth@acme.test>"),
        // A killed node's claims expire soon, so the restarted one is not kept waiting.
        ("HEARTH_MAIL_CLAIM_SECS", "3"),
        ("HEARTH_MAIL_CONCURRENCY", CONVERSATIONS_AT_ONCE),
    ];
    let mut server = ServerProcess::start_with_env(dir.path(), Some(&db.url), &env).await;
    sink.wait_for(5, Duration::from_secs(30)).await;
    // SIGKILL: no shutdown, no chance to record anything more.
    server.child.start_kill().unwrap();
    server.child.wait().await.unwrap();
    let at_kill = sink.messages().len();
    assert!(
        at_kill < RECIPIENTS,
        "the server was killed in the middle of the batch ({at_kill} of {RECIPIENTS} sent)"
    );

    let restarted = ServerProcess::start_with_env(dir.path(), Some(&db.url), &env).await;
    let start = Instant::now();
    while pending(&app).await > 0 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the restarted server did not drain the outbox"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    drop(restarted);

    let messages = sink.messages();
    let mut delivered: Vec<String> = messages.iter().flat_map(recipients).collect();
    delivered.sort();
    delivered.dedup();
    expected.sort();
    assert_eq!(delivered, expected, "no e-mail is lost");

    let mut by_id: HashMap<String, usize> = HashMap::new();
    for message in &messages {
        *by_id
            .entry(header(message, "Message-ID").unwrap().to_owned())
            .or_default() += 1;
    }
    assert_eq!(by_id.len(), RECIPIENTS, "one Message-ID per e-mail");
    let repeated: usize = by_id.values().map(|n| n - 1).sum();
    // Only the e-mails in flight at the kill, one per open conversation, can have been
    // accepted by the server and not recorded as sent.
    let in_flight: usize = CONVERSATIONS_AT_ONCE.parse().unwrap();
    assert!(
        repeated <= in_flight,
        "{repeated} e-mails were sent twice; only the {in_flight} in flight at the kill may be"
    );
    let mut db = app.store().conn().await.unwrap();
    assert_eq!(
        outbox::count_in_state(&mut db, "sent").await.unwrap(),
        RECIPIENTS as i64
    );
}
