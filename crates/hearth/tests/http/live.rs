//! The live stream over a real WebSocket: who receives what, resuming after a dropped
//! connection, and connections closed the moment their credentials end.

use crate::support::Server;
use futures_util::{SinkExt, StreamExt};
use hearth_app::domain::Role;
use hearth_testkit::live::{Socket, close_code, next_frame, open_stream};
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{Message, http};

both_backends!(
    new_posts_reach_those_who_may_read_them_and_nobody_else,
    a_returning_client_receives_what_it_missed,
    signing_out_everywhere_closes_open_streams,
    a_revoked_token_closes_the_streams_it_opened,
    cookie_streams_opened_by_other_sites_are_refused,
    chat_messages_reach_every_member_and_nobody_else,
    a_removed_member_stops_receiving_at_once_and_on_resume,
    typing_reaches_the_other_members_only,
    presence_follows_open_streams,
    a_client_that_stops_reading_is_cut_off_and_resumes_without_loss,
);

/// Someone signed in over the API, with a personal token for the stream.
pub(crate) struct Person {
    client: reqwest::Client,
    csrf: String,
    token: String,
    pub(crate) id: String,
}

pub(crate) async fn person(server: &Server, email: &str) -> Person {
    person_as(server, email, Role::Member).await
}

pub(crate) async fn person_as(server: &Server, email: &str, role: Role) -> Person {
    server.user(email, role).await;
    let signed_in = server.signed_in(email).await;
    let token = signed_in.new_token("stream").await;
    let me: Value = signed_in.get("/me").await.json().await.unwrap();
    Person {
        client: signed_in.client,
        csrf: signed_in.csrf,
        token,
        id: me["user"]["id"].as_str().unwrap().to_owned(),
    }
}

impl Person {
    pub(crate) async fn post(&self, server: &Server, path: &str, body: Value) -> Value {
        self.send(reqwest::Method::POST, server, path, body).await
    }

    pub(crate) async fn send(
        &self,
        method: reqwest::Method,
        server: &Server,
        path: &str,
        body: Value,
    ) -> Value {
        let response = self
            .client
            .request(method, server.url(path))
            .header("x-csrf-token", &self.csrf)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.unwrap_or(Value::Null)
    }

    /// Opens the stream with the token, reading up to its `ready` frame.
    pub(crate) async fn stream(
        &self,
        server: &Server,
        after: Option<&str>,
    ) -> (Socket, Vec<Value>) {
        open_stream(&server.base, &self.token, after).await.unwrap()
    }
}

fn ws_base(server: &Server) -> String {
    server.base.replacen("http://", "ws://", 1)
}

async fn new_posts_reach_those_who_may_read_them_and_nobody_else(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana@acme.test").await;
    let ben = person(&server, "ben@acme.test").await;
    let cleo = person(&server, "cleo@acme.test").await;
    let community = ana
        .post(
            &server,
            "/api/hearth/v1/communities",
            json!({ "name": "Board", "visibility": "private", "category": "work" }),
        )
        .await;
    let community_id = community["id"].as_str().unwrap();
    ana.post(
        &server,
        &format!("/api/hearth/v1/communities/{community_id}/invitations"),
        json!({ "user_id": ben.id }),
    )
    .await;
    ben.send(
        reqwest::Method::PUT,
        &server,
        &format!("/api/hearth/v1/communities/{community_id}/membership"),
        json!({}),
    )
    .await;

    let (mut ana_stream, _) = ana.stream(&server, None).await;
    let (mut ben_stream, _) = ben.stream(&server, None).await;
    let (mut cleo_stream, _) = cleo.stream(&server, None).await;
    let secret = ana
        .post(
            &server,
            "/api/hearth/v1/posts",
            json!({ "community_id": community_id, "body": "Board minutes" }),
        )
        .await;
    let public = ana
        .post(
            &server,
            "/api/hearth/v1/posts",
            json!({ "body": "Hello everyone" }),
        )
        .await;

    for stream in [&mut ana_stream, &mut ben_stream] {
        let first = next_frame(stream).await;
        assert_eq!(first["kind"], "post.created");
        assert_eq!(first["data"]["post_id"], secret["id"]);
        let second = next_frame(stream).await;
        assert_eq!(second["data"]["post_id"], public["id"]);
    }
    let first_for_cleo = next_frame(&mut cleo_stream).await;
    assert_eq!(
        first_for_cleo["data"]["post_id"], public["id"],
        "an outsider hears of the company-wide post and never of the private one"
    );

    ben.send(
        reqwest::Method::PUT,
        &server,
        &format!(
            "/api/hearth/v1/posts/{}/reactions/like",
            public["id"].as_str().unwrap()
        ),
        json!({}),
    )
    .await;
    let reaction = next_frame(&mut ana_stream).await;
    assert_eq!(reaction["kind"], "reaction.added");
    assert_eq!(reaction["data"]["user"]["id"], ben.id.as_str());
    server.stop().await;
}

async fn a_returning_client_receives_what_it_missed(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana@acme.test").await;
    let ben = person(&server, "ben@acme.test").await;
    let (mut stream, _) = ben.stream(&server, None).await;
    ana.post(&server, "/api/hearth/v1/posts", json!({ "body": "one" }))
        .await;
    let seen = next_frame(&mut stream).await;
    let last_id = seen["id"].as_str().unwrap().to_owned();
    stream.close(None).await.unwrap();

    let mut missed = Vec::new();
    for body in ["two", "three", "four"] {
        let post = ana
            .post(&server, "/api/hearth/v1/posts", json!({ "body": body }))
            .await;
        missed.push(post["id"].as_str().unwrap().to_owned());
    }
    let (mut stream, resumed) = ben.stream(&server, Some(&last_id)).await;
    let resumed_posts: Vec<&str> = resumed
        .iter()
        .filter(|frame| frame["id"] != last_id.as_str())
        .map(|frame| frame["data"]["post_id"].as_str().unwrap())
        .collect();
    assert_eq!(resumed_posts, missed, "everything missed, in order");

    let live = ana
        .post(&server, "/api/hearth/v1/posts", json!({ "body": "five" }))
        .await;
    let next = next_frame(&mut stream).await;
    assert_eq!(
        next["data"]["post_id"], live["id"],
        "then live again, nothing twice"
    );

    let garbled = ws_base(&server) + "/api/hearth/v1/stream?after=yesterday";
    let mut request = garbled.into_client_request().unwrap();
    request.headers_mut().insert(
        http::header::AUTHORIZATION,
        format!("Bearer {}", ben.token).parse().unwrap(),
    );
    let refused = tokio_tungstenite::connect_async(request).await;
    assert!(
        refused.is_err(),
        "a cursor that is not an event id is refused"
    );
    server.stop().await;
}

async fn signing_out_everywhere_closes_open_streams(db: TestDb) {
    let server = Server::start(db).await;
    let ben = person(&server, "ben@acme.test").await;
    let (mut stream, _) = ben.stream(&server, None).await;
    // The stream opened with a token survives a sign-out of sessions only when the
    // order says so; signing out everywhere closes every connection.
    let response = ben
        .client
        .delete(server.url("/api/hearth/v1/sessions"))
        .header("x-csrf-token", &ben.csrf)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(close_code(&mut stream).await, 4001);
    server.stop().await;
}

async fn a_revoked_token_closes_the_streams_it_opened(db: TestDb) {
    let server = Server::start(db).await;
    let ben = person(&server, "ben@acme.test").await;
    let (mut stream, _) = ben.stream(&server, None).await;
    let tokens: Vec<Value> = ben
        .client
        .get(server.url("/api/hearth/v1/tokens"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = tokens[0]["id"].as_str().unwrap();
    let response = ben
        .client
        .delete(server.url(&format!("/api/hearth/v1/tokens/{id}")))
        .header("x-csrf-token", &ben.csrf)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    assert_eq!(close_code(&mut stream).await, 4001);
    let mut request = format!("{}/api/hearth/v1/stream", ws_base(&server))
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        http::header::AUTHORIZATION,
        format!("Bearer {}", ben.token).parse().unwrap(),
    );
    assert!(tokio_tungstenite::connect_async(request).await.is_err());
    server.stop().await;
}

async fn cookie_streams_opened_by_other_sites_are_refused(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let response = reqwest::Client::new()
        .post(server.url("/api/hearth/v1/session"))
        .json(&json!({ "email": "ana@acme.test", "password": hearth_testkit::PASSWORD }))
        .send()
        .await
        .unwrap();
    let session = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("hearth_session="))
        .unwrap();
    let open = |origin: String| {
        let mut request = format!("{}/api/hearth/v1/stream", ws_base(&server))
            .into_client_request()
            .unwrap();
        request
            .headers_mut()
            .insert(http::header::COOKIE, session.parse().unwrap());
        request
            .headers_mut()
            .insert(http::header::ORIGIN, origin.parse().unwrap());
        tokio_tungstenite::connect_async(request)
    };
    assert!(open("http://evil.example".to_owned()).await.is_err());
    let (mut socket, _) = open(server.base.clone()).await.unwrap();
    assert_eq!(next_frame(&mut socket).await["type"], "ready");
    socket.send(Message::Close(None)).await.unwrap();
    server.stop().await;
}

impl Person {
    pub(crate) async fn group(&self, server: &Server, members: &[&Person]) -> String {
        let ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
        let created = self
            .post(
                server,
                "/api/hearth/v1/conversations",
                json!({ "title": "Launch crew", "member_ids": ids }),
            )
            .await;
        created["id"].as_str().unwrap().to_owned()
    }

    pub(crate) async fn say(&self, server: &Server, conversation: &str, body: &str) -> Value {
        self.post(
            server,
            &format!("/api/hearth/v1/conversations/{conversation}/messages"),
            json!({ "body": body }),
        )
        .await
    }

    /// A company-wide post: every stream hears it, so it marks "nothing else came
    /// before this" without waiting for a silence.
    async fn sentinel(&self, server: &Server) -> Value {
        self.post(
            server,
            "/api/hearth/v1/posts",
            json!({ "body": "sentinel" }),
        )
        .await
    }
}

async fn chat_messages_reach_every_member_and_nobody_else(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana@acme.test").await;
    let ben = person(&server, "ben@acme.test").await;
    let cleo = person(&server, "cleo@acme.test").await;
    let dan = person(&server, "dan@acme.test").await;
    let conversation = ana.group(&server, &[&ben, &cleo]).await;
    let mut streams = Vec::new();
    for member in [&ana, &ben, &cleo] {
        streams.push(member.stream(&server, None).await.0);
    }
    let (mut outsider, _) = dan.stream(&server, None).await;

    let sent = ana.say(&server, &conversation, "Ship it **today**").await;
    for stream in &mut streams {
        let event = next_frame(stream).await;
        assert_eq!(event["kind"], "message.created");
        assert_eq!(event["data"]["conversation_id"], conversation.as_str());
        assert_eq!(event["data"]["message"]["id"], sent["id"]);
        assert_eq!(
            event["data"]["message"]["body_html"],
            "<p>Ship it <strong>today</strong></p>\n"
        );
    }
    let post = ana.sentinel(&server).await;
    let first = next_frame(&mut outsider).await;
    assert_eq!(
        first["data"]["post_id"], post["id"],
        "the outsider heard nothing of the conversation"
    );
    server.stop().await;
}

async fn a_removed_member_stops_receiving_at_once_and_on_resume(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana@acme.test").await;
    let ben = person(&server, "ben@acme.test").await;
    let conversation = ana.group(&server, &[&ben]).await;
    let (mut stream, _) = ben.stream(&server, None).await;
    let before = ana.say(&server, &conversation, "still here?").await;
    let heard = next_frame(&mut stream).await;
    assert_eq!(heard["data"]["message"]["id"], before["id"]);
    let last_seen = heard["id"].as_str().unwrap().to_owned();

    let removed = ana
        .client
        .delete(server.url(&format!(
            "/api/hearth/v1/conversations/{conversation}/members/{}",
            ben.id
        )))
        .header("x-csrf-token", &ana.csrf)
        .send()
        .await
        .unwrap();
    assert!(removed.status().is_success(), "{}", removed.status());
    let told = next_frame(&mut stream).await;
    assert_eq!(told["kind"], "conversation.removed");
    ana.say(&server, &conversation, "after you left").await;
    let post = ana.sentinel(&server).await;
    let next = next_frame(&mut stream).await;
    assert_eq!(
        next["data"]["post_id"], post["id"],
        "no message after removal"
    );
    stream.close(None).await.unwrap();

    let (_, resumed) = ben.stream(&server, Some(&last_seen)).await;
    assert!(
        resumed
            .iter()
            .all(|frame| frame["kind"] != "message.created"),
        "nor on resume: {resumed:?}"
    );
    assert!(
        resumed
            .iter()
            .any(|frame| frame["kind"] == "conversation.removed")
    );
    server.stop().await;
}

async fn typing_reaches_the_other_members_only(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana@acme.test").await;
    let ben = person(&server, "ben@acme.test").await;
    let conversation = ana.group(&server, &[&ben]).await;
    let (mut ana_stream, _) = ana.stream(&server, None).await;
    let (mut ben_stream, _) = ben.stream(&server, None).await;
    let frame = json!({ "type": "typing", "conversation_id": conversation }).to_string();
    ben_stream.send(Message::Text(frame.into())).await.unwrap();
    let typing = next_frame(&mut ana_stream).await;
    assert_eq!(typing["kind"], "typing");
    assert_eq!(typing["id"], Value::Null, "typing is not kept");
    assert_eq!(typing["data"]["user_id"], ben.id.as_str());
    let post = ana.sentinel(&server).await;
    let next = next_frame(&mut ben_stream).await;
    assert_eq!(
        next["data"]["post_id"], post["id"],
        "nobody hears their own typing"
    );
    server.stop().await;
}

/// Asks until the presence of `whom` reads `expected` (reports travel over the bus).
async fn wait_for_presence(server: &Server, asker: &Person, whom: &Person, expected: &str) {
    for _ in 0..100 {
        let answer: Value = asker
            .client
            .get(server.url(&format!("/api/hearth/v1/presence?ids={}", whom.id)))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if answer[0]["status"] == expected {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{} never became {expected}", whom.id);
}

async fn presence_follows_open_streams(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana@acme.test").await;
    let ben = person(&server, "ben@acme.test").await;
    wait_for_presence(&server, &ana, &ben, "offline").await;
    let (mut stream, _) = ben.stream(&server, None).await;
    wait_for_presence(&server, &ana, &ben, "online").await;
    stream
        .send(Message::Text(json!({ "type": "away" }).to_string().into()))
        .await
        .unwrap();
    wait_for_presence(&server, &ana, &ben, "away").await;
    stream
        .send(Message::Text(
            json!({ "type": "active" }).to_string().into(),
        ))
        .await
        .unwrap();
    wait_for_presence(&server, &ana, &ben, "online").await;
    stream.close(None).await.unwrap();
    wait_for_presence(&server, &ana, &ben, "offline").await;

    let refused = ana
        .client
        .get(server.url("/api/hearth/v1/presence?ids=1,two"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    server.stop().await;
}

/// Opens the stream over a socket with a tiny receive buffer, so a client that stops
/// reading holds back the server quickly.
async fn stream_with_small_buffer(server: &Server, token: &str) -> Socket {
    use tokio_tungstenite::MaybeTlsStream;
    let addr = server.running.addr;
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let tcp = socket.connect(addr).await.unwrap();
    let mut request = format!("{}/api/hearth/v1/stream", ws_base(server))
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        http::header::AUTHORIZATION,
        format!("Bearer {token}").parse().unwrap(),
    );
    let (socket, _) = tokio_tungstenite::client_async(request, MaybeTlsStream::Plain(tcp))
        .await
        .unwrap();
    socket
}

async fn a_client_that_stops_reading_is_cut_off_and_resumes_without_loss(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana@acme.test").await;
    let ben = person(&server, "ben@acme.test").await;
    let conversation = ana.group(&server, &[&ben]).await;
    let mut stalled = stream_with_small_buffer(&server, &ben.token).await;
    assert_eq!(next_frame(&mut stalled).await["type"], "ready");

    // Large messages fill the socket buffers fast; then the server queues, up to its
    // bound, and cuts the connection off instead of queueing more.
    let body = "All work and no play. ".repeat(800);
    let mut sent = Vec::new();
    for _ in 0..400 {
        let message = ana.say(&server, &conversation, &body).await;
        sent.push(message["id"].as_str().unwrap().to_owned());
    }
    let mut received = Vec::new();
    let mut last_event = None;
    let code = loop {
        match tokio::time::timeout(std::time::Duration::from_secs(10), stalled.next()).await {
            Ok(Some(Ok(Message::Text(text)))) => {
                let frame: Value = serde_json::from_str(&text).unwrap();
                received.push(frame["data"]["message"]["id"].as_str().unwrap().to_owned());
                last_event = frame["id"].as_str().map(str::to_owned);
            }
            Ok(Some(Ok(Message::Close(Some(frame))))) => break u16::from(frame.code),
            Ok(Some(Ok(_))) => continue,
            other => panic!("expected frames then a close, got {other:?}"),
        }
    };
    assert_eq!(code, 4008, "cut off for falling behind");
    assert!(
        received.len() < sent.len(),
        "{} of {} came before the cut",
        received.len(),
        sent.len()
    );

    let (_, resumed) = ben.stream(&server, last_event.as_deref()).await;
    for frame in resumed {
        if let Some(id) = frame["data"]["message"]["id"].as_str()
            && !received.iter().any(|seen| seen == id)
        {
            received.push(id.to_owned());
        }
    }
    assert_eq!(
        received, sent,
        "after resuming, every message, once, in order"
    );
    server.stop().await;
}
