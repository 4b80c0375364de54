//! Analytics through the JSON API, its CSV downloads and the dashboard pages.

use crate::support::{Server, SignedIn};
use hearth_app::domain::Role;
use hearth_app::{App, AppSettings};
use hearth_store::{Store, StoreOptions};
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};
use std::sync::Arc;

both_backends!(
    the_network_dashboard_answers_admins_as_json_csv_and_a_page_with_charts,
    members_and_bad_periods_are_refused_by_the_api_and_the_pages,
    a_community_dashboard_is_shown_to_its_managers_once_it_has_five_members,
);

/// Counts today as if it were over, as the scheduler will after midnight.
async fn count_today(server: &Server) {
    let store = Store::connect(&server.db.url, &StoreOptions::default())
        .await
        .unwrap();
    let tomorrow = hearth_app::system_clock()() + 24 * 3600 * 1000 + hearth_app::analytics::GRACE;
    let settings = AppSettings {
        node_id: 9,
        ..AppSettings::default()
    };
    let app = App::new(store.clone(), settings, Arc::new(move || tomorrow)).unwrap();
    assert!(hearth_app::analytics::count_due(&app).await.unwrap() >= 1);
    store.close().await;
}

async fn people(server: &Server, emails: &[&str], role: Role) -> Vec<SignedIn> {
    let mut signed_in = Vec::new();
    for email in emails {
        server.user(email, role).await;
        signed_in.push(server.signed_in(email).await);
    }
    signed_in
}

async fn community(owner: &SignedIn, name: &str) -> String {
    let created: Value = owner
        .post_json(
            "/communities",
            &json!({
                "name": name,
                "description": "",
                "visibility": "public",
                "category": "work",
            }),
        )
        .await
        .json()
        .await
        .unwrap();
    created["id"].as_str().unwrap().to_owned()
}

async fn the_network_dashboard_answers_admins_as_json_csv_and_a_page_with_charts(db: TestDb) {
    let server = Server::start(db).await;
    let admin = &people(&server, &["admin@acme.test"], Role::Admin).await[0];
    let members = people(&server, &["ana@acme.test", "ben@acme.test"], Role::Member).await;
    for (n, person) in members.iter().enumerate() {
        let posted = person
            .post_json("/posts", &json!({ "body": format!("Update {n}") }))
            .await;
        assert_eq!(posted.status(), 201);
    }
    count_today(&server).await;

    let response = admin.get("/analytics/network?days=7").await;
    assert_eq!(response.status(), 200);
    let dashboard: Value = response.json().await.unwrap();
    assert_eq!(dashboard["scope"], "network");
    assert_eq!(dashboard["period"]["days"], 7);
    assert_eq!(dashboard["totals"]["posts"], 2);
    assert_eq!(dashboard["days"].as_array().unwrap().len(), 7);
    assert_eq!(dashboard["days"][6]["posts"], 2);
    assert_eq!(dashboard["days"][6]["active_people"], 2);
    assert_eq!(dashboard["people"], 3);
    // Everyone was created and signed in today; the two members wrote.
    assert_eq!(dashboard["totals"]["new_accounts"], 3);
    assert_eq!(dashboard["totals"]["first_sign_ins"], 3);
    assert_eq!(dashboard["totals"]["first_writers"], 2);
    let adoption = dashboard["adoption"].as_array().unwrap();
    assert_eq!(adoption.last().unwrap()["wrote"], 2, "{adoption:?}");
    assert_eq!(dashboard["topics"], json!([]));
    assert_eq!(dashboard["announcements"], json!([]));
    for (figure, header) in [
        ("adoption", "week,accounts,signed_in,wrote"),
        ("topics", "topic,posts,posts_before"),
        (
            "announcements",
            "published,announcement,audience,read_by_day_1",
        ),
    ] {
        let csv = admin
            .get(&format!("/analytics/network/csv?days=7&figure={figure}"))
            .await;
        assert_eq!(csv.status(), 200, "{figure}");
        let text = csv.text().await.unwrap();
        assert!(text.starts_with(header), "{figure}: {text}");
    }

    let csv = admin.get("/analytics/network/csv?days=7&figure=days").await;
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv"),
        "{:?}",
        csv.headers()
    );
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("hearth-network-days-"),
    );
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "day,posts,replies,shares,reactions,messages,active_people"
    );
    assert_eq!(lines.len(), 8, "{text}");
    assert!(lines[7].ends_with(",2,0,0,0,0,2"), "{text}");

    let (status, html) = admin.page("/admin/analytics?days=7").await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains(r#"role="img" aria-labelledby="chart-active-title""#),
        "{html}"
    );
    assert!(html.contains("<svg"), "{html}");
    assert!(
        html.contains(r#"href="/admin/analytics/csv?days=7&amp;figure=days""#),
        "{html}"
    );
    let (status, page_csv) = admin.page("/admin/analytics/csv?days=7&figure=days").await;
    assert_eq!(status, 200);
    assert_eq!(page_csv, text, "the page offers the API's file");
}

async fn members_and_bad_periods_are_refused_by_the_api_and_the_pages(db: TestDb) {
    let server = Server::start(db).await;
    let admin = &people(&server, &["admin@acme.test"], Role::Admin).await[0];
    let member = &people(&server, &["ana@acme.test"], Role::Member).await[0];
    let officer = &people(&server, &["officer@acme.test"], Role::Compliance).await[0];
    for person in [member, officer] {
        assert_eq!(person.get("/analytics/network").await.status(), 403);
        assert_eq!(person.get("/analytics/network/csv").await.status(), 403);
        assert_eq!(person.page("/admin/analytics").await.0, 403);
    }
    for (query, field) in [
        ("days=0", "days"),
        ("days=400", "days"),
        ("from=2026-11-01", "days"),
        ("days=7&from=2026-11-01&to=2026-11-02", "days"),
        ("from=2026-11-30&to=2026-11-01", "to"),
        ("from=yesterday&to=2026-11-01", "from"),
    ] {
        let response = admin.get(&format!("/analytics/network?{query}")).await;
        assert_eq!(response.status(), 422, "{query}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["field"], field, "{query}: {body}");
    }
    let bad_figure = admin.get("/analytics/network/csv?figure=people").await;
    assert_eq!(bad_figure.status(), 422);
    for query in ["from=2026-11-30&to=2026-11-01", "days=abc", "days=0"] {
        let (status, html) = admin.page(&format!("/admin/analytics?{query}")).await;
        assert_eq!(status, 422, "{query}");
        assert!(html.contains(r#"id="period-problem""#), "{query}: {html}");
    }
}

async fn a_community_dashboard_is_shown_to_its_managers_once_it_has_five_members(db: TestDb) {
    let server = Server::start(db).await;
    let admin = &people(&server, &["admin@acme.test"], Role::Admin).await[0];
    let crew = people(
        &server,
        &[
            "owner@acme.test",
            "m1@acme.test",
            "m2@acme.test",
            "m3@acme.test",
            "m4@acme.test",
        ],
        Role::Member,
    )
    .await;
    let id = community(&crew[0], "Night shift").await;
    for person in &crew[1..4] {
        let joined = person
            .send(
                reqwest::Method::PUT,
                &format!("/communities/{id}/membership"),
            )
            .await;
        assert!(joined.status().is_success(), "{}", joined.status());
    }
    let path = format!("/communities/{id}/analytics");
    // Four members: no figures, even for its owner.
    assert_eq!(crew[0].get(&path).await.status(), 409);
    let (status, html) = crew[0].page(&path).await;
    assert_eq!(status, 409);
    assert!(html.contains("at least 5 members"), "{html}");

    crew[4]
        .send(
            reqwest::Method::PUT,
            &format!("/communities/{id}/membership"),
        )
        .await;
    let posted = crew[1]
        .post_json(
            "/posts",
            &json!({ "body": "Handover notes", "community_id": id }),
        )
        .await;
    assert_eq!(posted.status(), 201);
    count_today(&server).await;

    let dashboard: Value = crew[0].json(&format!("{path}?days=7")).await;
    assert_eq!(dashboard["scope"], "community");
    assert_eq!(dashboard["totals"]["posts"], 1);
    assert_eq!(dashboard["people"], 5);
    assert!(dashboard["work_and_social"].is_null());
    assert_eq!(admin.get(&path).await.status(), 200);
    assert_eq!(crew[2].get(&path).await.status(), 403);
    assert_eq!(crew[2].page(&path).await.0, 403);
    let (status, html) = crew[0].page(&path).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Analytics of Night shift"), "{html}");
    let (_, community_page) = crew[0].page(&format!("/communities/{id}")).await;
    assert!(
        community_page.contains(&format!(r#"href="{path}""#)),
        "managers find it"
    );
    let (_, community_page) = crew[2].page(&format!("/communities/{id}")).await;
    assert!(
        !community_page.contains(&format!(r#"href="{path}""#)),
        "members do not"
    );
}
