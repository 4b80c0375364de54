//! Moderation over HTTP: reporting, the queue, actions and the watch list through the
//! API with their refusals, and the console pages.

use crate::support::{Server, api_sign_in, browser, error_of, page, submit};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    reports_queue_and_actions_over_the_api,
    bad_moderation_input_gets_a_clear_error_and_changes_nothing,
    the_queue_page_is_for_moderators_and_its_forms_need_the_csrf_token,
);

struct Person {
    client: reqwest::Client,
    csrf: String,
}

async fn person(server: &Server, email: &str, role: Role) -> Person {
    server.user(email, role).await;
    let client = browser();
    let csrf = api_sign_in(server, &client, email).await;
    Person { client, csrf }
}

impl Person {
    async fn post(&self, server: &Server, path: &str, body: Value) -> reqwest::Response {
        self.client
            .post(server.url(&format!("/api/hearth/v1{path}")))
            .header("x-csrf-token", &self.csrf)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    async fn get(&self, server: &Server, path: &str) -> reqwest::Response {
        self.client
            .get(server.url(&format!("/api/hearth/v1{path}")))
            .send()
            .await
            .unwrap()
    }

    async fn new_post(&self, server: &Server, body: &str) -> String {
        let created = self.post(server, "/posts", json!({ "body": body })).await;
        assert_eq!(created.status(), 201);
        let post: Value = created.json().await.unwrap();
        post["id"].as_str().unwrap().to_owned()
    }
}

async fn reports_queue_and_actions_over_the_api(db: TestDb) {
    let server = Server::start(db).await;
    let admin = person(&server, "admin@acme.test", Role::Admin).await;
    let ana = person(&server, "ana@acme.test", Role::Member).await;
    let ben = person(&server, "ben@acme.test", Role::Member).await;
    let id = ana.new_post(&server, "A rude post").await;

    let reported = ben
        .post(
            &server,
            &format!("/posts/{id}/reports"),
            json!({ "reason": "rude" }),
        )
        .await;
    assert_eq!(reported.status(), 201);
    let report: Value = reported.json().await.unwrap();
    assert_eq!(report["target_kind"], "post");
    assert_eq!(report["target_id"], id.as_str());
    let again = ben
        .post(
            &server,
            &format!("/posts/{id}/reports"),
            json!({ "reason": "rude" }),
        )
        .await;
    assert_eq!(error_of(again).await.0, 409);

    let queue: Value = admin
        .get(&server, "/moderation/queue")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue[0]["target_id"], id.as_str());
    assert_eq!(queue[0]["report_count"], 1);
    assert_eq!(queue[0]["excerpt"], "A rude post");
    assert_eq!(queue[0]["reports"][0]["reason"], "rude");
    let (status, code, _, _) = error_of(ben.get(&server, "/moderation/queue").await).await;
    assert_eq!((status, code.as_str()), (403, "forbidden"));

    let hidden = admin
        .post(
            &server,
            &format!("/moderation/posts/{id}/actions"),
            json!({ "action": "hide", "reason": "rude language" }),
        )
        .await;
    assert_eq!(hidden.status(), 204);
    assert_eq!(
        ben.get(&server, &format!("/posts/{id}")).await.status(),
        404
    );
    assert_eq!(
        ana.get(&server, &format!("/posts/{id}")).await.status(),
        200
    );
    let queue: Value = admin
        .get(&server, "/moderation/queue")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue.as_array().unwrap().len(), 0, "the report is resolved");

    let restored = admin
        .post(
            &server,
            &format!("/moderation/posts/{id}/actions"),
            json!({ "action": "restore", "reason": "on second thought" }),
        )
        .await;
    assert_eq!(restored.status(), 204);
    assert_eq!(
        ben.get(&server, &format!("/posts/{id}")).await.status(),
        200
    );

    let locked = admin
        .post(
            &server,
            &format!("/moderation/posts/{id}/actions"),
            json!({ "action": "lock", "reason": "enough said" }),
        )
        .await;
    assert_eq!(locked.status(), 204);
    let refused = ben
        .post(
            &server,
            &format!("/posts/{id}/replies"),
            json!({ "body": "one more thing" }),
        )
        .await;
    let (status, _, message, _) = error_of(refused).await;
    assert_eq!(status, 403);
    assert!(message.contains("locked"), "{message}");

    let added = admin
        .post(
            &server,
            "/moderation/watch-terms",
            json!({ "term": "Project X", "mode": "hold" }),
        )
        .await;
    assert_eq!(added.status(), 201);
    let term: Value = added.json().await.unwrap();
    assert_eq!(term["term"], "project x");
    let held = ana.new_post(&server, "All about project x").await;
    assert_eq!(
        ben.get(&server, &format!("/posts/{held}")).await.status(),
        404
    );
    let terms: Value = admin
        .get(&server, "/moderation/watch-terms")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(terms.as_array().unwrap().len(), 1);
    let removed = admin
        .client
        .delete(server.url(&format!(
            "/api/hearth/v1/moderation/watch-terms/{}",
            term["id"].as_str().unwrap()
        )))
        .header("x-csrf-token", &admin.csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 204);

    // The held post's report dismissed? No: a held post is restored or removed.
    let queue: Value = admin
        .get(&server, "/moderation/queue")
        .await
        .json()
        .await
        .unwrap();
    let report_id = queue[0]["report_id"].as_str().unwrap().to_owned();
    let dismissed = admin
        .post(
            &server,
            &format!("/moderation/reports/{report_id}/dismissal"),
            json!({ "reason": "fine" }),
        )
        .await;
    assert_eq!(error_of(dismissed).await.0, 409);
    server.stop().await;
}

async fn bad_moderation_input_gets_a_clear_error_and_changes_nothing(db: TestDb) {
    let server = Server::start(db).await;
    let admin = person(&server, "admin@acme.test", Role::Admin).await;
    let ana = person(&server, "ana@acme.test", Role::Member).await;
    let id = ana.new_post(&server, "Fine post").await;
    let actions = format!("/moderation/posts/{id}/actions");

    let cases = [
        (
            actions.as_str(),
            json!({ "action": "hide", "reason": "  " }),
            422,
        ),
        (
            actions.as_str(),
            json!({ "action": "explode", "reason": "x" }),
            422,
        ),
        (actions.as_str(), json!({ "action": "hide" }), 422),
        (
            "/moderation/posts/abc/actions",
            json!({ "action": "hide", "reason": "x" }),
            400,
        ),
        (
            "/moderation/posts/999/actions",
            json!({ "action": "hide", "reason": "x" }),
            404,
        ),
        (
            actions.as_str(),
            json!({ "action": "restore", "reason": "x" }),
            409,
        ),
        (
            "/moderation/watch-terms",
            json!({ "term": "x", "mode": "ban" }),
            422,
        ),
        (
            "/moderation/reports/1/dismissal",
            json!({ "reason": "x" }),
            404,
        ),
    ];
    for (path, body, expected) in cases {
        let response = admin.post(&server, path, body.clone()).await;
        let (status, _, message, _) = error_of(response).await;
        assert_eq!(status, expected, "{path} {body}: {message}");
    }
    let members_may_not = ana
        .post(
            &server,
            &actions,
            json!({ "action": "hide", "reason": "mine" }),
        )
        .await;
    assert_eq!(error_of(members_may_not).await.0, 403);
    let no_csrf = admin
        .client
        .post(server.url(&format!("/api/hearth/v1{actions}")))
        .json(&json!({ "action": "hide", "reason": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(no_csrf).await.0, 403);
    let report = ana
        .post(&server, &format!("/posts/{id}/reports"), json!({}))
        .await;
    assert_eq!(error_of(report).await.0, 422);

    // Nothing changed: the post is visible and no report is open.
    let post: Value = admin
        .get(&server, &format!("/posts/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(post["id"], id.as_str());
    let queue: Value = admin
        .get(&server, "/moderation/queue")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue.as_array().unwrap().len(), 0);
    let other = person(&server, "ben@acme.test", Role::Member).await;
    assert_eq!(
        other.get(&server, &format!("/posts/{id}")).await.status(),
        200
    );
    server.stop().await;
}

async fn the_queue_page_is_for_moderators_and_its_forms_need_the_csrf_token(db: TestDb) {
    let server = Server::start(db).await;
    let admin = person(&server, "admin@acme.test", Role::Admin).await;
    let ana = person(&server, "ana@acme.test", Role::Member).await;
    let ben = person(&server, "ben@acme.test", Role::Member).await;
    let id = ana.new_post(&server, "Reported <b>post</b>").await;

    // Reporting through the post card's form.
    let (status, _, body) = submit(
        &server,
        &ben.client,
        &format!("/posts/{id}/report"),
        &[("csrf", ben.csrf.as_str()), ("reason", "spam")],
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let (status, html) = page(&server, &admin.client, "/admin/moderation").await;
    assert_eq!(status, 200);
    assert!(html.contains("Moderation queue"), "{html}");
    assert!(html.contains("Reported &lt;b&gt;post&lt;/b&gt;"), "{html}");
    assert!(html.contains("spam"), "{html}");
    let (status, _) = page(&server, &ana.client, "/admin/moderation").await;
    assert_eq!(status, 403);
    let (status, html) = page(&server, &admin.client, "/admin/watch-list").await;
    assert_eq!(status, 200);
    assert!(html.contains("Keyword watch list"), "{html}");
    let (status, _) = page(&server, &ana.client, "/admin/watch-list").await;
    assert_eq!(status, 403);

    let forged = submit(
        &server,
        &admin.client,
        "/moderation/act",
        &[
            ("csrf", "forged"),
            ("kind", "post"),
            ("id", id.as_str()),
            ("action", "hide"),
            ("reason", "x"),
        ],
    )
    .await;
    assert_eq!(forged.0, 403);
    assert_eq!(
        ben.get(&server, &format!("/posts/{id}")).await.status(),
        200,
        "the forged form changed nothing"
    );

    let (status, location, _) = submit(
        &server,
        &admin.client,
        "/moderation/act",
        &[
            ("csrf", admin.csrf.as_str()),
            ("kind", "post"),
            ("id", id.as_str()),
            ("action", "hide"),
            ("reason", "spam it is"),
            ("back", "/admin/moderation"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(location, "/admin/moderation?done=1");
    assert_eq!(
        ben.get(&server, &format!("/posts/{id}")).await.status(),
        404
    );
    let (status, html) = page(&server, &ana.client, &format!("/posts/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Hidden by a moderator: spam it is"),
        "the author is told why: {html}"
    );
    server.stop().await;
}
