//! Files: an upload is its owner's alone until it is attached; then exactly the
//! people who may read the post or conversation may read it, and nobody once that is
//! deleted. Every refusal changes nothing, the same bytes are stored once, and what
//! nobody attached or refers to is swept away.

use hearth_app::audit::Acting;
use hearth_app::domain::upload::{AttachedTo, Purpose, Upload, Variant};
use hearth_app::domain::{Actor, UploadId, User};
use hearth_app::files::images::demo_jpeg;
use hearth_app::posts::{self, NewPost};
use hearth_app::uploads::{self, Incoming};
use hearth_app::{AppError, chat, feeds, retention};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    an_upload_is_its_owners_until_it_is_attached,
    attachments_are_read_where_their_post_is_read,
    attachments_on_messages_are_for_the_conversation_only,
    deleting_a_post_or_message_takes_its_files,
    refused_uploads_store_nothing,
    attaching_refuses_what_is_not_yours_or_already_attached,
    the_same_bytes_are_stored_once_and_swept_when_unused,
    retention_takes_the_files_of_what_it_deletes,
    photos_and_covers_are_set_by_their_owners_and_seen_where_they_are_shown,
    exports_hold_the_files_beside_their_json_lines,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn upload(t: &TestApp, user: &User, name: &str, bytes: Vec<u8>) -> Result<Upload, AppError> {
    let body = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes)]);
    uploads::receive(
        &t.app,
        &actor(user),
        Incoming {
            name: name.to_owned(),
            purpose: Purpose::Attachment,
            alt_text: None,
        },
        body,
    )
    .await
}

async fn photo(t: &TestApp, user: &User, seed: u64) -> Upload {
    upload(t, user, "photo.jpg", demo_jpeg(seed, 1600, 900))
        .await
        .unwrap()
}

fn pdf() -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 4000));
    bytes.extend(b"\n%%EOF\n");
    bytes
}

async fn readable(t: &TestApp, user: &User, id: UploadId) -> bool {
    match uploads::download(&t.app, &actor(user), id, Variant::Small).await {
        Ok(download) => {
            assert!(download.blob.size > 0);
            true
        }
        Err(AppError::NotFound(_)) => {
            assert!(matches!(
                uploads::get(&t.app, &actor(user), id).await,
                Err(AppError::NotFound(_))
            ));
            false
        }
        Err(other) => panic!("unexpected {other:?}"),
    }
}

async fn post_with(
    t: &TestApp,
    author: &User,
    community: Option<hearth_app::domain::CommunityId>,
    files: &[UploadId],
) -> Result<hearth_app::domain::Post, AppError> {
    posts::create(
        &t.app,
        &actor(author),
        &NewPost {
            community_id: community,
            body: String::new(),
            attachments: files.to_vec(),
            ..NewPost::default()
        },
    )
    .await
}

async fn an_upload_is_its_owners_until_it_is_attached(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let image = photo(&t, &ana, 1).await;
    assert_eq!(image.content_type, "image/jpeg");
    assert_eq!(image.dimensions, Some((1600, 900)));
    assert_eq!(image.attached_to, AttachedTo::Nothing);
    assert!(image.variants.contains(&Variant::Large));
    assert!(image.variants.contains(&Variant::Small));
    let small = uploads::download(&t.app, &actor(&ana), image.id, Variant::Small)
        .await
        .unwrap();
    assert!(small.inline());
    assert_eq!(small.variant, Variant::Small);

    let document = upload(&t, &ana, "C:\\Reports\\Q3 plan.pdf", pdf())
        .await
        .unwrap();
    assert_eq!(document.name, "Q3 plan.pdf");
    assert_eq!(document.content_type, "application/pdf");
    assert_eq!(document.variants, vec![Variant::Original]);
    let original = uploads::download(&t.app, &actor(&ana), document.id, Variant::Small)
        .await
        .unwrap();
    assert_eq!(
        original.variant,
        Variant::Original,
        "no thumbnail: the original"
    );
    assert!(!original.inline(), "a document is downloaded, never shown");

    assert!(!readable(&t, &ben, image.id).await);
    assert!(!readable(&t, &ben, document.id).await);
    let described = uploads::describe(&t.app, &actor(&ana), image.id, Some(" A lake at dawn "))
        .await
        .unwrap();
    assert_eq!(described.alt_text.as_deref(), Some("A lake at dawn"));
    let theirs = uploads::describe(&t.app, &actor(&ben), image.id, Some("mine now")).await;
    assert!(matches!(theirs, Err(AppError::NotFound(_))));
}

async fn attachments_are_read_where_their_post_is_read(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let outsider = t
        .partner_outsider(&ana, hearth_app::domain::Role::Member)
        .await;
    let private = t.community(&ana, "Board", "private").await;
    let secret = t.community(&ana, "Merger", "secret").await;

    let public_file = photo(&t, &ana, 2).await;
    let public_post = post_with(&t, &ana, None, &[public_file.id]).await.unwrap();
    let view = feeds::get(&t.app, &actor(&ben), public_post.id)
        .await
        .unwrap();
    assert_eq!(view.attachments.len(), 1);
    assert_eq!(view.attachments[0].id, public_file.id);
    assert!(readable(&t, &ben, public_file.id).await);
    assert!(!readable(&t, &outsider, public_file.id).await);

    for community in [&private, &secret] {
        let file = upload(&t, &ana, "minutes.pdf", pdf()).await.unwrap();
        post_with(&t, &ana, Some(community.id), &[file.id])
            .await
            .unwrap();
        assert!(readable(&t, &ana, file.id).await);
        assert!(!readable(&t, &ben, file.id).await, "{}", community.name);
        assert!(!readable(&t, &outsider, file.id).await);
    }

    // A reply's file is read where the reply and its thread are.
    let reply_file = photo(&t, &ben, 3).await;
    let reply = posts::reply_with(&t.app, &actor(&ben), public_post.id, "", &[reply_file.id])
        .await
        .unwrap();
    assert_eq!(
        feeds::get(&t.app, &actor(&ana), reply.id)
            .await
            .unwrap()
            .attachments[0]
            .id,
        reply_file.id
    );
    assert!(readable(&t, &ana, reply_file.id).await);
}

async fn attachments_on_messages_are_for_the_conversation_only(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cleo = t.member("cleo@acme.test").await;
    let direct = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap();
    let file = photo(&t, &ana, 4).await;
    let sent = chat::send_with(
        &t.app,
        &actor(&ana),
        direct.view.conversation.id,
        "",
        &[file.id],
    )
    .await
    .unwrap();
    assert_eq!(sent.attachments.len(), 1);
    let history = chat::history(
        &t.app,
        &actor(&ben),
        direct.view.conversation.id,
        None,
        None,
    )
    .await
    .unwrap();
    assert_eq!(history.messages[0].attachments[0].id, file.id);
    assert!(readable(&t, &ben, file.id).await);
    assert!(!readable(&t, &cleo, file.id).await);
    let empty = chat::send_with(&t.app, &actor(&ana), direct.view.conversation.id, " ", &[]).await;
    assert!(matches!(empty, Err(AppError::Invalid(_))));
}

async fn deleting_a_post_or_message_takes_its_files(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let file = photo(&t, &ana, 5).await;
    let post = post_with(&t, &ana, None, &[file.id]).await.unwrap();
    posts::delete(&t.app, &actor(&ana), post.id).await.unwrap();
    assert!(!readable(&t, &ben, file.id).await);
    assert!(!readable(&t, &ana, file.id).await, "gone for its owner too");

    let direct = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap();
    let file = upload(&t, &ana, "notes.pdf", pdf()).await.unwrap();
    let sent = chat::send_with(
        &t.app,
        &actor(&ana),
        direct.view.conversation.id,
        "notes",
        &[file.id],
    )
    .await
    .unwrap();
    chat::delete(&t.app, &actor(&ana), sent.message.id)
        .await
        .unwrap();
    assert!(!readable(&t, &ben, file.id).await);

    // The stored content goes at the next sweep after its grace period.
    assert!(t.stored_files() > 0);
    t.clock.advance(Duration::from_secs(2 * 3600));
    let swept = uploads::sweep(&t.app).await.unwrap();
    assert!(swept.files >= 4, "{swept:?}");
    assert_eq!(t.stored_files(), 0);
}

async fn refused_uploads_store_nothing(db: TestDb) {
    let t = TestApp::with_upload_limits(db, 10_000, 25_000).await;
    let ana = t.member("ana@acme.test").await;
    let too_big = upload(&t, &ana, "big.bin", vec![7; 10_001]).await;
    assert!(
        matches!(&too_big, Err(AppError::TooLarge(m)) if m.contains("larger than")),
        "{too_big:?}"
    );
    let empty = upload(&t, &ana, "empty.txt", Vec::new()).await;
    assert!(matches!(empty, Err(AppError::Invalid(e)) if e.field == "file"));
    let broken = upload(&t, &ana, "cut.jpg", demo_jpeg(6, 64, 64)[..200].to_vec()).await;
    assert!(matches!(broken, Err(AppError::Invalid(e)) if e.field == "file"));
    let not_a_picture = uploads::receive(
        &t.app,
        &actor(&ana),
        Incoming {
            name: "face.svg".to_owned(),
            purpose: Purpose::Avatar,
            alt_text: None,
        },
        futures_util::stream::iter([Ok::<_, std::io::Error>(
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
        )]),
    )
    .await;
    assert!(matches!(not_a_picture, Err(AppError::Invalid(e)) if e.field == "file"));
    let long_alt = uploads::receive(
        &t.app,
        &actor(&ana),
        Incoming {
            name: "a.pdf".to_owned(),
            purpose: Purpose::Attachment,
            alt_text: Some("x".repeat(1001)),
        },
        futures_util::stream::iter([Ok::<_, std::io::Error>(pdf())]),
    )
    .await;
    assert!(matches!(long_alt, Err(AppError::Invalid(e)) if e.field == "alt_text"));
    let interrupted = uploads::receive(
        &t.app,
        &actor(&ana),
        Incoming {
            name: "a.pdf".to_owned(),
            purpose: Purpose::Attachment,
            alt_text: None,
        },
        futures_util::stream::iter([Ok(pdf()), Err(std::io::Error::other("connection reset"))]),
    )
    .await;
    assert!(matches!(interrupted, Err(AppError::Invalid(_))));
    assert_eq!(t.stored_files(), 0, "nothing refused was stored");

    // The quota counts what is stored: two files of 9,000 bytes fit, a third does not.
    for name in ["a.bin", "b.bin"] {
        let mut bytes = vec![0u8; 9_000];
        bytes[0] = name.as_bytes()[0];
        upload(&t, &ana, name, bytes).await.unwrap();
    }
    let over = upload(&t, &ana, "c.bin", vec![3; 9_000]).await;
    assert!(
        matches!(&over, Err(AppError::TooLarge(m)) if m.contains("you may store")),
        "{over:?}"
    );
    assert_eq!(t.stored_files(), 2);
}

async fn attaching_refuses_what_is_not_yours_or_already_attached(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let bens = photo(&t, &ben, 7).await;
    let refused = post_with(&t, &ana, None, &[bens.id]).await;
    assert!(matches!(refused, Err(AppError::Invalid(e)) if e.field == "attachments"));
    let unknown = post_with(&t, &ana, None, &[UploadId(42)]).await;
    assert!(matches!(unknown, Err(AppError::Invalid(e)) if e.field == "attachments"));

    let mine = photo(&t, &ana, 8).await;
    let twice = post_with(&t, &ana, None, &[mine.id, mine.id]).await;
    assert!(matches!(twice, Err(AppError::Invalid(_))));
    post_with(&t, &ana, None, &[mine.id]).await.unwrap();
    let again = post_with(&t, &ana, None, &[mine.id]).await;
    assert!(matches!(again, Err(AppError::Invalid(e)) if e.field == "attachments"));

    let mut many = Vec::new();
    for seed in 0..11 {
        let mut bytes = pdf();
        bytes.push(seed);
        many.push(upload(&t, &ana, "f.pdf", bytes).await.unwrap().id);
    }
    let too_many = post_with(&t, &ana, None, &many).await;
    assert!(matches!(too_many, Err(AppError::Invalid(e)) if e.field == "attachments"));
    let ten = post_with(&t, &ana, None, &many[..10]).await.unwrap();
    let view = feeds::get(&t.app, &actor(&ben), ten.id).await.unwrap();
    let order: Vec<UploadId> = view.attachments.iter().map(|u| u.id).collect();
    assert_eq!(order, many[..10], "in the order they were given");
}

async fn the_same_bytes_are_stored_once_and_swept_when_unused(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let first = upload(&t, &ana, "policy.pdf", pdf()).await.unwrap();
    let second = upload(&t, &ben, "policy (1).pdf", pdf()).await.unwrap();
    assert_ne!(first.id, second.id);
    assert_eq!(t.stored_files(), 1, "one stored file for the same bytes");
    post_with(&t, &ben, None, &[second.id]).await.unwrap();

    // A day later Ana's unattached upload goes; the content stays, Ben's post uses it.
    t.clock.advance(Duration::from_secs(25 * 3600));
    let swept = uploads::sweep(&t.app).await.unwrap();
    assert_eq!(swept.uploads, 1);
    assert_eq!(swept.files, 0);
    assert_eq!(t.stored_files(), 1);
    assert!(matches!(
        uploads::get(&t.app, &actor(&ana), first.id).await,
        Err(AppError::NotFound(_))
    ));
    assert!(readable(&t, &ana, second.id).await);
}

async fn retention_takes_the_files_of_what_it_deletes(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let file = upload(&t, &ana, "old.pdf", pdf()).await.unwrap();
    post_with(&t, &ana, None, &[file.id]).await.unwrap();
    let admin_actor = actor(&admin);
    retention::set(&t.app, Acting::new(&admin_actor, "192.0.2.7"), Some(30))
        .await
        .unwrap();
    t.clock.advance(Duration::from_secs(31 * 24 * 3600));
    let applied = retention::apply(&t.app, Acting::new(&admin_actor, "192.0.2.7"))
        .await
        .unwrap();
    assert_eq!(applied.counts.posts, 1);
    assert!(!readable(&t, &ana, file.id).await);
    uploads::sweep(&t.app).await.unwrap();
    assert_eq!(t.stored_files(), 0);
}

async fn picture(
    t: &TestApp,
    user: &User,
    purpose: Purpose,
    seed: u64,
) -> Result<Upload, AppError> {
    uploads::receive(
        &t.app,
        &actor(user),
        Incoming {
            name: "me.jpg".to_owned(),
            purpose,
            alt_text: None,
        },
        futures_util::stream::iter([Ok::<_, std::io::Error>(demo_jpeg(seed, 900, 600))]),
    )
    .await
}

async fn photos_and_covers_are_set_by_their_owners_and_seen_where_they_are_shown(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let outsider = t
        .partner_outsider(&ana, hearth_app::domain::Role::Member)
        .await;

    let face = picture(&t, &ana, Purpose::Avatar, 21).await.unwrap();
    assert!(face.variants.contains(&Variant::Avatar));
    assert!(face.variants.contains(&Variant::AvatarSmall));
    let avatar = uploads::download(&t.app, &actor(&ana), face.id, Variant::Avatar)
        .await
        .unwrap();
    assert!(avatar.upload.is_image());
    assert!(!readable(&t, &ben, face.id).await, "not a photo yet");
    uploads::set_photo(&t.app, &actor(&ana), Some(face.id))
        .await
        .unwrap();
    assert!(
        readable(&t, &ben, face.id).await,
        "a photo is seen by colleagues"
    );
    assert!(!readable(&t, &outsider, face.id).await);
    let post = t.post(&ana, None, "Hello").await;
    let view = feeds::get(&t.app, &actor(&ben), post.id).await.unwrap();
    assert_eq!(view.author_photo, Some(face.id));

    // Only a picture made as a photo, and only one's own.
    let attachment = photo(&t, &ana, 22).await;
    let refused = uploads::set_photo(&t.app, &actor(&ana), Some(attachment.id)).await;
    assert!(matches!(refused, Err(AppError::Invalid(e)) if e.field == "upload_id"));
    let bens = picture(&t, &ben, Purpose::Avatar, 23).await.unwrap();
    let refused = uploads::set_photo(&t.app, &actor(&ana), Some(bens.id)).await;
    assert!(matches!(refused, Err(AppError::Invalid(_))));

    // Taking it down: the old photo is swept like an unattached upload.
    uploads::set_photo(&t.app, &actor(&ana), None)
        .await
        .unwrap();
    assert!(!readable(&t, &ben, face.id).await);
    t.clock.advance(Duration::from_secs(25 * 3600));
    uploads::sweep(&t.app).await.unwrap();
    assert!(!readable(&t, &ana, face.id).await);

    // Covers: the community's managers set them; who sees the community sees it.
    let secret = t.community(&ana, "Merger", "secret").await;
    let cover = picture(&t, &ana, Purpose::Cover, 24).await.unwrap();
    let bens_cover = picture(&t, &ben, Purpose::Cover, 25).await.unwrap();
    let not_a_manager =
        uploads::set_cover(&t.app, &actor(&ben), secret.id, Some(bens_cover.id)).await;
    assert!(
        matches!(not_a_manager, Err(AppError::NotFound(_))),
        "secret: unknown to Ben"
    );
    let public = t.community(&ana, "Cyclists", "public").await;
    let forbidden = uploads::set_cover(&t.app, &actor(&ben), public.id, Some(bens_cover.id)).await;
    assert!(matches!(forbidden, Err(AppError::Forbidden(_))));
    uploads::set_cover(&t.app, &actor(&ana), secret.id, Some(cover.id))
        .await
        .unwrap();
    assert!(readable(&t, &ana, cover.id).await);
    assert!(
        !readable(&t, &ben, cover.id).await,
        "a secret community's cover"
    );
    let public_cover = picture(&t, &ana, Purpose::Cover, 26).await.unwrap();
    uploads::set_cover(&t.app, &actor(&ana), public.id, Some(public_cover.id))
        .await
        .unwrap();
    assert!(readable(&t, &ben, public_cover.id).await);
}

async fn exports_hold_the_files_beside_their_json_lines(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let document = upload(&t, &ana, "Q3 plan.pdf", pdf()).await.unwrap();
    let image = photo(&t, &ana, 31).await;
    post_with(&t, &ana, None, &[document.id, image.id])
        .await
        .unwrap();
    let admin_actor = actor(&admin);
    for opened in [
        hearth_app::export::network(&t.app, Acting::new(&admin_actor, "192.0.2.7"))
            .await
            .unwrap(),
        hearth_app::export::user(
            &t.app,
            Acting::new(&admin_actor, "192.0.2.7"),
            &hearth_app::export::Whom::parse("ana@acme.test"),
        )
        .await
        .unwrap(),
    ] {
        let mut bytes = Vec::new();
        opened.write_to(&mut bytes, |_| {}).await.unwrap();
        let lines = hearth_testkit::unzip_json_lines(&bytes);
        let files = hearth_testkit::unzip_files(&bytes);
        let listed = &lines["uploads.jsonl"];
        assert_eq!(listed.len(), 2);
        let pdf_line = listed
            .iter()
            .find(|line| line["id"] == document.id.to_string())
            .unwrap();
        let path = pdf_line["file"].as_str().unwrap();
        assert_eq!(path, format!("files/{}/Q3 plan.pdf", document.id));
        assert_eq!(files[path], pdf(), "the file itself, byte for byte");
        let image_path = format!("files/{}/photo.jpg", image.id);
        assert_eq!(&files[&image_path][..2], &[0xFF, 0xD8]);
    }
}
