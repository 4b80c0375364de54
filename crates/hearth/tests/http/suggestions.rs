//! Suggestions while typing over HTTP: `/people/suggest` and `/topics/suggest`.

use crate::support::{Server, error_of};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    suggest_endpoints_answer_colleagues_and_topics_to_the_signed_in,
    suggest_endpoints_refuse_bad_input_and_strangers,
);

async fn suggest_endpoints_answer_colleagues_and_topics_to_the_signed_in(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let bea = server.user("bea@acme.test", Role::Member).await;
    let bruno = server.user("bruno@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;

    let people: Value = ana.json("/people/suggest?q=b").await;
    assert_eq!(people["people"][0]["handle"], "bea", "by name, then id");
    assert_eq!(people["people"][1]["handle"], "bruno");
    assert_eq!(people["people"].as_array().unwrap().len(), 2);

    assert_eq!(ana.put("/people/bruno/follow").await.status(), 204);
    ana.patch_json("/people/ana", &json!({ "department": "Sales" }))
        .await;
    let bea_client = server.signed_in("bea@acme.test").await;
    bea_client
        .patch_json(
            "/people/bea",
            &json!({ "department": "Design", "job_title": "Designer" }),
        )
        .await;

    let people: Value = ana.json("/people/suggest?q=%40B&limit=5").await;
    assert_eq!(
        people,
        json!({ "people": [
            {
                "id": bruno.id.to_string(), "handle": "bruno", "display_name": "Test Person",
                "job_title": "", "department": ""
            },
            {
                "id": bea.id.to_string(), "handle": "bea", "display_name": "Test Person",
                "job_title": "Designer", "department": "Design"
            },
        ]}),
        "whom Ana follows first; the @ and case do not matter"
    );
    let one: Value = ana.json("/people/suggest?q=b&limit=1").await;
    assert_eq!(one["people"].as_array().unwrap().len(), 1);
    let none: Value = ana.json("/people/suggest?q=zz").await;
    assert_eq!(none, json!({ "people": [] }));

    let created = ana
        .post_json(
            "/posts",
            &json!({ "body": "Booked the #offsite, see the #office" }),
        )
        .await;
    assert_eq!(created.status(), 201);
    let created = bea_client
        .post_json(
            "/posts",
            &json!({ "body": "Looking forward to the #offsite" }),
        )
        .await;
    assert_eq!(created.status(), 201);
    let topics: Value = ana.json("/topics/suggest?q=%23Off").await;
    assert_eq!(
        topics,
        json!({ "topics": [
            { "tag": "offsite", "count": 2 },
            { "tag": "office", "count": 1 },
        ]})
    );
    let one: Value = ana.json("/topics/suggest?q=off&limit=1").await;
    assert_eq!(one, json!({ "topics": [{ "tag": "offsite", "count": 2 }] }));
    server.stop().await;
}

async fn suggest_endpoints_refuse_bad_input_and_strangers(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let long = "a".repeat(65);
    for endpoint in ["/people/suggest", "/topics/suggest"] {
        for (query, status, field) in [
            ("", 422, "q"),
            ("?q=", 422, "q"),
            ("?q=%20%20", 422, "q"),
            (&format!("?q={long}") as &str, 422, "q"),
            ("?q=a&limit=0", 422, "limit"),
            ("?q=a&limit=21", 422, "limit"),
            ("?q=a&limit=many", 400, ""),
        ] {
            let response = ana.get(&format!("{endpoint}{query}")).await;
            let (got, code, _, _) = error_of(response).await;
            assert_eq!(got, status, "{endpoint}{query}");
            if status == 422 {
                assert_eq!(code, "invalid_input", "{endpoint}{query}");
                let body: Value = ana.json(&format!("{endpoint}{query}")).await;
                assert_eq!(body["error"]["field"], field, "{endpoint}{query}");
            }
        }
        let stranger = reqwest::Client::new()
            .get(server.url(&format!("/api/hearth/v1{endpoint}?q=a")))
            .send()
            .await
            .unwrap();
        let (status, code, _, _) = error_of(stranger).await;
        assert_eq!(
            (status, code.as_str()),
            (401, "unauthenticated"),
            "{endpoint}"
        );
    }
    let german = ana
        .client
        .get(server.url("/api/hearth/v1/people/suggest?q="))
        .header("accept-language", "de")
        .send()
        .await
        .unwrap();
    let (_, _, message, _) = error_of(german).await;
    assert!(message.contains("Zeichen"), "{message}");
    server.stop().await;
}
