//! Which language pages are written in: the browser's, a visitor's switch, a
//! person's saved choice, the network's default; and refusals that change nothing.

use crate::support::{Server, browser, error_of, form_value};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};

both_backends!(
    a_visitor_gets_the_browsers_language_or_the_one_they_switch_to,
    a_saved_choice_wins_and_bad_choices_change_nothing,
    admins_set_the_network_default_for_everyone_who_chose_none,
);

/// The page's `lang` attribute and its HTML.
async fn page_in(client: &reqwest::Client, url: &str, accept: Option<&str>) -> (String, String) {
    let mut request = client.get(url);
    if let Some(accept) = accept {
        request = request.header("accept-language", accept);
    }
    let html = request.send().await.unwrap().text().await.unwrap();
    let start = html.find("<html lang=\"").expect("a lang attribute") + 12;
    let end = html[start..].find('"').unwrap() + start;
    (html[start..end].to_owned(), html)
}

async fn a_visitor_gets_the_browsers_language_or_the_one_they_switch_to(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    let visitor = browser();
    let sign_in = server.url("/sign-in");

    let (lang, html) = page_in(&visitor, &sign_in, Some("de-AT,de;q=0.9,en;q=0.5")).await;
    assert_eq!(lang, "de");
    assert!(html.contains("dir=\"ltr\""), "{html}");
    assert!(html.contains("Zum Inhalt springen"), "{html}");
    let (lang, _) = page_in(&visitor, &sign_in, Some("fr, ja")).await;
    assert_eq!(
        lang, "en",
        "no shipped language asked for: the network's default"
    );
    let (lang, _) = page_in(&visitor, &sign_in, Some("en-XA")).await;
    assert_eq!(
        lang, "en-XA",
        "the tests' pseudo-locale, by its exact tag only"
    );

    // The switch on the sign-in page: a cookie, and back to where it was used.
    let switched = visitor
        .get(server.url("/language?lang=pt-BR&back=/sign-in"))
        .send()
        .await
        .unwrap();
    assert_eq!(switched.status(), 303);
    assert_eq!(switched.headers()["location"], "/sign-in");
    let (lang, html) = page_in(&visitor, &sign_in, Some("de")).await;
    assert_eq!(lang, "pt-BR", "the switch wins over the browser");
    assert!(html.contains("Pular para o conteúdo"), "{html}");
    assert!(
        html.contains(r#"<option value="pt-BR" lang="pt-BR" selected>"#),
        "{html}"
    );

    // An unknown language or a foreign `back` changes nothing and goes nowhere else.
    for back in [
        "//elsewhere.test/",
        "/%5Celsewhere.test",
        "/\\elsewhere.test",
        "/%0A",
    ] {
        let unknown = visitor
            .get(server.url(&format!("/language?lang=tlh&back={back}")))
            .send()
            .await
            .unwrap();
        assert_eq!(unknown.status(), 303, "{back}");
        assert_eq!(unknown.headers()["location"], "/sign-in", "{back}");
        assert!(unknown.headers().get("set-cookie").is_none());
    }
    let (lang, _) = page_in(&visitor, &sign_in, None).await;
    assert_eq!(lang, "pt-BR");
    server.stop().await;
}

async fn a_saved_choice_wins_and_bad_choices_change_nothing(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ana = server.signed_in("ana@acme.test").await;
    let home = server.url("/");

    // The sign-in page's switch counts as her own choice until she saves one; saving
    // in settings drops it, so that following the browser (below) follows it.
    let switched = ana
        .client
        .get(server.url("/language?lang=de&back=/"))
        .send()
        .await
        .unwrap();
    assert_eq!(switched.status(), 303);
    let (lang, _) = page_in(&ana.client, &home, Some("pt-BR")).await;
    assert_eq!(lang, "de", "the switch wins over the browser");

    let listed = ana.json("/languages").await;
    let tags: Vec<&str> = listed["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["tag"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["en", "de", "pt-BR"]);
    assert_eq!(listed["languages"][1]["name"], "Deutsch");
    assert_eq!(listed["own"], Value::Null);
    assert_eq!(listed["network_default"], "en");

    let saved = ana
        .put_json("/me/language", &json!({ "language": "de" }))
        .await;
    assert_eq!(saved.status(), 200);
    assert_eq!(saved.json::<Value>().await.unwrap()["language"], "de");
    let (lang, html) = page_in(&ana.client, &home, Some("pt-BR")).await;
    assert_eq!(lang, "de", "the saved choice wins over the browser");
    assert!(html.contains(">Abmelden<"), "{html}");

    for bad in [json!({ "language": "tlh" }), json!({ "language": "en-XA" })] {
        let refused = ana.put_json("/me/language", &bad).await;
        let (status, code, _, _) = error_of(refused).await;
        assert_eq!((status, code.as_str()), (422, "invalid_input"), "{bad}");
    }
    assert_eq!(ana.json("/languages").await["own"], "de", "nothing changed");

    // The settings form: back to following the browser.
    let (_, html) = page_in(&ana.client, &server.url("/settings"), None).await;
    let csrf = form_value(&html, "csrf");
    let (status, location, _) = ana
        .submit("/settings/language", &[("csrf", &csrf), ("language", "")])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/settings?saved=language")
    );
    let (lang, _) = page_in(&ana.client, &home, Some("pt-BR")).await;
    assert_eq!(lang, "pt-BR");
    let (status, _, _) = ana
        .submit(
            "/settings/language",
            &[("csrf", "forged"), ("language", "de")],
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(ana.json("/languages").await["own"], Value::Null);
    server.stop().await;
}

async fn admins_set_the_network_default_for_everyone_who_chose_none(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    server.user("ana@acme.test", Role::Member).await;
    let admin = server.signed_in("admin@acme.test").await;
    let ana = server.signed_in("ana@acme.test").await;

    let refused = ana
        .put_json("/network/language", &json!({ "language": "de" }))
        .await;
    assert_eq!(error_of(refused).await.1, "forbidden");
    let bad = admin
        .put_json("/network/language", &json!({ "language": "xx" }))
        .await;
    assert_eq!(error_of(bad).await.0, 422);
    let (lang, _) = page_in(&browser(), &server.url("/sign-in"), None).await;
    assert_eq!(lang, "en", "nothing changed");

    let set = admin
        .put_json("/network/language", &json!({ "language": "de" }))
        .await;
    assert_eq!(set.status(), 200);
    let (lang, _) = page_in(&browser(), &server.url("/sign-in"), None).await;
    assert_eq!(lang, "de");
    let (lang, _) = page_in(&ana.client, &server.url("/"), None).await;
    assert_eq!(lang, "de");
    let (lang, _) = page_in(&ana.client, &server.url("/"), Some("en-US")).await;
    assert_eq!(lang, "en", "the browser's wish comes before the default");
    assert_eq!(ana.json("/languages").await["network_default"], "de");

    let audit = admin.json("/audit?action=network.language_set").await;
    assert_eq!(
        audit["entries"][0]["action"], "network.language_set",
        "{audit}"
    );
    server.stop().await;
}
