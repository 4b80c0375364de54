//! Search over HTTP: the API's answer and its refusals, and the results page with
//! its tabs, highlighted snippets and filters.

use crate::support::{Server, error_of};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    the_search_api_finds_highlights_and_pages,
    the_search_page_shows_tabs_snippets_and_filters,
);

async fn the_search_api_finds_highlights_and_pages(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;
    for body in [
        "The <b>VPN</b> is down again",
        "VPN restored after the update",
        "Lunch is at noon",
    ] {
        let created = ana.post_json("/posts", &json!({ "body": body })).await;
        assert_eq!(created.status(), 201);
    }
    let found: Value = ben
        .json("/search?q=vpn&type=posts&limit=1&sort=newest")
        .await;
    let hits = found["posts"].as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0]["post"]["body_markdown"],
        "VPN restored after the update"
    );
    assert_eq!(
        hits[0]["snippet_html"],
        "<mark>VPN</mark> restored after the update"
    );
    let cursor = found["next_cursor"].as_str().unwrap();
    let next: Value = ben
        .json(&format!(
            "/search?q=vpn&type=posts&limit=1&sort=newest&cursor={cursor}"
        ))
        .await;
    let snippet = next["posts"][0]["snippet_html"].as_str().unwrap();
    // What people typed never becomes markup: SQLite's snippet escapes it,
    // PostgreSQL's headline leaves tags out. Only the highlight is markup.
    assert!(snippet.contains("<mark>VPN</mark>"), "{snippet}");
    assert!(
        !snippet.contains("<b>") && !snippet.contains("</b>"),
        "{snippet}"
    );
    assert!(next["next_cursor"].is_null());

    let all: Value = ben.json("/search?q=ana").await;
    assert_eq!(all["people"][0]["handle"], "ana");
    assert!(all["next_cursor"].is_null());

    for (path, status, field) in [
        ("/search?q=", 422, "q"),
        ("/search?q=-vpn", 422, "q"),
        ("/search?q=vpn&type=files", 422, "type"),
        ("/search?q=vpn&kind=poll", 422, "kind"),
        ("/search?q=vpn&sort=oldest", 422, "sort"),
        ("/search?q=vpn&from=yesterday", 422, "from"),
        ("/search?q=vpn&author=ana", 422, "author"),
        ("/search?q=vpn&type=posts&cursor=zz", 422, "cursor"),
        ("/search?q=vpn&limit=51", 422, "limit"),
    ] {
        let response = ben.get(path).await;
        let (got, _, _, _) = error_of(response).await;
        assert_eq!(got, status, "{path}");
        let body: Value = ben.get(path).await.json().await.unwrap();
        assert_eq!(body["error"]["field"], field, "{path}");
    }
    assert_eq!(error_of(ben.get("/search").await).await.0, 400);
    let anonymous = reqwest::get(server.url("/api/hearth/v1/search?q=vpn"))
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    server.stop().await;
}

async fn the_search_page_shows_tabs_snippets_and_filters(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let created = ana
        .post_json(
            "/posts",
            &json!({ "body": "Printer <i>jammed</i> on floor two" }),
        )
        .await;
    assert_eq!(created.status(), 201);

    let (status, html) = ana.page("/search?q=printer").await;
    assert_eq!(status, 200);
    assert!(html.contains("<mark>Printer</mark>"), "{html}");
    assert!(
        !html.contains("<i>jammed"),
        "typed markup never becomes markup"
    );
    for tab in [
        "type=posts",
        "type=people",
        "type=communities",
        "type=topics",
        "type=messages",
    ] {
        assert!(html.contains(tab), "a tab links to {tab}");
    }
    assert!(
        html.contains("aria-current=\"page\""),
        "the current tab is marked"
    );

    let (status, html) = ana.page("/search?q=printer&type=people").await;
    assert_eq!(status, 200);
    assert!(!html.contains("<mark>Printer</mark>"));

    let (status, html) = ana.page("/search?q=-printer").await;
    assert_eq!(status, 200, "a refused search is shown on the page");
    assert!(html.contains("role=\"alert\""), "{html}");

    let (status, html) = ana.page("/search").await;
    assert_eq!(status, 200, "an empty search shows the form");
    assert_eq!(
        html.matches("role=\"search\"").count(),
        1,
        "the page's own form takes the header field's place"
    );

    let (_, home) = ana.page("/").await;
    assert!(
        home.contains("role=\"search\""),
        "every page has the search field"
    );
    server.stop().await;
}
