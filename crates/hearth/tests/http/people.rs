//! People over HTTP: the directory, profiles by id or handle, editing, following.

use crate::support::{Server, error_of};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(colleagues_find_edit_and_follow_each_other_over_the_api);

async fn colleagues_find_edit_and_follow_each_other_over_the_api(db: TestDb) {
    let server = Server::start(db).await;
    let ana = server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let client = server.signed_in("ben@acme.test").await;

    let updated: Value = client
        .patch_json(
            "/people/ben",
            &json!({
                "job_title": "Buyer",
                "department": "Purchasing",
                "time_zone": "Europe/Lisbon",
            }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(updated["job_title"], "Buyer");
    assert_eq!(updated["handle"], "ben");

    let not_mine = client
        .patch_json(
            &format!("/people/{}", ana.id),
            &json!({ "job_title": "Intern" }),
        )
        .await;
    assert_eq!(error_of(not_mine).await.1, "forbidden");
    let bad = client
        .patch_json(
            "/people/ben",
            &json!({ "time_zone": "somewhere nice", "job_title": "Chief" }),
        )
        .await;
    let body: Value = bad.json().await.unwrap();
    assert_eq!(body["error"]["field"], "time_zone");

    let page: Value = client.json("/people?department=purchasing").await;
    let people = page["people"].as_array().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(
        people[0]["job_title"], "Buyer",
        "the refused change left the title alone"
    );
    assert!(page["next_cursor"].is_null());

    let first: Value = client.json("/people?limit=1").await;
    let cursor = first["next_cursor"].as_str().unwrap();
    let second: Value = client
        .json(&format!("/people?limit=1&cursor={cursor}"))
        .await;
    assert_ne!(first["people"][0]["id"], second["people"][0]["id"]);

    for (path, status) in [
        ("/people?limit=0", 422),
        ("/people?limit=many", 400),
        ("/people?cursor=xyz", 422),
        ("/people/nobody_here", 404),
    ] {
        assert_eq!(error_of(client.get(path).await).await.0, status, "{path}");
    }

    let follow = client.put("/people/@ana/follow").await;
    assert_eq!(follow.status(), 204);
    let card: Value = client.json("/people/ana").await;
    assert_eq!(card["followers"], 1);
    assert_eq!(card["followed_by_me"], true);
    let followers: Value = client.json("/people/ana/followers").await;
    assert_eq!(followers[0]["handle"], "ben");

    let unfollow = client.delete("/people/ana/follow").await;
    assert_eq!(unfollow.status(), 204);
    let card: Value = client.json("/people/ana").await;
    assert_eq!(card["followed_by_me"], false);
    server.stop().await;
}
