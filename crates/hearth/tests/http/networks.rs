//! External networks over the JSON API: creating one, adding a colleague, and that
//! colleague switching their session, or naming the network per request with the
//! `Hearth-Network` header, with their one sign-in.

use crate::support::{Server, error_of, form_value};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    a_colleague_works_in_an_external_network_with_one_sign_in,
    the_networks_page_creates_networks_and_adds_colleagues,
);

async fn a_colleague_works_in_an_external_network_with_one_sign_in(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    let ana = server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let ana_session = server.signed_in("ana@acme.test").await;

    // Bad input is refused and creates nothing; a member may not create one.
    let (status, code, _, _) = error_of(
        admin
            .post_json(
                "/networks",
                &json!({ "name": "Suppliers", "guest_domain": "https://supplier.example" }),
            )
            .await,
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "invalid_input"));
    let (status, _, _, _) = error_of(
        ana_session
            .post_json("/networks", &json!({ "name": "Mine" }))
            .await,
    )
    .await;
    assert_eq!(status, 403);
    let listed = admin.json("/networks").await;
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");

    let made = admin
        .post_json(
            "/networks",
            &json!({
                "name": "Suppliers",
                "description": "Parts and deliveries",
                "guest_domain": "supplier.example",
                "guest_days": 60,
            }),
        )
        .await;
    assert_eq!(made.status(), 201);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["guest_days"], 60);
    assert_eq!(made["guest_domain"], "supplier.example");
    let network = made["id"].as_str().unwrap().to_owned();

    let added = admin
        .post_json(
            &format!("/networks/{network}/members"),
            &json!({ "user_id": ana.id.to_string() }),
        )
        .await;
    assert_eq!(added.status(), 201);
    let added: Value = added.json().await.unwrap();
    let ana_there = added["user_id"].as_str().unwrap().to_owned();
    let (status, _, _, _) = error_of(
        admin
            .post_json(
                &format!("/networks/{network}/members"),
                &json!({ "user_id": ana.id.to_string() }),
            )
            .await,
    )
    .await;
    assert_eq!(status, 409);

    // Her networks, home first, acting at home.
    let mine = ana_session.json("/networks").await;
    assert_eq!(mine[0]["kind"], "home");
    assert_eq!(mine[0]["current"], true);
    assert_eq!(mine[1]["id"], network.as_str());
    assert_eq!(mine[1]["user_id"], ana_there.as_str());
    assert_eq!(mine[1]["current"], false);
    let home_post: Value = ana_session
        .post_json("/posts", &json!({ "body": "Home only" }))
        .await
        .json()
        .await
        .unwrap();
    let home_post = home_post["id"].as_str().unwrap().to_owned();

    // A token names the network per request.
    let token = ana_session.new_token("script").await;
    let with_token = |path: &str, network: Option<&str>| {
        let mut request = reqwest::Client::new()
            .get(server.url(&format!("/api/hearth/v1{path}")))
            .bearer_auth(&token);
        if let Some(network) = network {
            request = request.header("Hearth-Network", network);
        }
        request.send()
    };
    let me: Value = with_token("/me", Some(&network))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["id"], ana_there.as_str());
    let hidden = with_token(&format!("/posts/{home_post}"), Some(&network))
        .await
        .unwrap();
    assert_eq!(hidden.status(), 404, "nothing of home exists there");
    let seen = with_token(&format!("/posts/{home_post}"), None)
        .await
        .unwrap();
    assert_eq!(seen.status(), 200);
    let (status, _, _, _) = error_of(with_token("/me", Some("42")).await.unwrap()).await;
    assert_eq!(status, 404, "not a network she is in");
    let (status, _, _, _) = error_of(with_token("/me", Some("suppliers")).await.unwrap()).await;
    assert_eq!(status, 400);
    let (status, _, _, _) = error_of(
        reqwest::Client::new()
            .put(server.url("/api/hearth/v1/session/network"))
            .bearer_auth(&token)
            .json(&json!({ "network_id": network }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400, "a token has no session to switch");

    // The session switches, and the next requests act there.
    let switched = ana_session
        .put_json("/session/network", &json!({ "network_id": network }))
        .await;
    assert_eq!(switched.status(), 200);
    let switched: Value = switched.json().await.unwrap();
    assert_eq!(switched["current"], true);
    assert_eq!(
        ana_session.json("/me").await["user"]["id"],
        ana_there.as_str()
    );
    assert_eq!(
        ana_session
            .get(&format!("/posts/{home_post}"))
            .await
            .status(),
        404
    );
    let there: Value = ana_session
        .post_json("/posts", &json!({ "body": "Delivery plan" }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        admin
            .get(&format!("/posts/{}", there["id"].as_str().unwrap()))
            .await
            .status(),
        404,
        "nothing of the external network reaches home"
    );
    let (status, _, _, _) = error_of(
        ana_session
            .put_json("/session/network", &json!({ "network_id": "42" }))
            .await,
    )
    .await;
    assert_eq!(status, 404);

    // In the browser, the header lists her networks and switches between them.
    let (_, html) = ana_session.page("/").await;
    assert!(html.contains(r#"action="/networks/switch""#), "{html}");
    assert!(html.contains("Suppliers · external"), "{html}");
    let csrf = form_value(&html, "csrf");
    let home_id = mine[0]["id"].as_str().unwrap().to_owned();
    let (status, location, _) = ana_session
        .submit(
            "/networks/switch",
            &[("csrf", &csrf), ("network", &home_id)],
        )
        .await;
    assert_eq!((status, location.as_str()), (303, "/"));
    assert_eq!(
        ana_session.json("/me").await["user"]["id"],
        ana.id.to_string()
    );
    let (status, _, _) = ana_session
        .submit("/networks/switch", &[("csrf", &csrf), ("network", "42")])
        .await;
    assert_eq!(status, 404);
    let (status, _, _) = ana_session
        .submit(
            "/networks/switch",
            &[("csrf", "forged"), ("network", &network)],
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        ana_session.json("/me").await["user"]["id"],
        ana.id.to_string(),
        "a refused switch changes nothing"
    );
    server.user("ben@acme.test", Role::Member).await;
    let (_, html) = server.signed_in("ben@acme.test").await.page("/").await;
    assert!(
        !html.contains(r#"action="/networks/switch""#),
        "someone in one network gets no switcher"
    );

    // Only admins change who may create external networks.
    let (status, _, _, _) = error_of(
        ana_session
            .put_json("/networks/settings", &json!({ "members_create": true }))
            .await,
    )
    .await;
    assert_eq!(status, 403);
    let on = admin
        .put_json("/networks/settings", &json!({ "members_create": true }))
        .await;
    assert_eq!(on.status(), 200);
    assert_eq!(
        admin.json("/networks/settings").await["members_create"],
        true
    );

    // A token made in the external network acts only there.
    let switched = ana_session
        .put_json("/session/network", &json!({ "network_id": network }))
        .await;
    assert_eq!(switched.status(), 200);
    let there_token = ana_session.new_token("supplier script").await;
    let home_id = mine[0]["id"].as_str().unwrap().to_owned();
    let (status, _, _, _) = error_of(
        reqwest::Client::new()
            .get(server.url("/api/hearth/v1/me"))
            .bearer_auth(&there_token)
            .header("Hearth-Network", &home_id)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);

    // The home network's usage policy holds however a request reaches home.
    let published = admin
        .post_json("/usage-policy", &json!({ "body": "Be kind." }))
        .await;
    assert_eq!(published.status(), 201);
    assert_eq!(ana_session.get("/me").await.status(), 200, "none out there");
    let (status, code, _, _) = error_of(
        ana_session
            .client
            .get(server.url("/api/hearth/v1/communities"))
            .header("Hearth-Network", &home_id)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, code.as_str()), (403, "usage_policy_not_accepted"));
    server.stop().await;
}

async fn the_networks_page_creates_networks_and_adds_colleagues(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let ana = server.signed_in("ana@acme.test").await;

    // A member is not offered the form until an admin allows it.
    let (status, html) = ana.page("/networks").await;
    assert_eq!(status, 200);
    assert!(!html.contains(r#"action="/networks""#), "{html}");
    assert!(!html.contains(r#"action="/networks/settings""#));

    let (_, html) = admin.page("/networks").await;
    assert!(html.contains(r#"action="/networks""#), "{html}");
    let csrf = form_value(&html, "csrf");
    let (status, _, html) = admin
        .submit(
            "/networks",
            &[
                ("csrf", &csrf),
                ("name", "Suppliers"),
                ("guest_domain", "ana@supplier.example"),
                ("guest_days", "60"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Enter a domain like supplier.example"),
        "{html}"
    );
    assert!(
        html.contains(r#"value="Suppliers""#),
        "what was typed stays"
    );
    assert_eq!(admin.json("/networks").await.as_array().unwrap().len(), 1);

    let (status, location, _) = admin
        .submit(
            "/networks",
            &[
                ("csrf", &csrf),
                ("name", "Suppliers"),
                ("description", "Parts and deliveries"),
                ("guest_domain", "supplier.example"),
                ("guest_days", "60"),
            ],
        )
        .await;
    assert_eq!((status, location.as_str()), (303, "/networks?done=created"));
    let network = admin.json("/networks").await[1]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, html) = admin.page("/networks?done=created").await;
    assert!(
        html.contains("Guests get 60 days of access at a time."),
        "{html}"
    );
    assert!(html.contains("supplier.example"));

    let add = format!("/networks/{network}/members");
    let (status, _, html) = admin
        .submit(&add, &[("csrf", &csrf), ("email", "nobody@acme.test")])
        .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Nobody in your company has this e-mail address."),
        "{html}"
    );
    let (status, location, _) = admin
        .submit(&add, &[("csrf", &csrf), ("email", "ana@acme.test")])
        .await;
    assert_eq!((status, location.as_str()), (303, "/networks?done=added"));
    let (status, _, html) = admin
        .submit(&add, &[("csrf", &csrf), ("email", "ana@acme.test")])
        .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("This person is already in the network"),
        "{html}"
    );
    assert_eq!(ana.json("/networks").await.as_array().unwrap().len(), 2);

    // Letting employees create external networks.
    let (status, location, _) = admin
        .submit(
            "/networks/settings",
            &[("csrf", &csrf), ("members_create", "on")],
        )
        .await;
    assert_eq!((status, location.as_str()), (303, "/networks?done=saved"));
    let (_, html) = ana.page("/networks").await;
    assert!(html.contains(r#"action="/networks""#), "{html}");
    let ana_csrf = form_value(&html, "csrf");
    let (status, _, _) = ana
        .submit(
            "/networks/settings",
            &[("csrf", &ana_csrf), ("members_create", "on")],
        )
        .await;
    assert_eq!(status, 403);
    server.stop().await;
}
