//! Communities, posts, threads, reactions, shares and feeds over HTTP.

use crate::support::{Server, error_of};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(a_private_community_discussion_over_the_api);

async fn a_private_community_discussion_over_the_api(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ben_user = server.user("ben@acme.test", Role::Member).await;
    server.user("cy@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;
    let cy = server.signed_in("cy@acme.test").await;

    let community: Value = ana
        .post_json(
            "/communities",
            &json!({ "name": "Procurement", "visibility": "private", "category": "work" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let cid = community["id"].as_str().unwrap().to_owned();
    assert_eq!(community["my_role"], "owner");

    let joined: Value = ben
        .put(&format!("/communities/{cid}/membership"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(joined["state"], "requested");
    let approved = ana
        .post(&format!(
            "/communities/{cid}/members/{}/approval",
            ben_user.id
        ))
        .await;
    assert_eq!(approved.status(), 204);

    let question: Value = ben
        .post_json(
            "/posts",
            &json!({
                "community_id": cid,
                "kind": "question",
                "body": "Who approves **invoices**? #finance",
            }),
        )
        .await
        .json()
        .await
        .unwrap();
    let qid = question["id"].as_str().unwrap().to_owned();
    assert!(
        question["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>invoices</strong>")
    );

    let answer: Value = ana
        .post_json(
            &format!("/posts/{qid}/replies"),
            &json!({ "body": "I do, @ben" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let aid = answer["id"].as_str().unwrap().to_owned();
    assert_eq!(answer["thread_id"], qid.as_str());

    let marked = ben
        .put_json(
            &format!("/posts/{qid}/best-answer"),
            &json!({ "answer_id": aid }),
        )
        .await;
    assert_eq!(marked.status(), 204);
    let liked: Value = ben
        .put(&format!("/posts/{aid}/reactions/like"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(liked["reactions"][0]["count"], 1);
    assert_eq!(liked["my_reactions"][0], "like");

    let thread: Value = ana.json(&format!("/posts/{qid}/thread")).await;
    assert_eq!(thread["post"]["best_answer_id"], aid.as_str());
    assert_eq!(thread["replies"][0]["reply"]["id"], aid.as_str());

    // Cy is outside the private community: nothing of it reaches her.
    for path in [
        format!("/posts/{qid}"),
        format!("/posts/{qid}/thread"),
        format!("/posts/{aid}/reactions"),
    ] {
        let (status, code, _, _) = error_of(cy.get(&path).await).await;
        assert_eq!((status, code.as_str()), (404, "not_found"), "{path}");
    }
    let forbidden = cy.get(&format!("/communities/{cid}/posts")).await;
    assert_eq!(error_of(forbidden).await.0, 403);
    let topic: Value = cy.json("/topics/finance/posts").await;
    assert!(topic["posts"].as_array().unwrap().is_empty());
    let home: Value = cy.json("/feed").await;
    assert!(home["posts"].as_array().unwrap().is_empty());

    // A share into the company keeps the original out of Cy's sight.
    let share: Value = ben
        .post_json(
            "/posts",
            &json!({ "shared_post_id": qid, "body": "Good to know" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let sid = share["id"].as_str().unwrap().to_owned();
    let seen_by_cy: Value = cy.json(&format!("/posts/{sid}")).await;
    assert_eq!(seen_by_cy["shared"]["available"], false);
    assert!(seen_by_cy["shared"]["post"].is_null());
    let seen_by_ana: Value = ana.json(&format!("/posts/{sid}")).await;
    assert_eq!(seen_by_ana["shared"]["post"]["id"], qid.as_str());

    let home: Value = ana.json("/feed?limit=1").await;
    assert_eq!(home["posts"][0]["id"], sid.as_str());
    let before = home["next_before"].as_str().unwrap();
    let next: Value = ana.json(&format!("/feed?limit=1&before={before}")).await;
    assert_eq!(next["posts"][0]["id"], qid.as_str());

    for (path, status) in [
        ("/feed?limit=0", 422),
        ("/feed?before=abc", 400),
        ("/posts/1/thread?depth=99", 422),
    ] {
        assert_eq!(error_of(ana.get(path).await).await.0, status, "{path}");
    }
    let bad_reaction = ana.put(&format!("/posts/{qid}/reactions/angry")).await;
    assert_eq!(error_of(bad_reaction).await.0, 422);
    server.stop().await;
}

both_backends!(a_deactivated_person_gets_nothing_through_any_door);

/// Cookie and token alike: every social endpoint refuses a deactivated account.
async fn a_deactivated_person_gets_nothing_through_any_door(db: TestDb) {
    let server = Server::start(db).await;
    let ana = server.user("ana@acme.test", Role::Member).await;
    let browser_session = server.signed_in("ana@acme.test").await;
    let token: Value = browser_session
        .post_json("/tokens", &json!({ "name": "script" }))
        .await
        .json()
        .await
        .unwrap();
    let secret = token["secret"].as_str().unwrap().to_owned();
    let post: Value = browser_session
        .post_json("/posts", &json!({ "body": "Last day today" }))
        .await
        .json()
        .await
        .unwrap();
    let pid = post["id"].as_str().unwrap().to_owned();

    let store = hearth_store::Store::connect(&server.db.url, &Default::default())
        .await
        .unwrap();
    let mut conn = store.conn().await.unwrap();
    hearth_store::users::set_status(
        &mut conn,
        ana.id,
        hearth_app::domain::UserStatus::Deactivated,
        None,
        0,
    )
    .await
    .unwrap();
    drop(conn);
    store.close().await;

    let script = reqwest::Client::new();
    let reads = [
        "/feed",
        "/communities",
        "/people",
        &format!("/posts/{pid}"),
        "/me",
    ];
    for path in reads {
        let url = server.url(&format!("/api/hearth/v1{path}"));
        let by_token = script.get(&url).bearer_auth(&secret).send().await.unwrap();
        assert_eq!(
            error_of(by_token).await.1,
            "account_unavailable",
            "token {path}"
        );
    }
    let by_cookie = browser_session.get("/feed").await;
    assert_eq!(error_of(by_cookie).await.1, "account_unavailable");
    let write = script
        .post(server.url("/api/hearth/v1/posts"))
        .bearer_auth(&secret)
        .json(&json!({ "body": "still here?" }))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(write).await.0, 403);
    let sign_in = script
        .post(server.url("/api/hearth/v1/session"))
        .json(&json!({ "email": "ana@acme.test", "password": hearth_testkit::PASSWORD }))
        .send()
        .await
        .unwrap();
    let (status, _, message, _) = error_of(sign_in).await;
    assert_eq!(status, 403);
    assert!(message.contains("deactivated"), "{message}");
    server.stop().await;
}
