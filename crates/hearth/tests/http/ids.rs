//! Ids that are not ids, in addresses, query strings and bodies: the answer names
//! what the id was for, in the API's words or the pages'.

use crate::support::{Server, api_sign_in, browser, error_of, page, submit};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::json;

both_backends!(
    the_api_names_the_id_that_is_not_one,
    pages_say_which_thing_an_address_does_not_name,
);

async fn the_api_names_the_id_that_is_not_one(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ada@acme.test", Role::Admin).await;
    let ada = browser();
    let csrf = api_sign_in(&server, &ada, "ada@acme.test").await;
    let reason = json!({ "reason": "spam" });
    let cases = [
        (
            "GET",
            "/posts/abc",
            None,
            r#"post id must be a number, not "abc""#,
        ),
        (
            "GET",
            "/users/x%20y",
            None,
            r#"user id must be a number, not "x y""#,
        ),
        (
            "PUT",
            "/posts/1e3/reactions/like",
            None,
            r#"post id must be a number, not "1e3""#,
        ),
        (
            "DELETE",
            "/conversations/1/members/abc",
            None,
            r#"user id must be a number, not "abc""#,
        ),
        (
            "POST",
            "/moderation/reports/abc/dismissal",
            Some(reason.clone()),
            r#"report id must be a number, not "abc""#,
        ),
        (
            "DELETE",
            "/moderation/watch-terms/abc",
            None,
            r#"watch term id must be a number, not "abc""#,
        ),
        (
            "POST",
            "/notifications/abc/read",
            None,
            r#"notification id must be a number, not "abc""#,
        ),
        (
            "DELETE",
            "/invitations/-",
            None,
            r#"invitation id must be a number, not "-""#,
        ),
        (
            "GET",
            "/moderation/queue?community=abc",
            None,
            r#"community id must be a number, not "abc""#,
        ),
        (
            "GET",
            "/presence?ids=1,abc",
            None,
            r#"user id must be a number, not "abc""#,
        ),
        (
            "POST",
            "/posts",
            Some(json!({ "body": "Hello", "community_id": "abc" })),
            r#"community id must be a number, not "abc""#,
        ),
        // Ids under a name of their own keep that name.
        (
            "GET",
            "/feed?before=abc",
            None,
            r#"before id must be a number, not "abc""#,
        ),
        (
            "GET",
            "/notifications?before=1:x",
            None,
            r#"cursor id must be a number, not "x""#,
        ),
    ];
    for (method, path, body, expected) in cases {
        let mut request = ada
            .request(
                method.parse().unwrap(),
                server.url(&format!("/api/hearth/v1{path}")),
            )
            .header("x-csrf-token", &csrf);
        if let Some(body) = &body {
            request = request.json(body);
        }
        let (status, code, message, _) = error_of(request.send().await.unwrap()).await;
        assert_eq!(
            (status, code.as_str(), message.as_str()),
            (400, "bad_request", expected),
            "{method} {path}"
        );
    }

    // A query value that is no id keeps axum's words.
    let response = ada
        .get(server.url("/api/hearth/v1/conversations?limit=x"))
        .send()
        .await
        .unwrap();
    let (status, _, message, _) = error_of(response).await;
    assert_eq!(status, 400);
    assert!(
        message.starts_with("Failed to deserialize query string"),
        "{message}"
    );
    server.stop().await;
}

async fn pages_say_which_thing_an_address_does_not_name(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ada@acme.test", Role::Admin).await;
    let ada = browser();
    let csrf = api_sign_in(&server, &ada, "ada@acme.test").await;
    for (path, what) in [
        ("/posts/abc", "post"),
        ("/?before=abc", "post"),
        ("/communities/abc/members", "community"),
        ("/chat/1/messages/abc/edit", "message"),
        ("/admin/people/abc", "person"),
    ] {
        let (status, html) = page(&server, &ada, path).await;
        assert_eq!(status, 404, "{path}");
        assert!(
            html.contains(&format!("This address does not name a {what}.")),
            "{path}: {html}"
        );
    }
    for (path, what) in [
        ("/notifications/abc/open", "notification"),
        ("/admin/watch-list/abc/remove", "watch term"),
        ("/admin/people/abc/deactivate", "person"),
    ] {
        let (status, _, html) = submit(&server, &ada, path, &[("csrf", &csrf)]).await;
        assert_eq!(status, 404, "{path}");
        assert!(
            html.contains(&format!("This address does not name a {what}.")),
            "{path}: {html}"
        );
    }

    // Whoever is not signed in is sent to sign in first, whatever the address says.
    let stranger = browser();
    let (status, location, _) =
        submit(&server, &stranger, "/admin/invitations/abc/revoke", &[]).await;
    assert_eq!((status, location.as_str()), (303, "/sign-in"));
    let response = stranger.get(server.url("/posts/abc")).send().await.unwrap();
    assert_eq!(response.status(), 303);
    server.stop().await;
}
