//! Notification preferences over HTTP: the API, the settings page, and the community
//! page's "Notify me of every new post here".

use crate::support::{Server, error_of, form_value};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    preferences_are_read_and_set_through_the_api,
    the_settings_page_and_community_page_set_preferences,
);

fn channel_of(prefs: &Value, kind: &str) -> String {
    prefs["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {prefs}"))["channel"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn preferences_are_read_and_set_through_the_api(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("olga@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let url = "/notification-preferences";

    let prefs: Value = ana.json(url).await;
    assert_eq!(channel_of(&prefs, "mention"), "email");
    assert_eq!(channel_of(&prefs, "reaction"), "weekly");
    assert_eq!(prefs["kinds"][0]["default"], true);

    let set = ana
        .put_json(
            url,
            &json!({ "kinds": { "reaction": "off", "announcement": "daily" } }),
        )
        .await;
    assert_eq!(set.status(), 200);
    let prefs: Value = set.json().await.unwrap();
    assert_eq!(channel_of(&prefs, "reaction"), "off");
    assert_eq!(channel_of(&prefs, "announcement"), "daily");

    for bad in [
        json!({ "kinds": { "mention": "app", "reply": "sms" } }),
        json!({ "kinds": { "newsletter": "email" } }),
    ] {
        let refused = ana.put_json(url, &bad).await;
        let (status, ..) = error_of(refused).await;
        assert_eq!(status, 422, "{bad}");
    }
    let prefs: Value = ana.json(url).await;
    assert_eq!(channel_of(&prefs, "mention"), "email", "nothing changed");

    // Subscriptions: a public community yes, a private one only for members.
    let olga = server.signed_in("olga@acme.test").await;
    let mut ids = Vec::new();
    for (name, visibility) in [("Open", "public"), ("Closed", "private")] {
        let created: Value = olga
            .post_json(
                "/communities",
                &json!({
                    "name": name,
                    "description": "",
                    "visibility": visibility,
                    "category": "work",
                }),
            )
            .await
            .json()
            .await
            .unwrap();
        ids.push(created["id"].as_str().unwrap().to_owned());
    }
    let sub_url = |id: &str| format!("/communities/{id}/subscription");
    let subscribed = ana
        .put_json(&sub_url(&ids[0]), &json!({ "channel": "weekly" }))
        .await;
    assert_eq!(subscribed.status(), 200);
    let sub: Value = subscribed.json().await.unwrap();
    assert_eq!(sub["community_name"], "Open");
    assert_eq!(sub["channel"], "weekly");
    let forbidden = ana
        .put_json(&sub_url(&ids[1]), &json!({ "channel": "weekly" }))
        .await;
    assert_eq!(error_of(forbidden).await.0, 403);
    let bad = ana
        .put_json(&sub_url(&ids[0]), &json!({ "channel": "hourly" }))
        .await;
    assert_eq!(error_of(bad).await.0, 422);
    let prefs: Value = ana.json(url).await;
    assert_eq!(prefs["subscriptions"].as_array().unwrap().len(), 1);
    assert_eq!(prefs["subscriptions"][0]["channel"], "weekly");

    let removed = ana.delete(&sub_url(&ids[0])).await;
    assert_eq!(removed.status(), 204);
    let again = ana.delete(&sub_url(&ids[0])).await;
    assert_eq!(error_of(again).await.0, 404);
}

async fn the_settings_page_and_community_page_set_preferences(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;

    let (status, html) = ana.page("/notifications").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"href="/settings/notifications""#), "{html}");
    let (status, html) = ana.page("/settings/notifications").await;
    assert_eq!(status, 200);
    assert!(html.contains("Someone mentions me"), "{html}");
    assert!(
        html.contains(r#"<option value="email" selected>"#),
        "{html}"
    );
    let csrf = form_value(&html, "csrf");

    let (status, location, _) = ana
        .submit(
            "/settings/notifications",
            &[("csrf", &csrf), ("reaction", "off"), ("mention", "daily")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, "/settings/notifications?saved=1");
    let prefs: Value = ana.json("/notification-preferences").await;
    assert_eq!(channel_of(&prefs, "reaction"), "off");
    assert_eq!(channel_of(&prefs, "mention"), "daily");

    let (status, _, _) = ana
        .submit(
            "/settings/notifications",
            &[("csrf", &csrf), ("reaction", "app"), ("mention", "loudly")],
        )
        .await;
    assert_eq!(status, 422);
    let prefs: Value = ana.json("/notification-preferences").await;
    assert_eq!(channel_of(&prefs, "reaction"), "off", "nothing changed");

    // The community page offers "Notify me of every new post here".
    let created: Value = ana
        .post_json(
            "/communities",
            &json!({
                "name": "Garden",
                "description": "",
                "visibility": "public",
                "category": "social",
            }),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap();
    let (_, html) = ana.page(&format!("/communities/{id}")).await;
    assert!(html.contains("Notify me of every new post here"), "{html}");
    let (status, location, _) = ana
        .submit(
            &format!("/communities/{id}/subscription"),
            &[("csrf", &csrf), ("channel", "daily")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("/communities/{id}"));
    let (_, html) = ana.page("/settings/notifications").await;
    assert!(html.contains("Garden"), "{html}");
    let (status, ..) = ana
        .submit(
            &format!("/communities/{id}/unsubscribe"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(status, 303);
    let (_, html) = ana.page("/settings/notifications").await;
    assert!(!html.contains("Garden"), "{html}");
}
