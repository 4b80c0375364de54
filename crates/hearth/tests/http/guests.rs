//! Guests of external networks over HTTP: invited through the API and the guests
//! page, accepting the link in a browser, what they see and are marked as, and their
//! sponsor extending or ending their access.

use crate::support::{Server, browser, error_of, form_value, page, submit};
use hearth_app::domain::Role;
use hearth_testkit::{PASSWORD, TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    a_guest_invited_through_the_api_accepts_in_a_browser_and_is_ended_at_once,
    the_guests_page_invites_lists_and_refuses_bad_input,
);

/// An external network made by `admin`, for guests at supplier.example.
async fn suppliers(admin: &crate::support::SignedIn) -> String {
    let made: Value = admin
        .post_json(
            "/networks",
            &json!({ "name": "Suppliers", "guest_domain": "supplier.example", "guest_days": 60 }),
        )
        .await
        .json()
        .await
        .unwrap();
    made["id"].as_str().unwrap().to_owned()
}

/// Opens an invitation link in a fresh browser and creates the account.
async fn accept(server: &Server, link: &str, name: &str) {
    let path = link.strip_prefix(&server.base).unwrap().to_owned();
    let guest = browser();
    let (status, html) = page(server, &guest, &path).await;
    assert_eq!(status, 200, "{html}");
    let csrf = form_value(&html, "csrf");
    let (status, location, html) = submit(
        server,
        &guest,
        &path,
        &[("csrf", &csrf), ("name", name), ("password", PASSWORD)],
    )
    .await;
    assert_eq!((status, location.as_str()), (303, "/"), "{html}");
}

async fn a_guest_invited_through_the_api_accepts_in_a_browser_and_is_ended_at_once(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    let ana_id = server
        .user("ana@acme.test", Role::Member)
        .await
        .id
        .to_string();
    let admin = server.signed_in("admin@acme.test").await;
    let ana = server.signed_in("ana@acme.test").await;
    let network = suppliers(&admin).await;
    let guests = format!("/networks/{network}/guests");

    // Bad input and people who do not answer for the network change nothing.
    let (status, code, message, _) = error_of(
        admin
            .post_json(&guests, &json!({ "email": "gus@elsewhere.example" }))
            .await,
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "invalid_input"));
    assert!(message.contains("supplier.example"), "{message}");
    let (status, _, _, _) = error_of(
        ana.post_json(&guests, &json!({ "email": "gus@supplier.example" }))
            .await,
    )
    .await;
    assert_eq!(status, 403);
    let (status, _, _, _) = error_of(
        admin
            .post_json(
                "/networks/42/guests",
                &json!({ "email": "gus@supplier.example" }),
            )
            .await,
    )
    .await;
    assert_eq!(status, 404);
    let invitations = format!("/networks/{network}/invitations");
    assert_eq!(admin.json(&invitations).await.as_array().unwrap().len(), 0);

    let created = admin
        .post_json(&guests, &json!({ "email": "gus@supplier.example" }))
        .await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["invitation"]["state"], "open");
    let listed = admin.json(&invitations).await;
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    accept(&server, created["link"].as_str().unwrap(), "Gus Ferreira").await;

    // The guest signs in with their password and is in that network alone.
    let gus = server.signed_in("gus@supplier.example").await;
    let theirs = gus.json("/networks").await;
    assert_eq!(theirs.as_array().unwrap().len(), 1, "{theirs}");
    assert_eq!(theirs[0]["id"], network.as_str());
    assert_eq!(theirs[0]["kind"], "external");
    let posted: Value = gus
        .post_json("/posts", &json!({ "body": "Trucks arrive at nine" }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(posted["author"]["guest"], true, "{posted}");
    let gus_id = posted["author"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        gus.json(&format!("/people/{gus_id}")).await["profile"]["guest"],
        true
    );
    let (status, _, _, _) = error_of(gus.get(&guests).await).await;
    assert_eq!(status, 403, "a guest lists no guests");

    // Their sponsor sees them, with the end of their access.
    let listed = admin.json(&guests).await;
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["name"], "Gus Ferreira");
    assert_eq!(listed[0]["email"], "gus@supplier.example");
    assert_eq!(listed[0]["needs_sponsor"], false);
    let until = listed[0]["access_until"].as_str().unwrap().to_owned();
    let (status, _, _, _) = error_of(ana.get(&guests).await).await;
    assert_eq!(status, 403);

    let extend = format!("{guests}/{gus_id}/extend");
    let (status, _, _, _) = error_of(admin.post_json(&extend, &json!({ "days": 0 })).await).await;
    assert_eq!(status, 422);
    assert_eq!(admin.json(&guests).await[0]["access_until"], until.as_str());
    let extended = admin.post_json(&extend, &json!({ "days": 30 })).await;
    assert_eq!(extended.status(), 200);
    let extended: Value = extended.json().await.unwrap();
    assert!(extended["access_until"].as_str().unwrap() > until.as_str());

    // An admin names Ana the guest's sponsor: she answers for them from then on, on
    // the page her reminders link to.
    let (status, _, _, _) = error_of(
        ana.put_json(
            &format!("{guests}/{gus_id}/sponsor"),
            &json!({ "sponsor_id": ana_id }),
        )
        .await,
    )
    .await;
    assert_eq!(status, 403, "only admins name sponsors");
    let named = admin
        .put_json(
            &format!("{guests}/{gus_id}/sponsor"),
            &json!({ "sponsor_id": ana_id }),
        )
        .await;
    assert_eq!(named.status(), 200);
    let named: Value = named.json().await.unwrap();
    assert_eq!(named["sponsor_id"], ana_id.as_str());
    let (status, html) = ana.page(&format!("/networks/{network}/guests")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Gus Ferreira"), "{html}");

    // Ending access signs them out everywhere at once.
    let ended = admin
        .post_json(
            &format!("{guests}/{gus_id}/end"),
            &json!({ "reason": "contract over" }),
        )
        .await;
    assert_eq!(ended.status(), 200);
    let ended: Value = ended.json().await.unwrap();
    assert_eq!(ended["status"], "deactivated");
    assert!(ended["ended_at"].is_string());
    assert_eq!(gus.get("/me").await.status(), 401);
    server.stop().await;
}

async fn the_guests_page_invites_lists_and_refuses_bad_input(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    let admin = server.signed_in("admin@acme.test").await;
    let network = suppliers(&admin).await;
    let path = format!("/networks/{network}/guests");

    let (_, html) = admin.page("/networks").await;
    assert!(html.contains(&format!(r#"href="{path}""#)), "{html}");
    let (status, html) = admin.page(&path).await;
    assert_eq!(status, 200);
    assert!(html.contains("Guests of Suppliers"), "{html}");
    assert!(html.contains("No guests yet."));
    let csrf = form_value(&html, "csrf");

    let (status, _, _) = admin
        .submit(
            &path,
            &[("csrf", "forged"), ("email", "gus@supplier.example")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _, html) = admin
        .submit(
            &path,
            &[("csrf", &csrf), ("email", "gus@elsewhere.example")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Guests of this network must have an address at supplier.example"),
        "{html}"
    );
    assert!(
        html.contains(r#"value="gus@elsewhere.example""#),
        "what was typed stays"
    );
    assert_eq!(
        admin
            .json(&format!("/networks/{network}/invitations"))
            .await
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let (status, _, html) = admin
        .submit(&path, &[("csrf", &csrf), ("email", "gus@supplier.example")])
        .await;
    assert_eq!(status, 200);
    assert!(
        html.contains("An invitation was sent to gus@supplier.example"),
        "{html}"
    );
    let link_start = html.find(&format!("{}/invite/", server.base)).unwrap();
    let link: String = html[link_start..]
        .chars()
        .take_while(|c| *c != '<')
        .collect();
    assert!(html.contains("Open invitations"));
    accept(&server, &link, "Gus Ferreira").await;

    let (_, html) = admin.page(&path).await;
    assert!(html.contains("Gus Ferreira"), "{html}");
    assert!(
        html.contains(r#"class="badge guest""#),
        "the guest is marked"
    );
    assert!(html.contains("Sponsor: "));
    assert!(
        !html.contains("Open invitations"),
        "the invitation was used"
    );
    server.stop().await;
}
