//! Polls over the JSON API and through the pages' forms.

use crate::support::{Server, api_sign_in, browser, error_of, page, submit};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    a_poll_is_asked_voted_in_and_closed_over_the_api,
    a_poll_is_asked_and_voted_in_through_the_pages,
);

async fn a_poll_is_asked_voted_in_and_closed_over_the_api(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let ben_user = server.user("ben@acme.test", Role::Member).await;
    server.user("cy@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;
    let cy = server.signed_in("cy@acme.test").await;

    for (poll, field) in [
        (json!({ "options": ["Only one"] }), "options"),
        (
            json!({ "options": ["A", "B"], "closes_at": "tomorrow" }),
            "closes_at",
        ),
        (json!({ "options": ["A", "B"], "votes": "secret" }), "votes"),
    ] {
        let refused = ana
            .post_json("/posts", &json!({ "body": "Lunch?", "poll": poll }))
            .await;
        assert_eq!(refused.status(), 422);
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["error"]["code"], "invalid_input", "{body}");
        assert_eq!(body["error"]["field"], field, "{body}");
    }
    let home: Value = ana.json("/feed").await;
    assert!(
        home["posts"].as_array().unwrap().is_empty(),
        "nothing was posted"
    );

    let month_ahead = {
        let now = (hearth_app::system_clock())();
        hearth_app::rfc3339((now / 1000 + 30 * 86_400) * 1000)
    };
    let created = ana
        .post_json(
            "/posts",
            &json!({
                "body": "Where should the team lunch be?",
                "poll": {
                    "options": ["Pizza", "Salad bar", "Noodles"],
                    "votes": "named",
                    "closes_at": month_ahead,
                },
            }),
        )
        .await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    let poll = &created["poll"];
    assert_eq!(poll["choice"], "single");
    assert_eq!(poll["votes"], "named");
    assert_eq!(poll["closes_at"], month_ahead.as_str());
    assert_eq!(poll["options"][2]["label"], "Noodles");
    assert_eq!(poll["results_visible"], true, "the author sees the counts");

    let before: Value = ben.json(&format!("/posts/{id}")).await;
    assert_eq!(before["poll"]["results_visible"], false);
    assert!(before["poll"]["options"][0]["votes"].is_null());

    let bad = ben
        .put_json(
            &format!("/posts/{id}/poll/vote"),
            &json!({ "options": [0, 1] }),
        )
        .await;
    assert_eq!(error_of(bad).await.0, 422);
    let voted: Value = ben
        .put_json(
            &format!("/posts/{id}/poll/vote"),
            &json!({ "options": [1] }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(voted["voters"], 1);
    assert_eq!(voted["options"][1]["votes"], 1);
    assert_eq!(voted["options"][1]["mine"], true);

    let who: Value = ben.json(&format!("/posts/{id}/poll/voters")).await;
    assert_eq!(who[1]["label"], "Salad bar");
    assert_eq!(who[1]["people"][0]["user_id"], ben_user.id.to_string());
    assert!(who[0]["people"].as_array().unwrap().is_empty());
    let hidden = cy.get(&format!("/posts/{id}/poll/voters")).await;
    assert_eq!(error_of(hidden).await.0, 403, "not before voting");

    let withdrawn: Value = ben
        .delete(&format!("/posts/{id}/poll/vote"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(withdrawn["voters"], 0);

    let not_hers = cy.post(&format!("/posts/{id}/poll/close")).await;
    assert_eq!(error_of(not_hers).await.0, 403);
    let closed: Value = ana
        .post(&format!("/posts/{id}/poll/close"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(closed["closed"], true);
    let again = ana.post(&format!("/posts/{id}/poll/close")).await;
    assert_eq!(error_of(again).await.0, 409);
    let late = ben
        .put_json(
            &format!("/posts/{id}/poll/vote"),
            &json!({ "options": [0] }),
        )
        .await;
    assert_eq!(error_of(late).await.0, 403);

    let settings: Value = ana.json("/poll-settings").await;
    assert_eq!(settings["allowed_votes"], "any");
    let member = ana
        .put_json("/poll-settings", &json!({ "allowed_votes": "named" }))
        .await;
    assert_eq!(error_of(member).await.0, 403);
    let bad = admin
        .put_json("/poll-settings", &json!({ "allowed_votes": "some" }))
        .await;
    assert_eq!(error_of(bad).await.0, 422);
    let set: Value = admin
        .put_json("/poll-settings", &json!({ "allowed_votes": "anonymous" }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(set["allowed_votes"], "anonymous");
    let named = ana
        .post_json(
            "/posts",
            &json!({ "body": "Named?", "poll": { "options": ["Yes", "No"], "votes": "named" } }),
        )
        .await;
    assert_eq!(error_of(named).await.0, 422);
    server.stop().await;
}

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
    async fn submit(&self, server: &Server, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let mut form: Vec<(&str, &str)> = vec![("csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        let (status, location, _) = submit(server, &self.client, path, &form).await;
        (status, location)
    }

    async fn page(&self, server: &Server, path: &str) -> (u16, String) {
        page(server, &self.client, path).await
    }
}

async fn a_poll_is_asked_and_voted_in_through_the_pages(db: TestDb) {
    let server = Server::start(db).await;
    let admin = person(&server, "admin@acme.test", Role::Admin).await;
    let ana = person(&server, "ana@acme.test", Role::Member).await;
    let ben = person(&server, "ben@acme.test", Role::Member).await;

    let (_, home) = ana.page(&server, "/").await;
    assert!(
        home.contains("name=\"poll_options\""),
        "the composer offers a poll"
    );
    let (status, location) = ana
        .submit(
            &server,
            "/posts",
            &[
                ("body", "Which day suits the offsite?"),
                ("community", ""),
                ("kind", "discussion"),
                ("back", "/"),
                ("poll_options", "Tuesday\n\nThursday\r\nFriday\n"),
                ("poll_choice", "multiple"),
                ("poll_results", "after_vote"),
                ("poll_votes", "anonymous"),
                ("poll_closes", ""),
            ],
        )
        .await;
    assert_eq!(status, 303, "{location}");
    let id = location.rsplit_once("#post-").unwrap().1.to_owned();

    let (_, thread) = ben.page(&server, &format!("/posts/{id}")).await;
    assert!(thread.contains("Choose any"), "{thread}");
    assert!(
        thread.contains("name=\"option\" value=\"2\""),
        "three options"
    );
    assert!(thread.contains("vote to see the results"));
    assert!(!thread.contains("votes ("), "no counts before voting");

    let (status, _) = ben
        .submit(
            &server,
            &format!("/posts/{id}/poll/vote"),
            &[("option", "0"), ("option", "2")],
        )
        .await;
    assert_eq!(status, 303);
    let (_, thread) = ben.page(&server, &format!("/posts/{id}")).await;
    assert!(thread.contains("1 person voted"), "{thread}");
    assert!(thread.contains("1 vote (100%)"));
    assert!(thread.contains("Change vote"));

    let (status, body) = ben
        .submit(
            &server,
            &format!("/posts/{id}/poll/vote"),
            &[("option", "7")],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let (status, _) = ben
        .submit(&server, &format!("/posts/{id}/poll/withdraw"), &[])
        .await;
    assert_eq!(status, 303);
    let (_, thread) = ben.page(&server, &format!("/posts/{id}")).await;
    assert!(thread.contains("Nobody has voted yet"));

    let (status, _) = ben.page(&server, "/admin/posts").await;
    assert_eq!(status, 403);
    let (status, page) = admin.page(&server, "/admin/posts").await;
    assert_eq!(status, 200);
    assert!(page.contains("value=\"any\" checked"), "{page}");
    let (status, location) = admin
        .submit(&server, "/admin/posts", &[("poll_votes", "named")])
        .await;
    assert_eq!((status, location.as_str()), (303, "/admin/posts?saved=1"));
    let (_, home) = ana.page(&server, "/").await;
    assert!(home.contains("Votes are named in this network."));
    server.stop().await;
}
