//! Administering accounts over HTTP: a deactivated person gets nothing through any
//! door, the console's People tab, and bad input refused with nothing changed.

use crate::support::{Server, browser, error_of, form_value, page, submit};
use hearth_app::audit::Acting;
use hearth_app::domain::{Role, UserStatus};
use hearth_app::{App, AppSettings, lifecycle, system_clock};
use hearth_store::{Store, StoreOptions};
use hearth_testkit::live::{close_code, open_stream};
use hearth_testkit::{PASSWORD, TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    a_deactivated_person_gets_nothing_through_any_door,
    a_deactivation_by_another_process_closes_streams_here,
    admin_api_refuses_bad_input_and_other_roles,
    the_console_people_tab_is_for_admins_and_its_forms_need_csrf,
    community_managers_find_their_moderation_queue_on_the_community_page,
);

/// A person signed in with a cookie (and its CSRF token) and holding an API token.
struct Person {
    id: String,
    client: reqwest::Client,
    csrf: String,
    token: String,
}

async fn person(server: &Server, email: &str, role: Role) -> Person {
    let user = server.user(email, role).await;
    let signed_in = server.signed_in(email).await;
    let token = signed_in.new_token("script").await;
    Person {
        id: user.id.to_string(),
        client: signed_in.client,
        csrf: signed_in.csrf,
        token,
    }
}

impl Person {
    async fn post(&self, server: &Server, path: &str, body: Value) -> reqwest::Response {
        self.client
            .post(server.url(path))
            .header("x-csrf-token", &self.csrf)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}

async fn a_deactivated_person_gets_nothing_through_any_door(db: TestDb) {
    let server = Server::start(db).await;
    let admin = person(&server, "admin@acme.test", Role::Admin).await;
    let ana = person(&server, "ana@acme.test", Role::Member).await;
    let (mut stream, _) = open_stream(&server.base, &ana.token, None).await.unwrap();
    let (status, _) = page(&server, &ana.client, "/").await;
    assert_eq!(status, 200, "signed in before");
    let posted: Value = ana
        .post(
            &server,
            "/api/hearth/v1/posts",
            json!({ "body": "Handing over the keys" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let thread = format!("/posts/{}", posted["id"].as_str().unwrap());
    let (_, html) = page(&server, &admin.client, &thread).await;
    assert!(!html.contains("Former member"), "{html}");

    let response = admin
        .post(
            &server,
            &format!("/api/hearth/v1/users/{}/deactivate", ana.id),
            json!({ "reason": "left the company" }),
        )
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "deactivated");

    // Their content stays, shown as a former member's.
    let (status, html) = page(&server, &admin.client, &thread).await;
    assert_eq!(status, 200);
    assert!(html.contains("Handing over the keys"), "{html}");
    assert!(html.contains("Former member"), "{html}");

    // The open WebSocket is closed as signed out.
    assert_eq!(close_code(&mut stream).await, 4001);
    // A new one is refused.
    assert!(open_stream(&server.base, &ana.token, None).await.is_err());
    // The API token.
    let response = reqwest::Client::new()
        .get(server.url("/api/hearth/v1/me"))
        .bearer_auth(&ana.token)
        .send()
        .await
        .unwrap();
    let (status, ..) = error_of(response).await;
    assert_eq!(status, 401);
    // The cookie session, through the API and through pages.
    let response = ana
        .client
        .get(server.url("/api/hearth/v1/me"))
        .send()
        .await
        .unwrap();
    let (status, ..) = error_of(response).await;
    assert_eq!(status, 401);
    let response = ana.client.get(server.url("/")).send().await.unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/sign-in");
    // Password sign-in says why.
    let response = reqwest::Client::new()
        .post(server.url("/api/hearth/v1/session"))
        .json(&json!({ "email": "ana@acme.test", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let (status, _, message, _) = error_of(response).await;
    assert_eq!(status, 403);
    assert!(message.contains("deactivated"), "{message}");
    let (status, _, body) = submit(
        &server,
        &browser(),
        "/sign-in",
        &[("email", "ana@acme.test"), ("password", PASSWORD)],
    )
    .await;
    assert_ne!(status, 303, "no session is started: {body}");
    server.stop().await;
}

async fn a_deactivation_by_another_process_closes_streams_here(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana@acme.test", Role::Member).await;
    let (mut stream, _) = open_stream(&server.base, &ana.token, None).await.unwrap();

    // Another process on the same database, sharing no bus with the server: what
    // `hearth admin deactivate` is.
    let store = Store::connect(&server.db.url, &StoreOptions::default())
        .await
        .unwrap();
    let settings = AppSettings {
        node_id: 1000,
        ..AppSettings::default()
    };
    let other = App::new(store.clone(), settings, system_clock()).unwrap();
    let id = hearth_app::domain::UserId(ana.id.parse().unwrap());
    let done = lifecycle::deactivate(&other, Acting::operator(), id, "from the command line")
        .await
        .unwrap();
    assert_eq!(done.status, UserStatus::Deactivated);
    store.close().await;

    assert_eq!(close_code(&mut stream).await, 4001);
    server.stop().await;
}

async fn admin_api_refuses_bad_input_and_other_roles(db: TestDb) {
    let server = Server::start(db).await;
    let admin = person(&server, "admin@acme.test", Role::Admin).await;
    let ana = person(&server, "ana@acme.test", Role::Member).await;
    let cleo = person(&server, "cleo@acme.test", Role::Compliance).await;
    let path = |act: &str| format!("/api/hearth/v1/users/{}/{act}", ana.id);

    let cases = [
        (
            admin
                .post(
                    &server,
                    &path("suspend"),
                    json!({ "until": "2001-01-01T00:00:00Z" }),
                )
                .await,
            422,
        ),
        (
            admin
                .post(&server, &path("suspend"), json!({ "until": "next week" }))
                .await,
            422,
        ),
        (
            admin
                .post(
                    &server,
                    &format!("/api/hearth/v1/users/{}/deactivate", admin.id),
                    json!({}),
                )
                .await,
            409,
        ),
        (
            admin
                .post(&server, "/api/hearth/v1/users/424242/deactivate", json!({}))
                .await,
            404,
        ),
        (
            ana.post(
                &server,
                &format!("/api/hearth/v1/users/{}/deactivate", cleo.id),
                json!({}),
            )
            .await,
            403,
        ),
        (
            cleo.post(&server, &path("deactivate"), json!({})).await,
            403,
        ),
        (
            admin.post(&server, &path("reactivate"), json!({})).await,
            409,
        ),
    ];
    for (response, expected) in cases {
        let url = response.url().to_string();
        assert_eq!(response.status().as_u16(), expected, "{url}");
    }
    let response = admin
        .client
        .put(server.url(&path("role")))
        .header("x-csrf-token", &admin.csrf)
        .json(&json!({ "role": "emperor" }))
        .send()
        .await
        .unwrap();
    let (status, _, _, _) = error_of(response).await;
    assert_eq!(status, 422);
    let response = admin
        .client
        .delete(server.url(&format!("/api/hearth/v1/users/{}", ana.id)))
        .header("x-csrf-token", &admin.csrf)
        .json(&json!({ "content": "maybe" }))
        .send()
        .await
        .unwrap();
    let (status, ..) = error_of(response).await;
    assert_eq!(status, 422);

    // Nothing changed: Ana still works, and only Cleo's and the admin's listing works.
    let me = reqwest::Client::new()
        .get(server.url("/api/hearth/v1/me"))
        .bearer_auth(&ana.token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let listed = admin
        .client
        .get(server.url("/api/hearth/v1/admin/users?status=active"))
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 200);
    let listed: Value = listed.json().await.unwrap();
    assert_eq!(listed["accounts"].as_array().unwrap().len(), 3);
    let refused = ana
        .client
        .get(server.url("/api/hearth/v1/admin/users"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);

    // A valid change of role, then the last-admin rule protects the one left.
    let response = admin
        .client
        .put(server.url(&path("role")))
        .header("x-csrf-token", &admin.csrf)
        .json(&json!({ "role": "admin", "reason": "new team lead" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["role"], "admin");
    server.stop().await;
}

async fn the_console_people_tab_is_for_admins_and_its_forms_need_csrf(db: TestDb) {
    let server = Server::start(db).await;
    let admin = person(&server, "admin@acme.test", Role::Admin).await;
    let ana = person(&server, "ana@acme.test", Role::Member).await;
    let cleo = person(&server, "cleo@acme.test", Role::Compliance).await;

    let (status, html) = page(&server, &admin.client, "/admin/people").await;
    assert_eq!(status, 200);
    assert!(html.contains("ana@acme.test"), "{html}");
    let (status, _) = page(&server, &ana.client, "/admin/people").await;
    assert_eq!(status, 403);
    let (status, _) = page(&server, &cleo.client, "/admin/people").await;
    assert_eq!(status, 403);
    let response = cleo.client.get(server.url("/admin")).send().await.unwrap();
    assert_eq!(response.headers()["location"], "/admin/audit");

    let account = format!("/admin/people/{}", ana.id);
    let (status, html) = page(&server, &admin.client, &account).await;
    assert_eq!(status, 200);
    let csrf = form_value(&html, "csrf");
    let (status, _, _) = submit(
        &server,
        &admin.client,
        &format!("{account}/deactivate"),
        &[("csrf", "forged"), ("reason", "x")],
    )
    .await;
    assert_eq!(status, 403, "a forged CSRF token is refused");
    let me = reqwest::Client::new()
        .get(server.url("/api/hearth/v1/me"))
        .bearer_auth(&ana.token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200, "nothing changed");

    let (status, location, _) = submit(
        &server,
        &admin.client,
        &format!("{account}/suspend"),
        &[("csrf", &csrf), ("until", "2001-01-01"), ("reason", "")],
    )
    .await;
    assert_eq!(status, 422, "a past date is refused");
    assert!(location.is_empty());

    let (status, location, _) = submit(
        &server,
        &admin.client,
        &format!("{account}/deactivate"),
        &[("csrf", &csrf), ("reason", "left")],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{account}?done=deactivate"));
    let (_, html) = page(&server, &admin.client, &location).await;
    assert!(html.contains("Former member"), "{html}");
    let me = reqwest::Client::new()
        .get(server.url("/api/hearth/v1/me"))
        .bearer_auth(&ana.token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);
    server.stop().await;
}

async fn community_managers_find_their_moderation_queue_on_the_community_page(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana@acme.test", Role::Member).await;
    let bea = person(&server, "bea@acme.test", Role::Member).await;
    let created: Value = ana
        .post(
            &server,
            "/api/hearth/v1/communities",
            json!({ "name": "Warehouse", "visibility": "public", "category": "work" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap();
    let joined = bea
        .client
        .put(server.url(&format!("/api/hearth/v1/communities/{id}/membership")))
        .header("x-csrf-token", &bea.csrf)
        .send()
        .await
        .unwrap();
    assert!(joined.status().is_success());
    let queue = format!("/communities/{id}/moderation");

    let (_, html) = page(&server, &ana.client, &format!("/communities/{id}")).await;
    assert!(html.contains(&queue), "the owner is offered the queue");
    let (status, _) = page(&server, &ana.client, &queue).await;
    assert_eq!(status, 200);
    let (_, html) = page(&server, &bea.client, &format!("/communities/{id}")).await;
    assert!(!html.contains(&queue), "a member is not");
    let (status, _) = page(&server, &bea.client, &queue).await;
    assert_eq!(status, 403);
    server.stop().await;
}
