//! Articles over the JSON API and through the pages' forms.

use crate::pages_attachments::{PNG, Part, send};
use crate::support::{Server, api_sign_in, browser, page, submit};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    articles_are_drafted_published_read_and_followed_over_the_api,
    articles_are_written_in_the_editor_and_read_on_their_page,
    atom_feeds_hold_what_their_key_may_read_until_the_key_is_renewed,
);

async fn articles_are_drafted_published_read_and_followed_over_the_api(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    let ana_user = server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;

    let too_long = ana
        .post_json("/articles", &json!({ "title": "x".repeat(201) }))
        .await;
    assert_eq!(too_long.status(), 422);
    let body: Value = too_long.json().await.unwrap();
    assert_eq!(body["error"]["field"], "title");

    let cover: Value = ana
        .upload("cover.png", PNG.to_vec(), &[])
        .await
        .json()
        .await
        .unwrap();
    let created = ana
        .post_json(
            "/articles",
            &json!({
                "title": "Why we moved to weekly releases",
                "summary": "Smaller changes, calmer Fridays.",
                "body": "## The problem\n\nBig bangs.\n\n## What we do now\n\nShip weekly.",
                "cover_id": cover["id"],
            }),
        )
        .await;
    assert_eq!(created.status(), 201);
    let draft: Value = created.json().await.unwrap();
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["headings"][1]["anchor"], "section-what-we-do-now");
    let id = draft["id"].as_str().unwrap().to_owned();
    assert_eq!(
        ben.get(&format!("/articles/{id}")).await.status(),
        404,
        "a draft is private"
    );
    let drafts: Value = ana.json("/articles/drafts").await;
    assert_eq!(drafts["drafts"].as_array().unwrap().len(), 1);

    let preview: Value = ana
        .post_json("/articles/preview", &json!({ "body": "# One\n\n## Two" }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(preview["headings"].as_array().unwrap().len(), 2);
    assert!(
        preview["body_html"]
            .as_str()
            .unwrap()
            .contains(r#"id="section-two""#)
    );

    let subscribed = ben
        .put(&format!("/article-subscriptions/author/{}", ana_user.id))
        .await;
    assert_eq!(subscribed.status(), 204);
    let bad = ben.put("/article-subscriptions/everyone/0").await;
    assert_eq!(bad.status(), 422);
    let mine: Value = ben.json("/article-subscriptions").await;
    assert_eq!(mine["subscriptions"][0]["following"], "author");

    let past = ana
        .post_json(
            &format!("/articles/{id}/publish"),
            &json!({ "publish_at": "2001-01-01T00:00:00Z" }),
        )
        .await;
    assert_eq!(past.status(), 422);
    let published: Value = ana
        .post_json(&format!("/articles/{id}/publish"), &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(published["status"], "published");
    let again = ana
        .post_json(&format!("/articles/{id}/publish"), &json!({}))
        .await;
    assert_eq!(again.status(), 409);

    let list: Value = ben.json("/articles").await;
    let card = &list["articles"][0]["article"];
    assert_eq!(card["title"], "Why we moved to weekly releases");
    assert!(card["cover_url"].as_str().unwrap().starts_with("/files/"));
    assert_eq!(
        card["url"],
        format!("/articles/{id}/why-we-moved-to-weekly-releases")
    );
    let cover_url = card["cover_url"].as_str().unwrap().to_owned();
    assert_eq!(ben.page(&cover_url).await.0, 200, "readers see the cover");
    let by_ana: Value = ben.json(&format!("/articles?author={}", ana_user.id)).await;
    assert_eq!(by_ana["articles"].as_array().unwrap().len(), 1);
    let both = ben
        .get(&format!("/articles?author={}&community=1", ana_user.id))
        .await;
    assert_eq!(both.status(), 422);

    assert_eq!(
        ben.post(&format!("/articles/{id}/read")).await.status(),
        204
    );
    let seen: Value = ben.json(&format!("/articles/{id}")).await;
    assert_eq!(seen["reads"], Value::Null, "readers do not see the count");
    let post_id = seen["post"]["id"].as_str().unwrap().to_owned();
    let thread = ben
        .client
        .get(server.url(&format!("/posts/{post_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        thread.status(),
        303,
        "the discussion is read under the article"
    );
    assert_eq!(
        thread.headers()["location"],
        format!("/articles/{id}/why-we-moved-to-weekly-releases").as_str()
    );
    let liked = ben.put(&format!("/posts/{post_id}/reactions/like")).await;
    assert!(liked.status().is_success(), "{}", liked.status());
    let seen: Value = ana.json(&format!("/articles/{id}")).await;
    assert_eq!(seen["reads"], 1);
    assert_eq!(seen["liked_by"].as_array().unwrap().len(), 1);

    let notifications: Value = ben.json("/notifications").await;
    assert!(
        notifications.to_string().contains("article_published"),
        "{notifications}"
    );

    let settings: Value = ana.json("/article-settings").await;
    assert_eq!(settings["company_articles"], "anyone");
    let refused = ana
        .put_json(
            "/article-settings",
            &json!({ "company_articles": "chosen_authors" }),
        )
        .await;
    assert_eq!(refused.status(), 403);
    let set: Value = admin
        .put_json(
            "/article-settings",
            &json!({ "company_articles": "chosen_authors", "authors": ["@ana"] }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(set["authors"][0], "ana");
    let bens: Value = ben
        .post_json("/articles", &json!({ "title": "Mine", "body": "Words" }))
        .await
        .json()
        .await
        .unwrap();
    let refused = ben
        .post_json(
            &format!("/articles/{}/publish", bens["id"].as_str().unwrap()),
            &json!({}),
        )
        .await;
    assert_eq!(refused.status(), 403);
    server.stop().await;
}

async fn articles_are_written_in_the_editor_and_read_on_their_page(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let client = browser();
    let csrf = api_sign_in(&server, &client, "ana@acme.test").await;

    let (status, location, _) =
        submit(&server, &client, "/articles", &[("csrf", csrf.as_str())]).await;
    assert_eq!(status, 303);
    assert!(location.ends_with("/edit"), "{location}");
    let (status, editor) = page(&server, &client, &location).await;
    assert_eq!(status, 200);
    assert!(editor.contains(r#"data-autosave="on""#), "{editor}");

    let form = |action: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("title", "Our leadership column".to_owned()),
            ("summary", "Notes from the week".to_owned()),
            ("community", String::new()),
            (
                "body",
                "## Hello\n\nWelcome.\n\n## Next\n\nMore.".to_owned(),
            ),
            ("action", action.to_owned()),
        ]
    };
    let fields = form("autosave");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, revision) = submit(&server, &client, &location, &fields).await;
    assert_eq!(status, 200, "autosave answers the new revision");
    let revision: i64 = revision.trim().parse().unwrap();
    // A late autosave from before that one changes nothing.
    let mut stale = form("autosave");
    stale.push(("revision", (revision - 1).to_string()));
    stale[1].1 = "Stale title".to_owned();
    let stale: Vec<(&str, &str)> = stale.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, _) = submit(&server, &client, &location, &stale).await;
    assert_eq!(status, 409, "a save from an older copy is refused");
    let fields = form("preview");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, preview) = submit(&server, &client, &location, &fields).await;
    assert_eq!(status, 200);
    assert!(preview.contains(r##"href="#section-next""##), "{preview}");
    // Published from the page without its script: the form brings an image, which
    // goes at the end of the body.
    let fields = form("publish");
    let mut parts: Vec<Part<'_>> = fields
        .iter()
        .map(|(k, v)| (*k, None, v.as_bytes()))
        .collect();
    parts.push(("alt_text", None, b"An orange square"));
    parts.push(("file", Some("square.png"), PNG));
    let (status, article, _) = send(&server, &client, &location, &parts).await;
    assert_eq!(status, 303, "{article}");
    assert!(article.ends_with("/our-leadership-column"), "{article}");

    let (status, shown) = page(&server, &client, &article).await;
    assert_eq!(status, 200);
    assert!(shown.contains(r#"class="toc""#), "{shown}");
    let image = shown
        .split(r#"<img src="/files/"#)
        .nth(1)
        .and_then(|rest| rest.split_once(r#"/large" alt="An orange square""#))
        .map(|(id, _)| id.to_owned())
        .unwrap_or_else(|| panic!("the image in the body: {shown}"));
    assert!(shown.contains(r#"id="section-hello""#));
    assert!(shown.contains("Edit article"));
    // Found by a word of its title alone, and shown as the article it is.
    let (_, found) = page(&server, &client, "/search?q=leadership&type=posts").await;
    assert!(
        found.contains(&format!(r#"href="{article}""#))
            && found.contains("Our leadership column: an article by"),
        "{found}"
    );
    let (_, home) = page(&server, &client, "/").await;
    assert!(home.contains(r#"class="article-card""#), "{home}");
    let id = article.split('/').nth(2).unwrap().to_owned();
    let renamed = client
        .get(server.url(&format!("/articles/{id}/old-title")))
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.status(), 308, "an old slug leads to the article");
    assert_eq!(renamed.headers()["location"], article.as_str());

    let reader = browser();
    let reader_csrf = api_sign_in(&server, &reader, "ben@acme.test").await;
    let (status, as_ben) = page(&server, &reader, &article).await;
    assert_eq!(status, 200);
    assert!(!as_ben.contains("Edit article"));
    let opened = reader
        .get(server.url(&format!("/files/{image}/large")))
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), 200, "a reader opens the body's image");
    let (status, _, _) = submit(
        &server,
        &reader,
        &format!("/articles/{id}/read"),
        &[("csrf", reader_csrf.as_str())],
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = page(&server, &reader, &format!("/articles/{id}/edit")).await;
    assert_eq!(status, 403);
    let (status, location, _) = submit(
        &server,
        &reader,
        "/article-subscriptions",
        &[
            ("csrf", reader_csrf.as_str()),
            ("following", "company"),
            ("target", "0"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, settings) = page(&server, &reader, &location).await;
    assert!(settings.contains("Company-wide articles"), "{settings}");
    let (_, shown) = page(&server, &client, &article).await;
    assert!(shown.contains("read by 1 person"), "{shown}");
    server.stop().await;
}

/// The feed URLs on the settings page, in the order shown.
fn feed_urls(settings: &str) -> Vec<String> {
    settings
        .split("<code>")
        .skip(1)
        .filter_map(|part| part.split("</code>").next())
        .map(|url| url.replace("&amp;", "&"))
        .filter(|url| url.contains("/feeds/articles"))
        .collect()
}

async fn atom_feeds_hold_what_their_key_may_read_until_the_key_is_renewed(db: TestDb) {
    let server = Server::start(db).await;
    let ana_user = server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;
    let board = ana
        .post_json(
            "/communities",
            &json!({ "name": "Board", "visibility": "secret", "category": "work" }),
        )
        .await;
    assert_eq!(board.status(), 201);
    let board: Value = board.json().await.unwrap();
    for (title, community) in [
        ("Open letter", Value::Null),
        ("Board minutes", board["id"].clone()),
    ] {
        let draft: Value = ana
            .post_json(
                "/articles",
                &json!({ "title": title, "body": "Words & more", "community_id": community }),
            )
            .await
            .json()
            .await
            .unwrap();
        let published = ana
            .post_json(
                &format!("/articles/{}/publish", draft["id"].as_str().unwrap()),
                &json!({}),
            )
            .await;
        assert_eq!(published.status(), 200);
    }
    assert_eq!(
        ben.put(&format!("/article-subscriptions/author/{}", ana_user.id))
            .await
            .status(),
        204
    );

    let client = browser();
    let csrf = api_sign_in(&server, &client, "ben@acme.test").await;
    let (_, before) = page(&server, &client, "/settings/notifications").await;
    assert!(feed_urls(&before).is_empty(), "no key until asked for");
    let (status, _, _) = submit(
        &server,
        &client,
        "/settings/article-feeds",
        &[("csrf", csrf.as_str()), ("action", "renew")],
    )
    .await;
    assert_eq!(status, 303);
    let (_, settings) = page(&server, &client, "/settings/notifications").await;
    let urls = feed_urls(&settings);
    assert_eq!(urls.len(), 2, "all articles, and Ana's: {settings}");
    let path = |url: &str| {
        url.split_once("://")
            .unwrap()
            .1
            .split_once('/')
            .unwrap()
            .1
            .to_owned()
    };

    // A feed reader has no session: a fresh client with nothing but the URL.
    let reader = reqwest::Client::new();
    let response = reader
        .get(server.url(&format!("/{}", path(&urls[1]))))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let parsed = feed_rs::parser::parse(response.bytes().await.unwrap().as_ref()).unwrap();
    assert_eq!(parsed.entries.len(), 1, "only what Ben may read");
    let entry = &parsed.entries[0];
    assert_eq!(entry.title.as_ref().unwrap().content, "Open letter");
    assert!(
        entry.links[0].href.contains("/articles/"),
        "{:?}",
        entry.links
    );
    assert!(
        entry
            .content
            .as_ref()
            .unwrap()
            .body
            .as_ref()
            .unwrap()
            .contains("Words &amp; more")
    );

    let forged = urls[0].replace("key=", "key=1");
    let response = reader
        .get(server.url(&format!("/{}", path(&forged))))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let (status, _, _) = submit(
        &server,
        &client,
        "/settings/article-feeds",
        &[("csrf", csrf.as_str()), ("action", "renew")],
    )
    .await;
    assert_eq!(status, 303);
    let old = reader
        .get(server.url(&format!("/{}", path(&urls[0]))))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 404, "a new key ends the old links");
    let (_, settings) = page(&server, &client, "/settings/notifications").await;
    let renewed = feed_urls(&settings);
    let fresh = reader
        .get(server.url(&format!("/{}", path(&renewed[0]))))
        .send()
        .await
        .unwrap();
    assert_eq!(fresh.status(), 200);
    let (status, _, _) = submit(
        &server,
        &client,
        "/settings/article-feeds",
        &[("csrf", csrf.as_str()), ("action", "end")],
    )
    .await;
    assert_eq!(status, 303);
    let ended = reader
        .get(server.url(&format!("/{}", path(&renewed[0]))))
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), 404, "turned off");
    server.stop().await;
}
