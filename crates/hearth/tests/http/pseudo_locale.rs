//! The main pages read in the tests' pseudo-locale (`en-XA`: English with accents,
//! lengthened) hold no plain English word: every word a person reads comes from the
//! catalogue. User content, people's names and the brand are allowed through.

use crate::support::{Server, SignedIn, text_of};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(the_main_pages_hold_no_english_in_the_pseudo_locale);

/// Words that are not the interface's: names, the brand, what the test wrote, the
/// languages' own names, and technical names that stay as they are in any language.
const NOT_INTERFACE: &[&str] = &[
    "Hearth",
    "Acme",
    "Test",
    "Person",
    "acme",
    "test",
    "English",
    "Deutsch",
    "Brasil",
    "Zorblat",
    "Quxvo",
    "Plimf",
    "Grobnik",
    "grobnik",
    // The audit log shows its records as stored: who acted from the command line.
    "operator",
    "command",
    "line",
    "http",
    "Bearer",
    "Authorization",
    "token",
    "SCIM",
    "OpenID",
    "Connect",
    "UTC",
    "CSV",
    "JSON",
    "API",
    "URL",
    "ID",
    "SSO",
    "hearth",
];

/// The text a person reads: text between tags and the labels, titles, placeholders
/// and alternative texts of elements. Identifiers are left out: `code` elements and
/// options that show their own value (the audit log's action names), as are `script`
/// and `style`.
fn readable(html: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        texts.push(rest[..open].to_owned());
        let after = &rest[open..];
        let close = after.find('>').unwrap_or(after.len() - 1);
        let tag = &after[..=close];
        for attribute in [
            "aria-label=\"",
            "title=\"",
            "placeholder=\"",
            "alt=\"",
            "data-confirm=\"",
        ] {
            if let Some(start) = tag.find(attribute) {
                let value = &tag[start + attribute.len()..];
                texts.push(value[..value.find('"').unwrap_or(0)].to_owned());
            }
        }
        rest = &after[close + 1..];
        // An option that shows its own value is an identifier (an audit action).
        if let Some(start) = tag.find("value=\"").filter(|_| tag.starts_with("<option")) {
            let value = &tag[start + 7..];
            let value = &value[..value.find('"').unwrap_or(0)];
            if !value.is_empty() && rest.starts_with(&format!("{value}<")) {
                rest = &rest[value.len()..];
            }
        }
        for raw in ["<script", "<style", "<code"] {
            if tag.starts_with(raw) {
                let end = format!("</{}>", &raw[1..]);
                rest = rest.find(&end).map_or("", |i| &rest[i..]);
            }
        }
    }
    texts.push(rest.to_owned());
    texts
}

/// Plain-ASCII words of three letters or more: the pseudo-locale accents every
/// letter, so these did not come from the catalogue.
fn english_words(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for text in readable(html) {
        let text = text
            .replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&#39;", "'");
        for word in text.split(|c: char| !c.is_alphanumeric() && c != '@' && c != '.' && c != '/') {
            let word = word.trim_matches('.');
            let letters = word.chars().filter(char::is_ascii_alphabetic).count();
            if letters >= 3
                && word.is_ascii()
                && !word.contains('@')
                && !word.contains('.')
                && !word.contains('/')
                && !NOT_INTERFACE.contains(&word)
                && !found.contains(&word.to_owned())
            {
                found.push(word.to_owned());
            }
        }
    }
    found
}

async fn page(reader: &SignedIn, path: &str) -> String {
    let response = reader
        .client
        .get(format!("{}{path}", reader.base))
        .header("accept-language", "en-XA")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

async fn the_main_pages_hold_no_english_in_the_pseudo_locale(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ben@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;
    let community: Value = admin
        .post_json(
            "/communities",
            &json!({ "name": "Zorblat", "description": "Quxvo", "visibility": "public", "category": "work" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let cid = community["id"].as_str().unwrap();
    let joined = ben.put(&format!("/communities/{cid}/membership")).await;
    assert!(joined.status().is_success(), "{joined:?}");
    let post: Value = admin
        .post_json(
            "/posts",
            &json!({ "community_id": cid, "body": "Plimf #grobnik" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let pid = post["id"].as_str().unwrap();
    let replied = ben
        .post_json(
            &format!("/posts/{pid}/replies"),
            &json!({ "body": "Quxvo" }),
        )
        .await;
    assert!(replied.status().is_success(), "{replied:?}");
    let liked = ben.put(&format!("/posts/{pid}/reactions/like")).await;
    assert!(liked.status().is_success(), "{liked:?}");
    let me: Value = ben.json("/me").await;
    let ben_id = me["user"]["id"].as_str().unwrap().to_owned();
    let talked = admin
        .post_json(
            "/conversations",
            &json!({ "member_ids": [ben_id], "title": "Zorblat" }),
        )
        .await;
    assert!(talked.status().is_success(), "{talked:?}");

    let mut untranslated = Vec::new();
    for path in [
        "/".to_owned(),
        "/communities".to_owned(),
        format!("/communities/{cid}"),
        format!("/communities/{cid}/members"),
        format!("/posts/{pid}"),
        "/topics/grobnik".to_owned(),
        "/people".to_owned(),
        format!("/people/{ben_id}"),
        "/chat".to_owned(),
        "/notifications".to_owned(),
        "/settings".to_owned(),
        "/settings/notifications".to_owned(),
        "/admin/people".to_owned(),
        "/admin/invitations".to_owned(),
        "/admin/moderation".to_owned(),
        "/admin/watch-list".to_owned(),
        "/admin/usage-policy".to_owned(),
        "/admin/audit".to_owned(),
        "/admin/data".to_owned(),
        "/admin/scim".to_owned(),
        "/admin/sso".to_owned(),
    ] {
        let html = page(&admin, &path).await;
        assert!(html.contains(r#"<html lang="en-XA""#), "{path}");
        let words = english_words(&html);
        if !words.is_empty() {
            untranslated.push(format!("{path}: {}", words.join(" ")));
        }
    }
    let sign_in = text_of(
        reqwest::Client::new()
            .get(server.url("/sign-in"))
            .header("accept-language", "en-XA"),
    )
    .await;
    let words = english_words(&sign_in);
    if !words.is_empty() {
        untranslated.push(format!("/sign-in: {}", words.join(" ")));
    }
    assert!(
        untranslated.is_empty(),
        "English left on pages read in en-XA:\n{}",
        untranslated.join("\n")
    );
    server.stop().await;
}

#[test]
fn english_words_finds_plain_words_and_passes_accented_ones() {
    let html = r#"<p title="Ŝåvé">Sàvéé <b>Save</b> it</p><script>const words = 1;</script>"#;
    assert_eq!(english_words(html), ["Save"]);
    assert!(english_words(r#"<input placeholder="Search">"#) == ["Search"]);
}
