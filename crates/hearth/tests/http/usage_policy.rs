//! Invitations and the usage policy through the browser and the JSON API.

use crate::support::{Server, SignedIn, browser, error_of, form_value, page, submit};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    an_invited_person_opens_the_link_creates_an_account_and_is_signed_in,
    the_invitations_tab_invites_lists_and_revokes,
    the_invitation_api_refuses_members_bad_input_and_duplicates,
    pages_and_the_api_wait_until_the_usage_policy_is_accepted,
    publishing_a_usage_policy_refuses_bad_input_and_members,
);

async fn invite_by_api(admin: &SignedIn, email: &str) -> Value {
    let response = admin
        .post_json(
            "/invitations",
            &json!({ "email": email, "role": "compliance" }),
        )
        .await;
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

async fn an_invited_person_opens_the_link_creates_an_account_and_is_signed_in(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    let admin = server.signed_in("admin@acme.test").await;
    let created = invite_by_api(&admin, "bea@acme.test").await;
    assert_eq!(created["invitation"]["state"], "open");
    assert_eq!(created["invitation"]["role"], "compliance");
    let link = created["link"].as_str().unwrap().to_owned();
    let path = link
        .strip_prefix(&server.base)
        .expect("the link uses the server's public address")
        .to_owned();
    assert!(path.starts_with("/invite/"), "{path}");

    let bea = browser();
    let (status, html) = page(&server, &bea, &path).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("bea@acme.test"), "{html}");
    let form_csrf = form_value(&html, "csrf");

    let forged = submit(
        &server,
        &bea,
        &path,
        &[
            ("csrf", "forged"),
            ("name", "Bea"),
            ("password", "a long enough password"),
        ],
    )
    .await;
    assert_eq!(forged.0, 403);
    let short = submit(
        &server,
        &bea,
        &path,
        &[("csrf", &form_csrf), ("name", "Bea"), ("password", "short")],
    )
    .await;
    assert_eq!(short.0, 422);
    assert!(short.2.contains("value=\"Bea\""), "typed name kept");
    let me = bea
        .get(server.url("/api/hearth/v1/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401, "no account and no session yet");

    let (status, location, _) = submit(
        &server,
        &bea,
        &path,
        &[
            ("csrf", &form_csrf),
            ("name", "Bea Costa"),
            ("password", "a long enough password"),
        ],
    )
    .await;
    assert_eq!((status, location.as_str()), (303, "/"));
    let me: Value = bea
        .get(server.url("/api/hearth/v1/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["email"], "bea@acme.test");
    assert_eq!(me["user"]["display_name"], "Bea Costa");
    assert_eq!(me["user"]["role"], "compliance");

    let (status, html) = page(&server, &browser(), &path).await;
    assert_eq!(status, 403);
    assert!(html.contains("already been used"), "{html}");
    let (status, _) = page(&server, &browser(), "/invite/made-up").await;
    assert_eq!(status, 403);

    let listed: Value = admin.json("/invitations").await;
    assert_eq!(listed[0]["state"], "accepted");
    server.stop().await;
}

async fn the_invitations_tab_invites_lists_and_revokes(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let (status, html) = admin.page("/admin/invitations").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Nobody has been invited yet"), "{html}");
    let csrf = form_value(&html, "csrf");

    let (status, _, html) = admin
        .submit(
            "/admin/invitations",
            &[
                ("csrf", &csrf),
                ("email", "cid@acme.test"),
                ("role", "member"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{html}");
    let link_start = html
        .find(&format!("{}/invite/", server.base))
        .expect("the link, once");
    assert!(html[link_start..].contains("cid@acme.test"));

    let (status, _, html) = admin
        .submit(
            "/admin/invitations",
            &[
                ("csrf", &csrf),
                ("email", "cid@acme.test"),
                ("role", "member"),
            ],
        )
        .await;
    assert_eq!(status, 409, "{html}");
    assert!(html.contains("open invitation"), "{html}");
    let (status, _, _) = admin
        .submit(
            "/admin/invitations",
            &[
                ("csrf", &csrf),
                ("email", "dan@acme.test"),
                ("role", "owner"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    let (status, _, _) = admin
        .submit(
            "/admin/invitations",
            &[
                ("csrf", "forged"),
                ("email", "dan@acme.test"),
                ("role", "member"),
            ],
        )
        .await;
    assert_eq!(status, 403);

    let listed: Value = admin.json("/invitations").await;
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "refused forms created nothing"
    );
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    let (status, location, _) = admin
        .submit(
            &format!("/admin/invitations/{id}/revoke"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/invitations?revoked=1")
    );
    let (_, html) = admin.page("/admin/invitations").await;
    assert!(html.contains("revoked"), "{html}");
    assert!(
        !html.contains("/revoke\""),
        "no revoke button for a revoked invitation"
    );

    let member = server.signed_in("ana@acme.test").await;
    let (status, _) = member.page("/admin/invitations").await;
    assert_eq!(status, 403);
    server.stop().await;
}

async fn the_invitation_api_refuses_members_bad_input_and_duplicates(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let invitations = "/invitations";

    let taken = admin
        .post_json(invitations, &json!({ "email": "ana@acme.test" }))
        .await;
    let (status, code, message, _) = error_of(taken).await;
    assert_eq!((status, code.as_str()), (409, "conflict"), "{message}");
    let bad_role = admin
        .post_json(
            invitations,
            &json!({ "email": "x@acme.test", "role": "owner" }),
        )
        .await;
    assert_eq!(error_of(bad_role).await.0, 422);
    let bad_email = admin
        .post_json(invitations, &json!({ "email": "nope" }))
        .await;
    assert_eq!(error_of(bad_email).await.0, 422);

    let created = invite_by_api(&admin, "bea@acme.test").await;
    let again = admin
        .post_json(invitations, &json!({ "email": "bea@acme.test" }))
        .await;
    assert_eq!(error_of(again).await.0, 409);

    let member = server.signed_in("ana@acme.test").await;
    let refused = member
        .post_json(invitations, &json!({ "email": "eve@acme.test" }))
        .await;
    assert_eq!(error_of(refused).await.1, "forbidden");
    let id = created["invitation"]["id"].as_str().unwrap();
    let url = format!("{invitations}/{id}");
    let refused = member.delete(&url).await;
    assert_eq!(error_of(refused).await.0, 403);

    let revoked = admin.delete(&url).await;
    assert_eq!(revoked.status(), 204);
    let twice = admin.delete(&url).await;
    assert_eq!(error_of(twice).await.0, 409);
    let not_a_number = admin.delete(&format!("{invitations}/abc")).await;
    assert_eq!(error_of(not_a_number).await.0, 400);

    let listed: Value = admin.json(invitations).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["state"], "revoked");
    server.stop().await;
}

async fn pages_and_the_api_wait_until_the_usage_policy_is_accepted(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let admin_csrf = admin.csrf.clone();
    let ana = server.signed_in("ana@acme.test").await;
    let ana_csrf = ana.csrf.clone();
    let (status, _) = ana.page("/").await;
    assert_eq!(status, 200, "no policy, nothing to accept");
    let ana_token = ana.new_token("script").await;
    let by_token = |path: &str| {
        ana.client
            .get(server.url(&format!("/api/hearth/v1{path}")))
            .bearer_auth(&ana_token)
            .send()
    };

    let published = admin
        .post_json(
            "/usage-policy",
            &json!({ "body": "# House rules\n\nBe **kind**." }),
        )
        .await;
    assert_eq!(published.status(), 201);
    let published: Value = published.json().await.unwrap();
    assert_eq!(published["version"], 1);

    let home = ana.client.get(server.url("/")).send().await.unwrap();
    assert_eq!(home.status(), 303);
    assert_eq!(home.headers()["location"], "/usage-policy");
    let (status, html) = ana.page("/settings").await;
    assert_eq!(status, 303, "{html}");
    let (status, html) = ana.page("/usage-policy").await;
    assert_eq!(status, 200);
    assert!(html.contains("<strong>kind</strong>"), "{html}");
    assert!(html.contains("I accept"), "{html}");

    let blocked = ana.get("/tokens").await;
    let (status, code, message, _) = error_of(blocked).await;
    assert_eq!((status, code.as_str()), (403, "usage_policy_not_accepted"));
    assert!(
        message.contains("/api/hearth/v1/usage-policy/accept"),
        "{message}"
    );
    let me = ana.get("/me").await;
    assert_eq!(me.status(), 200, "who am I stays reachable");
    let blocked = by_token("/feed").await.unwrap();
    assert_eq!(
        error_of(blocked).await.1,
        "usage_policy_not_accepted",
        "a script's token waits for the policy too"
    );
    assert_eq!(by_token("/me").await.unwrap().status(), 200);
    let current: Value = ana.json("/usage-policy").await;
    assert_eq!(current["accepted"], false);
    assert_eq!(current["policy"]["version"], 1);

    let (status, _, _) = ana
        .submit("/usage-policy", &[("csrf", "forged"), ("version", "1")])
        .await;
    assert_eq!(status, 403);
    let (status, location, _) = ana
        .submit("/usage-policy", &[("csrf", &ana_csrf), ("version", "1")])
        .await;
    assert_eq!((status, location.as_str()), (303, "/"));
    let (status, _) = ana.page("/").await;
    assert_eq!(status, 200);
    let tokens = ana.get("/tokens").await;
    assert_eq!(tokens.status(), 200);
    assert_eq!(by_token("/feed").await.unwrap().status(), 200);

    // A new version, published in the console, asks again.
    let (status, html) = admin.page("/admin/usage-policy").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("2 of 2"), "both accepted version 1: {html}");
    let (status, location, _) = admin
        .submit(
            "/admin/usage-policy",
            &[("csrf", &admin_csrf), ("body", "Version two: be kinder.")],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/usage-policy?published=1")
    );
    let (_, html) = admin.page("/admin/usage-policy").await;
    assert!(html.contains("Version 2"), "{html}");
    assert!(html.contains("1 of 2"), "only the publisher so far: {html}");

    let home = ana.client.get(server.url("/")).send().await.unwrap();
    assert_eq!(home.headers()["location"], "/usage-policy");
    let blocked = ana.get("/tokens").await;
    assert_eq!(error_of(blocked).await.1, "usage_policy_not_accepted");
    let blocked = by_token("/feed").await.unwrap();
    assert_eq!(error_of(blocked).await.1, "usage_policy_not_accepted");
    let stale = ana
        .post_json("/usage-policy/accept", &json!({ "version": 1 }))
        .await;
    assert_eq!(error_of(stale).await.0, 409);
    let accepted = ana
        .post_json("/usage-policy/accept", &json!({ "version": 2 }))
        .await;
    assert_eq!(accepted.status(), 204);
    let tokens = ana.get("/tokens").await;
    assert_eq!(tokens.status(), 200);

    // Signing out stays possible while a policy waits.
    admin
        .post_json("/usage-policy", &json!({ "body": "Three." }))
        .await;
    let (status, location, _) = ana.submit("/sign-out", &[("csrf", &ana_csrf)]).await;
    assert_eq!((status, location.as_str()), (303, "/sign-in"));
    server.stop().await;
}

async fn publishing_a_usage_policy_refuses_bad_input_and_members(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let path = "/usage-policy";
    let empty = admin.post_json(path, &json!({ "body": "  " })).await;
    let (status, code, _, _) = error_of(empty).await;
    assert_eq!((status, code.as_str()), (422, "invalid_input"));
    let long = admin
        .post_json(path, &json!({ "body": "x".repeat(50_001) }))
        .await;
    assert_eq!(error_of(long).await.0, 422);
    let missing = admin.post_json(path, &json!({})).await;
    assert_eq!(error_of(missing).await.0, 422);
    let (status, _, html) = admin
        .submit(
            "/admin/usage-policy",
            &[("csrf", &admin.csrf), ("body", "")],
        )
        .await;
    assert_eq!(status, 422, "{html}");

    let member = server.signed_in("ana@acme.test").await;
    let refused = member.post_json(path, &json!({ "body": "Mine." })).await;
    assert_eq!(error_of(refused).await.1, "forbidden");
    let (status, _) = member.page("/admin/usage-policy").await;
    assert_eq!(status, 403);
    let nothing: Value = member.json(path).await;
    assert_eq!(nothing["policy"], Value::Null, "nothing was published");
    assert_eq!(nothing["accepted"], true);
    let accept_nothing = member
        .post_json("/usage-policy/accept", &json!({ "version": 1 }))
        .await;
    assert_eq!(error_of(accept_nothing).await.0, 404);
    server.stop().await;
}
