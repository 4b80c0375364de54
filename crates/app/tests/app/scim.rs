//! SCIM tokens: created by an admin or the operator for their network, shown once,
//! accepted until revoked or until the admin who made them no longer stands, each
//! act audited; other roles are refused. And the rules of SCIM Users that are
//! Hearth's own: any unique userName, an address apart from it, deletion that hides
//! an account for good, and reactivation that only undoes the provider's own acts.

use hearth_app::audit::Acting;
use hearth_app::audit::AuditFilter;
use hearth_app::domain::{
    Actor, AuditAction, AuditActorKind, DisplayName, Email, Role, User, UserStatus,
};
use hearth_app::domain::{UploadId, UserId};
use hearth_app::files::images::demo_jpeg;
use hearth_app::people::{self, PersonRef};
use hearth_app::scim::users::{PhotoInput, ScimUser, UserInput};
use hearth_app::scim::{self, ListQuery, ScimClient, ScimError};
use hearth_app::uploads::FileSettings;
use hearth_app::{App, AppError, AppSettings, audit, lifecycle};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

both_backends!(
    a_scim_token_works_until_revoked_and_both_acts_are_audited,
    only_admins_and_the_operator_manage_scim_tokens,
    a_scim_token_stops_working_when_its_admin_is_shut_out_or_loses_the_role,
    an_identity_provider_reactivates_only_what_it_shut_out_itself,
    a_user_name_is_any_unique_string_and_the_address_comes_from_emails,
    a_user_the_identity_provider_deleted_is_not_found_but_kept_deactivated,
    a_photo_given_as_a_data_uri_becomes_the_profile_photo_and_an_empty_one_takes_it_down,
    a_photo_url_is_fetched_once_and_a_bad_one_leaves_the_photo_as_it_was,
    photo_urls_on_this_machine_or_over_plain_http_are_refused_by_default,
);

async fn a_scim_token_works_until_revoked_and_both_acts_are_audited(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let actor = Actor::User(admin.clone());
    let by = Acting::new(&actor, "192.0.2.9");
    let created = scim::tokens::create(&t.app, by, "Okta").await.unwrap();
    assert!(created.secret.starts_with(scim::SCIM_TOKEN_PREFIX));
    assert_eq!(created.token.network_id, admin.network_id);
    let client = scim::authenticate(&t.app, &created.secret, "198.51.100.1", "https://h/scim/v2")
        .await
        .unwrap();
    assert_eq!(client.network, admin.network_id);
    assert_eq!(client.name, "Okta");
    let listed = scim::tokens::list(&t.app, &actor).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, created.token.id);

    assert!(matches!(
        scim::authenticate(&t.app, "hscim_not-a-token", "x", "b").await,
        Err(ScimError::App(AppError::Unauthenticated(_)))
    ));
    scim::tokens::revoke(&t.app, by, created.token.id)
        .await
        .unwrap();
    assert!(matches!(
        scim::authenticate(&t.app, &created.secret, "x", "b").await,
        Err(ScimError::App(AppError::Unauthenticated(_)))
    ));
    assert!(matches!(
        scim::tokens::revoke(&t.app, by, created.token.id).await,
        Err(AppError::Conflict { .. })
    ));
    assert!(matches!(
        scim::tokens::revoke(&t.app, by, hearth_app::domain::ScimTokenId(12345)).await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        scim::tokens::create(&t.app, by, "  ").await,
        Err(AppError::Invalid(_))
    ));
    let entries = audit::list(&t.app, &actor, &AuditFilter::default(), None, 50)
        .await
        .unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .filter(|e| e.action.starts_with("scim_token"))
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(actions, ["scim_token.revoked", "scim_token.created"]);
    assert!(
        entries
            .iter()
            .filter(|e| e.action.starts_with("scim_token"))
            .all(|e| e.actor_kind == AuditActorKind::User && e.client_ip == "192.0.2.9")
    );
}

async fn only_admins_and_the_operator_manage_scim_tokens(db: TestDb) {
    let t = TestApp::new(db).await;
    t.admin().await;
    let ana = Actor::User(t.member("ana@acme.test").await);
    let cleo = Actor::User(t.user("cleo@acme.test", Role::Compliance).await);
    for actor in [&ana, &cleo] {
        let by = Acting::new(actor, "192.0.2.9");
        assert!(matches!(
            scim::tokens::create(&t.app, by, "x").await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            scim::tokens::list(&t.app, actor).await,
            Err(AppError::Forbidden(_))
        ));
    }
    let created = scim::tokens::create(&t.app, Acting::operator(), "CLI")
        .await
        .unwrap();
    assert!(matches!(
        scim::tokens::revoke(&t.app, Acting::new(&ana, "x"), created.token.id).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(created.token.created_by.is_none());
}

/// A SCIM client of the home network, with a token the operator made.
async fn provider(app: &App) -> ScimClient {
    let created = scim::tokens::create(app, Acting::operator(), "Okta")
        .await
        .unwrap();
    scim::authenticate(app, &created.secret, "198.51.100.1", "https://h/scim/v2")
        .await
        .unwrap()
}

fn input(user_name: &str, email: Option<&str>) -> UserInput {
    UserInput {
        user_name: user_name.to_owned(),
        email: email.map(|e| Email::parse(e).unwrap()),
        display_name: DisplayName::parse("Ana Lima").unwrap(),
        external_id: None,
        title: String::new(),
        department: String::new(),
        employee_number: String::new(),
        manager: None,
        active: None,
        photo: PhotoInput::Unchanged,
    }
}

/// The User as the provider would send it back with `changes` made.
fn edited(current: &ScimUser, changes: impl FnOnce(&mut UserInput)) -> UserInput {
    let mut input = input(&current.user_name, current.email.as_deref());
    input.title = current.title.clone();
    changes(&mut input);
    input
}

async fn a_scim_token_stops_working_when_its_admin_is_shut_out_or_loses_the_role(db: TestDb) {
    let t = TestApp::new(db).await;
    let boss = Actor::User(t.admin().await);
    let eve = t.user("eve@acme.test", Role::Admin).await;
    let carl = t.user("carl@acme.test", Role::Admin).await;
    let dora = t.user("dora@acme.test", Role::Admin).await;
    let mut secrets = Vec::new();
    for admin in [&eve, &carl, &dora] {
        let actor = Actor::User(admin.clone());
        let made = scim::tokens::create(&t.app, Acting::new(&actor, "192.0.2.1"), "IdP")
            .await
            .unwrap();
        secrets.push(made.secret);
    }
    let by_operator = scim::tokens::create(&t.app, Acting::operator(), "CLI")
        .await
        .unwrap();
    let works = |secret: String| {
        let app = t.app.clone();
        async move { scim::authenticate(&app, &secret, "x", "b").await.is_ok() }
    };
    for secret in &secrets {
        assert!(works(secret.clone()).await);
    }

    let by = Acting::new(&boss, "192.0.2.9");
    lifecycle::deactivate(&t.app, by, eve.id, "left")
        .await
        .unwrap();
    lifecycle::change_role(&t.app, by, carl.id, Role::Compliance, "")
        .await
        .unwrap();
    assert!(!works(secrets[0].clone()).await, "its admin is deactivated");
    assert!(
        !works(secrets[1].clone()).await,
        "its admin is no admin any more"
    );
    // Revoked for good, as the console shows: reactivating the admin brings nothing back.
    lifecycle::reactivate(&t.app, by, eve.id, "back")
        .await
        .unwrap();
    assert!(!works(secrets[0].clone()).await);
    let listed = scim::tokens::list(&t.app, &boss).await.unwrap();
    let revoked = listed
        .iter()
        .filter(|token| token.revoked_at.is_some())
        .count();
    assert_eq!(revoked, 2, "{listed:?}");
    let details = |action: AuditAction, target: &User| {
        let app = t.app.clone();
        let filter = AuditFilter {
            action: Some(action.as_str().to_owned()),
            target_id: Some(target.id.0),
            ..AuditFilter::default()
        };
        async move {
            let entries = audit::list(&app, &Actor::Operator, &filter, None, 1)
                .await
                .unwrap();
            serde_json::from_str::<serde_json::Value>(&entries[0].details).unwrap()
        }
    };
    assert_eq!(
        details(AuditAction::UserDeactivated, &eve).await["scim_tokens_revoked"],
        1
    );
    assert_eq!(
        details(AuditAction::RoleChanged, &carl).await["scim_tokens_revoked"],
        1
    );

    // However the admin stops standing, their token stops with them, even when the
    // status changed without the lifecycle's revocation.
    {
        let mut db = t.app.store().conn().await.unwrap();
        hearth_store::users::set_status(
            &mut db,
            dora.id,
            UserStatus::Deactivated,
            None,
            t.app.now(),
        )
        .await
        .unwrap();
    }
    assert!(!works(secrets[2].clone()).await, "its admin is deactivated");
    // The operator's token belongs to no account and stands until revoked.
    assert!(works(by_operator.secret).await);
}

async fn an_identity_provider_reactivates_only_what_it_shut_out_itself(db: TestDb) {
    let t = TestApp::new(db).await;
    let boss = Actor::User(t.admin().await);
    let client = provider(&t.app).await;
    let ana = scim::users::create(&t.app, &client, input("ana", Some("ana@acme.test")))
        .await
        .unwrap();
    let bo = scim::users::create(&t.app, &client, input("bo", Some("bo@acme.test")))
        .await
        .unwrap();
    let by_admin = Acting::new(&boss, "192.0.2.9");

    // An admin deactivated Ana for cause: the provider's `active: true` is refused,
    // and nothing of the request is written.
    lifecycle::deactivate(&t.app, by_admin, ana.id, "for cause")
        .await
        .unwrap();
    let refused = scim::users::replace(&t.app, &client, ana.id, None, |current| {
        Ok::<_, ScimError>(edited(current, |u| {
            u.active = Some(true);
            u.title = "Returned".to_owned();
        }))
    })
    .await;
    assert!(
        matches!(refused, Err(ScimError::Mutability(_))),
        "{refused:?}"
    );
    let after = scim::users::get(&t.app, &client, ana.id).await.unwrap();
    assert!(!after.active);
    assert_eq!(after.title, "", "the refused request changed nothing");
    // The same rule holds below the SCIM layer.
    assert!(matches!(
        lifecycle::reactivate(&t.app, client.acting(), ana.id, "").await,
        Err(AppError::Forbidden(_))
    ));
    // A suspension by an admin too.
    let until = t.app.now() + 86_400_000;
    lifecycle::suspend(&t.app, by_admin, bo.id, until, "cool down")
        .await
        .unwrap();
    let refused = scim::users::replace(&t.app, &client, bo.id, None, |current| {
        Ok::<_, ScimError>(edited(current, |u| u.active = Some(true)))
    })
    .await;
    assert!(
        matches!(refused, Err(ScimError::Mutability(_))),
        "{refused:?}"
    );

    // An admin lets Ana back in; then the provider deactivates and reactivates her.
    lifecycle::reactivate(&t.app, by_admin, ana.id, "cleared")
        .await
        .unwrap();
    for active in [false, true] {
        let done = scim::users::replace(&t.app, &client, ana.id, None, |current| {
            Ok::<_, ScimError>(edited(current, |u| u.active = Some(active)))
        })
        .await
        .unwrap();
        assert_eq!(done.active, active);
    }
}

async fn a_user_name_is_any_unique_string_and_the_address_comes_from_emails(db: TestDb) {
    let t = TestApp::new(db).await;
    t.admin().await;
    let client = provider(&t.app).await;
    let jdoe = scim::users::create(&t.app, &client, input("jdoe", Some("jane@acme.test")))
        .await
        .unwrap();
    assert_eq!(jdoe.user_name, "jdoe");
    assert_eq!(jdoe.email.as_deref(), Some("jane@acme.test"));
    // An employee number, without any address: the account has none to show.
    let numbered = scim::users::create(&t.app, &client, input("E-1042", None))
        .await
        .unwrap();
    assert_eq!(numbered.user_name, "E-1042");
    assert_eq!(numbered.email, None);

    // A taken userName, in any case, is refused and creates nothing.
    for taken in ["JDoe", "e-1042", "admin@acme.test"] {
        let refused =
            scim::users::create(&t.app, &client, input(taken, Some("other@acme.test"))).await;
        assert!(
            matches!(refused, Err(ScimError::Uniqueness(_))),
            "{taken}: {refused:?}"
        );
    }
    let refused = scim::users::replace(&t.app, &client, numbered.id, None, |current| {
        Ok::<_, ScimError>(edited(current, |u| u.user_name = "JDOE".to_owned()))
    })
    .await;
    assert!(
        matches!(refused, Err(ScimError::Uniqueness(_))),
        "{refused:?}"
    );
    let query = ListQuery {
        filter: Some(r#"userName eq "JDOE""#.to_owned()),
        ..ListQuery::default()
    };
    let found = scim::users::list(&t.app, &client, &query).await.unwrap();
    assert_eq!(found.total_results, 1);
    assert_eq!(found.resources[0].id, jdoe.id);
    let everyone = scim::users::list(&t.app, &client, &ListQuery::default())
        .await
        .unwrap();
    assert_eq!(everyone.total_results, 3, "the admin and two provisioned");
}

async fn a_user_the_identity_provider_deleted_is_not_found_but_kept_deactivated(db: TestDb) {
    let t = TestApp::new(db).await;
    let boss = Actor::User(t.admin().await);
    let client = provider(&t.app).await;
    let ana = scim::users::create(&t.app, &client, input("ana", Some("ana@acme.test")))
        .await
        .unwrap();
    scim::users::delete(&t.app, &client, ana.id, None)
        .await
        .unwrap();

    let not_found = |result: &Result<(), ScimError>| matches!(result, Err(ScimError::NotFound(_)));
    let got = scim::users::get(&t.app, &client, ana.id).await.map(|_| ());
    assert!(not_found(&got), "{got:?}");
    let replaced = scim::users::replace(&t.app, &client, ana.id, None, |current| {
        Ok::<_, ScimError>(edited(current, |_| {}))
    })
    .await
    .map(|_| ());
    assert!(not_found(&replaced), "{replaced:?}");
    assert!(not_found(
        &scim::users::delete(&t.app, &client, ana.id, None).await
    ));
    let listed = scim::users::list(&t.app, &client, &ListQuery::default())
        .await
        .unwrap();
    assert!(listed.resources.iter().all(|user| user.id != ana.id));

    // Hearth keeps the account, deactivated, and the userName is free again.
    let kept = lifecycle::account(&t.app, &boss, ana.id).await.unwrap();
    assert_eq!(kept.status, UserStatus::Deactivated);
    scim::users::create(&t.app, &client, input("ana", Some("ana.new@acme.test")))
        .await
        .unwrap();
    // An admin who lets the account back in shows it to the provider again.
    lifecycle::reactivate(&t.app, Acting::new(&boss, "192.0.2.9"), ana.id, "")
        .await
        .unwrap();
    let back = scim::users::get(&t.app, &client, ana.id).await.unwrap();
    assert!(back.active);
    assert_eq!(
        back.user_name, "ana@acme.test",
        "its old name went to someone else"
    );
}

/// A `data:` URI of a small JPEG.
fn jpeg_data_uri(seed: u64) -> String {
    use base64::Engine as _;
    let bytes = demo_jpeg(seed, 120, 90);
    format!(
        "data:image/jpeg;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// The photo on the person's profile, as a colleague sees it.
async fn profile_photo(t: &TestApp, viewer: &User, id: UserId) -> Option<UploadId> {
    people::get(&t.app, &Actor::User(viewer.clone()), &PersonRef::Id(id))
        .await
        .unwrap()
        .profile
        .photo
}

async fn a_photo_given_as_a_data_uri_becomes_the_profile_photo_and_an_empty_one_takes_it_down(
    db: TestDb,
) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let client = provider(&t.app).await;
    let mut new = input("ana", Some("ana@acme.test"));
    new.photo = PhotoInput::Take(jpeg_data_uri(1));
    let ana = scim::users::create(&t.app, &client, new).await.unwrap();
    let photo = ana.photo.expect("the photo is taken");
    assert_eq!(profile_photo(&t, &admin, ana.id).await, Some(photo));

    // The same value again changes nothing: no new upload, no new version.
    let again = scim::users::replace(&t.app, &client, ana.id, None, |current| {
        Ok::<_, ScimError>(edited(current, |i| {
            i.photo = PhotoInput::Take(jpeg_data_uri(1))
        }))
    })
    .await
    .unwrap();
    assert_eq!(again.photo, Some(photo));
    assert_eq!(again.version, ana.version);

    // Not an image: the update is done, the photo stays.
    let text = scim::users::replace(&t.app, &client, ana.id, None, |current| {
        Ok::<_, ScimError>(edited(current, |i| {
            i.title = "Baker".to_owned();
            i.photo = PhotoInput::Take("data:image/png;base64,aGVsbG8gd29ybGQ=".to_owned());
        }))
    })
    .await
    .unwrap();
    assert_eq!(text.title, "Baker");
    assert_eq!(text.photo, Some(photo));

    // A new picture replaces it.
    let other = scim::users::replace(&t.app, &client, ana.id, None, |current| {
        Ok::<_, ScimError>(edited(current, |i| {
            i.photo = PhotoInput::Take(jpeg_data_uri(2))
        }))
    })
    .await
    .unwrap();
    assert!(other.photo.is_some_and(|p| p != photo));

    let removed = scim::users::replace(&t.app, &client, ana.id, None, |current| {
        Ok::<_, ScimError>(edited(current, |i| i.photo = PhotoInput::Remove))
    })
    .await
    .unwrap();
    assert_eq!(removed.photo, None);
    assert_eq!(profile_photo(&t, &admin, ana.id).await, None);
}

/// A tiny web server answering `/face.jpg` with a JPEG, `/notes.txt` with text,
/// `/huge` with a body over the upload limit (and no length given), and anything
/// else with 404; it counts the requests for each path.
struct PictureServer {
    base: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl PictureServer {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let seen = Arc::clone(&seen);
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&head).into_owned();
                    let path = head.split(' ').nth(1).unwrap_or("").to_owned();
                    seen.lock().unwrap().push(path.clone());
                    let (status, kind, body, length) = match path.as_str() {
                        "/face.jpg" => ("200 OK", "image/jpeg", demo_jpeg(3, 200, 150), true),
                        "/notes.txt" => ("200 OK", "text/plain", b"hello".to_vec(), true),
                        "/huge" => ("200 OK", "image/jpeg", vec![0xff; 300 * 1024], false),
                        _ => ("404 Not Found", "text/plain", b"no".to_vec(), true),
                    };
                    let mut response = format!(
                        "HTTP/1.1 {status}\r\ncontent-type: {kind}\r\nconnection: close\r\n"
                    );
                    if length {
                        response.push_str(&format!("content-length: {}\r\n", body.len()));
                    }
                    response.push_str("\r\n");
                    let _ = socket.write_all(response.as_bytes()).await;
                    let _ = socket.write_all(&body).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        Self { base, requests }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn count(&self, path: &str) -> usize {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|p| *p == path)
            .count()
    }
}

/// An application that may fetch pictures from this machine, with a 100 KB limit.
async fn fetching_app(db: TestDb, loopback: bool) -> TestApp {
    TestApp::with_settings(
        db,
        AppSettings {
            files: FileSettings {
                max_file_bytes: 100 * 1024,
                scim_photo_fetch_loopback: loopback,
                ..FileSettings::default()
            },
            ..AppSettings::default()
        },
    )
    .await
}

async fn take_photo(t: &TestApp, client: &ScimClient, user: &ScimUser, value: &str) -> ScimUser {
    scim::users::replace(&t.app, client, user.id, None, |current| {
        Ok::<_, ScimError>(edited(current, |i| {
            i.photo = PhotoInput::Take(value.to_owned())
        }))
    })
    .await
    .unwrap()
}

async fn a_photo_url_is_fetched_once_and_a_bad_one_leaves_the_photo_as_it_was(db: TestDb) {
    let t = fetching_app(db, true).await;
    let admin = t.admin().await;
    let client = provider(&t.app).await;
    let server = PictureServer::start().await;
    let mut new = input("ana", Some("ana@acme.test"));
    new.photo = PhotoInput::Take(server.url("/face.jpg"));
    let ana = scim::users::create(&t.app, &client, new).await.unwrap();
    let photo = ana.photo.expect("the photo is fetched");
    assert_eq!(profile_photo(&t, &admin, ana.id).await, Some(photo));
    assert_eq!(server.count("/face.jpg"), 1);

    // Providers send every attribute on every update: the same URL is not fetched again.
    let again = take_photo(&t, &client, &ana, &server.url("/face.jpg")).await;
    assert_eq!(again.photo, Some(photo));
    assert_eq!(server.count("/face.jpg"), 1);

    // Not an image, not found, over the limit, or nobody answering: the update is
    // done, and the photo stays as it was.
    for path in ["/notes.txt", "/missing.jpg", "/huge"] {
        let after = take_photo(&t, &client, &ana, &server.url(path)).await;
        assert_eq!(after.photo, Some(photo), "{path}");
        assert_eq!(server.count(path), 1, "{path}");
    }
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        format!("http://127.0.0.1:{port}/face.jpg")
    };
    let after = take_photo(&t, &client, &ana, &closed).await;
    assert_eq!(after.photo, Some(photo));
    let after = take_photo(&t, &client, &ana, "ftp://example.com/face.jpg").await;
    assert_eq!(after.photo, Some(photo));
    assert_eq!(profile_photo(&t, &admin, ana.id).await, Some(photo));
}

async fn photo_urls_on_this_machine_or_over_plain_http_are_refused_by_default(db: TestDb) {
    let t = fetching_app(db, false).await;
    t.admin().await;
    let client = provider(&t.app).await;
    let server = PictureServer::start().await;
    let port = server.base.rsplit(':').next().unwrap().to_owned();
    let mut new = input("ana", Some("ana@acme.test"));
    new.photo = PhotoInput::Take(server.url("/face.jpg"));
    let ana = scim::users::create(&t.app, &client, new).await.unwrap();
    assert_eq!(ana.photo, None, "plain http is refused");
    for url in [
        format!("https://127.0.0.1:{port}/face.jpg"),
        format!("https://localhost:{port}/face.jpg"),
        format!("https://[::1]:{port}/face.jpg"),
        "https://169.254.169.254/latest/meta-data".to_owned(),
        "https://10.0.0.1/face.jpg".to_owned(),
    ] {
        let after = take_photo(&t, &client, &ana, &url).await;
        assert_eq!(after.photo, None, "{url}");
    }
    assert_eq!(server.count("/face.jpg"), 0, "nothing reached this machine");
}
