//! Chat over HTTP: conversations, members, messages, read markers, mutes, typing, and
//! the refusals.

use crate::support::{Server, error_of};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    a_group_chat_over_the_api,
    direct_conversations_over_the_api_are_one_per_pair,
    bad_chat_input_gets_a_clear_json_error,
);

async fn a_group_chat_over_the_api(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ben_user = server.user("ben@acme.test", Role::Member).await;
    let cy_user = server.user("cy@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;
    let cy = server.signed_in("cy@acme.test").await;

    let created = ana
        .post_json(
            "/conversations",
            &json!({ "title": "Launch", "member_ids": [ben_user.id.to_string()] }),
        )
        .await;
    assert_eq!(created.status(), 201);
    let conversation: Value = created.json().await.unwrap();
    let cid = conversation["id"].as_str().unwrap().to_owned();
    assert_eq!(conversation["kind"], "group");
    assert_eq!(conversation["title"], "Launch");
    assert_eq!(conversation["members"].as_array().unwrap().len(), 2);
    assert_eq!(conversation["last_read_id"], "0");
    assert_eq!(conversation["muted"], false);

    let sent = ben
        .post_json(
            &format!("/conversations/{cid}/messages"),
            &json!({ "body": "Ready **now**" }),
        )
        .await;
    assert_eq!(sent.status(), 201);
    let message: Value = sent.json().await.unwrap();
    let mid = message["id"].as_str().unwrap().to_owned();
    assert_eq!(message["conversation_id"], cid.as_str());
    assert_eq!(message["author"]["id"], ben_user.id.to_string());
    assert!(
        message["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>now</strong>")
    );
    assert_eq!(message["deleted"], false);
    assert!(message["edited_at"].is_null());

    let list: Value = ana.get("/conversations").await.json().await.unwrap();
    let summary = &list["conversations"][0];
    assert_eq!(summary["id"], cid.as_str());
    assert_eq!(summary["unread"], 1);
    assert_eq!(summary["last_message"]["text"], "Ready **now**");
    assert!(list["next_before"].is_null());

    let read = ana
        .post_json(
            &format!("/conversations/{cid}/read"),
            &json!({ "up_to": mid }),
        )
        .await;
    assert_eq!(read.status(), 204);
    let muted = ana.put(&format!("/conversations/{cid}/mute")).await;
    assert_eq!(muted.status(), 204);
    let list: Value = ana
        .get("/conversations?limit=10")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["conversations"][0]["unread"], 0);
    assert_eq!(list["conversations"][0]["last_read_id"], mid.as_str());
    assert_eq!(list["conversations"][0]["muted"], true);
    let unmuted = ana.delete(&format!("/conversations/{cid}/mute")).await;
    assert_eq!(unmuted.status(), 204);

    let typing = ana.post(&format!("/conversations/{cid}/typing")).await;
    assert_eq!(typing.status(), 204);

    // Cy is not in it: the conversation and its messages do not exist for her.
    for response in [
        cy.get(&format!("/conversations/{cid}")).await,
        cy.get(&format!("/conversations/{cid}/messages")).await,
        cy.post_json(
            &format!("/conversations/{cid}/messages"),
            &json!({ "body": "let me in" }),
        )
        .await,
        cy.patch_json(&format!("/messages/{mid}"), &json!({ "body": "mine now" }))
            .await,
    ] {
        let (status, code, _, _) = error_of(response).await;
        assert_eq!((status, code.as_str()), (404, "not_found"));
    }

    let renamed: Value = ben
        .patch_json(
            &format!("/conversations/{cid}"),
            &json!({ "title": "Launch day" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(renamed["title"], "Launch day");
    let grown = ben
        .post_json(
            &format!("/conversations/{cid}/members"),
            &json!({ "member_ids": [cy_user.id.to_string()] }),
        )
        .await;
    assert_eq!(grown.status(), 200);
    let grown: Value = grown.json().await.unwrap();
    assert_eq!(grown["members"].as_array().unwrap().len(), 3);

    let not_author = ana
        .patch_json(
            &format!("/messages/{mid}"),
            &json!({ "body": "words in Ben's mouth" }),
        )
        .await;
    let (status, code, _, _) = error_of(not_author).await;
    assert_eq!((status, code.as_str()), (403, "forbidden"));
    let edited: Value = ben
        .patch_json(
            &format!("/messages/{mid}"),
            &json!({ "body": "Ready soon" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(edited["edited_at"].is_string());
    let deleted = ben.delete(&format!("/messages/{mid}")).await;
    assert_eq!(deleted.status(), 204);
    let history: Value = cy
        .get(&format!("/conversations/{cid}/messages?limit=10"))
        .await
        .json()
        .await
        .unwrap();
    let shown = &history["messages"][0];
    assert_eq!(shown["id"], mid.as_str());
    assert_eq!(shown["deleted"], true);
    assert_eq!(shown["body_markdown"], "");
    assert!(history["next_before"].is_null());

    // Ben may not remove Cy (only the creator may); Cy may leave.
    let refused = ben
        .delete(&format!("/conversations/{cid}/members/{}", cy_user.id))
        .await;
    assert_eq!(error_of(refused).await.0, 403);
    let left = cy
        .delete(&format!("/conversations/{cid}/members/{}", cy_user.id))
        .await;
    assert_eq!(left.status(), 204);
    let gone = cy.get(&format!("/conversations/{cid}")).await;
    assert_eq!(error_of(gone).await.0, 404);
    server.stop().await;
}

async fn direct_conversations_over_the_api_are_one_per_pair(db: TestDb) {
    let server = Server::start(db).await;
    let ana_user = server.user("ana@acme.test", Role::Member).await;
    let ben_user = server.user("ben@acme.test", Role::Member).await;
    let cy_user = server.user("cy@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;
    let api = |path: &str| server.url(&format!("/api/hearth/v1{path}"));

    let started = ana
        .post_json(
            "/conversations",
            &json!({ "with": ben_user.id.to_string() }),
        )
        .await;
    assert_eq!(started.status(), 201);
    let started: Value = started.json().await.unwrap();
    let cid = started["id"].as_str().unwrap().to_owned();
    assert_eq!(started["kind"], "direct");
    assert_eq!(started["title"], "Test Person", "the other person's name");

    let again = ben
        .post_json(
            "/conversations",
            &json!({ "with": ana_user.id.to_string() }),
        )
        .await;
    assert_eq!(again.status(), 200, "the existing one is answered");
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["id"], cid.as_str());

    let rename = ana
        .patch_json(&format!("/conversations/{cid}"), &json!({ "title": "Us" }))
        .await;
    let (status, code, _, _) = error_of(rename).await;
    assert_eq!((status, code.as_str()), (403, "forbidden"));
    let add = ana
        .post_json(
            &format!("/conversations/{cid}/members"),
            &json!({ "member_ids": [cy_user.id.to_string()] }),
        )
        .await;
    assert_eq!(error_of(add).await.0, 403);
    let myself = ana
        .post_json(
            "/conversations",
            &json!({ "with": ana_user.id.to_string() }),
        )
        .await;
    assert_eq!(error_of(myself).await.0, 403);
    let nobody = ana
        .post_json("/conversations", &json!({ "with": "42" }))
        .await;
    assert_eq!(error_of(nobody).await.0, 404);

    // A script with a token uses the same endpoints.
    let created: Value = ana
        .post_json("/tokens", &json!({ "name": "bot" }))
        .await
        .json()
        .await
        .unwrap();
    let secret = created["secret"].as_str().unwrap();
    let script = reqwest::Client::new();
    let sent = script
        .post(api(&format!("/conversations/{cid}/messages")))
        .bearer_auth(secret)
        .json(&json!({ "body": "build is green" }))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 201);
    let history: Value = ben
        .get(&format!("/conversations/{cid}/messages"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history["messages"][0]["body_markdown"], "build is green");
    server.stop().await;
}

/// A refused request: method, path, body, then the status and `field` expected.
type Case = (
    &'static str,
    String,
    Option<Value>,
    u16,
    Option<&'static str>,
);

async fn bad_chat_input_gets_a_clear_json_error(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ben_user = server.user("ben@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let csrf = ana.csrf.clone();
    let api = |path: &str| server.url(&format!("/api/hearth/v1{path}"));
    let created: Value = ana
        .post_json(
            "/conversations",
            &json!({ "title": "Team", "member_ids": [ben_user.id.to_string()] }),
        )
        .await
        .json()
        .await
        .unwrap();
    let cid = created["id"].as_str().unwrap().to_owned();
    let ben = ben_user.id.to_string();

    let cases: Vec<Case> = vec![
        (
            "POST",
            "/conversations".into(),
            Some(json!({})),
            422,
            Some("title"),
        ),
        (
            "POST",
            "/conversations".into(),
            Some(json!({ "title": " " })),
            422,
            Some("title"),
        ),
        (
            "POST",
            "/conversations".into(),
            Some(json!({ "title": "T", "member_ids": ["42"] })),
            422,
            Some("member_ids"),
        ),
        (
            "POST",
            "/conversations".into(),
            Some(json!({ "title": "T", "member_ids": ["abc"] })),
            422,
            Some("member_ids"),
        ),
        (
            "POST",
            "/conversations".into(),
            Some(json!({ "title": "T", "member_ids": "x" })),
            422,
            None,
        ),
        (
            "POST",
            "/conversations".into(),
            Some(json!({ "with": "abc" })),
            422,
            Some("with"),
        ),
        (
            "POST",
            "/conversations".into(),
            Some(json!({ "with": ben, "title": "T" })),
            422,
            Some("with"),
        ),
        (
            "POST",
            format!("/conversations/{cid}/messages"),
            Some(json!({ "body": "   " })),
            422,
            Some("body"),
        ),
        (
            "POST",
            format!("/conversations/{cid}/messages"),
            Some(json!({})),
            422,
            Some("body"),
        ),
        (
            "POST",
            format!("/conversations/{cid}/messages"),
            Some(json!({ "body": "x".repeat(20_001) })),
            422,
            Some("body"),
        ),
        (
            "PATCH",
            format!("/conversations/{cid}"),
            Some(json!({ "title": "" })),
            422,
            Some("title"),
        ),
        (
            "POST",
            format!("/conversations/{cid}/members"),
            Some(json!({ "member_ids": [] })),
            422,
            Some("member_ids"),
        ),
        (
            "POST",
            format!("/conversations/{cid}/members"),
            Some(json!({ "member_ids": ["1"] })),
            422,
            Some("member_ids"),
        ),
        (
            "POST",
            format!("/conversations/{cid}/read"),
            Some(json!({ "up_to": "1" })),
            422,
            Some("up_to"),
        ),
        (
            "POST",
            format!("/conversations/{cid}/read"),
            Some(json!({ "up_to": "x" })),
            422,
            Some("up_to"),
        ),
        (
            "GET",
            format!("/conversations/{cid}/messages?limit=0"),
            None,
            422,
            Some("limit"),
        ),
        (
            "GET",
            format!("/conversations/{cid}/messages?limit=x"),
            None,
            400,
            None,
        ),
        (
            "GET",
            format!("/conversations/{cid}/messages?before=x"),
            None,
            400,
            None,
        ),
        (
            "GET",
            "/conversations?limit=101".into(),
            None,
            422,
            Some("limit"),
        ),
        ("GET", "/conversations/abc".into(), None, 400, None),
        ("GET", "/conversations/42".into(), None, 404, None),
        (
            "PATCH",
            "/messages/abc".into(),
            Some(json!({ "body": "x" })),
            400,
            None,
        ),
        ("DELETE", "/messages/42".into(), None, 404, None),
        (
            "DELETE",
            format!("/conversations/{cid}/members/abc"),
            None,
            400,
            None,
        ),
        ("PUT", "/conversations/1e3/mute".into(), None, 400, None),
    ];
    for (method, path, body, status, field) in cases {
        let mut request = ana
            .client
            .request(method.parse().unwrap(), api(&path))
            .header("x-csrf-token", &csrf);
        if let Some(body) = &body {
            request = request.json(body);
        }
        let response = request.send().await.unwrap();
        let got = response.status().as_u16();
        let text = response.text().await.unwrap();
        assert_eq!(got, status, "{method} {path} {body:?}: {text}");
        let error: Value = serde_json::from_str(&text).unwrap();
        assert!(error["error"]["code"].is_string(), "{text}");
        assert!(error["error"]["message"].is_string(), "{text}");
        assert_eq!(
            error["error"]["field"].as_str(),
            field,
            "{method} {path} {body:?}: {text}"
        );
    }
    let no_type = ana
        .client
        .post(api(&format!("/conversations/{cid}/messages")))
        .header("x-csrf-token", &csrf)
        .body("{\"body\":\"x\"}")
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(no_type).await.0, 415);
    let no_csrf = ana
        .client
        .post(api(&format!("/conversations/{cid}/messages")))
        .json(&json!({ "body": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(no_csrf).await.0, 403);

    let history: Value = ana
        .get(&format!("/conversations/{cid}/messages"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        history["messages"].as_array().unwrap().is_empty(),
        "no refused request wrote anything"
    );
    let list: Value = ana.get("/conversations").await.json().await.unwrap();
    assert_eq!(list["conversations"].as_array().unwrap().len(), 1);
    server.stop().await;
}
