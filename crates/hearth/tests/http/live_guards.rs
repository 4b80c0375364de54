//! The live stream's guards, on a server whose clock the test moves: a stream closes
//! when its session ends by itself, one connection cannot flood the bus with presence,
//! and a connection told that events were lost catches up without closing.

use futures_util::SinkExt;
use hearth_app::domain::User;
use hearth_app::live::{self, Event, LiveEvent, NodeMessage, PRESENCE, PostCreated};
use hearth_app::sessions::{self, ClientInfo};
use hearth_http::{AppState, HttpSettings};
use hearth_store::events::{self, EventRow, Scope};
use hearth_testkit::live::{Socket, close_code, next_frame};
use hearth_testkit::{PASSWORD, TestApp, TestDb, both_backends};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::header;

both_backends!(
    a_stream_closes_when_its_session_idles_out,
    a_stream_closes_when_its_session_expires_however_used,
    presence_from_a_connection_flipping_away_and_back_is_throttled,
    a_connection_told_of_lost_events_catches_up_and_stays_open,
    a_resumed_stream_never_shows_an_edited_or_deleted_text,
);

/// The router over the test's application, served on a random port.
async fn serve(t: &TestApp) -> String {
    let state = AppState::new(
        t.app.clone(),
        HttpSettings {
            public_url: "http://127.0.0.1".to_owned(),
            secure_cookies: false,
            trust_forwarded_for: false,
            request_timeout: Duration::from_secs(30),
            oidc: None,
            public_metrics: true,
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = hearth_http::router(state);
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    format!("http://{addr}")
}

/// Signs `user` in; answers the session's secret.
async fn session(t: &TestApp, user: &User) -> String {
    sessions::sign_in(&t.app, &user.email, PASSWORD, &ClientInfo::default())
        .await
        .unwrap()
        .secret
}

/// Opens the stream with a session cookie (no `Origin`: not a browser), up to `ready`.
async fn stream(base: &str, secret: &str) -> Socket {
    stream_after(base, secret, None).await.0
}

/// Opens the stream from `after`; answers it and the frames before `ready`.
async fn stream_after(base: &str, secret: &str, after: Option<&str>) -> (Socket, Vec<Value>) {
    let from = after.map_or_else(String::new, |after| format!("?after={after}"));
    let url = format!(
        "{}/api/hearth/v1/stream{from}",
        base.replacen("http://", "ws://", 1)
    );
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert(
        header::COOKIE,
        format!("hearth_session={secret}").parse().unwrap(),
    );
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    let mut before_ready = Vec::new();
    loop {
        let frame = next_frame(&mut socket).await;
        if frame["type"] == "ready" {
            return (socket, before_ready);
        }
        before_ready.push(frame);
    }
}

/// A request with the session, which counts as using it.
async fn use_session(base: &str, secret: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{base}/api/hearth/v1/me"))
        .header("cookie", format!("hearth_session={secret}"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Waits long enough for the watch over sessions (every second) to have looked.
async fn let_the_watch_look() {
    tokio::time::sleep(Duration::from_millis(2_500)).await;
}

async fn a_stream_closes_when_its_session_idles_out(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let base = serve(&t).await;
    let idle_secret = session(&t, &ana).await;
    let used_secret = session(&t, &ana).await;
    let mut idle = stream(&base, &idle_secret).await;
    let mut used = stream(&base, &used_secret).await;
    let_the_watch_look().await;

    let idle_limit = t.app.settings().session_idle_timeout;
    t.clock.advance(idle_limit - Duration::from_secs(3600));
    assert_eq!(use_session(&base, &used_secret).await, 200);
    t.clock.advance(Duration::from_secs(2 * 3600));
    assert_eq!(
        close_code(&mut idle).await,
        4001,
        "the stream of the idle session closes like a sign-out"
    );
    assert_eq!(use_session(&base, &idle_secret).await, 401);

    // The session used an hour before the limit is alive, and so is its stream.
    let_the_watch_look().await;
    assert_eq!(use_session(&base, &used_secret).await, 200);
    let sent = json!({ "type": "active" }).to_string();
    used.send(Message::Text(sent.into())).await.unwrap();
    posts_reach(&t, &mut used).await;
}

/// A company-wide post reaches the stream: it is open and served.
async fn posts_reach(t: &TestApp, socket: &mut Socket) {
    let author = hearth_app::domain::Actor::User(t.member("poster@acme.test").await);
    let post = hearth_app::posts::create(
        &t.app,
        &author,
        &hearth_app::posts::NewPost {
            body: "still here".to_owned(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let frame = next_frame(socket).await;
    assert_eq!(frame["data"]["post_id"], post.id.to_string());
}

async fn a_stream_closes_when_its_session_expires_however_used(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let base = serve(&t).await;
    let secret = session(&t, &ana).await;
    let mut open = stream(&base, &secret).await;
    let lifetime = t.app.settings().session_lifetime;
    let step = t.app.settings().session_idle_timeout / 2;
    let mut lived = Duration::ZERO;
    while lived + step < lifetime {
        t.clock.advance(step);
        lived += step;
        assert_eq!(use_session(&base, &secret).await, 200);
    }
    let_the_watch_look().await;
    posts_reach(&t, &mut open).await;
    t.clock.advance(lifetime - lived + Duration::from_secs(60));
    assert_eq!(close_code(&mut open).await, 4001);
}

/// The presence changes told about `user` (not the periodic whole lists), with the
/// status each said.
fn presence_told(
    received: &mut tokio::sync::broadcast::Receiver<std::sync::Arc<LiveEvent>>,
    user: &User,
) -> Vec<String> {
    let mut told = Vec::new();
    while let Ok(event) = received.try_recv() {
        if event.kind != PRESENCE {
            continue;
        }
        let report: Value = serde_json::from_str(&event.payload).unwrap();
        if report["whole"] == true {
            continue;
        }
        for person in report["people"].as_array().unwrap() {
            if person[0] == user.id.0 {
                told.push(person[2].as_str().unwrap().to_owned());
            }
        }
    }
    told
}

async fn presence_from_a_connection_flipping_away_and_back_is_throttled(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let base = serve(&t).await;
    let secret = session(&t, &ana).await;
    let mut received = t.app.subscribe();
    let mut socket = stream(&base, &secret).await;
    // 100 words, the last one `active`.
    let started = std::time::Instant::now();
    for flip in 0..100 {
        let word = if flip % 2 == 0 { "away" } else { "active" };
        let frame = json!({ "type": word }).to_string();
        socket.send(Message::Text(frame.into())).await.unwrap();
    }
    // The throttle allows one change per 2 s; the last word is told when it allows.
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let told = presence_told(&mut received, &ana);
    let gaps = started.elapsed().as_secs().div_ceil(2);
    assert!(
        told.len() as u64 <= 2 + gaps,
        "the connection, its first word, then one change per two seconds: {told:?}"
    );
    assert_eq!(told[..2], ["online", "away"]);
    assert_eq!(
        told.last().map(String::as_str),
        Some("online"),
        "the last word is told once the throttle allows"
    );
}

async fn a_connection_told_of_lost_events_catches_up_and_stays_open(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let base = serve(&t).await;
    let secret = session(&t, &ana).await;
    let mut socket = stream(&base, &secret).await;
    // An event kept but never carried to this node: as when the bus dropped it.
    let lost = PostCreated {
        post_id: hearth_app::domain::PostId(live::cursor_now(&t.app)),
        community_id: None,
        author_id: ana.id,
        community_members: Vec::new(),
    };
    let (kind, payload) = Event::PostCreated(lost.clone()).kind_and_payload().unwrap();
    let row = EventRow {
        id: live::cursor_now(&t.app),
        kind,
        payload,
        created_at: t.clock.now(),
    };
    let mut db = t.app.store().conn().await.unwrap();
    events::insert(&mut db, ana.network_id, Scope::Network, &row)
        .await
        .unwrap();
    drop(db);
    t.app
        .publish([NodeMessage::Resync.published(t.clock.now())]);
    let caught_up = next_frame(&mut socket).await;
    assert_eq!(caught_up["id"], row.id.to_string());
    assert_eq!(caught_up["data"]["post_id"], lost.post_id.to_string());
    posts_reach(&t, &mut socket).await;
}

async fn a_resumed_stream_never_shows_an_edited_or_deleted_text(db: TestDb) {
    use hearth_app::chat::{self, NewGroup};
    use hearth_app::domain::Actor;
    let t = TestApp::new(db).await;
    let ana_user = t.member("ana@acme.test").await;
    let ben_user = t.member("ben@acme.test").await;
    let ana = Actor::User(ana_user);
    let base = serve(&t).await;
    let secret = session(&t, &ben_user).await;
    let conversation = chat::create_group(
        &t.app,
        &ana,
        &NewGroup {
            title: "Launch".into(),
            member_ids: vec![ben_user.id],
        },
    )
    .await
    .unwrap()
    .conversation
    .id;
    let mut socket = stream(&base, &secret).await;
    chat::send(&t.app, &ana, conversation, "hello")
        .await
        .unwrap();
    let seen = next_frame(&mut socket).await;
    assert_eq!(seen["kind"], "message.created");
    let after = seen["id"].as_str().unwrap().to_owned();
    socket.close(None).await.unwrap();

    let edited = chat::send(&t.app, &ana, conversation, "the code is 4711")
        .await
        .unwrap()
        .message
        .id;
    chat::edit(&t.app, &ana, edited, "ask me").await.unwrap();
    let deleted = chat::send(&t.app, &ana, conversation, "the key is under the mat")
        .await
        .unwrap()
        .message
        .id;
    chat::delete(&t.app, &ana, deleted).await.unwrap();

    let (_, resumed) = stream_after(&base, &secret, Some(&after)).await;
    let text = serde_json::to_string(&resumed).unwrap();
    assert!(!text.contains("4711"), "{text}");
    assert!(!text.contains("under the mat"), "{text}");
    assert!(
        text.contains("ask me"),
        "the edited message, as it is now: {text}"
    );
    assert!(
        resumed
            .iter()
            .any(|frame| frame["kind"] == "message.deleted"
                && frame["data"]["message_id"] == deleted.to_string()),
        "{text}"
    );
}
