//! People over HTTP: the directory, profiles by id or handle, editing, following.

use crate::support::{Server, api_sign_in, browser, error_of};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(colleagues_find_edit_and_follow_each_other_over_the_api);

async fn colleagues_find_edit_and_follow_each_other_over_the_api(db: TestDb) {
    let server = Server::start(db).await;
    let ana = server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let client = browser();
    let csrf = api_sign_in(&server, &client, "ben@acme.test").await;
    let get = |path: &str| client.get(server.url(path)).send();

    let updated: Value = client
        .patch(server.url("/api/hearth/v1/people/ben"))
        .header("x-csrf-token", &csrf)
        .json(&json!({ "job_title": "Buyer", "department": "Purchasing", "time_zone": "Europe/Lisbon" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(updated["job_title"], "Buyer");
    assert_eq!(updated["handle"], "ben");

    let not_mine = client
        .patch(server.url(&format!("/api/hearth/v1/people/{}", ana.id)))
        .header("x-csrf-token", &csrf)
        .json(&json!({ "job_title": "Intern" }))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(not_mine).await.1, "forbidden");
    let bad = client
        .patch(server.url("/api/hearth/v1/people/ben"))
        .header("x-csrf-token", &csrf)
        .json(&json!({ "time_zone": "somewhere nice", "job_title": "Chief" }))
        .send()
        .await
        .unwrap();
    let body: Value = bad.json().await.unwrap();
    assert_eq!(body["error"]["field"], "time_zone");

    let page: Value = get("/api/hearth/v1/people?department=purchasing")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let people = page["people"].as_array().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(
        people[0]["job_title"], "Buyer",
        "the refused change left the title alone"
    );
    assert!(page["next_cursor"].is_null());

    let first: Value = get("/api/hearth/v1/people?limit=1")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cursor = first["next_cursor"].as_str().unwrap();
    let second: Value = get(&format!("/api/hearth/v1/people?limit=1&cursor={cursor}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(first["people"][0]["id"], second["people"][0]["id"]);

    for (path, status) in [
        ("/api/hearth/v1/people?limit=0", 422),
        ("/api/hearth/v1/people?limit=many", 400),
        ("/api/hearth/v1/people?cursor=xyz", 422),
        ("/api/hearth/v1/people/nobody_here", 404),
    ] {
        assert_eq!(error_of(get(path).await.unwrap()).await.0, status, "{path}");
    }

    let follow = client
        .put(server.url("/api/hearth/v1/people/@ana/follow"))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(follow.status(), 204);
    let card: Value = get("/api/hearth/v1/people/ana")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(card["followers"], 1);
    assert_eq!(card["followed_by_me"], true);
    let followers: Vec<Value> = get("/api/hearth/v1/people/ana/followers")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(followers[0]["handle"], "ben");

    let unfollow = client
        .delete(server.url("/api/hearth/v1/people/ana/follow"))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(unfollow.status(), 204);
    let card: Value = get("/api/hearth/v1/people/ana")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(card["followed_by_me"], false);
    server.stop().await;
}
