//! E-mail end to end: the server's worker sends through a real SMTP server (the
//! Python sink in tests/smtp), and one-click unsubscribe works without a session.

mod sink;

use hearth::config::{Config, SmtpConfig, SmtpSecurity};
use hearth::server::{self, RunningServer};
use hearth_app::accounts::{self, NewAccount};
use hearth_app::audit::Acting;
use hearth_app::domain::{Actor, Post, Role, User};
use hearth_app::posts::{self, NewPost};
use hearth_app::{App, AppSettings, lifecycle, notifications, people, system_clock};
use hearth_store::{Store, StoreOptions};
use hearth_testkit::{PASSWORD, TestDb, both_backends};
use sink::{Sink, header, recipients};
use std::time::Duration;

both_backends!(
    a_mention_arrives_as_multipart_mail_with_one_click_unsubscribe,
    unsubscribing_needs_no_session_and_refuses_a_tampered_token,
    only_what_should_go_is_mailed,
    a_refused_mail_is_parked_and_listed_for_admins_only,
);

struct MailServer {
    running: RunningServer,
    base: String,
    /// Acts on the same database as the server, as other nodes would.
    app: App,
    sink: Sink,
    db: TestDb,
    _data_dir: tempfile::TempDir,
}

impl MailServer {
    async fn start(db: TestDb, delay_secs: u64, cap: u32) -> Self {
        Self::start_with_sink(db, delay_secs, cap, Sink::start(0)).await
    }

    async fn start_with_sink(db: TestDb, delay_secs: u64, cap: u32, sink: Sink) -> Self {
        let data_dir = tempfile::tempdir().unwrap();
        let config = Config {
            listen: "127.0.0.1:0".to_owned(),
            database_url: Some(db.url.clone()),
            data_dir: data_dir.path().to_owned(),
            mail_delay_secs: delay_secs,
            mail_cap_per_hour: cap,
            smtp: Some(SmtpConfig {
                host: "127.0.0.1".to_owned(),
                port: sink.port,
                security: SmtpSecurity::None,
                from: "Hearth <hearth@acme.test>".to_owned(),
                ..SmtpConfig::default()
            }),
            ..Config::default()
        };
        let running = server::start(&config).await.unwrap();
        let base = format!("http://{}", running.addr);
        let store = Store::connect(&db.url, &StoreOptions::default())
            .await
            .unwrap();
        let settings = AppSettings {
            node_id: 9,
            public_url: base.clone(),
            mail_delay: Duration::from_secs(delay_secs),
            mail_cap_per_hour: cap,
            ..AppSettings::default()
        };
        let app = App::new(store, settings, system_clock()).unwrap();
        Self {
            running,
            base,
            app,
            sink,
            db,
            _data_dir: data_dir,
        }
    }

    async fn person(&self, email: &str, name: &str, role: Role) -> User {
        accounts::create_user(
            &self.app,
            &Actor::Operator,
            NewAccount {
                email,
                name,
                password: Some(PASSWORD),
                role,
                company_if_new: Some("Acme"),
            },
        )
        .await
        .unwrap()
    }

    async fn mention(&self, author: &User, whom: &User, text: &str) -> Post {
        let handle = people::get(
            &self.app,
            &Actor::User(whom.clone()),
            &people::PersonRef::Id(whom.id),
        )
        .await
        .unwrap()
        .profile
        .handle;
        let post = posts::create(
            &self.app,
            &Actor::User(author.clone()),
            &NewPost {
                body: format!("{text} @{handle}"),
                ..NewPost::default()
            },
        )
        .await
        .unwrap();
        self.app.settled().await;
        post
    }

    async fn outbox_count(&self, state: &str) -> i64 {
        let mut db = self.app.store().conn().await.unwrap();
        hearth_store::outbox::count_in_state(&mut db, state)
            .await
            .unwrap()
    }

    /// Waits until the worker has nothing pending.
    async fn drained(&self) {
        for _ in 0..300 {
            if self.outbox_count("pending").await == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the outbox still has pending e-mail after 30 s");
    }

    async fn stop(self) {
        self.running.shutdown().await.unwrap();
        let _ = &self.db;
    }
}

/// No cookies, no redirects: what a mail client's one-click POST is.
fn bare_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn a_mention_arrives_as_multipart_mail_with_one_click_unsubscribe(db: TestDb) {
    let s = MailServer::start(db, 0, 10).await;
    let ana = s.person("ana@acme.test", "Ana Lima", Role::Member).await;
    let ben = s.person("ben@acme.test", "Ben Okafor", Role::Member).await;
    let post = s.mention(&ana, &ben, "Can you check <this> & that?").await;

    let messages = s.sink.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert_eq!(recipients(message), ["ben@acme.test"]);
    assert_eq!(message["mail_from"], "hearth@acme.test");
    assert_eq!(header(message, "Subject"), Some("Ana Lima mentioned you"));
    assert!(header(message, "To").unwrap().contains("ben@acme.test"));
    assert_eq!(message["content_type"], "multipart/alternative");
    let unsubscribe = header(message, "List-Unsubscribe").unwrap();
    let prefix = format!("<{}/unsubscribe?token=", s.base);
    assert!(
        unsubscribe.starts_with(&prefix) && unsubscribe.ends_with('>'),
        "{unsubscribe}"
    );
    assert_eq!(
        header(message, "List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    let message_id = header(message, "Message-ID").unwrap();
    assert!(message_id.starts_with('<') && message_id.ends_with("@127.0.0.1>"));

    let link = format!("{}/posts/{}", s.base, post.id.0);
    let text = message["text"].as_str().unwrap();
    assert!(text.contains("Ana Lima mentioned you"), "{text}");
    assert!(text.contains("Can you check <this> & that?"), "{text}");
    assert!(text.contains(&link), "{text}");
    assert!(text.contains(&format!("{}/settings/notifications", s.base)));
    let html = message["html"].as_str().unwrap();
    assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
    assert!(
        html.contains("Can you check &lt;this&gt; &amp; that?"),
        "{html}"
    );
    assert!(!html.contains("<this>"), "the excerpt is escaped");

    // The link in the header works as RFC 8058 has it: a bare POST.
    let url = unsubscribe.trim_start_matches('<').trim_end_matches('>');
    let response = bare_client()
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("You are unsubscribed")
    );
    s.stop().await;
}

async fn unsubscribing_needs_no_session_and_refuses_a_tampered_token(db: TestDb) {
    let s = MailServer::start(db, 0, 10).await;
    let ana = s.person("ana@acme.test", "Ana Lima", Role::Member).await;
    let ben = s.person("ben@acme.test", "Ben Okafor", Role::Member).await;
    let cleo = s.person("cleo@acme.test", "Cleo Park", Role::Member).await;
    s.mention(&ana, &ben, "First").await;
    let messages = s.sink.wait_for(1, Duration::from_secs(20)).await;
    let header_value = header(&messages[0], "List-Unsubscribe").unwrap();
    let url = header_value
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_owned();
    let token = url.split_once("token=").unwrap().1.to_owned();
    let client = bare_client();

    let shown = client.get(&url).send().await.unwrap();
    assert_eq!(shown.status(), 200);
    let page = shown.text().await.unwrap();
    assert!(
        page.contains("Unsubscribe from e-mail about mentions?"),
        "{page}"
    );
    assert!(page.contains("<form method=\"post\""), "{page}");

    // The same token pointed at Cleo, a cut signature, or nothing: refused, no change.
    let (_, rest) = token.split_once('.').unwrap();
    for bad in [
        format!("{}.{rest}", cleo.id.0),
        token[..token.len() - 3].to_owned(),
        String::new(),
        "not-a-token".to_owned(),
    ] {
        let refused = client
            .post(format!("{}/unsubscribe?token={bad}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 400, "{bad}");
        assert!(refused.text().await.unwrap().contains("not valid"));
        let page = client
            .get(format!("{}/unsubscribe?token={bad}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 400);
    }
    let mut db = s.app.store().conn().await.unwrap();
    let rows: i64 =
        hearth_testkit::sqlx::query_scalar("SELECT COUNT(*) FROM notification_preferences")
            .fetch_one(&mut *db)
            .await
            .unwrap();
    assert_eq!(rows, 0, "a refused token changes nothing");
    drop(db);

    // Cleo still hears of mentions by e-mail; Ben, once unsubscribed, no longer.
    let done = client.post(&url).send().await.unwrap();
    assert_eq!(done.status(), 200);
    notifications::mark_all_read(&s.app, &Actor::User(ben.clone()))
        .await
        .unwrap();
    s.mention(&ana, &ben, "Second").await;
    s.mention(&ana, &cleo, "For Cleo").await;
    let messages = s.sink.wait_for(2, Duration::from_secs(20)).await;
    s.drained().await;
    let messages_after = s.sink.messages();
    assert_eq!(messages_after.len(), messages.len());
    let to: Vec<Vec<String>> = messages_after.iter().map(recipients).collect();
    assert_eq!(to, [["ben@acme.test"], ["cleo@acme.test"]]);
    s.stop().await;
}

async fn only_what_should_go_is_mailed(db: TestDb) {
    // Three seconds leave time to read, deactivate or delete before the worker sends.
    let s = MailServer::start(db, 3, 2).await;
    let admin = s.person("admin@acme.test", "Ada Admin", Role::Admin).await;
    let ana = s.person("ana@acme.test", "Ana Lima", Role::Member).await;
    let reader = s
        .person("reader@acme.test", "Rita Reader", Role::Member)
        .await;
    let leaver = s
        .person("leaver@acme.test", "Leo Leaver", Role::Member)
        .await;
    let deleted = s
        .person("deleted@acme.test", "Dan Deleted", Role::Member)
        .await;
    let busy = s.person("busy@acme.test", "Bea Busy", Role::Member).await;
    let control = s
        .person("control@acme.test", "Cal Control", Role::Member)
        .await;

    s.mention(&ana, &reader, "Read this").await;
    notifications::mark_all_read(&s.app, &Actor::User(reader.clone()))
        .await
        .unwrap();
    s.mention(&ana, &leaver, "Farewell").await;
    let admin_actor = Actor::User(admin.clone());
    lifecycle::deactivate(
        &s.app,
        Acting::new(&admin_actor, "127.0.0.1"),
        leaver.id,
        "left",
    )
    .await
    .unwrap();
    let oops = s.mention(&ana, &deleted, "Wrong person").await;
    posts::delete(&s.app, &Actor::User(ana.clone()), oops.id)
        .await
        .unwrap();
    for i in 0..3 {
        s.mention(&ana, &busy, &format!("Ping {i}")).await;
    }
    s.mention(&ana, &control, "Hello").await;

    s.drained().await;
    let mut to: Vec<String> = s.sink.messages().iter().flat_map(recipients).collect();
    to.sort();
    assert_eq!(
        to,
        ["busy@acme.test", "busy@acme.test", "control@acme.test"],
        "read, deactivated, deleted and over-the-cap e-mail is not sent"
    );
    assert_eq!(s.outbox_count("sent").await, 3);
    assert_eq!(s.outbox_count("skipped").await, 4);
    s.stop().await;
}

async fn a_refused_mail_is_parked_and_listed_for_admins_only(db: TestDb) {
    let sink = Sink::start_refusing(0, &["gone@acme.test"]);
    let s = MailServer::start_with_sink(db, 0, 10, sink).await;
    let admin = s.person("admin@acme.test", "Ada Admin", Role::Admin).await;
    let ana = s.person("ana@acme.test", "Ana Lima", Role::Member).await;
    let gone = s.person("gone@acme.test", "Gus Gone", Role::Member).await;
    let ben = s.person("ben@acme.test", "Ben Okafor", Role::Member).await;
    s.mention(&ana, &gone, "Hello?").await;
    s.mention(&ana, &ben, "Hello!").await;
    s.drained().await;
    let to: Vec<String> = s.sink.messages().iter().flat_map(recipients).collect();
    assert_eq!(to, ["ben@acme.test"]);

    let sign_in = |email: &'static str| {
        let base = s.base.clone();
        async move {
            let client = reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .unwrap();
            let response = client
                .post(format!("{base}/api/hearth/v1/session"))
                .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            client
        }
    };
    let as_admin = sign_in("admin@acme.test").await;
    let listed: serde_json::Value = as_admin
        .get(format!(
            "{}/api/hearth/v1/admin/outbox?state=parked",
            s.base
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let emails = listed["emails"].as_array().unwrap();
    assert_eq!(emails.len(), 1, "{listed}");
    assert_eq!(emails[0]["recipient_id"], gone.id.0.to_string());
    assert_eq!(emails[0]["state"], "parked");
    assert_eq!(
        emails[0]["attempts"], 1,
        "a permanent refusal is not retried"
    );
    assert!(
        emails[0]["last_error"].as_str().unwrap().contains("550"),
        "{listed}"
    );
    let unknown = as_admin
        .get(format!("{}/api/hearth/v1/admin/outbox?state=lost", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 422);

    let as_member = sign_in("ben@acme.test").await;
    let refused = as_member
        .get(format!("{}/api/hearth/v1/admin/outbox", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let _ = admin;
    s.stop().await;
}
