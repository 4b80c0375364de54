//! Limits on content over HTTP: 429 with `Retry-After` from the API, a page that says
//! how long to wait, the live-connection cap, and a thread read page by page.

use crate::support::{Server, error_of, unlimited};
use futures_util::StreamExt;
use hearth::config::LimitsConfig;
use hearth_app::domain::Role;
use hearth_testkit::live::Socket;
use hearth_testkit::live::{close_code, open_stream};
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::header;

both_backends!(
    creating_content_too_fast_is_answered_429_with_retry_after,
    a_page_says_how_long_to_wait_in_the_readers_language,
    a_connection_beyond_the_cap_is_closed_with_a_reason,
    the_thread_endpoint_is_read_to_the_end_by_following_next_after,
);

fn one_of_each() -> LimitsConfig {
    LimitsConfig {
        posts_per_minute: 1,
        replies_per_minute: 1,
        chat_messages_per_minute: 1,
        reactions_per_minute: 1,
        live_connections_per_person: 1,
    }
}

async fn assert_429(response: reqwest::Response) {
    let (status, code, message, headers) = error_of(response).await;
    assert_eq!((status, code.as_str()), (429, "rate_limited"));
    let retry_after: u64 = headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert!(message.contains("try again"), "{message}");
}

async fn creating_content_too_fast_is_answered_429_with_retry_after(db: TestDb) {
    let server = Server::start_with_content_limits(db, one_of_each()).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;

    let created = ana.post_json("/posts", &json!({ "body": "one" })).await;
    assert_eq!(created.status(), 201);
    let post: Value = created.json().await.unwrap();
    let id = post["id"].as_str().unwrap();
    assert_429(ana.post_json("/posts", &json!({ "body": "two" })).await).await;

    let replies = format!("/posts/{id}/replies");
    assert_eq!(
        ana.post_json(&replies, &json!({ "body": "a" }))
            .await
            .status(),
        201
    );
    assert_429(ana.post_json(&replies, &json!({ "body": "b" })).await).await;
    assert_eq!(
        ben.post_json(&replies, &json!({ "body": "Ben's turn" }))
            .await
            .status(),
        201,
        "the allowance is per person"
    );

    assert_eq!(
        ana.put(&format!("/posts/{id}/reactions/like"))
            .await
            .status(),
        200
    );
    assert_429(ana.put(&format!("/posts/{id}/reactions/funny")).await).await;

    let ben_id = ben.json("/me").await["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let direct: Value = ana
        .post_json("/conversations", &json!({ "with": ben_id }))
        .await
        .json()
        .await
        .unwrap();
    let messages = format!("/conversations/{}/messages", direct["id"].as_str().unwrap());
    assert_eq!(
        ana.post_json(&messages, &json!({ "body": "hi" }))
            .await
            .status(),
        201
    );
    assert_429(ana.post_json(&messages, &json!({ "body": "again" })).await).await;

    let thread = ana.json(&format!("/posts/{id}/thread")).await;
    assert_eq!(thread["replies"].as_array().unwrap().len(), 2);
    server.stop().await;
}

async fn a_page_says_how_long_to_wait_in_the_readers_language(db: TestDb) {
    let server = Server::start_with_content_limits(db, one_of_each()).await;
    server.user("ana@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let form = |body: &'static str| {
        vec![
            ("csrf", ana.csrf.clone()),
            ("body", body.to_owned()),
            ("community", String::new()),
            ("kind", "discussion".to_owned()),
            ("back", "/".to_owned()),
        ]
    };
    let first = ana
        .client
        .post(server.url("/posts"))
        .form(&form("first"))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 303);
    let second = ana
        .client
        .post(server.url("/posts"))
        .header("accept-language", "de")
        .form(&form("second"))
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), 429);
    assert!(second.headers().contains_key(header::RETRY_AFTER));
    let html = second.text().await.unwrap();
    assert!(html.contains("Bitte langsamer"), "{html}");
    assert!(
        html.contains("schneller, als dieses Netzwerk erlaubt"),
        "{html}"
    );
    server.stop().await;
}

async fn a_connection_beyond_the_cap_is_closed_with_a_reason(db: TestDb) {
    let server = Server::start_with_content_limits(db, one_of_each()).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let token = ana.new_token("stream").await;
    let ben_token = server
        .signed_in("ben@acme.test")
        .await
        .new_token("stream")
        .await;

    let (mut first, _) = open_stream(&server.base, &token, None).await.unwrap();
    let mut second = connect(&server, &token).await;
    assert_eq!(close_code(&mut second).await, 4029);
    // Someone else's connection is not counted against Ana.
    let (_ben, _) = open_stream(&server.base, &ben_token, None).await.unwrap();

    first.close(None).await.unwrap();
    drop(first);
    // The place is free again once the server has let the first go.
    let mut reopened = false;
    for _ in 0..50 {
        let mut socket = connect(&server, &token).await;
        match socket.next().await {
            Some(Ok(Message::Text(text))) => {
                assert!(text.contains("ready"), "{text}");
                reopened = true;
                break;
            }
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    assert!(reopened, "a closed connection frees its place");
    server.stop().await;
}

/// Opens the stream with a token, without waiting for anything.
async fn connect(server: &Server, token: &str) -> Socket {
    let url = format!(
        "{}/api/hearth/v1/stream",
        server.base.replacen("http://", "ws://", 1)
    );
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {token}").parse().unwrap(),
    );
    tokio_tungstenite::connect_async(request).await.unwrap().0
}

async fn the_thread_endpoint_is_read_to_the_end_by_following_next_after(db: TestDb) {
    let server = Server::start_with_content_limits(db, unlimited()).await;
    server.user("ana@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let post: Value = ana
        .post_json("/posts", &json!({ "body": "Ideas?" }))
        .await
        .json()
        .await
        .unwrap();
    let id = post["id"].as_str().unwrap().to_owned();
    let mut written = Vec::new();
    for n in 0..7 {
        let reply: Value = ana
            .post_json(
                &format!("/posts/{id}/replies"),
                &json!({ "body": format!("idea {n}") }),
            )
            .await
            .json()
            .await
            .unwrap();
        written.push(reply["id"].as_str().unwrap().to_owned());
    }
    let mut read = Vec::new();
    let mut path = format!("/posts/{id}/thread?limit=3");
    loop {
        let page = ana.json(&path).await;
        for node in page["replies"].as_array().unwrap() {
            assert_eq!(node["parent_id"].as_str(), Some(id.as_str()));
            read.push(node["id"].as_str().unwrap().to_owned());
        }
        match page["next_after"].as_str() {
            Some(next) => path = format!("/posts/{id}/thread?limit=3&after={next}"),
            None => break,
        }
    }
    assert_eq!(read, written);
    let refused = ana.get(&format!("/posts/{id}/thread?limit=0")).await;
    let (status, code, _, _) = error_of(refused).await;
    assert_eq!((status, code.as_str()), (422, "invalid_input"));
    server.stop().await;
}
