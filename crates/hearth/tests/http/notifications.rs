//! The notification centre over HTTP: the API, the page and the header's count.

use crate::support::{Server, error_of, form_value};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(the_centre_lists_counts_and_marks_read_through_api_and_page);

async fn the_centre_lists_counts_and_marks_read_through_api_and_page(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;
    let posted: Value = ana
        .post_json("/posts", &json!({ "body": "Lunch at noon?" }))
        .await
        .json()
        .await
        .unwrap();
    let id = posted["id"].as_str().unwrap();
    let reacted = ben.put(&format!("/posts/{id}/reactions/like")).await;
    assert!(reacted.status().is_success(), "{}", reacted.status());

    let listed: Value = ana.json("/notifications").await;
    assert_eq!(listed["unread"], 1);
    let first = &listed["notifications"][0];
    assert_eq!(first["kind"], "reaction");
    assert_eq!(first["text"], "Test Person reacted to your post");
    assert_eq!(first["href"], format!("/posts/{id}"));
    assert_eq!(first["read"], false);

    // The header counts it; opening it marks it read and goes to the post.
    let (status, html) = ana.page("/notifications").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-unread="1""#), "{html}");
    let csrf = form_value(&html, "csrf");
    let notification = first["id"].as_str().unwrap();
    let (status, location, _) = ana
        .submit(
            &format!("/notifications/{notification}/open"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("/posts/{id}"));
    let (_, html) = ana.page("/").await;
    assert!(html.contains(r#"data-unread="0""#), "{html}");

    // Someone else's notification is nobody's business; bad ids are refused.
    let theirs = ben
        .post(&format!("/notifications/{notification}/read"))
        .await;
    let (status, ..) = error_of(theirs).await;
    assert_eq!(status, 404);
    let bad = ana.get("/notifications?before=soon").await;
    let (status, ..) = error_of(bad).await;
    assert_eq!(status, 400);
    let all = ana.post("/notifications/read").await;
    assert_eq!(all.status(), 204);
    server.stop().await;
}
