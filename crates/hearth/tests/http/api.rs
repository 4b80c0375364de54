//! The JSON API: authentication, CSRF, errors, admin acts, operations endpoints.

use crate::support::{Server, api_sign_in, browser, error_of};
use hearth_app::SignInLimits;
use hearth_app::domain::Role;
use hearth_testkit::{PASSWORD, TestDb, both_backends};
use serde_json::{Value, json};
use std::time::Duration;

both_backends!(
    cookie_writes_need_the_csrf_header_and_tokens_work_until_revoked,
    bad_input_gets_a_clear_json_error_and_changes_nothing,
    only_admins_create_accounts_over_the_api,
    repeated_wrong_passwords_get_429_with_retry_after,
    signing_out_everywhere_ends_every_cookie_session,
    tokens_are_revoked_with_the_sessions_only_when_asked,
    a_token_is_created_from_a_session_and_never_by_a_token,
    people_see_their_own_sessions_and_can_end_one,
    health_readiness_and_metrics_answer,
    every_response_carries_the_security_headers,
    the_openapi_document_describes_every_route,
);

async fn cookie_writes_need_the_csrf_header_and_tokens_work_until_revoked(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let browser = browser();
    let csrf = api_sign_in(&server, &browser, "ana@acme.test").await;

    let refused = browser
        .post(server.url("/api/hearth/v1/tokens"))
        .json(&json!({ "name": "script" }))
        .send()
        .await
        .unwrap();
    let (status, code, _, _) = error_of(refused).await;
    assert_eq!((status, code.as_str()), (403, "csrf_failed"));
    let listed: Vec<Value> = browser
        .get(server.url("/api/hearth/v1/tokens"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(listed.is_empty(), "the refused request created nothing");

    let created: Value = browser
        .post(server.url("/api/hearth/v1/tokens"))
        .header("x-csrf-token", &csrf)
        .json(&json!({ "name": "script" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let secret = created["secret"].as_str().unwrap().to_owned();
    let token_id = created["token"]["id"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("hth_"));

    let script = reqwest::Client::new();
    let me: Value = script
        .get(server.url("/api/hearth/v1/me"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["email"], "ana@acme.test");

    let lower_case = script
        .get(server.url("/api/hearth/v1/me"))
        .header("authorization", format!("bearer {secret}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        lower_case.status(),
        200,
        "the scheme name is case-insensitive"
    );
    let not_a_session = script
        .delete(server.url("/api/hearth/v1/session"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    let (status, _, message, _) = error_of(not_a_session).await;
    assert_eq!(status, 400, "{message}");

    let revoked = script
        .delete(server.url(&format!("/api/hearth/v1/tokens/{token_id}")))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 204);
    let after = script
        .get(server.url("/api/hearth/v1/me"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    let (status, code, _, headers) = error_of(after).await;
    assert_eq!((status, code.as_str()), (401, "unauthenticated"));
    assert!(
        headers["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );

    let malformed = script
        .get(server.url("/api/hearth/v1/me"))
        .header("authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(malformed).await.0, 401);
    server.stop().await;
}

async fn bad_input_gets_a_clear_json_error_and_changes_nothing(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    let admin = browser();
    let csrf = api_sign_in(&server, &admin, "admin@acme.test").await;
    let users = server.url("/api/hearth/v1/users");

    let cases: Vec<(reqwest::RequestBuilder, u16, &str)> = vec![
        (
            admin
                .post(&users)
                .header("x-csrf-token", &csrf)
                .header("content-type", "application/json")
                .body("{not json"),
            400,
            "bad_request",
        ),
        (
            admin
                .post(&users)
                .header("x-csrf-token", &csrf)
                .body("email=x"),
            415,
            "unsupported_media_type",
        ),
        (
            admin
                .post(&users)
                .header("x-csrf-token", &csrf)
                .json(&json!({ "email": "x@acme.test" })),
            422,
            "invalid_input",
        ),
        (
            admin
                .post(&users)
                .header("x-csrf-token", &csrf)
                .json(&json!({ "email": "nope", "display_name": "X" })),
            422,
            "invalid_input",
        ),
        (
            admin
                .post(&users)
                .header("x-csrf-token", &csrf)
                .json(&json!({ "email": "x@acme.test", "display_name": "X", "role": "owner" })),
            422,
            "invalid_input",
        ),
        (
            admin
                .post(&users)
                .header("x-csrf-token", &csrf)
                .json(&json!({ "email": "x@acme.test", "display_name": "X", "password": "short" })),
            422,
            "invalid_input",
        ),
        (
            admin
                .post(&users)
                .header("x-csrf-token", &csrf)
                .header("content-type", "application/json")
                .body(vec![b'"'; 1024 * 1024 + 100]),
            413,
            "payload_too_large",
        ),
        (
            admin.get(server.url("/api/hearth/v1/users/abc")),
            400,
            "bad_request",
        ),
        (
            admin.get(server.url("/api/hearth/v1/users/123")),
            404,
            "not_found",
        ),
        (
            admin.get(server.url("/api/hearth/v1/nothing-here")),
            404,
            "not_found",
        ),
        (
            admin.get(server.url("/api/v1/timelines/home")),
            404,
            "not_found",
        ),
        (
            admin.patch(server.url("/api/hearth/v1/me")),
            405,
            "method_not_allowed",
        ),
    ];
    for (request, expected_status, expected_code) in cases {
        let response = request.send().await.unwrap();
        let (status, code, message, _) = error_of(response).await;
        assert_eq!(
            (status, code.as_str()),
            (expected_status, expected_code),
            "{message}"
        );
    }

    let field = admin
        .post(&users)
        .header("x-csrf-token", &csrf)
        .json(&json!({ "email": "nope", "display_name": "X" }))
        .send()
        .await
        .unwrap();
    let body: Value = field.json().await.unwrap();
    assert_eq!(body["error"]["field"], "email");

    let reserved = admin
        .get(server.url("/oauth/authorize"))
        .send()
        .await
        .unwrap();
    let (_, _, message, _) = error_of(reserved).await;
    assert!(message.contains("Mastodon"), "{message}");

    // Nothing was created by any of the refused requests.
    let created = admin
        .post(&users)
        .header("x-csrf-token", &csrf)
        .json(&json!({ "email": "x@acme.test", "display_name": "X" }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    server.stop().await;
}

async fn only_admins_create_accounts_over_the_api(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ben@acme.test", Role::Member).await;
    let member = browser();
    let csrf = api_sign_in(&server, &member, "ben@acme.test").await;
    let refused = member
        .post(server.url("/api/hearth/v1/users"))
        .header("x-csrf-token", &csrf)
        .json(&json!({ "email": "cy@acme.test", "display_name": "Cy" }))
        .send()
        .await
        .unwrap();
    let (status, code, _, _) = error_of(refused).await;
    assert_eq!((status, code.as_str()), (403, "forbidden"));

    let admin = browser();
    let csrf = api_sign_in(&server, &admin, "admin@acme.test").await;
    let created = admin
        .post(server.url("/api/hearth/v1/users"))
        .header("x-csrf-token", &csrf)
        .json(&json!({ "email": "cy@acme.test", "display_name": "Cy", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let user: Value = created.json().await.unwrap();
    assert_eq!(user["role"], "member");
    assert!(user["id"].is_string(), "ids travel as strings");

    let duplicate = admin
        .post(server.url("/api/hearth/v1/users"))
        .header("x-csrf-token", &csrf)
        .json(&json!({ "email": "CY@acme.test", "display_name": "Cy again" }))
        .send()
        .await
        .unwrap();
    let (status, code, _, _) = error_of(duplicate).await;
    assert_eq!((status, code.as_str()), (409, "conflict"));

    let fetched: Value = member
        .get(server.url(&format!(
            "/api/hearth/v1/users/{}",
            user["id"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(fetched["email"], "cy@acme.test");
    server.stop().await;
}

async fn repeated_wrong_passwords_get_429_with_retry_after(db: TestDb) {
    let limits = SignInLimits {
        per_account_burst: 2,
        per_account_refill: Duration::from_secs(120),
        ..SignInLimits::default()
    };
    let server = Server::start_with(db, limits).await;
    server.user("ana@acme.test", Role::Member).await;
    let client = reqwest::Client::new();
    let attempt = || {
        client
            .post(server.url("/api/hearth/v1/session"))
            .json(&json!({ "email": "ana@acme.test", "password": "guess guess" }))
            .send()
    };
    assert_eq!(attempt().await.unwrap().status(), 401);
    assert_eq!(attempt().await.unwrap().status(), 401);
    let (status, code, message, headers) = error_of(attempt().await.unwrap()).await;
    assert_eq!((status, code.as_str()), (429, "rate_limited"));
    let retry_after: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=120).contains(&retry_after), "{retry_after}");
    assert!(message.contains("try again"), "{message}");
    server.stop().await;
}

async fn signing_out_everywhere_ends_every_cookie_session(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let laptop = browser();
    let phone = browser();
    let csrf = api_sign_in(&server, &laptop, "ana@acme.test").await;
    api_sign_in(&server, &phone, "ana@acme.test").await;
    let ended: Value = laptop
        .delete(server.url("/api/hearth/v1/sessions"))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ended["sessions_ended"], 2);
    assert_eq!(ended["tokens_revoked"], 0);
    for client in [&laptop, &phone] {
        let me = client
            .get(server.url("/api/hearth/v1/me"))
            .send()
            .await
            .unwrap();
        assert_eq!(me.status(), 401);
    }
    server.stop().await;
}

async fn tokens_are_revoked_with_the_sessions_only_when_asked(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let as_token = |secret: &str, method: reqwest::Method, path: &str| {
        reqwest::Client::new()
            .request(method, server.url(&format!("/api/hearth/v1{path}")))
            .bearer_auth(secret)
            .send()
    };
    let script = server
        .signed_in("ana@acme.test")
        .await
        .new_token("script")
        .await;

    let kept: Value = as_token(&script, reqwest::Method::DELETE, "/sessions")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(kept["tokens_revoked"], 0, "{kept}");
    assert_eq!(
        as_token(&script, reqwest::Method::GET, "/me")
            .await
            .unwrap()
            .status(),
        200,
        "kept by default"
    );

    let bad = as_token(
        &script,
        reqwest::Method::DELETE,
        "/sessions?revoke_tokens=yes",
    )
    .await
    .unwrap();
    let (status, code, _, _) = error_of(bad).await;
    assert_eq!((status, code.as_str()), (400, "bad_request"));
    assert_eq!(
        as_token(&script, reqwest::Method::GET, "/me")
            .await
            .unwrap()
            .status(),
        200,
        "a refusal revokes nothing"
    );

    let laptop = server.signed_in("ana@acme.test").await;
    let ended: Value = laptop
        .delete("/sessions?revoke_tokens=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            ended["sessions_ended"].as_u64(),
            ended["tokens_revoked"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(
        as_token(&script, reqwest::Method::GET, "/me")
            .await
            .unwrap()
            .status(),
        401,
        "revoked at once"
    );

    let laptop = server.signed_in("ana@acme.test").await;
    let script = laptop.new_token("script").await;
    let kept = laptop
        .put_json(
            "/me/password",
            &json!({ "current_password": PASSWORD, "new_password": "a brand new passphrase" }),
        )
        .await;
    assert_eq!(kept.status(), 204);
    assert_eq!(
        as_token(&script, reqwest::Method::GET, "/me")
            .await
            .unwrap()
            .status(),
        200,
        "kept by default"
    );
    let changed = laptop
        .put_json(
            "/me/password",
            &json!({
                "current_password": "a brand new passphrase",
                "new_password": "another new passphrase",
                "revoke_tokens": true,
            }),
        )
        .await;
    assert_eq!(changed.status(), 204);
    assert_eq!(
        as_token(&script, reqwest::Method::GET, "/me")
            .await
            .unwrap()
            .status(),
        401,
        "revoked with the change"
    );
    assert_eq!(laptop.get("/me").await.status(), 200, "this session stays");
    server.stop().await;
}

async fn a_token_is_created_from_a_session_and_never_by_a_token(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let laptop = server.signed_in("ana@acme.test").await;
    let script = laptop.new_token("script").await;

    let by_token = reqwest::Client::new()
        .post(server.url("/api/hearth/v1/tokens"))
        .bearer_auth(&script)
        .json(&json!({ "name": "minted by a token", "current_password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let (status, code, _, _) = error_of(by_token).await;
    assert_eq!((status, code.as_str()), (403, "forbidden"));

    let wrong = laptop
        .post_json(
            "/tokens",
            &json!({ "name": "guessed", "current_password": "a wrong guess" }),
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(body["error"]["field"], "current_password", "{body}");

    let confirmed = laptop
        .post_json(
            "/tokens",
            &json!({ "name": "confirmed", "current_password": PASSWORD }),
        )
        .await;
    assert_eq!(confirmed.status(), 201);
    let names: Vec<Value> = laptop
        .json("/tokens")
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].clone())
        .collect();
    assert_eq!(
        names,
        [json!("confirmed"), json!("script")],
        "refusals created nothing"
    );
    server.stop().await;
}

async fn people_see_their_own_sessions_and_can_end_one(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let laptop = browser();
    let phone = browser();
    let ben = browser();
    let csrf = api_sign_in(&server, &laptop, "ana@acme.test").await;
    api_sign_in(&server, &phone, "ana@acme.test").await;
    let ben_csrf = api_sign_in(&server, &ben, "ben@acme.test").await;

    let sessions: Vec<Value> = laptop
        .get(server.url("/api/hearth/v1/sessions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
    let other = sessions.iter().find(|s| s["current"] == false).unwrap();
    let other_id = other["id"].as_str().unwrap();

    let not_bens = ben
        .delete(server.url(&format!("/api/hearth/v1/sessions/{other_id}")))
        .header("x-csrf-token", &ben_csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(not_bens).await.0, 404);
    assert_eq!(
        phone
            .get(server.url("/api/hearth/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    let ended = laptop
        .delete(server.url(&format!("/api/hearth/v1/sessions/{other_id}")))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), 204);
    assert_eq!(
        phone
            .get(server.url("/api/hearth/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        laptop
            .get(server.url("/api/hearth/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    server.stop().await;
}

async fn health_readiness_and_metrics_answer(db: TestDb) {
    let server = Server::start(db).await;
    let client = reqwest::Client::new();
    let health = client.get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = client.get(server.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    client
        .get(server.url("/api/hearth/v1/me"))
        .send()
        .await
        .unwrap();
    let metrics = client
        .get(server.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("hearth_http_requests_total{"), "{metrics}");
    assert!(metrics.contains("route=\"/api/hearth/v1/me\""), "{metrics}");
    assert!(
        metrics.contains("hearth_http_request_duration_seconds_bucket"),
        "{metrics}"
    );
    server.stop().await;
}

async fn every_response_carries_the_security_headers(db: TestDb) {
    let server = Server::start(db).await;
    let client = reqwest::Client::new();
    for path in ["/sign-in", "/api/hearth/v1/me", "/nowhere", "/healthz"] {
        let response = client.get(server.url(path)).send().await.unwrap();
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
    }
    server.stop().await;
}

async fn the_openapi_document_describes_every_route(db: TestDb) {
    let server = Server::start(db).await;
    let doc: Value = reqwest::get(server.url("/api/hearth/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let expected = [
        ("/api/hearth/v1/me", "get"),
        ("/api/hearth/v1/me/password", "put"),
        ("/api/hearth/v1/session", "post"),
        ("/api/hearth/v1/session", "delete"),
        ("/api/hearth/v1/sessions", "get"),
        ("/api/hearth/v1/sessions", "delete"),
        ("/api/hearth/v1/sessions/{id}", "delete"),
        ("/api/hearth/v1/tokens", "get"),
        ("/api/hearth/v1/tokens", "post"),
        ("/api/hearth/v1/tokens/{id}", "delete"),
        ("/api/hearth/v1/users", "post"),
        ("/api/hearth/v1/users/{id}", "get"),
        ("/api/hearth/v1/users/{id}", "delete"),
        ("/api/hearth/v1/users/{id}/deactivate", "post"),
        ("/api/hearth/v1/users/{id}/suspend", "post"),
        ("/api/hearth/v1/users/{id}/reactivate", "post"),
        ("/api/hearth/v1/users/{id}/role", "put"),
        ("/api/hearth/v1/admin/users", "get"),
        ("/api/hearth/v1/admin/sso", "get"),
        ("/api/hearth/v1/admin/sso", "put"),
        ("/api/hearth/v1/notifications", "get"),
        ("/api/hearth/v1/notifications/{id}/read", "post"),
        ("/api/hearth/v1/notifications/read", "post"),
        ("/api/hearth/v1/admin/outbox", "get"),
        ("/api/hearth/v1/notification-preferences", "get"),
        ("/api/hearth/v1/notification-preferences", "put"),
        ("/api/hearth/v1/communities/{id}/subscription", "put"),
        ("/api/hearth/v1/communities/{id}/subscription", "delete"),
        ("/api/hearth/v1/people", "get"),
        ("/api/hearth/v1/search", "get"),
        ("/api/hearth/v1/uploads", "post"),
        ("/api/hearth/v1/uploads/{id}", "get"),
        ("/api/hearth/v1/uploads/{id}", "patch"),
        ("/files/{id}/{variant}", "get"),
        ("/api/hearth/v1/me/photo", "put"),
        ("/api/hearth/v1/me/photo", "delete"),
        ("/api/hearth/v1/communities/{id}/cover", "put"),
        ("/api/hearth/v1/communities/{id}/cover", "delete"),
        ("/api/hearth/v1/people/suggest", "get"),
        ("/api/hearth/v1/people/{person}", "get"),
        ("/api/hearth/v1/people/{person}", "patch"),
        ("/api/hearth/v1/people/{person}/follow", "put"),
        ("/api/hearth/v1/people/{person}/follow", "delete"),
        ("/api/hearth/v1/people/{person}/followers", "get"),
        ("/api/hearth/v1/people/{person}/following", "get"),
        ("/api/hearth/v1/people/{person}/posts", "get"),
        ("/api/hearth/v1/communities", "get"),
        ("/api/hearth/v1/communities", "post"),
        ("/api/hearth/v1/communities/{id}", "get"),
        ("/api/hearth/v1/communities/{id}", "patch"),
        ("/api/hearth/v1/communities/{id}/membership", "put"),
        ("/api/hearth/v1/communities/{id}/membership", "delete"),
        ("/api/hearth/v1/communities/{id}/members", "get"),
        ("/api/hearth/v1/communities/{id}/invitations", "post"),
        (
            "/api/hearth/v1/communities/{id}/members/{user_id}/approval",
            "post",
        ),
        (
            "/api/hearth/v1/communities/{id}/members/{user_id}",
            "delete",
        ),
        (
            "/api/hearth/v1/communities/{id}/members/{user_id}/role",
            "put",
        ),
        ("/api/hearth/v1/communities/{id}/posts", "get"),
        ("/api/hearth/v1/posts", "post"),
        ("/api/hearth/v1/posts/{id}", "get"),
        ("/api/hearth/v1/posts/{id}", "patch"),
        ("/api/hearth/v1/posts/{id}", "delete"),
        ("/api/hearth/v1/posts/{id}/replies", "post"),
        ("/api/hearth/v1/posts/{id}/thread", "get"),
        ("/api/hearth/v1/posts/{id}/reactions/{kind}", "put"),
        ("/api/hearth/v1/posts/{id}/reactions/{kind}", "delete"),
        ("/api/hearth/v1/posts/{id}/reactions", "get"),
        ("/api/hearth/v1/posts/{id}/best-answer", "put"),
        ("/api/hearth/v1/posts/{id}/versions", "get"),
        ("/api/hearth/v1/posts/{id}/referenced-by", "get"),
        ("/api/hearth/v1/posts/{id}/poll/vote", "put"),
        ("/api/hearth/v1/posts/{id}/poll/vote", "delete"),
        ("/api/hearth/v1/posts/{id}/poll/close", "post"),
        ("/api/hearth/v1/posts/{id}/poll/voters", "get"),
        ("/api/hearth/v1/posts/{id}/subscription", "get"),
        ("/api/hearth/v1/posts/{id}/subscription", "put"),
        ("/api/hearth/v1/posts/{id}/subscription", "delete"),
        ("/api/hearth/v1/embedding", "get"),
        ("/api/hearth/v1/embedding", "put"),
        ("/api/hearth/v1/page-comments", "get"),
        ("/api/hearth/v1/page-comments", "post"),
        ("/api/hearth/v1/networks", "get"),
        ("/api/hearth/v1/networks", "post"),
        ("/api/hearth/v1/networks/settings", "get"),
        ("/api/hearth/v1/networks/settings", "put"),
        ("/api/hearth/v1/networks/{id}/members", "post"),
        ("/api/hearth/v1/networks/{id}/guests", "get"),
        ("/api/hearth/v1/networks/{id}/guests", "post"),
        ("/api/hearth/v1/networks/{id}/invitations", "get"),
        (
            "/api/hearth/v1/networks/{id}/invitations/{invitation}",
            "delete",
        ),
        ("/api/hearth/v1/networks/{id}/guests/{user}/extend", "post"),
        ("/api/hearth/v1/networks/{id}/guests/{user}/end", "post"),
        ("/api/hearth/v1/networks/{id}/guests/{user}/sponsor", "put"),
        ("/api/hearth/v1/session/network", "put"),
        ("/api/hearth/v1/announcements", "get"),
        ("/api/hearth/v1/poll-settings", "get"),
        ("/api/hearth/v1/poll-settings", "put"),
        ("/api/hearth/v1/people/{person}/praise", "get"),
        ("/api/hearth/v1/praise-settings", "get"),
        ("/api/hearth/v1/praise-settings", "put"),
        ("/api/hearth/v1/articles", "get"),
        ("/api/hearth/v1/articles", "post"),
        ("/api/hearth/v1/articles/drafts", "get"),
        ("/api/hearth/v1/articles/preview", "post"),
        ("/api/hearth/v1/articles/{id}", "get"),
        ("/api/hearth/v1/articles/{id}", "put"),
        ("/api/hearth/v1/articles/{id}", "delete"),
        ("/api/hearth/v1/articles/{id}/publish", "post"),
        ("/api/hearth/v1/articles/{id}/unschedule", "post"),
        ("/api/hearth/v1/articles/{id}/read", "post"),
        ("/api/hearth/v1/article-subscriptions", "get"),
        (
            "/api/hearth/v1/article-subscriptions/{following}/{target}",
            "put",
        ),
        (
            "/api/hearth/v1/article-subscriptions/{following}/{target}",
            "delete",
        ),
        ("/api/hearth/v1/article-settings", "get"),
        ("/api/hearth/v1/article-settings", "put"),
        ("/api/hearth/v1/feed", "get"),
        ("/api/hearth/v1/topics/{tag}/posts", "get"),
        ("/api/hearth/v1/topics/suggest", "get"),
        ("/api/hearth/v1/conversations", "get"),
        ("/api/hearth/v1/conversations", "post"),
        ("/api/hearth/v1/conversations/{id}", "get"),
        ("/api/hearth/v1/conversations/{id}", "patch"),
        ("/api/hearth/v1/conversations/{id}/members", "post"),
        (
            "/api/hearth/v1/conversations/{id}/members/{user_id}",
            "delete",
        ),
        ("/api/hearth/v1/conversations/{id}/messages", "get"),
        ("/api/hearth/v1/conversations/{id}/messages", "post"),
        ("/api/hearth/v1/messages/{id}", "patch"),
        ("/api/hearth/v1/messages/{id}", "delete"),
        ("/api/hearth/v1/conversations/{id}/read", "post"),
        ("/api/hearth/v1/conversations/{id}/mute", "put"),
        ("/api/hearth/v1/conversations/{id}/mute", "delete"),
        ("/api/hearth/v1/conversations/{id}/typing", "post"),
        ("/api/hearth/v1/presence", "get"),
        ("/api/hearth/v1/invitations", "get"),
        ("/api/hearth/v1/invitations", "post"),
        ("/api/hearth/v1/invitations/{id}", "delete"),
        ("/api/hearth/v1/usage-policy", "get"),
        ("/api/hearth/v1/usage-policy", "post"),
        ("/api/hearth/v1/usage-policy/accept", "post"),
        ("/api/hearth/v1/audit", "get"),
        ("/api/hearth/v1/audit/export", "post"),
        ("/api/hearth/v1/retention", "get"),
        ("/api/hearth/v1/retention", "put"),
        ("/api/hearth/v1/retention/dry-run", "get"),
        ("/api/hearth/v1/retention/apply", "post"),
        ("/api/hearth/v1/exports/network", "post"),
        ("/api/hearth/v1/exports/users/{id}", "post"),
        ("/api/hearth/v1/posts/{id}/reports", "post"),
        ("/api/hearth/v1/messages/{id}/reports", "post"),
        ("/api/hearth/v1/moderation/queue", "get"),
        ("/api/hearth/v1/moderation/posts/{id}/actions", "post"),
        ("/api/hearth/v1/moderation/messages/{id}/actions", "post"),
        ("/api/hearth/v1/moderation/reports/{id}/dismissal", "post"),
        ("/api/hearth/v1/moderation/watch-terms", "get"),
        ("/api/hearth/v1/moderation/watch-terms", "post"),
        ("/api/hearth/v1/moderation/watch-terms/{id}", "delete"),
        ("/api/hearth/v1/languages", "get"),
        ("/api/hearth/v1/me/language", "put"),
        ("/api/hearth/v1/network/language", "put"),
        ("/api/hearth/v1/analytics/network", "get"),
        ("/api/hearth/v1/analytics/network/csv", "get"),
        ("/api/hearth/v1/communities/{id}/analytics", "get"),
        ("/api/hearth/v1/communities/{id}/analytics/csv", "get"),
        ("/api/hearth/v1/analytics/health-email", "get"),
        ("/api/hearth/v1/analytics/health-email", "put"),
    ];
    for (path, method) in expected {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} missing"
        );
    }
    let documented: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(
        documented,
        expected.len(),
        "every documented operation is listed here"
    );
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    server.stop().await;
}

both_backends!(hostile_input_never_causes_a_server_error);

/// Odd paths, headers and bodies get a 4xx, never a 5xx, and the server stays up.
async fn hostile_input_never_causes_a_server_error(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    let admin = browser();
    let csrf = api_sign_in(&server, &admin, "admin@acme.test").await;
    let anonymous = reqwest::Client::new();
    let long = "x".repeat(8 * 1024);
    let requests = vec![
        anonymous.get(server.url("/api/hearth/v1/users/%FF%FE")),
        anonymous.get(server.url("/api/hearth/v1/users/99999999999999999999999")),
        anonymous.get(server.url("/api/hearth/v1/users/-1")),
        anonymous.get(server.url("/setup?token=%00%01")),
        anonymous.get(server.url(&format!("/setup?token={long}"))),
        anonymous.get(server.url("/setup?token=a&token=b")),
        anonymous.get(server.url("/api/hearth/v1/me")).header("authorization", "Bearer"),
        anonymous.get(server.url("/api/hearth/v1/me")).header("authorization", format!("Bearer hth_{long}")),
        anonymous.get(server.url("/api/hearth/v1/me")).header("authorization", b"Bearer \xff\xfe".as_slice()),
        anonymous.get(server.url("/api/hearth/v1/me")).header("cookie", "hearth_session=%%%;;;==; hearth_session="),
        anonymous.get(server.url("/api/hearth/v1/me")).header("cookie", format!("hearth_session={long}")),
        anonymous.post(server.url("/api/hearth/v1/session")).header("content-type", "application/json").body(vec![0xff, 0xfe, 0x00]),
        anonymous.post(server.url("/api/hearth/v1/session")).json(&json!({ "email": long, "password": long })),
        anonymous.post(server.url("/api/hearth/v1/session")).json(&json!({ "email": 1, "password": [] })),
        anonymous.post(server.url("/api/hearth/v1/session")).json(&json!([])),
        anonymous.post(server.url("/sign-in")).header("content-type", "application/x-www-form-urlencoded").body("csrf=%ZZ&email"),
        anonymous.post(server.url("/setup")).header("content-type", "application/x-www-form-urlencoded").body(vec![0xff; 64]),
        admin.post(server.url("/api/hearth/v1/users")).header("x-csrf-token", &csrf)
            .json(&json!({ "email": "a@b.c", "display_name": "\u{0}\u{202e}", "password": "\u{0}".repeat(2000) })),
        admin.post(server.url("/api/hearth/v1/tokens")).header("x-csrf-token", &csrf).json(&json!({ "name": long })),
        admin.put(server.url("/api/hearth/v1/me/password")).header("x-csrf-token", &csrf)
            .json(&json!({ "current_password": long, "new_password": long })),
        admin.delete(server.url("/api/hearth/v1/sessions/1e9")).header("x-csrf-token", &csrf),
        admin.delete(server.url("/api/hearth/v1/tokens/0")).header("x-csrf-token", &csrf),
    ];
    for request in requests {
        let (client, request) = request.build_split();
        let request = request.unwrap();
        let described = format!("{} {}", request.method(), request.url());
        let response = client.execute(request).await.unwrap();
        let status = response.status();
        assert!(status.is_client_error(), "{described} answered {status}");
    }
    let health = anonymous.get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    server.stop().await;
}
