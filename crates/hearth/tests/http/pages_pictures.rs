//! Photos and covers through the page forms, as a browser without JavaScript sends
//! them: a `multipart/form-data` form with the CSRF token first, then the file.

use crate::pages_attachments::{PNG, send};
use crate::support::{Server, api_sign_in, browser, form_value, page, submit};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use reqwest::Client;

both_backends!(
    a_photo_uploaded_in_settings_shows_on_the_profile_in_post_cards_and_the_header,
    a_file_that_is_not_an_image_is_refused_as_a_photo_in_words_and_changes_nothing,
    removing_the_photo_brings_back_the_initials,
    a_cover_set_by_a_manager_shows_on_the_community_page_and_its_card,
    a_member_who_does_not_manage_a_community_cannot_change_its_cover,
);

/// A browser signed in as this person, and the CSRF token of its session.
async fn signed_in(server: &Server, email: &str) -> (Client, String) {
    let client = browser();
    let csrf = api_sign_in(server, &client, email).await;
    (client, csrf)
}

/// The HTML of a page that must render.
async fn html(server: &Server, client: &Client, path: &str) -> String {
    let (status, html) = page(server, client, path).await;
    assert_eq!(status, 200, "{path}: {html}");
    html
}

/// The value of the first `attribute="…"` after `marker` in a page.
fn attribute_after(html: &str, marker: &str, attribute: &str) -> String {
    let from = html
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in {html}"));
    let needle = format!("{attribute}=\"");
    let start = html[from..].find(&needle).unwrap() + from + needle.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_owned()
}

/// Sets a photo through the settings form; answers the photo's id in its addresses.
async fn upload_photo(server: &Server, client: &Client, csrf: &str) -> String {
    let (status, location, body) = send(
        server,
        client,
        "/settings/photo",
        &[
            ("csrf", None, csrf.as_bytes()),
            ("file", Some("me.png"), PNG),
        ],
    )
    .await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(location, "/settings?saved=photo#photo");
    let settings = html(server, client, &location).await;
    assert!(settings.contains("Your photo was changed."), "{settings}");
    let src = attribute_after(&settings, "id=\"photo-title\"", "src");
    let id = src
        .strip_prefix("/files/")
        .and_then(|rest| rest.strip_suffix("/avatar"))
        .unwrap_or_else(|| panic!("the large photo, not {src}"));
    id.to_owned()
}

/// Writes a post through the composer's form.
async fn post(server: &Server, client: &Client, csrf: &str, body: &str) {
    let (status, _, page) = submit(
        server,
        client,
        "/posts",
        &[
            ("csrf", csrf),
            ("back", "/"),
            ("body", body),
            ("community", ""),
            ("kind", "discussion"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{page}");
}

async fn a_photo_uploaded_in_settings_shows_on_the_profile_in_post_cards_and_the_header(
    db: TestDb,
) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("bo@acme.test", Role::Member).await;
    let (ana, csrf) = signed_in(&server, "ana@acme.test").await;
    post(&server, &ana, &csrf, "Hello from my new photo").await;
    let settings = html(&server, &ana, "/settings").await;
    assert!(settings.contains("accept=\"image/*\""), "{settings}");
    assert!(
        settings.contains("enctype=\"multipart/form-data\""),
        "{settings}"
    );
    assert!(!settings.contains("Remove photo"), "nothing to remove yet");

    let id = upload_photo(&server, &ana, &csrf).await;
    let small = format!("src=\"/files/{id}/avatar_small\"");

    // The header shows it next to the reader's own name.
    let home = html(&server, &ana, "/").await;
    let me = attribute_after(&home, "class=\"me\"", "href");
    assert_eq!(
        attribute_after(&home, "class=\"me\"", "src"),
        format!("/files/{id}/avatar_small")
    );
    // The profile, larger, and a colleague's post card, small and decorative.
    let profile = html(&server, &ana, &me).await;
    assert!(
        profile.contains(&format!("src=\"/files/{id}/avatar\"")),
        "{profile}"
    );
    let (bo, _) = signed_in(&server, "bo@acme.test").await;
    let feed = html(&server, &bo, "/").await;
    assert!(feed.contains("Hello from my new photo"), "{feed}");
    assert_eq!(
        attribute_after(&feed, "class=\"post-head\"", "src"),
        format!("/files/{id}/avatar_small"),
        "{feed}"
    );
    let card = &feed[feed.find("class=\"post-head\"").unwrap()..];
    let img = &card[card.find("<img").unwrap()..];
    let img = &img[..img.find('>').unwrap()];
    assert!(img.contains("alt=\"\""), "the name is beside it: {img}");
    // The colleague may load it.
    let served = bo
        .get(server.url(&format!("/files/{id}/avatar_small")))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    let directory = html(&server, &bo, "/people").await;
    assert!(directory.contains(&small), "{directory}");
    server.stop().await;
}

async fn a_file_that_is_not_an_image_is_refused_as_a_photo_in_words_and_changes_nothing(
    db: TestDb,
) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let (ana, csrf) = signed_in(&server, "ana@acme.test").await;

    let (status, _, body) = send(
        &server,
        &ana,
        "/settings/photo",
        &[
            ("csrf", None, csrf.as_bytes()),
            ("file", Some("me.png"), b"these are words, not a picture"),
        ],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains("Choose a picture: a JPEG, PNG, GIF or WebP image."),
        "{body}"
    );
    // A form sent without a file chosen says so.
    let (status, _, body) = send(
        &server,
        &ana,
        "/settings/photo",
        &[("csrf", None, csrf.as_bytes()), ("file", Some(""), b"")],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("Choose a picture to upload first."), "{body}");
    // And one without the token first stores nothing.
    let (status, _, _) = send(
        &server,
        &ana,
        "/settings/photo",
        &[
            ("file", Some("me.png"), PNG),
            ("csrf", None, csrf.as_bytes()),
        ],
    )
    .await;
    assert_eq!(status, 403);

    let settings = html(&server, &ana, "/settings").await;
    assert!(!settings.contains("/files/"), "{settings}");
    assert!(settings.contains("You have no photo yet"), "{settings}");
    server.stop().await;
}

async fn removing_the_photo_brings_back_the_initials(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let (ana, csrf) = signed_in(&server, "ana@acme.test").await;
    upload_photo(&server, &ana, &csrf).await;
    let settings = html(&server, &ana, "/settings").await;
    assert!(settings.contains("Remove photo"), "{settings}");

    let (status, location, _) = submit(
        &server,
        &ana,
        "/settings/photo/remove",
        &[("csrf", &form_value(&settings, "csrf"))],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(location, "/settings?saved=photo-removed#photo");
    let settings = html(&server, &ana, "/settings").await;
    assert!(!settings.contains("/files/"), "{settings}");
    assert!(settings.contains("class=\"avatar large hue-"), "{settings}");
    assert!(!settings.contains("Remove photo"), "{settings}");
    server.stop().await;
}

/// Founds a public community through the page form; answers its id.
async fn found_community(server: &Server, client: &Client, csrf: &str) -> String {
    let (status, location, body) = submit(
        server,
        client,
        "/communities",
        &[
            ("csrf", csrf),
            ("name", "Photography"),
            ("description", "Pictures we took"),
            ("visibility", "public"),
            ("category", "social"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{body}");
    location.strip_prefix("/communities/").unwrap().to_owned()
}

async fn upload_cover(
    server: &Server,
    client: &Client,
    csrf: &str,
    community: &str,
) -> (u16, String, String) {
    send(
        server,
        client,
        &format!("/communities/{community}/cover"),
        &[
            ("csrf", None, csrf.as_bytes()),
            ("file", Some("wide.png"), PNG),
        ],
    )
    .await
}

async fn a_cover_set_by_a_manager_shows_on_the_community_page_and_its_card(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let (ana, csrf) = signed_in(&server, "ana@acme.test").await;
    let community = found_community(&server, &ana, &csrf).await;
    let path = format!("/communities/{community}");
    let before = html(&server, &ana, &path).await;
    assert!(
        before.contains(&format!("href=\"{path}/cover\"")),
        "{before}"
    );
    assert!(!before.contains("class=\"cover\""), "{before}");

    let (status, location, body) = upload_cover(&server, &ana, &csrf, &community).await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(location, format!("{path}/cover?saved=cover"));
    let cover_page = html(&server, &ana, &location).await;
    assert!(
        cover_page.contains("The cover was changed."),
        "{cover_page}"
    );
    assert!(cover_page.contains("Remove cover"), "{cover_page}");

    let shown = html(&server, &ana, &path).await;
    let src = attribute_after(&shown, "class=\"cover\"", "src");
    assert!(
        src.starts_with("/files/") && src.ends_with("/large"),
        "{src}"
    );
    assert_eq!(attribute_after(&shown, "class=\"cover\"", "alt"), "");
    let listed = html(&server, &ana, "/communities").await;
    assert!(
        listed.contains(&src.replace("/large", "/small")),
        "{listed}"
    );
    let served = ana.get(server.url(&src)).send().await.unwrap();
    assert_eq!(served.status(), 200);

    let (status, _, _) = submit(
        &server,
        &ana,
        &format!("{path}/cover/remove"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(status, 303);
    let shown = html(&server, &ana, &path).await;
    assert!(!shown.contains("class=\"cover\""), "{shown}");
    server.stop().await;
}

async fn a_member_who_does_not_manage_a_community_cannot_change_its_cover(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("bo@acme.test", Role::Member).await;
    let (ana, ana_csrf) = signed_in(&server, "ana@acme.test").await;
    let community = found_community(&server, &ana, &ana_csrf).await;
    let path = format!("/communities/{community}");
    let (bo, csrf) = signed_in(&server, "bo@acme.test").await;
    let (status, _, _) = submit(&server, &bo, &format!("{path}/join"), &[("csrf", &csrf)]).await;
    assert_eq!(status, 303);

    let shown = html(&server, &bo, &path).await;
    assert!(
        !shown.contains(&format!("{path}/cover")),
        "no link for a member: {shown}"
    );
    let (status, body) = page(&server, &bo, &format!("{path}/cover")).await;
    assert_eq!(status, 403, "{body}");
    let (status, _, body) = upload_cover(&server, &bo, &csrf, &community).await;
    assert_eq!(status, 403, "{body}");
    assert!(!body.contains("/files/"), "{body}");
    let (status, _, _) = submit(
        &server,
        &bo,
        &format!("{path}/cover/remove"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(status, 403);

    let shown = html(&server, &ana, &path).await;
    assert!(!shown.contains("class=\"cover\""), "{shown}");
    server.stop().await;
}
