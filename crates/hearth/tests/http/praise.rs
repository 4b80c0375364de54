//! Praise over the JSON API and through the pages' forms.

use crate::support::{Server, api_sign_in, browser, page, submit};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    praise_is_given_and_listed_over_the_api,
    praise_is_given_through_the_composer_and_shown_on_the_profile,
);

async fn praise_is_given_and_listed_over_the_api(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let ben = server.user("ben@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let ana = server.signed_in("ana@acme.test").await;

    for (praise, field) in [
        (
            json!({ "kind": "kudos", "recipients": [ben.id.to_string()] }),
            "praise_kind",
        ),
        (json!({ "kind": "thanks", "recipients": [] }), "recipients"),
    ] {
        let refused = ana
            .post_json("/posts", &json!({ "body": "Thanks!", "praise": praise }))
            .await;
        assert_eq!(refused.status(), 422);
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["error"]["field"], field, "{body}");
    }

    let created = ana
        .post_json(
            "/posts",
            &json!({
                "body": "Thank you for the migration weekend!",
                "praise": { "kind": "above_and_beyond", "recipients": [ben.id.to_string()] },
            }),
        )
        .await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["praise"]["kind"], "above_and_beyond");
    assert_eq!(created["praise"]["recipients"][0]["id"], ben.id.to_string());

    let received: Value = ana.json(&format!("/people/{}/praise", ben.id)).await;
    assert_eq!(received["posts"][0]["id"], created["id"]);
    let counts = received["counts"].as_array().unwrap();
    assert_eq!(counts.len(), 4, "every kind, zeros included");
    assert!(
        counts
            .iter()
            .any(|c| c["kind"] == "above_and_beyond" && c["count"] == 1)
    );

    let settings: Value = ana.json("/praise-settings").await;
    assert_eq!(settings["tells_managers"], false);
    let refused = ana
        .put_json("/praise-settings", &json!({ "tells_managers": true }))
        .await;
    assert_eq!(refused.status(), 403);
    let set: Value = admin
        .put_json("/praise-settings", &json!({ "tells_managers": true }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(set["tells_managers"], true);
    server.stop().await;
}

async fn praise_is_given_through_the_composer_and_shown_on_the_profile(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let client = browser();
    let csrf = api_sign_in(&server, &client, "ana@acme.test").await;

    let (_, home) = page(&server, &client, "/").await;
    assert!(
        home.contains("name=\"praise_people\""),
        "the composer offers praise"
    );
    let form = |people: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("body", "Great work on the demo".to_owned()),
            ("community", String::new()),
            ("kind", "discussion".to_owned()),
            ("back", "/".to_owned()),
            ("praise_people", people.to_owned()),
            ("praise_kind", "teamwork".to_owned()),
        ]
    };
    let unknown = form("@nobody");
    let unknown: Vec<(&str, &str)> = unknown.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, body) = submit(&server, &client, "/posts", &unknown).await;
    assert_eq!(status, 422, "{body}");
    let good = form("@ben");
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, location, _) = submit(&server, &client, "/posts", &good).await;
    assert_eq!(status, 303, "{location}");

    let (_, home) = page(&server, &client, "/").await;
    assert!(home.contains("class=\"praise-banner\""), "{home}");
    assert!(home.contains("Great teamwork"));
    let (status, profile) = page(&server, &client, "/people/ben").await;
    assert_eq!(status, 200);
    assert!(profile.contains("Praise received"));
    assert!(profile.contains("Great teamwork: 1"), "{profile}");
    let (status, all) = page(&server, &client, "/people/ben/praise").await;
    assert_eq!(status, 200);
    assert!(all.contains("Great work on the demo"), "{all}");
    let (status, _) = page(&server, &client, "/people/nobody-here/praise").await;
    assert_eq!(status, 404);
    server.stop().await;
}
