//! The browser path: set-up link, forms, cookies, CSRF.

use crate::support::{Server, browser, form_value};
use hearth_app::domain::Role;
use hearth_testkit::{PASSWORD, TestDb, both_backends};

both_backends!(
    the_set_up_link_creates_the_admin_who_then_reads_me,
    the_set_up_link_works_once_and_only_with_its_token,
    forms_without_the_right_csrf_token_are_refused,
    sign_in_and_sign_out_through_the_pages,
    a_wrong_password_on_the_page_says_so_and_sets_no_session,
);

async fn the_set_up_link_creates_the_admin_who_then_reads_me(db: TestDb) {
    let server = Server::start(db).await;
    let link = server
        .running
        .setup_link
        .clone()
        .expect("a fresh database prints a link");
    assert!(link.starts_with(&server.base), "{link}");
    let browser = browser();

    let home = browser.get(server.url("/")).send().await.unwrap();
    assert_eq!(
        home.status(),
        503,
        "before set-up the home page explains what to do"
    );

    let page = browser.get(&link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let csrf = form_value(&html, "csrf");
    let token = form_value(&html, "token");
    let response = browser
        .post(server.url("/setup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("token", token.as_str()),
            ("company", "Acme Ltd"),
            ("name", "Ana Lima"),
            ("email", "ana@acme.test"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");

    let me: serde_json::Value = browser
        .get(server.url("/api/hearth/v1/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["email"], "ana@acme.test");
    assert_eq!(me["user"]["role"], "admin");
    assert_eq!(me["network"]["name"], "Acme Ltd");
    assert_eq!(me["network"]["kind"], "home");

    let home = browser.get(server.url("/")).send().await.unwrap();
    assert_eq!(home.status(), 200);
    assert!(home.text().await.unwrap().contains("Welcome, Ana Lima"));
    server.stop().await;
}

async fn the_set_up_link_works_once_and_only_with_its_token(db: TestDb) {
    let server = Server::start(db).await;
    let link = server.running.setup_link.clone().unwrap();
    let browser = browser();
    let wrong = browser
        .get(server.url("/setup?token=guess"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    assert!(wrong.text().await.unwrap().contains("not valid"));

    let html = browser
        .get(&link)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = form_value(&html, "csrf");
    let token = form_value(&html, "token");
    let bad = browser
        .post(server.url("/setup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("token", token.as_str()),
            ("company", "Acme"),
            ("name", "Ana"),
            ("email", "not-an-email"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let bad_html = bad.text().await.unwrap();
    assert!(bad_html.contains("e-mail"), "the page says what is wrong");
    assert!(bad_html.contains("value=\"Acme\""), "typed values are kept");

    let done = browser
        .post(server.url("/setup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("token", token.as_str()),
            ("company", "Acme"),
            ("name", "Ana"),
            ("email", "ana@acme.test"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    let again = browser.get(&link).send().await.unwrap();
    assert_eq!(
        again.status(),
        410,
        "the link is used up once the network exists"
    );
    server.stop().await;
}

async fn forms_without_the_right_csrf_token_are_refused(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let browser = browser();
    let csrf = sign_in_form(&server, &browser).await;

    let forged = post_sign_in(&server, &browser, "forged", PASSWORD).await;
    assert_eq!(forged.status(), 403);

    // Another site's form: right token shape, but the browser holds no matching cookie.
    let stranger = crate::support::browser();
    let cross_site = post_sign_in(&server, &stranger, &csrf, PASSWORD).await;
    assert_eq!(cross_site.status(), 403);

    let signed_in = post_sign_in(&server, &browser, &csrf, PASSWORD).await;
    assert_eq!(signed_in.status(), 303);

    let sign_out = browser
        .post(server.url("/sign-out"))
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(sign_out.status(), 403);
    let me = browser
        .get(server.url("/api/hearth/v1/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200, "a refused sign-out changes nothing");
    server.stop().await;
}

async fn sign_in_and_sign_out_through_the_pages(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let browser = browser();
    let to_sign_in = browser.get(server.url("/")).send().await.unwrap();
    assert_eq!(to_sign_in.status(), 303);
    assert_eq!(to_sign_in.headers()["location"], "/sign-in");

    let csrf = sign_in_form(&server, &browser).await;
    let response = post_sign_in(&server, &browser, &csrf, PASSWORD).await;
    assert_eq!(response.status(), 303);
    let home = browser
        .get(server.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let session_csrf = form_value(&home, "csrf");
    assert_ne!(
        session_csrf, csrf,
        "signed-in forms use the session's token"
    );

    let out = browser
        .post(server.url("/sign-out"))
        .form(&[("csrf", session_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    let me = browser
        .get(server.url("/api/hearth/v1/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);
    server.stop().await;
}

async fn a_wrong_password_on_the_page_says_so_and_sets_no_session(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let browser = browser();
    let csrf = sign_in_form(&server, &browser).await;
    let response = post_sign_in(&server, &browser, &csrf, "wrong password").await;
    assert_eq!(response.status(), 401);
    assert!(response.headers().get("set-cookie").is_none());
    let page = response.text().await.unwrap();
    assert!(page.contains("role=\"alert\""));
    assert!(page.contains("not right"));
    server.stop().await;
}

/// Opens the sign-in page and answers the CSRF token of its form.
async fn sign_in_form(server: &Server, browser: &reqwest::Client) -> String {
    let page = browser.get(server.url("/sign-in")).send().await.unwrap();
    form_value(&page.text().await.unwrap(), "csrf")
}

/// Submits the sign-in form as ana@acme.test.
async fn post_sign_in(
    server: &Server,
    browser: &reqwest::Client,
    csrf: &str,
    password: &str,
) -> reqwest::Response {
    browser
        .post(server.url("/sign-in"))
        .form(&[
            ("csrf", csrf),
            ("email", "ana@acme.test"),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
}
