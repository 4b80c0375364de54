//! Files on posts through the page forms, as a browser without JavaScript sends them:
//! one `multipart/form-data` form with the text and the files, its CSRF token first.

use crate::support::{Server, api_sign_in, browser, page};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};

both_backends!(
    a_post_form_with_files_shows_the_image_and_the_file_card,
    a_multipart_form_without_the_right_token_stores_and_posts_nothing,
    a_file_over_the_limit_is_refused_in_words_and_nothing_is_posted,
    text_beyond_a_forms_limit_is_refused_though_files_may_be_large,
);

/// A 4×3 PNG.
pub const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 3, 8, 2, 0,
    0, 0, 59, 150, 57, 145, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 56, 17, 160, 1, 71, 12, 56,
    57, 0, 44, 54, 15, 1, 162, 168, 71, 93, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

const BOUNDARY: &str = "hearth-test-boundary";

/// A part of a form: a field (`None` file name) or a file.
pub type Part<'a> = (&'a str, Option<&'a str>, &'a [u8]);

/// A `multipart/form-data` body with these parts, in this order.
fn multipart(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, file_name, value) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match file_name {
            Some(file) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Sends a multipart form; answers the status, the `Location` and the body.
pub async fn send(
    server: &Server,
    client: &reqwest::Client,
    path: &str,
    parts: &[Part<'_>],
) -> (u16, String, String) {
    let response = client
        .post(server.url(path))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(parts))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}

async fn a_post_form_with_files_shows_the_image_and_the_file_card(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let client = browser();
    let csrf = api_sign_in(&server, &client, "ana@acme.test").await;
    let report = b"%PDF-1.4\n% a report\n".repeat(100);

    let (status, location, _) = send(
        &server,
        &client,
        "/posts",
        &[
            ("csrf", None, csrf.as_bytes()),
            ("back", None, b"/"),
            ("body", None, b"Photos from the offsite"),
            ("community", None, b""),
            ("kind", None, b"discussion"),
            ("alt_text", None, b"An orange square"),
            ("file", Some("square.png"), PNG),
            ("file", Some("report.pdf"), &report),
        ],
    )
    .await;
    assert_eq!(status, 303, "{location}");
    assert!(location.starts_with("/#post-"), "{location}");

    let (_, home) = page(&server, &client, "/").await;
    assert!(home.contains("Photos from the offsite"), "{home}");
    assert!(home.contains("class=\"gallery single\""), "{home}");
    assert!(home.contains("alt=\"An orange square\""), "{home}");
    assert!(home.contains("width=\"4\" height=\"3\""), "{home}");
    assert!(home.contains("class=\"file-card\""), "{home}");
    assert!(home.contains("report.pdf"), "{home}");
    assert!(home.contains("2.0 KB"), "{home}");

    // The image and the file are served from the links the page shows.
    let start = home.find("/files/").unwrap();
    let end = home[start..].find('"').unwrap() + start;
    let image = client
        .get(server.url(&home[start..end]))
        .send()
        .await
        .unwrap();
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["content-type"], "image/png");
    server.stop().await;
}

async fn a_multipart_form_without_the_right_token_stores_and_posts_nothing(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let client = browser();
    let csrf = api_sign_in(&server, &client, "ana@acme.test").await;
    let refused: [Vec<Part<'_>>; 3] = [
        // No token at all.
        vec![("body", None, b"Sneaky"), ("file", Some("a.png"), PNG)],
        // A wrong token.
        vec![
            ("csrf", None, b"not-the-token"),
            ("body", None, b"Sneaky"),
            ("file", Some("a.png"), PNG),
        ],
        // The right token, but not first: files before it would be stored unchecked.
        vec![
            ("body", None, b"Sneaky"),
            ("csrf", None, csrf.as_bytes()),
            ("file", Some("a.png"), PNG),
        ],
    ];
    for parts in &refused {
        let (status, _, body) = send(&server, &client, "/posts", parts).await;
        assert_eq!(status, 403, "{body}");
    }
    let (_, home) = page(&server, &client, "/").await;
    assert!(!home.contains("Sneaky"), "{home}");
    assert!(!home.contains("/files/"), "{home}");
    server.stop().await;
}

async fn a_file_over_the_limit_is_refused_in_words_and_nothing_is_posted(db: TestDb) {
    let server = Server::start_configured(db, |config| config.uploads.max_file_mb = 1).await;
    server.user("ana@acme.test", Role::Member).await;
    let client = browser();
    let csrf = api_sign_in(&server, &client, "ana@acme.test").await;
    let big = vec![b'x'; 1024 * 1024 + 10];
    let (status, _, body) = send(
        &server,
        &client,
        "/posts",
        &[
            ("csrf", None, csrf.as_bytes()),
            ("body", None, b"Too big to post"),
            ("file", Some("big.bin"), &big),
        ],
    )
    .await;
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("larger than"), "{body}");
    let (_, home) = page(&server, &client, "/").await;
    assert!(!home.contains("Too big to post"), "{home}");
    server.stop().await;
}

async fn text_beyond_a_forms_limit_is_refused_though_files_may_be_large(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let client = browser();
    let csrf = api_sign_in(&server, &client, "ana@acme.test").await;
    // Two fields of 600 KB: each fits, together they pass the 1 MiB of any form.
    let words = "word ".repeat(120 * 1024);
    let (status, _, body) = send(
        &server,
        &client,
        "/posts",
        &[
            ("csrf", None, csrf.as_bytes()),
            ("body", None, words.as_bytes()),
            ("back", None, words.as_bytes()),
        ],
    )
    .await;
    assert_eq!(status, 413, "{body}");
    let (_, home) = page(&server, &client, "/").await;
    assert!(!home.contains("word word word"), "nothing posted");
    server.stop().await;
}
