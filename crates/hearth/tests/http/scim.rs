//! SCIM 2.0 over HTTP: every operation and filter operator, refusals with SCIM error
//! bodies, offboarding that cuts live connections at once, and the console tab.

use crate::support::{Server, api_sign_in, browser, form_value, page, submit};
use hearth_app::audit::AuditFilter;
use hearth_app::domain::{Actor, AuditActorKind, Role};
use hearth_app::files::images::demo_jpeg;
use hearth_app::{App, AppSettings, audit, scim, system_clock, tokens};
use hearth_store::{Store, StoreOptions};
use hearth_testkit::live::{close_code, open_stream};
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

both_backends!(
    users_are_created_read_replaced_and_refused_when_duplicate,
    every_filter_operator_works_on_users,
    bad_filters_and_unknown_attributes_are_invalid_filters,
    pagination_and_attribute_selection_follow_the_rfc,
    patch_adds_replaces_and_removes_with_and_without_paths,
    patch_active_false_closes_live_connections_and_is_audited_as_scim,
    delete_deactivates_the_account_and_every_later_request_answers_404,
    stale_versions_are_refused_with_412,
    groups_are_communities_and_their_members,
    wrong_missing_and_revoked_tokens_get_401,
    discovery_endpoints_describe_the_service,
    the_console_tab_manages_tokens_for_admins_only,
    the_documentation_uri_is_absolute,
    a_user_name_is_any_unique_string_and_the_address_comes_from_emails,
    group_display_name_follows_the_published_schema,
    group_members_that_are_not_users_here_are_invalid_values,
    unknown_paths_under_the_service_provider_answer_scim_errors,
    an_account_an_admin_deactivated_is_not_reactivated_by_the_identity_provider,
    searches_may_be_sent_as_a_body,
    photos_are_taken_from_data_uris_and_urls_answered_and_taken_down,
    malformed_photos_are_invalid_values,
);

const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

async fn app_of(server: &Server) -> App {
    let store = Store::connect(&server.db.url, &StoreOptions::default())
        .await
        .unwrap();
    let settings = AppSettings {
        node_id: 7,
        ..AppSettings::default()
    };
    App::new(store, settings, system_clock()).unwrap()
}

/// A SCIM client of the home network (made after its first admin).
struct Idp {
    secret: String,
    http: reqwest::Client,
    base: String,
}

async fn idp(server: &Server) -> Idp {
    server.user("admin@acme.test", Role::Admin).await;
    let app = app_of(server).await;
    let created = scim::tokens::create(&app, hearth_app::audit::Acting::operator(), "Okta")
        .await
        .unwrap();
    app.store().close().await;
    Idp {
        secret: created.secret,
        http: reqwest::Client::new(),
        base: server.url("/scim/v2"),
    }
}

impl Idp {
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
        if_match: Option<&str>,
    ) -> (u16, Value, reqwest::header::HeaderMap) {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.secret);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/scim+json")
                .body(body.to_string());
        }
        if let Some(version) = if_match {
            request = request.header("if-match", version);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            assert!(
                headers["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("application/scim+json"),
                "{headers:?}"
            );
            serde_json::from_str(&text).unwrap()
        };
        (status, body, headers)
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        let (status, body, _) = self.send(reqwest::Method::GET, path, None, None).await;
        (status, body)
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        let (status, body, _) = self
            .send(reqwest::Method::POST, path, Some(body), None)
            .await;
        (status, body)
    }

    async fn patch(&self, path: &str, operations: Value) -> (u16, Value) {
        let body = json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": operations,
        });
        let (status, body, _) = self
            .send(reqwest::Method::PATCH, path, Some(body), None)
            .await;
        (status, body)
    }

    async fn create_user(&self, email: &str, name: &str, external: &str) -> Value {
        let (status, body) = self
            .post(
                "/Users",
                json!({
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
                    "userName": email,
                    "name": { "formatted": name },
                    "externalId": external,
                    "title": "Engineer",
                    ENTERPRISE: { "department": "R&D", "employeeNumber": external },
                }),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        body
    }

    /// The userNames a filter selects, sorted.
    async fn names(&self, filter: &str) -> Vec<String> {
        let path = format!("/Users?filter={}", urlencode(filter));
        let (status, body) = self.get(&path).await;
        assert_eq!(status, 200, "{filter}: {body}");
        let mut names: Vec<String> = body["Resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["userName"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        assert_eq!(body["totalResults"], names.len(), "{filter}");
        names
    }
}

fn urlencode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Asserts a SCIM error body and answers its scimType ("" when none).
fn scim_error(status: u16, body: &Value, expected: u16) -> String {
    assert_eq!(status, expected, "{body}");
    assert_eq!(body["schemas"], json!([ERROR]), "{body}");
    assert_eq!(body["status"], expected.to_string(), "{body}");
    assert!(!body["detail"].as_str().unwrap().is_empty(), "{body}");
    body["scimType"].as_str().unwrap_or("").to_owned()
}

async fn users_are_created_read_replaced_and_refused_when_duplicate(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let (status, body, headers) = idp
        .send(
            reqwest::Method::POST,
            "/Users",
            Some(json!({
                "userName": "ana@acme.test",
                "name": { "givenName": "Ana", "familyName": "Lima" },
                "externalId": "00u1",
                "title": "Engineer",
                ENTERPRISE: { "department": "R&D", "employeeNumber": "E-1" },
            })),
            None,
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_str().unwrap().to_owned();
    assert_eq!(body["userName"], "ana@acme.test");
    assert_eq!(body["displayName"], "Ana Lima");
    assert!(
        body.get("name").is_none(),
        "name only makes the display name: {body}"
    );
    assert_eq!(body["emails"][0]["value"], "ana@acme.test");
    assert_eq!(body["active"], true);
    assert_eq!(body["externalId"], "00u1");
    assert_eq!(body["title"], "Engineer");
    assert_eq!(body[ENTERPRISE]["department"], "R&D");
    assert_eq!(body[ENTERPRISE]["employeeNumber"], "E-1");
    assert_eq!(body["meta"]["resourceType"], "User");
    assert!(body["meta"]["created"].as_str().unwrap().contains('T'));
    assert!(body["meta"]["lastModified"].as_str().is_some());
    let location = body["meta"]["location"].as_str().unwrap();
    assert!(
        location.ends_with(&format!("/scim/v2/Users/{id}")),
        "{location}"
    );
    assert_eq!(headers["location"].to_str().unwrap(), location);
    let version = body["meta"]["version"].as_str().unwrap().to_owned();
    assert!(version.starts_with("W/\""), "{version}");
    assert_eq!(headers["etag"].to_str().unwrap(), version);

    let (status, fetched) = idp.get(&format!("/Users/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(fetched, body);

    // The same userName again, in another case: 409 uniqueness, nothing created.
    let (status, refused) = idp
        .post(
            "/Users",
            json!({ "userName": "ANA@acme.test", "displayName": "Twin" }),
        )
        .await;
    assert_eq!(scim_error(status, &refused, 409), "uniqueness");
    let (status, refused) = idp.post("/Users", json!({ "displayName": "Nobody" })).await;
    assert_eq!(scim_error(status, &refused, 400), "invalidValue");
    let (status, refused) = idp
        .post(
            "/Users",
            json!({ "userName": "nobody", "emails": [{ "value": "not an address" }] }),
        )
        .await;
    assert_eq!(scim_error(status, &refused, 400), "invalidValue");
    let (status, refused, _) = idp.send(reqwest::Method::POST, "/Users", None, None).await;
    assert_eq!(scim_error(status, &refused, 400), "invalidSyntax");
    assert_eq!(
        idp.names("userName pr").await.len(),
        2,
        "admin and Ana only"
    );

    // PUT replaces: a manager, a new title; an absent externalId is cleared.
    let bo = idp.create_user("bo@acme.test", "Bo Berg", "00u2").await;
    let (status, replaced, _) = idp
        .send(
            reqwest::Method::PUT,
            &format!("/Users/{id}"),
            Some(json!({
                "userName": "ana.lima@acme.test",
                "displayName": "Ana Lima",
                "title": "Lead",
                ENTERPRISE: { "department": "Platform", "manager": { "value": bo["id"] } },
            })),
            Some(&version),
        )
        .await;
    assert_eq!(status, 200, "{replaced}");
    assert_eq!(replaced["userName"], "ana.lima@acme.test");
    assert_eq!(replaced["title"], "Lead");
    assert_eq!(replaced[ENTERPRISE]["department"], "Platform");
    assert_eq!(replaced[ENTERPRISE]["manager"]["value"], bo["id"]);
    assert!(replaced.get("externalId").is_none(), "{replaced}");
    assert_eq!(replaced[ENTERPRISE].get("employeeNumber"), None);
    // A manager outside the network's Users is refused.
    let (status, refused, _) = idp
        .send(
            reqwest::Method::PUT,
            &format!("/Users/{id}"),
            Some(json!({ "userName": "ana.lima@acme.test", ENTERPRISE: { "manager": "12345" } })),
            None,
        )
        .await;
    assert_eq!(scim_error(status, &refused, 400), "invalidValue");
    let (status, refused) = idp.get("/Users/12345").await;
    scim_error(status, &refused, 404);
    server.stop().await;
}

async fn every_filter_operator_works_on_users(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    idp.create_user("ana@acme.test", "Ana Lima", "A-1").await;
    let bo = idp.create_user("bo@acme.test", "Bo Berg", "B-2").await;
    let cy = idp.create_user("cy@other.test", "Cy Cole", "C-3").await;
    let (status, _) = idp
        .patch(
            &format!("/Users/{}", cy["id"].as_str().unwrap()),
            json!([{ "op": "replace", "path": "active", "value": false }]),
        )
        .await;
    assert_eq!(status, 200);
    let all = [
        "admin@acme.test",
        "ana@acme.test",
        "bo@acme.test",
        "cy@other.test",
    ];
    assert_eq!(idp.names("userName pr").await, all);
    assert_eq!(
        idp.names(r#"userName eq "BO@acme.test""#).await,
        ["bo@acme.test"]
    );
    assert_eq!(
        idp.names(r#"userName ne "bo@acme.test""#).await,
        ["admin@acme.test", "ana@acme.test", "cy@other.test"]
    );
    assert_eq!(idp.names(r#"userName co "other""#).await, ["cy@other.test"]);
    assert_eq!(idp.names(r#"userName sw "an""#).await, ["ana@acme.test"]);
    assert_eq!(
        idp.names(r#"userName ew "other.test""#).await,
        ["cy@other.test"]
    );
    assert_eq!(
        idp.names(r#"userName gt "ana@acme.test""#).await,
        ["bo@acme.test", "cy@other.test"]
    );
    assert_eq!(
        idp.names(r#"userName ge "ana@acme.test""#).await,
        ["ana@acme.test", "bo@acme.test", "cy@other.test"]
    );
    assert_eq!(
        idp.names(r#"userName lt "ana@acme.test""#).await,
        ["admin@acme.test"]
    );
    assert_eq!(
        idp.names(r#"userName le "ana@acme.test""#).await,
        ["admin@acme.test", "ana@acme.test"]
    );
    assert_eq!(
        idp.names(r#"emails.value eq "ana@acme.test""#).await,
        ["ana@acme.test"]
    );
    assert_eq!(idp.names(r#"emails co "bo@""#).await, ["bo@acme.test"]);
    assert_eq!(
        idp.names(r#"emails[value sw "cy"]"#).await,
        ["cy@other.test"]
    );
    assert_eq!(idp.names(r#"externalId eq "B-2""#).await, ["bo@acme.test"]);
    assert!(
        idp.names(r#"externalId eq "b-2""#).await.is_empty(),
        "externalId is case-exact"
    );
    assert_eq!(
        idp.names(r#"displayName eq "ana lima""#).await,
        ["ana@acme.test"]
    );
    assert_eq!(idp.names("active eq false").await, ["cy@other.test"]);
    assert_eq!(
        idp.names(r#"externalId pr and not (active eq false)"#)
            .await,
        ["ana@acme.test", "bo@acme.test"]
    );
    assert_eq!(
        idp.names(
            r#"userName eq "ana@acme.test" or userName eq "bo@acme.test" and active eq false"#
        )
        .await,
        ["ana@acme.test"],
        "and binds tighter than or"
    );
    assert_eq!(
        idp.names(
            r#"(userName eq "ana@acme.test" or userName eq "cy@other.test") and active eq false"#
        )
        .await,
        ["cy@other.test"]
    );
    assert_eq!(
        idp.names(
            r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "B-2""#
        )
        .await,
        ["bo@acme.test"]
    );
    // meta.lastModified compares as instants.
    let modified = bo["meta"]["lastModified"].as_str().unwrap();
    let later = idp
        .names(&format!(r#"meta.lastModified ge "{modified}""#))
        .await;
    assert!(later.contains(&"bo@acme.test".to_owned()), "{later:?}");
    assert!(!later.contains(&"admin@acme.test".to_owned()), "{later:?}");
    let earlier = idp
        .names(&format!(r#"meta.lastModified lt "{modified}""#))
        .await;
    assert!(
        earlier.contains(&"admin@acme.test".to_owned()),
        "{earlier:?}"
    );
    assert!(!earlier.contains(&"bo@acme.test".to_owned()), "{earlier:?}");
    assert_eq!(
        idp.names(r#"meta.lastModified gt "2999-01-01T00:00:00Z""#)
            .await
            .len(),
        0
    );
    assert_eq!(
        idp.names(r#"meta.lastModified le "2999-01-01T00:00:00Z""#)
            .await
            .len(),
        4
    );
    server.stop().await;
}

async fn bad_filters_and_unknown_attributes_are_invalid_filters(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    for bad in [
        r#"userName eq"#,
        r#"userName xx "a""#,
        r#"(userName eq "a""#,
        r#"userName eq "a" and"#,
        r#"nickName eq "a""#,
        r#"active gt true"#,
        r#"meta.lastModified gt "yesterday""#,
        r#"userName eq "unterminated"#,
    ] {
        let (status, body) = idp.get(&format!("/Users?filter={}", urlencode(bad))).await;
        assert_eq!(scim_error(status, &body, 400), "invalidFilter", "{bad}");
    }
    let (status, body) = idp.get("/Users?count=many").await;
    assert_eq!(scim_error(status, &body, 400), "invalidValue");
    let (status, body) = idp
        .get(&format!(
            "/Groups?filter={}",
            urlencode(r#"userName eq "a""#)
        ))
        .await;
    assert_eq!(scim_error(status, &body, 400), "invalidFilter");
    server.stop().await;
}

async fn pagination_and_attribute_selection_follow_the_rfc(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    for n in 1..=4 {
        idp.create_user(
            &format!("p{n}@acme.test"),
            &format!("P {n}"),
            &format!("X{n}"),
        )
        .await;
    }
    let (status, page) = idp.get("/Users?startIndex=2&count=2").await;
    assert_eq!(status, 200);
    assert_eq!(
        page["schemas"],
        json!(["urn:ietf:params:scim:api:messages:2.0:ListResponse"])
    );
    assert_eq!(page["totalResults"], 5);
    assert_eq!(page["startIndex"], 2);
    assert_eq!(page["itemsPerPage"], 2);
    let names: Vec<&str> = page["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["userName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["p1@acme.test", "p2@acme.test"]);
    let (_, past) = idp.get("/Users?startIndex=10").await;
    assert_eq!(past["totalResults"], 5);
    assert_eq!(past["itemsPerPage"], 0);
    let (_, none) = idp.get("/Users?count=0").await;
    assert_eq!(none["itemsPerPage"], 0);
    assert_eq!(none["totalResults"], 5);
    let (_, slim) = idp
        .get("/Users?attributes=userName,meta.resourceType&count=1&startIndex=2")
        .await;
    let only = &slim["Resources"][0];
    let mut keys: Vec<&str> = only
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, ["id", "meta", "schemas", "userName"], "{only}");
    assert_eq!(only["meta"], json!({ "resourceType": "User" }));
    let (_, lean) = idp
        .get(&format!(
            "/Users?excludedAttributes=emails,meta,{ENTERPRISE}:department&count=1&startIndex=2"
        ))
        .await;
    let lean = &lean["Resources"][0];
    assert!(
        lean.get("emails").is_none() && lean.get("meta").is_none(),
        "{lean}"
    );
    assert!(lean[ENTERPRISE].get("department").is_none(), "{lean}");
    assert_eq!(lean[ENTERPRISE]["employeeNumber"], "X1");
    assert!(lean.get("id").is_some(), "id is always returned");
    let id = only["id"].as_str().unwrap();
    let (_, one) = idp.get(&format!("/Users/{id}?attributes=title")).await;
    assert_eq!(one["title"], "Engineer");
    assert!(one.get("userName").is_none(), "{one}");
    server.stop().await;
}

async fn patch_adds_replaces_and_removes_with_and_without_paths(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let ana = idp.create_user("ana@acme.test", "Ana Lima", "A-1").await;
    let bo = idp.create_user("bo@acme.test", "Bo Berg", "B-2").await;
    let path = format!("/Users/{}", ana["id"].as_str().unwrap());
    let (status, patched) = idp
        .patch(
            &path,
            json!([
                { "op": "replace", "path": "title", "value": "Staff Engineer" },
                { "op": "add", "path": format!("{ENTERPRISE}:manager"), "value": { "value": bo["id"] } },
                { "op": "Replace", "value": { "displayName": "Ana L.", ENTERPRISE: { "department": "Ops" } } },
                { "op": "replace", "path": r#"emails[type eq "work"].value"#, "value": "ana.l@acme.test" },
                { "op": "remove", "path": "externalId" },
            ]),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["title"], "Staff Engineer");
    assert_eq!(patched["displayName"], "Ana L.");
    assert_eq!(
        patched["userName"], "ana@acme.test",
        "the address is not the userName"
    );
    assert_eq!(patched["emails"][0]["value"], "ana.l@acme.test");
    assert_eq!(patched[ENTERPRISE]["manager"]["value"], bo["id"]);
    assert_eq!(patched[ENTERPRISE]["department"], "Ops");
    assert_eq!(patched[ENTERPRISE]["employeeNumber"], "A-1");
    assert!(patched.get("externalId").is_none());
    let (status, patched) = idp
        .patch(
            &path,
            json!([
                { "op": "add", "value": { "externalId": "A-9", "name": { "formatted": "Ana Lima" } } },
                { "op": "remove", "path": format!("{ENTERPRISE}:manager") },
            ]),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["externalId"], "A-9");
    assert_eq!(patched["displayName"], "Ana Lima");
    assert!(patched[ENTERPRISE].get("manager").is_none());

    let before = idp.get(&path).await.1;
    for (operations, expected) in [
        (
            json!([{ "op": "replace", "path": "id", "value": "1" }]),
            "mutability",
        ),
        (
            json!([{ "op": "replace", "path": "meta.created", "value": "x" }]),
            "mutability",
        ),
        (
            json!([{ "op": "replace", "path": "nickName", "value": "x" }]),
            "invalidPath",
        ),
        (
            json!([{ "op": "replace", "path": "title[", "value": "x" }]),
            "invalidPath",
        ),
        (
            json!([{ "op": "replace", "value": { "shoeSize": 4 } }]),
            "invalidPath",
        ),
        (json!([{ "op": "remove" }]), "noTarget"),
        (
            json!([{ "op": "replace", "path": r#"emails[type eq "home"].value"#, "value": "x@acme.test" }]),
            "noTarget",
        ),
        (json!([{ "op": "move", "path": "title" }]), "invalidSyntax"),
        (json!([]), "invalidSyntax"),
        (
            json!([{ "op": "replace", "path": "active", "value": "maybe" }]),
            "invalidValue",
        ),
        (
            json!([{ "op": "replace", "path": "userName", "value": "bo@acme.test" }]),
            "uniqueness",
        ),
    ] {
        let (status, body) = idp.patch(&path, operations.clone()).await;
        let expected_status = if expected == "uniqueness" { 409 } else { 400 };
        assert_eq!(
            scim_error(status, &body, expected_status),
            expected,
            "{operations}"
        );
    }
    assert_eq!(idp.get(&path).await.1, before, "refusals change nothing");
    server.stop().await;
}

async fn patch_active_false_closes_live_connections_and_is_audited_as_scim(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let ana = idp.create_user("ana@acme.test", "Ana Lima", "A-1").await;
    let id: i64 = ana["id"].as_str().unwrap().parse().unwrap();
    let app = app_of(&server).await;
    let token = tokens::create(
        &app,
        &Actor::Operator,
        hearth_app::domain::UserId(id),
        "phone",
        Default::default(),
    )
    .await
    .unwrap();
    let (mut stream, _) = open_stream(&server.base, &token.secret, None)
        .await
        .unwrap();
    let (status, patched) = idp
        .patch(
            &format!("/Users/{id}"),
            json!([{ "op": "replace", "value": { "active": false } }]),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["active"], false);
    assert_eq!(close_code(&mut stream).await, 4001);
    assert!(tokens::authenticate(&app, &token.secret).await.is_err());
    let entries = audit::list(
        &app,
        &Actor::Operator,
        &AuditFilter {
            action: Some("user.deactivated".to_owned()),
            ..AuditFilter::default()
        },
        None,
        10,
    )
    .await
    .unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].actor_kind, AuditActorKind::Scim);
    assert_eq!(entries[0].actor_name, "SCIM: Okta");
    assert_eq!(entries[0].target_id, Some(id));
    // active:true by PUT reactivates, through the same lifecycle.
    let (status, back, _) = idp
        .send(
            reqwest::Method::PUT,
            &format!("/Users/{id}"),
            Some(json!({ "userName": "ana@acme.test", "displayName": "Ana Lima", "active": true })),
            None,
        )
        .await;
    assert_eq!(status, 200, "{back}");
    assert_eq!(back["active"], true);
    let reactivated = audit::list(
        &app,
        &Actor::Operator,
        &AuditFilter {
            action: Some("user.reactivated".to_owned()),
            ..AuditFilter::default()
        },
        None,
        10,
    )
    .await
    .unwrap();
    assert_eq!(reactivated.len(), 1);
    assert_eq!(reactivated[0].actor_kind, AuditActorKind::Scim);
    let created = audit::list(
        &app,
        &Actor::Operator,
        &AuditFilter {
            action: Some("user.created".to_owned()),
            target_id: Some(id),
            ..AuditFilter::default()
        },
        None,
        10,
    )
    .await
    .unwrap();
    assert_eq!(created[0].actor_kind, AuditActorKind::Scim);
    app.store().close().await;
    server.stop().await;
}

async fn delete_deactivates_the_account_and_every_later_request_answers_404(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let ana = idp.create_user("ana@acme.test", "Ana Lima", "A-1").await;
    let path = format!("/Users/{}", ana["id"].as_str().unwrap());
    let client = browser();
    let response = client
        .post(server.url("/api/hearth/v1/session"))
        .json(&json!({ "email": "ana@acme.test", "password": "irrelevant-password" }))
        .send()
        .await
        .unwrap();
    assert_ne!(
        response.status(),
        200,
        "a provisioned account has no password"
    );
    let (status, body, _) = idp.send(reqwest::Method::DELETE, &path, None, None).await;
    assert_eq!(status, 204, "{body}");
    // Every SCIM operation on that id is "not found" from now on.
    let (status, after) = idp.get(&path).await;
    scim_error(status, &after, 404);
    let user = json!({ "userName": "ana@acme.test", "active": true });
    for method in [reqwest::Method::PUT, reqwest::Method::DELETE] {
        let body = (method == reqwest::Method::PUT).then(|| user.clone());
        let (status, after, _) = idp.send(method, &path, body, None).await;
        scim_error(status, &after, 404);
    }
    let (status, after) = idp
        .patch(
            &path,
            json!([{ "op": "replace", "path": "active", "value": true }]),
        )
        .await;
    scim_error(status, &after, 404);
    let (_, listed) = idp
        .get("/Users?filter=userName%20eq%20%22ana%40acme.test%22")
        .await;
    assert_eq!(listed["totalResults"], 0, "{listed}");
    // Hearth keeps the account, deactivated, for its content: the person cannot sign in.
    let app = app_of(&server).await;
    let kept = hearth_app::accounts::find_by_email(&app, &Actor::Operator, "ana@acme.test")
        .await
        .unwrap();
    assert_eq!(kept.status, hearth_app::domain::UserStatus::Deactivated);
    app.store().close().await;
    let (status, body, _) = idp
        .send(reqwest::Method::DELETE, "/Users/999", None, None)
        .await;
    scim_error(status, &body, 404);
    server.stop().await;
}

async fn stale_versions_are_refused_with_412(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let ana = idp.create_user("ana@acme.test", "Ana Lima", "A-1").await;
    let path = format!("/Users/{}", ana["id"].as_str().unwrap());
    let version = ana["meta"]["version"].as_str().unwrap();
    let body = json!({ "userName": "ana@acme.test", "displayName": "Ana Lima", "title": "Lead" });
    let (status, refused, _) = idp
        .send(
            reqwest::Method::PUT,
            &path,
            Some(body.clone()),
            Some("W/\"1\""),
        )
        .await;
    scim_error(status, &refused, 412);
    let operations = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{ "op": "replace", "path": "title", "value": "Boss" }],
    });
    let (status, refused, _) = idp
        .send(
            reqwest::Method::PATCH,
            &path,
            Some(operations),
            Some("W/\"1\""),
        )
        .await;
    scim_error(status, &refused, 412);
    let (status, refused, _) = idp
        .send(reqwest::Method::DELETE, &path, None, Some("W/\"1\""))
        .await;
    scim_error(status, &refused, 412);
    assert_eq!(
        idp.get(&path).await.1["title"],
        "Engineer",
        "nothing changed"
    );
    let (status, replaced, _) = idp
        .send(reqwest::Method::PUT, &path, Some(body), Some(version))
        .await;
    assert_eq!(status, 200, "{replaced}");
    assert_eq!(replaced["title"], "Lead");
    server.stop().await;
}

async fn groups_are_communities_and_their_members(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let ana = idp.create_user("ana@acme.test", "Ana Lima", "A-1").await;
    let bo = idp.create_user("bo@acme.test", "Bo Berg", "B-2").await;
    let (ana_id, bo_id) = (ana["id"].as_str().unwrap(), bo["id"].as_str().unwrap());
    let (status, group) = idp
        .post(
            "/Groups",
            json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                "displayName": "Platform Team",
                "externalId": "g-1",
                "members": [{ "value": ana_id }],
            }),
        )
        .await;
    assert_eq!(status, 201, "{group}");
    assert_eq!(group["displayName"], "Platform Team");
    assert_eq!(group["members"][0]["value"], ana_id);
    assert_eq!(group["meta"]["resourceType"], "Group");
    let path = format!("/Groups/{}", group["id"].as_str().unwrap());
    let (status, dup) = idp
        .post("/Groups", json!({ "displayName": "platform team" }))
        .await;
    assert_eq!(scim_error(status, &dup, 409), "uniqueness");

    let (status, patched) = idp
        .patch(
            &path,
            json!([{ "op": "add", "path": "members", "value": [{ "value": bo_id }] }]),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["members"].as_array().unwrap().len(), 2);
    let (status, patched) = idp
        .patch(
            &path,
            json!([
                { "op": "remove", "path": format!(r#"members[value eq "{ana_id}"]"#) },
                { "op": "replace", "path": "displayName", "value": "Platform" },
            ]),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["displayName"], "Platform");
    assert_eq!(
        patched["members"],
        json!([{ "value": bo_id, "$ref": format!("{}/Users/{bo_id}", idp.base) }])
    );
    let (status, refused) = idp
        .patch(
            &path,
            json!([{ "op": "add", "path": "members", "value": [{ "value": "424242" }] }]),
        )
        .await;
    assert_eq!(scim_error(status, &refused, 400), "invalidValue");

    let (status, listed) = idp
        .get(&format!(
            "/Groups?filter={}",
            urlencode(r#"displayName eq "platform""#)
        ))
        .await;
    assert_eq!(status, 200);
    assert_eq!(listed["totalResults"], 1);
    let (_, by_member) = idp
        .get(&format!(
            "/Groups?filter={}",
            urlencode(&format!(r#"members[value eq "{bo_id}"]"#))
        ))
        .await;
    assert_eq!(by_member["totalResults"], 1);

    // The community is real: Bo sees it among his communities.
    let client = browser();
    let (status, _, _) = idp
        .send(
            reqwest::Method::PUT,
            &path,
            Some(json!({ "displayName": "Platform", "members": [{ "value": ana_id }] })),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let (_, replaced) = idp.get(&path).await;
    assert_eq!(replaced["members"].as_array().unwrap().len(), 1);
    assert_eq!(replaced["members"][0]["value"], ana_id);
    drop(client);

    let (status, _, _) = idp.send(reqwest::Method::DELETE, &path, None, None).await;
    assert_eq!(status, 204);
    let (status, gone) = idp.get(&path).await;
    scim_error(status, &gone, 404);
    server.stop().await;
}

async fn wrong_missing_and_revoked_tokens_get_401(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let http = reqwest::Client::new();
    for auth in [
        None,
        Some("Bearer hscim_wrong"),
        Some("Basic abc"),
        Some("Bearer hth_x"),
    ] {
        let mut request = http.get(server.url("/scim/v2/Users"));
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap();
        scim_error(status, &body, 401);
    }
    let (status, _) = idp.get("/Users").await;
    assert_eq!(status, 200);
    let app = app_of(&server).await;
    let listed = scim::tokens::list(&app, &Actor::Operator).await.unwrap();
    scim::tokens::revoke(&app, hearth_app::audit::Acting::operator(), listed[0].id)
        .await
        .unwrap();
    app.store().close().await;
    let (status, body) = idp.get("/Users").await;
    scim_error(status, &body, 401);
    let (status, body) = idp
        .post("/Users", json!({ "userName": "x@acme.test" }))
        .await;
    scim_error(status, &body, 401);
    server.stop().await;
}

async fn discovery_endpoints_describe_the_service(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let (status, config) = idp.get("/ServiceProviderConfig").await;
    assert_eq!(status, 200);
    assert_eq!(config["patch"]["supported"], true);
    assert_eq!(config["filter"]["supported"], true);
    assert_eq!(config["etag"]["supported"], true);
    assert_eq!(config["bulk"]["supported"], false);
    let (status, types) = idp.get("/ResourceTypes").await;
    assert_eq!(status, 200);
    assert_eq!(types["totalResults"], 2);
    let (_, user) = idp.get("/ResourceTypes/User").await;
    assert_eq!(user["schemaExtensions"][0]["schema"], ENTERPRISE);
    let (status, schemas) = idp.get("/Schemas").await;
    assert_eq!(status, 200);
    assert_eq!(schemas["totalResults"], 3);
    let (status, _) = idp.get(&format!("/Schemas/{ENTERPRISE}")).await;
    assert_eq!(status, 200);
    let (status, body) = idp.get("/Schemas/urn:nothing").await;
    scim_error(status, &body, 404);
    server.stop().await;
}

async fn the_console_tab_manages_tokens_for_admins_only(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let admin = browser();
    api_sign_in(&server, &admin, "admin@acme.test").await;
    let (status, html) = page(&server, &admin, "/admin/scim").await;
    assert_eq!(status, 200);
    assert!(html.contains("/scim/v2"), "{html}");
    assert!(html.contains("No SCIM token has been created yet."));
    let csrf = form_value(&html, "csrf");
    let (status, _, html) = submit(
        &server,
        &admin,
        "/admin/scim",
        &[("csrf", &csrf), ("name", "Okta")],
    )
    .await;
    assert_eq!(status, 200);
    let start = html.find("hscim_").expect("the new secret is shown");
    let secret: String = html[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    let response = reqwest::Client::new()
        .get(server.url("/scim/v2/Users"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let (status, _, html) = submit(
        &server,
        &admin,
        "/admin/scim",
        &[("csrf", &csrf), ("name", " ")],
    )
    .await;
    assert_eq!(status, 422, "{html}");
    let (_, html) = page(&server, &admin, "/admin/scim").await;
    assert!(!html.contains(&secret), "the secret is shown once");
    assert!(html.contains("Okta"));
    assert!(
        html.contains("GET")
            || html.contains("The identity provider has not changed anything yet.")
    );
    let app = app_of(&server).await;
    let id = scim::tokens::list(&app, &Actor::Operator).await.unwrap()[0].id;
    app.store().close().await;
    let (status, location, _) = submit(
        &server,
        &admin,
        &format!("/admin/scim/tokens/{id}/revoke"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!((status, location.as_str()), (303, "/admin/scim?revoked=1"));
    let response = reqwest::Client::new()
        .get(server.url("/scim/v2/Users"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let (status, html) = page(&server, &admin, "/admin/scim").await;
    assert_eq!(status, 200);
    assert!(html.contains("revoked"));

    let member = browser();
    api_sign_in(&server, &member, "ana@acme.test").await;
    let (status, _) = page(&server, &member, "/admin/scim").await;
    assert_eq!(status, 403);
    let (status, _, _) = submit(
        &server,
        &member,
        "/admin/scim",
        &[("csrf", &csrf), ("name", "x")],
    )
    .await;
    assert!(status == 403 || status == 400, "{status}");
    server.stop().await;
}

async fn the_documentation_uri_is_absolute(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let (status, config) = idp.get("/ServiceProviderConfig").await;
    assert_eq!(status, 200);
    let uri = config["documentationUri"].as_str().unwrap();
    assert_eq!(uri, server.url("/admin/scim"));
    assert!(
        uri.starts_with("http://") || uri.starts_with("https://"),
        "{uri}"
    );
    server.stop().await;
}

async fn a_user_name_is_any_unique_string_and_the_address_comes_from_emails(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let (status, jdoe) = idp
        .post(
            "/Users",
            json!({
                "userName": "jdoe",
                "emails": [
                    { "value": "jane.home@example.test", "type": "home" },
                    { "value": "jane@acme.test", "type": "work", "primary": true },
                ],
            }),
        )
        .await;
    assert_eq!(status, 201, "{jdoe}");
    assert_eq!(jdoe["userName"], "jdoe");
    assert_eq!(
        jdoe["emails"],
        json!([{ "value": "jane@acme.test", "type": "work" }])
    );
    let (status, numbered) = idp
        .post(
            "/Users",
            json!({
                "userName": "E-1042",
                "emails": [{ "value": "first@acme.test" }, { "value": "second@acme.test" }],
            }),
        )
        .await;
    assert_eq!(status, 201, "{numbered}");
    assert_eq!(numbered["emails"][0]["value"], "first@acme.test");
    let (status, bare) = idp.post("/Users", json!({ "userName": "0042" })).await;
    assert_eq!(status, 201, "only userName is required: {bare}");
    assert!(bare.get("emails").is_none(), "{bare}");
    assert_eq!(bare["displayName"], "0042");
    // A userName that is an address is the address when emails gives none.
    let (status, upn) = idp
        .post("/Users", json!({ "userName": "Kim@Corp.example" }))
        .await;
    assert_eq!(status, 201, "{upn}");
    assert_eq!(upn["userName"], "Kim@Corp.example");
    assert_eq!(upn["emails"][0]["value"], "kim@corp.example");

    for taken in ["JDOE", "e-1042", "admin@acme.test"] {
        let (status, refused) = idp
            .post(
                "/Users",
                json!({ "userName": taken, "emails": [{ "value": "x@acme.test" }] }),
            )
            .await;
        assert_eq!(scim_error(status, &refused, 409), "uniqueness", "{taken}");
    }
    let (status, refused) = idp
        .post(
            "/Users",
            json!({ "userName": "  ", "emails": [{ "value": "y@acme.test" }] }),
        )
        .await;
    assert_eq!(scim_error(status, &refused, 400), "invalidValue");
    let (_, all) = idp.get("/Users").await;
    assert_eq!(
        all["totalResults"], 5,
        "the admin and four, nothing refused: {all}"
    );
    assert_eq!(idp.names(r#"userName eq "JDoe""#).await, ["jdoe"]);
    assert_eq!(
        idp.names(r#"emails.value eq "jane@acme.test""#).await,
        ["jdoe"]
    );
    server.stop().await;
}

async fn group_display_name_follows_the_published_schema(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let (_, schema) = idp
        .get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group")
        .await;
    let display_name = schema["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "displayName")
        .unwrap();
    assert_eq!(display_name["required"], true, "{display_name}");
    assert_eq!(display_name["uniqueness"], "server", "{display_name}");
    assert_eq!(display_name["type"], "string");
    let (status, refused) = idp.post("/Groups", json!({ "members": [] })).await;
    assert_eq!(scim_error(status, &refused, 400), "invalidValue");
    let (status, refused) = idp.post("/Groups", json!({ "displayName": 7 })).await;
    assert_eq!(scim_error(status, &refused, 400), "invalidValue");
    // Any name a community may have is a displayName, and the same one again is taken.
    let (status, created) = idp
        .post(
            "/Groups",
            json!({ "displayName": "3f1c0a2e-5b7d-4e39-9a61-2f7c1b0d8e44" }),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let (status, refused) = idp
        .post(
            "/Groups",
            json!({ "displayName": "3F1C0A2E-5B7D-4E39-9A61-2F7C1B0D8E44" }),
        )
        .await;
    assert_eq!(scim_error(status, &refused, 409), "uniqueness");
    server.stop().await;
}

async fn group_members_that_are_not_users_here_are_invalid_values(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let ana = idp.create_user("ana@acme.test", "Ana Lima", "A-1").await;
    let gone = idp.create_user("gone@acme.test", "Gone", "G-1").await;
    let gone_id = gone["id"].as_str().unwrap();
    let (status, _, _) = idp
        .send(
            reqwest::Method::DELETE,
            &format!("/Users/{gone_id}"),
            None,
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (status, group) = idp.post("/Groups", json!({ "displayName": "Team" })).await;
    assert_eq!(status, 201, "{group}");
    let group_id = group["id"].as_str().unwrap();
    for member in ["424242", "not-an-id", gone_id, group_id] {
        let (status, refused) = idp
            .post(
                "/Groups",
                json!({ "displayName": "Other", "members": [{ "value": ana["id"] }, { "value": member }] }),
            )
            .await;
        assert_eq!(
            scim_error(status, &refused, 400),
            "invalidValue",
            "{member}"
        );
        let (status, refused) = idp
            .patch(
                &format!("/Groups/{group_id}"),
                json!([{ "op": "add", "path": "members", "value": [{ "value": member }] }]),
            )
            .await;
        assert_eq!(
            scim_error(status, &refused, 400),
            "invalidValue",
            "{member}"
        );
    }
    let (_, groups) = idp.get("/Groups").await;
    assert_eq!(groups["totalResults"], 1, "nothing was created: {groups}");
    assert_eq!(groups["Resources"][0]["members"], json!([]), "nor added");
    server.stop().await;
}

async fn unknown_paths_under_the_service_provider_answer_scim_errors(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    for path in ["/Nope", "", "/", "/Users/1/extra", "/Bulk", "/Me", "/users"] {
        let (status, body) = idp.get(path).await;
        scim_error(status, &body, 404);
        let (status, body) = idp.post(path, json!({})).await;
        scim_error(status, &body, 404);
    }
    // Without a token too: the answer is a SCIM error, not the site's page.
    let response = reqwest::get(server.url("/scim/v2/Nope")).await.unwrap();
    assert_eq!(response.status(), 404);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/scim+json")
    );
    let body: Value = response.json().await.unwrap();
    scim_error(404, &body, 404);
    let (status, body, _) = idp
        .send(reqwest::Method::DELETE, "/Users", None, None)
        .await;
    scim_error(status, &body, 405);
    let (status, body) = idp
        .post(
            "/.search",
            json!({ "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"] }),
        )
        .await;
    scim_error(status, &body, 501);
    server.stop().await;
}

async fn an_account_an_admin_deactivated_is_not_reactivated_by_the_identity_provider(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    let ana = idp.create_user("ana@acme.test", "Ana Lima", "A-1").await;
    let path = format!("/Users/{}", ana["id"].as_str().unwrap());
    let app = app_of(&server).await;
    let admin = hearth_app::accounts::find_by_email(&app, &Actor::Operator, "admin@acme.test")
        .await
        .unwrap();
    let admin = Actor::User(admin);
    let ana_id = hearth_app::domain::UserId(ana["id"].as_str().unwrap().parse().unwrap());
    hearth_app::lifecycle::deactivate(
        &app,
        hearth_app::audit::Acting::new(&admin, "192.0.2.9"),
        ana_id,
        "for cause",
    )
    .await
    .unwrap();
    app.store().close().await;

    let (status, refused) = idp
        .patch(
            &path,
            json!([
                { "op": "replace", "path": "title", "value": "Back" },
                { "op": "replace", "path": "active", "value": true },
            ]),
        )
        .await;
    assert_eq!(scim_error(status, &refused, 400), "mutability");
    let (status, refused, _) = idp
        .send(
            reqwest::Method::PUT,
            &path,
            Some(json!({ "userName": "ana@acme.test", "active": true })),
            None,
        )
        .await;
    assert_eq!(scim_error(status, &refused, 400), "mutability");
    let (_, after) = idp.get(&path).await;
    assert_eq!(after["active"], false);
    assert_eq!(
        after["title"], "Engineer",
        "the refused request changed nothing"
    );
    // What the provider deactivated itself, it may reactivate.
    let bo = idp.create_user("bo@acme.test", "Bo Berg", "B-1").await;
    let bo_path = format!("/Users/{}", bo["id"].as_str().unwrap());
    for active in [false, true] {
        let (status, done) = idp
            .patch(
                &bo_path,
                json!([{ "op": "replace", "path": "active", "value": active }]),
            )
            .await;
        assert_eq!(status, 200, "{done}");
        assert_eq!(done["active"], active);
    }
    server.stop().await;
}

async fn searches_may_be_sent_as_a_body(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    idp.create_user("ana@acme.test", "Ana Lima", "A-1").await;
    idp.create_user("bo@acme.test", "Bo Berg", "B-1").await;
    let (status, found) = idp
        .post(
            "/Users/.search",
            json!({
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                "filter": "userName sw \"a\"",
                "attributes": ["userName"],
                "count": 10,
            }),
        )
        .await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["totalResults"], 2, "admin and Ana: {found}");
    assert!(
        found["Resources"][0].get("displayName").is_none(),
        "{found}"
    );
    let (status, refused) = idp
        .post("/Users/.search", json!({ "filter": "userName zz \"a\"" }))
        .await;
    assert_eq!(scim_error(status, &refused, 400), "invalidFilter");
    let (status, groups) = idp.post("/Groups/.search", json!({})).await;
    assert_eq!(status, 200, "{groups}");
    assert_eq!(groups["totalResults"], 0);
    server.stop().await;
}

/// A tiny web server answering `/face.jpg` with a JPEG and anything else with text;
/// it counts the requests for each path.
async fn picture_server() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&requests);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let seen = Arc::clone(&seen);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let path = head.split(' ').nth(1).unwrap_or("").to_owned();
                seen.lock().unwrap().push(path.clone());
                let (kind, body) = match path.as_str() {
                    "/face.jpg" => ("image/jpeg", demo_jpeg(5, 200, 150)),
                    _ => ("text/plain", b"not a picture".to_vec()),
                };
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: {kind}\r\ncontent-length: {}\r\n\
                     connection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (base, requests)
}

fn photo_of(body: &Value) -> Option<String> {
    body["photos"][0]["value"].as_str().map(str::to_owned)
}

async fn photos_are_taken_from_data_uris_and_urls_answered_and_taken_down(db: TestDb) {
    use base64::Engine as _;
    let server = Server::start_configured(db, |config| {
        config.uploads.scim_photo_fetch_loopback = true;
    })
    .await;
    let idp = idp(&server).await;
    let (pictures, requests) = picture_server().await;
    let data = format!(
        "data:image/jpeg;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(demo_jpeg(4, 120, 90))
    );
    let (status, created) = idp
        .post(
            "/Users",
            json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "userName": "ana@acme.test",
                "photos": [
                    { "value": "https://unreachable.invalid/thumb.jpg", "type": "thumbnail" },
                    { "value": data, "type": "photo", "primary": true },
                ],
            }),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let first = photo_of(&created).expect("the photo is answered");
    assert!(
        first.starts_with("http") && first.ends_with("/avatar") && first.contains("/files/"),
        "{first}"
    );
    assert_eq!(created["photos"][0]["type"], "photo");
    assert_eq!(created["photos"][0]["primary"], true);
    let (_, read) = idp.get(&format!("/Users/{id}")).await;
    assert_eq!(photo_of(&read).as_deref(), Some(first.as_str()));

    // A provider that sends back what it read changes nothing.
    let mut replaced = read.clone();
    replaced["title"] = json!("Baker");
    let (status, body, _) = idp
        .send(
            reqwest::Method::PUT,
            &format!("/Users/{id}"),
            Some(replaced),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(photo_of(&body).as_deref(), Some(first.as_str()));

    // A URL is fetched, once however often it is sent.
    let url = format!("{pictures}/face.jpg");
    let mut second = None;
    for _ in 0..2 {
        let mut replaced = read.clone();
        replaced["photos"] = json!([{ "value": url, "type": "photo" }]);
        let (status, body, _) = idp
            .send(
                reqwest::Method::PUT,
                &format!("/Users/{id}"),
                Some(replaced),
                None,
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let photo = photo_of(&body).unwrap();
        assert_ne!(photo, first);
        assert!(second.is_none_or(|s: String| s == photo));
        second = Some(photo);
    }
    let fetched = |path: &str| {
        requests
            .lock()
            .unwrap()
            .iter()
            .filter(|p| *p == path)
            .count()
    };
    assert_eq!(fetched("/face.jpg"), 1);

    // Not a picture, or nobody answering: the change is made, the photo stays.
    let (status, body) = idp
        .patch(
            &format!("/Users/{id}"),
            json!([
                { "op": "replace", "path": "title", "value": "Chef" },
                { "op": "replace", "path": "photos", "value": [{ "value": format!("{pictures}/notes.txt") }] },
            ]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["title"], "Chef");
    assert_eq!(photo_of(&body), second);
    assert_eq!(fetched("/notes.txt"), 1);

    // PATCH remove takes it down; an empty list does too.
    let (status, body) = idp
        .patch(
            &format!("/Users/{id}"),
            json!([{ "op": "remove", "path": "photos" }]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("photos").is_none(), "{body}");
    let (status, body) = idp
        .patch(
            &format!("/Users/{id}"),
            json!([{ "op": "add", "path": "photos", "value": [{ "value": data, "type": "photo" }] }]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(photo_of(&body).is_some(), "{body}");
    let mut emptied = body.clone();
    emptied["photos"] = json!([]);
    let (status, body, _) = idp
        .send(
            reqwest::Method::PUT,
            &format!("/Users/{id}"),
            Some(emptied),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("photos").is_none(), "{body}");

    // Discovery describes the attribute.
    let (_, schemas) = idp.get("/Schemas").await;
    let user = schemas["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "User")
        .unwrap();
    let photos = user["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "photos")
        .unwrap();
    assert_eq!(photos["multiValued"], true);
    let subs: Vec<&str> = photos["subAttributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(subs, ["value", "type", "primary"]);
    server.stop().await;
}

async fn malformed_photos_are_invalid_values(db: TestDb) {
    let server = Server::start(db).await;
    let idp = idp(&server).await;
    for photos in [
        json!("https://x.example/a.jpg"),
        json!(["x"]),
        json!([{ "value": 5 }]),
    ] {
        let (status, body) = idp
            .post(
                "/Users",
                json!({
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                    "userName": "ana@acme.test",
                    "photos": photos,
                }),
            )
            .await;
        assert_eq!(scim_error(status, &body, 400), "invalidValue", "{photos}");
    }
    // Nothing was created.
    assert_eq!(
        idp.names("userName eq \"ana@acme.test\"").await,
        Vec::<String>::new()
    );
    server.stop().await;
}
