//! Files over HTTP: uploading, attaching, and reading back with the headers that keep
//! a file from running as Hearth; and every refusal, with nothing stored or posted.

use crate::support::{Server, error_of};
use hearth::config::UploadsConfig;
use hearth_app::domain::Role;
use hearth_app::files::blobs::StorageConfig;
use hearth_app::files::images::demo_jpeg;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    files_are_uploaded_attached_and_served_safely,
    bad_uploads_and_attachments_are_refused_and_change_nothing,
    a_server_on_s3_storage_keeps_and_serves_files_there,
);

fn pdf() -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    bytes.extend(std::iter::repeat_n(b' ', 2_000));
    bytes.extend(b"%%EOF\n");
    bytes
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn files_are_uploaded_attached_and_served_safely(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;

    let uploaded = ana
        .upload(
            "lake.jpg",
            demo_jpeg(11, 1400, 1000),
            &[("alt_text", "A lake at dawn")],
        )
        .await;
    assert_eq!(uploaded.status(), 201);
    let image: Value = uploaded.json().await.unwrap();
    assert_eq!(image["content_type"], "image/jpeg");
    assert_eq!(image["width"], 1400);
    assert_eq!(image["alt_text"], "A lake at dawn");
    assert_eq!(image["purpose"], "attachment");
    let variants: Vec<&str> = image["urls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["variant"].as_str().unwrap())
        .collect();
    assert!(variants.contains(&"small") && variants.contains(&"original"));
    let image_id = image["id"].as_str().unwrap().to_owned();

    let page = ana
        .upload(
            "<script>.html",
            b"<html><script>alert(1)</script></html>".to_vec(),
            &[],
        )
        .await;
    assert_eq!(page.status(), 201);
    let page: Value = page.json().await.unwrap();
    assert_eq!(page["content_type"], "application/octet-stream");
    let document: Value = ana
        .upload("Q3 plan.pdf", pdf(), &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(document["content_type"], "application/pdf");

    // Before it is attached, an upload is its owner's alone.
    let early = ben
        .client
        .get(server.url(&format!("/files/{image_id}/small")))
        .send()
        .await
        .unwrap();
    assert_eq!(early.status(), 404);
    let described = ben
        .patch_json(
            &format!("/uploads/{image_id}"),
            &json!({ "alt_text": "mine" }),
        )
        .await;
    assert_eq!(described.status(), 404);

    let created = ana
        .post_json(
            "/posts",
            &json!({ "body": "", "attachments": [image_id, page["id"], document["id"]] }),
        )
        .await;
    assert_eq!(created.status(), 201);
    let post: Value = created.json().await.unwrap();
    let attached: Vec<&str> = post["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(attached[0], image_id);
    assert_eq!(attached.len(), 3);

    let small = ben
        .client
        .get(server.url(&format!("/files/{image_id}/small")))
        .send()
        .await
        .unwrap();
    assert_eq!(small.status(), 200);
    assert_eq!(header(&small, "content-type"), "image/jpeg");
    assert!(header(&small, "content-disposition").starts_with("inline"));
    assert_eq!(header(&small, "x-content-type-options"), "nosniff");
    assert!(header(&small, "content-security-policy").contains("sandbox"));
    assert!(header(&small, "cache-control").starts_with("private"));
    let bytes = small.bytes().await.unwrap();
    assert_eq!(&bytes[..2], &[0xFF, 0xD8], "a JPEG");

    for (id, name) in [
        (page["id"].as_str().unwrap(), "%3Cscript%3E.html"),
        (document["id"].as_str().unwrap(), "Q3 plan.pdf"),
    ] {
        let file = ben
            .client
            .get(server.url(&format!("/files/{id}/original")))
            .send()
            .await
            .unwrap();
        assert_eq!(file.status(), 200);
        assert_eq!(header(&file, "content-type"), "application/octet-stream");
        let disposition = header(&file, "content-disposition");
        assert!(disposition.starts_with("attachment"), "{disposition}");
        assert!(disposition.contains(name), "{disposition}");
    }

    let described = ana
        .patch_json(&format!("/uploads/{image_id}"), &json!({ "alt_text": "" }))
        .await;
    assert_eq!(described.status(), 200);
    let seen: Value = ben.json(&format!("/uploads/{image_id}")).await;
    assert!(seen["alt_text"].is_null());
    server.stop().await;
}

async fn bad_uploads_and_attachments_are_refused_and_change_nothing(db: TestDb) {
    let server = Server::start_with_uploads(
        db,
        UploadsConfig {
            max_file_mb: 1,
            quota_mb: 2,
            max_megapixels: 1,
            ..UploadsConfig::default()
        },
    )
    .await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;

    let (status, code, message, _) =
        error_of(ana.upload("big.bin", vec![1; 1024 * 1024 + 1], &[]).await).await;
    assert_eq!((status, code.as_str()), (413, "too_large"), "{message}");
    assert!(message.contains("1 MB"), "{message}");
    let (status, _, message, _) = error_of(ana.upload("empty.txt", Vec::new(), &[]).await).await;
    assert_eq!(status, 422, "{message}");
    // Over the pixel limit (1 megapixel here), refused from the header.
    let (status, _, message, _) =
        error_of(ana.upload("wide.jpg", demo_jpeg(3, 1600, 900), &[]).await).await;
    assert_eq!(status, 422, "{message}");
    assert!(
        message.contains("1600×900") && message.contains("megapixels"),
        "{message}"
    );
    let (status, _, message, _) =
        error_of(ana.upload("me.pdf", pdf(), &[("purpose", "avatar")]).await).await;
    assert_eq!(status, 422);
    assert!(message.contains("picture"), "{message}");
    let (status, _, message, _) = error_of(
        ana.upload("x.pdf", pdf(), &[("purpose", "wallpaper")])
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(message.contains("attachment"), "{message}");
    let no_file = ana
        .client
        .post(server.url("/api/hearth/v1/uploads"))
        .header("x-csrf-token", &ana.csrf)
        .multipart(reqwest::multipart::Form::new().text("alt_text", "nothing"))
        .send()
        .await
        .unwrap();
    assert_eq!(no_file.status(), 422);
    let without_csrf = ana
        .client
        .post(server.url("/api/hearth/v1/uploads"))
        .multipart(reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(pdf()).file_name("a.pdf"),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(without_csrf.status(), 403);

    // Attachments: someone else's, unknown, malformed.
    let bens: Value = ben.upload("b.pdf", pdf(), &[]).await.json().await.unwrap();
    for (attachments, status) in [
        (json!([bens["id"]]), 422),
        (json!(["123"]), 422),
        // Like every malformed id in the API.
        (json!(["abc"]), 400),
    ] {
        let refused = ana
            .post_json(
                "/posts",
                &json!({ "body": "see", "attachments": attachments }),
            )
            .await;
        assert_eq!(refused.status(), status, "{attachments}");
    }
    let feed: Value = ana.json("/feed").await;
    assert!(
        feed["posts"].as_array().unwrap().is_empty(),
        "nothing posted"
    );

    let mine: Value = ana.upload("a.pdf", pdf(), &[]).await.json().await.unwrap();
    let id = mine["id"].as_str().unwrap();
    let bad_variant = ana
        .client
        .get(server.url(&format!("/files/{id}/huge")))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_variant.status(), 422);
    let unknown = ana
        .client
        .get(server.url("/files/999/original"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    let anonymous = reqwest::get(server.url(&format!("/files/{id}/original")))
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    // The quota: two files under a megabyte fit in two, a third does not.
    let mut last = 0;
    for seed in 0..3u8 {
        let mut bytes = vec![seed; 900 * 1024];
        bytes[0] = b'#';
        last = ana.upload("part.bin", bytes, &[]).await.status().as_u16();
    }
    assert_eq!(last, 413);
    server.stop().await;
}

/// The server configured as a cluster would be, with `[storage] backend = "s3"`, against
/// the test S3 server (`HEARTH_TEST_S3_URL`; scripts/test starts moto's, and with
/// `HEARTH_TEST_REQUIRE_S3=1` a missing one fails the test instead of skipping it).
async fn a_server_on_s3_storage_keeps_and_serves_files_there(db: TestDb) {
    let url = match std::env::var("HEARTH_TEST_S3_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            assert!(
                std::env::var("HEARTH_TEST_REQUIRE_S3").as_deref() != Ok("1"),
                "HEARTH_TEST_REQUIRE_S3=1 but HEARTH_TEST_S3_URL is unset (tests/s3/README.md)"
            );
            eprintln!("skipped: HEARTH_TEST_S3_URL is unset");
            return;
        }
    };
    let bucket = format!("hearth-http-{}", rand::random::<u32>());
    let made = reqwest::Client::new()
        .put(format!("{}/{bucket}", url.trim_end_matches('/')))
        .send()
        .await
        .unwrap();
    assert!(made.status().is_success(), "{}", made.status());
    let server = Server::start_configured(db, |config| {
        config.storage = StorageConfig::S3 {
            bucket: bucket.clone(),
            region: None,
            endpoint: Some(url.clone()),
            access_key_id: Some("test".into()),
            secret_access_key: Some("test".into()),
            path_style: true,
            prefix: Some("hearth".into()),
            allow_http: true,
        };
    })
    .await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let ben = server.signed_in("ben@acme.test").await;
    let photo = demo_jpeg(12, 800, 600);
    let uploaded: Value = ana
        .upload("lake.jpg", photo, &[])
        .await
        .json()
        .await
        .unwrap();
    let id = uploaded["id"].as_str().unwrap();
    let document: Value = ana
        .upload("plan.pdf", pdf(), &[])
        .await
        .json()
        .await
        .unwrap();
    let created = ana
        .post_json(
            "/posts",
            &json!({ "body": "From the bucket", "attachments": [id, document["id"]] }),
        )
        .await;
    assert_eq!(created.status(), 201);
    let small = ben
        .client
        .get(server.url(&format!("/files/{id}/small")))
        .send()
        .await
        .unwrap();
    assert_eq!(small.status(), 200);
    assert_eq!(header(&small, "content-type"), "image/jpeg");
    let original = ben
        .client
        .get(server.url(&format!(
            "/files/{}/original",
            document["id"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(original.bytes().await.unwrap().to_vec(), pdf());

    // The bucket holds them under the prefix: the photo without its metadata and its
    // small thumbnail (it is narrower than a large one), and the document.
    let listing = reqwest::get(format!(
        "{}/{bucket}?prefix=hearth/",
        url.trim_end_matches('/')
    ))
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert_eq!(listing.matches("<Key>hearth/").count(), 3, "{listing}");
    server.stop().await;
}
