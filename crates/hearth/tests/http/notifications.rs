//! The notification centre over HTTP: the API, the page and the header's count.

use crate::support::{Server, api_sign_in, browser, error_of, form_value, page, submit};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(the_centre_lists_counts_and_marks_read_through_api_and_page);

async fn the_centre_lists_counts_and_marks_read_through_api_and_page(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let ana = browser();
    let ana_csrf = api_sign_in(&server, &ana, "ana@acme.test").await;
    let ben = browser();
    let ben_csrf = api_sign_in(&server, &ben, "ben@acme.test").await;
    let posted: Value = ana
        .post(server.url("/api/hearth/v1/posts"))
        .header("x-csrf-token", &ana_csrf)
        .json(&json!({ "body": "Lunch at noon?" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = posted["id"].as_str().unwrap();
    let reacted = ben
        .put(server.url(&format!("/api/hearth/v1/posts/{id}/reactions/like")))
        .header("x-csrf-token", &ben_csrf)
        .send()
        .await
        .unwrap();
    assert!(reacted.status().is_success(), "{}", reacted.status());

    let listed: Value = ana
        .get(server.url("/api/hearth/v1/notifications"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["unread"], 1);
    let first = &listed["notifications"][0];
    assert_eq!(first["kind"], "reaction");
    assert_eq!(first["text"], "Test Person reacted to your post");
    assert_eq!(first["href"], format!("/posts/{id}"));
    assert_eq!(first["read"], false);

    // The header counts it; opening it marks it read and goes to the post.
    let (status, html) = page(&server, &ana, "/notifications").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-unread="1""#), "{html}");
    let csrf = form_value(&html, "csrf");
    let notification = first["id"].as_str().unwrap();
    let (status, location, _) = submit(
        &server,
        &ana,
        &format!("/notifications/{notification}/open"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("/posts/{id}"));
    let (_, html) = page(&server, &ana, "/").await;
    assert!(html.contains(r#"data-unread="0""#), "{html}");

    // Someone else's notification is nobody's business; bad ids are refused.
    let theirs = ben
        .post(server.url(&format!("/api/hearth/v1/notifications/{notification}/read")))
        .header("x-csrf-token", &ben_csrf)
        .send()
        .await
        .unwrap();
    let (status, ..) = error_of(theirs).await;
    assert_eq!(status, 404);
    let bad = ana
        .get(server.url("/api/hearth/v1/notifications?before=soon"))
        .send()
        .await
        .unwrap();
    let (status, ..) = error_of(bad).await;
    assert_eq!(status, 400);
    let all = ana
        .post(server.url("/api/hearth/v1/notifications/read"))
        .header("x-csrf-token", &ana_csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(all.status(), 204);
    server.stop().await;
}
