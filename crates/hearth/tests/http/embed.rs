//! Hearth inside the intranet: who may frame the embeddable pages, what they show,
//! signing in from a frame, and comments on intranet pages.

use crate::support::{Server, browser, error_of, form_value};
use hearth_app::domain::Role;
use hearth_testkit::PASSWORD;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    only_the_listed_sites_may_frame_the_embeddable_pages,
    a_framed_community_feed_reads_and_posts_within_the_frame,
    a_frame_on_another_site_signs_in_through_a_window_of_its_own,
    intranet_pages_get_comments_over_the_api_and_in_the_frame,
);

const INTRANET: &str = "https://intranet.acme.test";
const PAGE: &str = "https://intranet.acme.test/news/q3-results";

/// A query string of these parameters, encoded as a form would send them.
fn query(pairs: &[(&str, &str)]) -> String {
    let url = reqwest::Url::parse_with_params("http://hearth.test/", pairs).unwrap();
    url.query().unwrap_or_default().to_owned()
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

async fn only_the_listed_sites_may_frame_the_embeddable_pages(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let ana = server.signed_in("ana@acme.test").await;
    let anonymous = browser();

    // No site listed: even the embeddable pages refuse every frame.
    let framed = anonymous
        .get(server.url("/embed/announcements"))
        .send()
        .await
        .unwrap();
    assert_eq!(framed.status(), 200);
    let csp = header(&framed, "content-security-policy").unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");

    let (status, code, _, _) = error_of(
        ana.put_json("/embedding", &json!({ "frame_origins": [INTRANET] }))
            .await,
    )
    .await;
    assert_eq!((status, code.as_str()), (403, "forbidden"));
    let bad = admin
        .put_json(
            "/embedding",
            &json!({ "frame_origins": [INTRANET, "https://wiki.acme.test/pages"] }),
        )
        .await;
    let (status, _, message, _) = error_of(bad).await;
    assert_eq!(status, 422);
    assert!(message.contains("without a path"), "{message}");
    let unchanged: Value = admin.json("/embedding").await;
    assert_eq!(unchanged["frame_origins"], json!([]), "nothing was saved");

    let saved = admin
        .put_json(
            "/embedding",
            &json!({ "frame_origins": [INTRANET, "https://Wiki.acme.test:8443/"] }),
        )
        .await;
    assert_eq!(saved.status(), 200);
    let saved: Value = saved.json().await.unwrap();
    assert_eq!(
        saved["frame_origins"],
        json!([INTRANET, "https://wiki.acme.test:8443"])
    );
    assert_eq!(saved["page_comments_community_id"], Value::Null);

    for path in [
        "/embed/announcements",
        "/embed/communities/1",
        "/embed/topics/news",
        "/embed/posts/1",
        "/embed/comments?url=x",
    ] {
        let framed = anonymous.get(server.url(path)).send().await.unwrap();
        let csp = header(&framed, "content-security-policy").unwrap();
        assert!(
            csp.contains(
                "frame-ancestors 'self' https://intranet.acme.test https://wiki.acme.test:8443"
            ),
            "{path}: {csp}"
        );
        assert_eq!(header(&framed, "x-frame-options"), None, "{path}");
        let html = framed.text().await.unwrap();
        // Signed out: a button that opens Hearth, never a password field in a frame.
        assert!(html.contains("data-embed-sign-in"), "{path}: {html}");
        assert!(!html.contains("type=\"password\""), "{path}");
    }
    // Every other page still refuses to be framed at all.
    for path in [
        "/",
        "/sign-in",
        "/admin/embedding",
        "/api/hearth/v1/embedding",
    ] {
        let response = ana.client.get(server.url(path)).send().await.unwrap();
        assert_eq!(
            header(&response, "x-frame-options").as_deref(),
            Some("DENY"),
            "{path}"
        );
        let csp = header(&response, "content-security-policy").unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    }
    let script = anonymous.get(server.url("/embed.js")).send().await.unwrap();
    assert_eq!(script.status(), 200);
    assert!(
        header(&script, "content-type")
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(
        script
            .text()
            .await
            .unwrap()
            .contains("data-hearth-comments")
    );

    // The console page checks and lists the sites, with snippets to paste.
    let (status, html) = admin.page("/admin/embedding").await;
    assert_eq!(status, 200);
    assert!(html.contains("https://wiki.acme.test:8443"));
    assert!(html.contains("/embed/announcements"));
    assert!(html.contains("/embed.js"));
    let csrf = form_value(&html, "csrf");
    let (status, _, html) = admin
        .submit(
            "/admin/embedding",
            &[
                ("csrf", &csrf),
                ("frame_origins", "ftp://intranet.acme.test"),
                ("page_comments_community", ""),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(html.contains("a site starts with https://"), "{html}");
    let kept: Value = admin.json("/embedding").await;
    assert_eq!(kept["frame_origins"], saved["frame_origins"]);
}

async fn a_framed_community_feed_reads_and_posts_within_the_frame(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let ana = server.signed_in("ana@acme.test").await;
    admin
        .put_json("/embedding", &json!({ "frame_origins": [INTRANET] }))
        .await;
    let community: Value = ana
        .post_json(
            "/communities",
            &json!({ "name": "Engineering", "visibility": "public", "category": "work" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = community["id"].as_str().unwrap();
    let path = format!("/embed/communities/{id}");
    let (status, html) = ana.page(&path).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<base target=\"_blank\">"),
        "links open the full app"
    );
    assert!(
        html.contains("<form target=\"_self\""),
        "forms stay in the frame"
    );
    assert!(html.contains("composer"), "members write from the frame");
    assert!(!html.contains("site-header"), "no header in a frame");
    let csrf = form_value(&html, "csrf");
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("body", "Posted from the intranet")
        .text("community", id.to_owned())
        .text("kind", "discussion")
        .text("back", path.clone());
    let sent = ana
        .client
        .post(server.url("/posts"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 303);
    let location = header(&sent, "location").unwrap();
    assert!(location.starts_with(&format!("{path}#post-")), "{location}");
    let (_, html) = ana.page(&path).await;
    assert!(html.contains("Posted from the intranet"));

    // A secret community's frame shows nothing of it to someone outside.
    let secret: Value = admin
        .post_json(
            "/communities",
            &json!({ "name": "Board", "visibility": "secret", "category": "work" }),
        )
        .await
        .json()
        .await
        .unwrap();
    admin
        .post_json(
            "/posts",
            &json!({ "body": "Board-only plans", "community_id": secret["id"] }),
        )
        .await;
    let (status, html) = ana
        .page(&format!(
            "/embed/communities/{}",
            secret["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(status, 404, "{html}");
    assert!(!html.contains("Board-only plans"));
    assert!(!html.contains("Board"));
}

async fn a_frame_on_another_site_signs_in_through_a_window_of_its_own(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let window = browser();
    let opened = window
        .get(server.url("/embed/sign-in"))
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), 303);
    assert_eq!(
        header(&opened, "location").as_deref(),
        Some("/sign-in?then=embed")
    );
    let (_, html) = crate::support::page(&server, &window, "/sign-in?then=embed").await;
    assert!(html.contains("name=\"then\" value=\"embed\""));
    let csrf = form_value(&html, "csrf");
    let (status, location, _) = crate::support::submit(
        &server,
        &window,
        "/sign-in",
        &[
            ("csrf", &csrf),
            ("then", "embed"),
            ("email", "ana@acme.test"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!((status, location.as_str()), (303, "/embed/sign-in"));
    let (status, html) = crate::support::page(&server, &window, "/embed/sign-in").await;
    assert_eq!(status, 200);
    let csrf = form_value(&html, "csrf");
    let (status, _, html) =
        crate::support::submit(&server, &window, "/embed/sign-in", &[("csrf", &csrf)]).await;
    assert_eq!(status, 200);
    let marker = "data-embed-ticket=\"";
    let start = html.find(marker).expect("the window hands over a session") + marker.len();
    let ticket = &html[start..start + html[start..].find('"').unwrap()];

    // The frame stores it; only its own script may ask (a same-origin request).
    let frame = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let planted = frame
        .post(server.url("/embed/session"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("ticket", ticket)])
        .send()
        .await
        .unwrap();
    assert_eq!(planted.status(), 403);
    let forged = frame
        .post(server.url("/embed/session"))
        .header("sec-fetch-site", "same-origin")
        .form(&[("ticket", "not-a-session")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 401);
    let stored = frame
        .post(server.url("/embed/session"))
        .header("sec-fetch-site", "same-origin")
        .form(&[("ticket", ticket)])
        .send()
        .await
        .unwrap();
    assert_eq!(stored.status(), 204);
    let cookie = header(&stored, "set-cookie").unwrap();
    for part in [
        "hearth_embed_session=",
        "HttpOnly",
        "SameSite=None",
        "Secure",
        "Partitioned",
    ] {
        assert!(cookie.contains(part), "{part} in {cookie}");
    }
    let signed_in = frame
        .get(server.url("/embed/announcements"))
        .header("cookie", format!("hearth_embed_session={ticket}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!signed_in.contains("data-embed-sign-in"), "{signed_in}");
    assert!(signed_in.contains("No announcements yet"), "{signed_in}");
}

async fn intranet_pages_get_comments_over_the_api_and_in_the_frame(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;
    admin
        .put_json("/embedding", &json!({ "frame_origins": [INTRANET] }))
        .await;

    let refused = ana
        .post_json(
            "/page-comments",
            &json!({ "url": "https://elsewhere.test/a", "title": "A", "body": "Hi" }),
        )
        .await;
    let (status, _, message, _) = error_of(refused).await;
    assert_eq!(status, 422);
    assert!(
        message.contains("not one an administrator allowed"),
        "{message}"
    );

    let first = ana
        .post_json(
            "/page-comments",
            &json!({ "url": format!("{PAGE}?utm_campaign=mail"), "title": "Q3 results", "body": "Great quarter!" }),
        )
        .await;
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["page"]["url"], PAGE);
    assert_eq!(first["page"]["title"], "Q3 results");
    let second: Value = ben
        .post_json("/page-comments", &json!({ "url": PAGE, "body": "Agreed." }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second["thread_id"], first["id"]);
    let by_url = query(&[("url", PAGE)]);
    let found: Value = ben.json(&format!("/page-comments?{by_url}")).await;
    assert_eq!(found["thread_id"], first["id"]);
    assert_eq!(found["title"], "Q3 results");

    // In the frame: the thread, with a reply form that comes back to it.
    let frame_path = format!(
        "/embed/comments?{}",
        query(&[("url", PAGE), ("title", "Q3 results")])
    );
    let (status, html) = ben.page(&frame_path).await;
    assert_eq!(status, 200);
    assert!(html.contains("Comments on Q3 results"), "{html}");
    assert!(html.contains("Great quarter!") && html.contains("Agreed."));
    assert!(html.contains("commented on"), "the card names the page");
    assert!(
        html.contains("/subscription"),
        "the frame offers to (un)subscribe"
    );

    // "Subscribe to this discussion", over the API.
    let thread = format!("/posts/{}/subscription", first["id"].as_str().unwrap());
    let took_part: Value = ben.json(&thread).await;
    assert_eq!(took_part["following"], true);
    let left: Value = ben
        .send(reqwest::Method::DELETE, &thread)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(left["following"], false);
    assert_eq!(ben.json(&thread).await["following"], false);
    let back: Value = ben
        .send(reqwest::Method::PUT, &thread)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(back["following"], true);

    // A page without comments offers the first; an empty one is refused.
    let other = "https://intranet.acme.test/handbook";
    let other_path = format!(
        "/embed/comments?{}",
        query(&[("url", other), ("title", "Handbook")])
    );
    let (_, html) = ben.page(&other_path).await;
    assert!(html.contains("No comments yet"));
    let csrf = form_value(&html, "csrf");
    let fields = [
        ("csrf", csrf.as_str()),
        ("url", other),
        ("title", "Handbook"),
        ("body", " "),
    ];
    let (status, _, html) = ben.submit("/embed/comments", &fields).await;
    assert_eq!(status, 422, "{html}");
    let nothing: Value = ben
        .json(&format!("/page-comments?{}", query(&[("url", other)])))
        .await;
    assert_eq!(nothing["thread_id"], Value::Null);
    let fields = [
        ("csrf", csrf.as_str()),
        ("url", other),
        ("title", "Handbook"),
        ("body", "Where is the travel policy?"),
    ];
    let (status, location, _) = ben.submit("/embed/comments", &fields).await;
    assert_eq!(status, 303);
    assert!(location.starts_with("/embed/comments?"), "{location}");
    let (_, html) = ben.page(&location).await;
    assert!(html.contains("Where is the travel policy?"));
}
