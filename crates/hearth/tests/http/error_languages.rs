//! Error messages in the reader's language: the JSON API's `message` follows
//! `Accept-Language` (the person's saved choice, the network's default) while `code`
//! and `field` never change; without a choice the message is the English the
//! application wrote, byte for byte. Error pages say an error's text alike.

use crate::support::{Server, api_sign_in, browser, error_of, text_of};
use hearth_app::domain::Role;
use hearth_app::i18n::{Tr, t};
use hearth_testkit::{TestDb, both_backends};
use reqwest::Method;
use serde_json::{Value, json};

both_backends!(
    json_errors_follow_accept_language_and_keep_their_code_and_field,
    error_pages_say_the_apps_refusal_in_the_readers_language,
);

fn german() -> Tr {
    Tr::for_tag("de").unwrap()
}

/// A request to the JSON API, in `language` when there is one.
fn api(
    client: &reqwest::Client,
    server: &Server,
    method: Method,
    path: &str,
    language: Option<&str>,
) -> reqwest::RequestBuilder {
    let request = client.request(method, server.url(&format!("/api/hearth/v1{path}")));
    match language {
        Some(language) => request.header("accept-language", language),
        None => request,
    }
}

/// The error's status, code, message and field.
async fn answer(response: reqwest::Response) -> (u16, String, String, Value) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    let error = &body["error"];
    (
        status,
        error["code"].as_str().expect("error.code").to_owned(),
        error["message"].as_str().expect("error.message").to_owned(),
        error["field"].clone(),
    )
}

async fn json_errors_follow_accept_language_and_keep_their_code_and_field(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let de = german();
    let client = browser();

    // A fixed sentence: a wrong password.
    let wrong = json!({ "email": "ana@acme.test", "password": "not the password" });
    let sign_in = |language| {
        api(&client, &server, Method::POST, "/session", language)
            .json(&wrong)
            .send()
    };
    let (status, code, message, field) = answer(sign_in(None).await.unwrap()).await;
    assert_eq!((status, code.as_str()), (401, "unauthenticated"));
    assert_eq!(message, "the e-mail address or password is not right");
    let german = answer(sign_in(Some("de-DE,de;q=0.9,en;q=0.5")).await.unwrap()).await;
    assert_eq!(
        (german.0, &german.1, &german.3),
        (status, &code, &field),
        "only the message changes"
    );
    assert_eq!(german.2, t!(de, "error-wrong-credentials"));
    assert_ne!(german.2, message);

    // Signed in with a cookie session: a sentence with a part that varies keeps the
    // part, and the field at fault stays `body`.
    let csrf = api_sign_in(&server, &client, "ana@acme.test").await;
    let long = json!({ "body": "x".repeat(20_001) });
    let post = |language| {
        api(&client, &server, Method::POST, "/posts", language)
            .header("x-csrf-token", &csrf)
            .json(&long)
            .send()
    };
    let (status, code, message, field) = answer(post(None).await.unwrap()).await;
    assert_eq!((status, code.as_str()), (422, "invalid_input"));
    assert_eq!(message, "at most 20000 characters");
    assert_eq!(field, "body");
    let german = answer(post(Some("de")).await.unwrap()).await;
    assert_eq!((german.0, &german.1, &german.3), (status, &code, &field));
    assert_eq!(german.2, t!(de, "error-at-most-characters", max = "20000"));
    assert!(german.2.contains("20000"), "{}", german.2);
    assert_ne!(german.2, message);

    // Not found: the thing is said in German too; an id that is not one keeps what
    // was sent.
    let missing = api(&client, &server, Method::GET, "/posts/123", Some("de"))
        .send()
        .await
        .unwrap();
    let (status, code, message, _) = error_of(missing).await;
    assert_eq!((status, code.as_str()), (404, "not_found"));
    assert_eq!(
        message,
        t!(de, "error-not-found", thing = t!(de, "error-thing-post"))
    );
    let english = api(&client, &server, Method::GET, "/posts/123", None)
        .send()
        .await
        .unwrap();
    let (_, _, english, _) = error_of(english).await;
    assert_eq!(english, "post not found");

    let letters = api(&client, &server, Method::GET, "/posts/abc", Some("de"))
        .send()
        .await
        .unwrap();
    let (status, code, message, _) = error_of(letters).await;
    assert_eq!((status, code.as_str()), (400, "bad_request"));
    assert!(message.contains("\"abc\""), "{message}");
    assert_eq!(
        message,
        t!(
            de,
            "error-invalid-id",
            thing = t!(de, "error-thing-post"),
            raw = "\"abc\""
        )
    );

    // Brazilian Portuguese, and a language Hearth does not ship (English).
    let pt = Tr::for_tag("pt-BR").unwrap();
    let response = api(&client, &server, Method::GET, "/posts/123", Some("pt-BR"))
        .send()
        .await
        .unwrap();
    let (_, _, message, _) = error_of(response).await;
    assert_eq!(
        message,
        t!(pt, "error-not-found", thing = t!(pt, "error-thing-post"))
    );
    let response = api(&client, &server, Method::GET, "/posts/123", Some("tlh"))
        .send()
        .await
        .unwrap();
    let (_, _, message, _) = error_of(response).await;
    assert_eq!(message, "post not found");
    server.stop().await;
}

async fn error_pages_say_the_apps_refusal_in_the_readers_language(db: TestDb) {
    let server = Server::start(db).await;
    server.user("admin@acme.test", Role::Admin).await;
    let de = german();
    let visitor = browser();

    let english = text_of(visitor.get(server.url("/invite/made-up"))).await;
    assert!(
        english.contains("This invitation link is not valid; check that it was copied whole."),
        "{english}"
    );

    let html = text_of(
        visitor
            .get(server.url("/invite/made-up"))
            .header("accept-language", "de"),
    )
    .await;
    let said = t!(de, "error-invitation-invalid");
    let mut chars = said.chars();
    let first = chars.next().unwrap();
    let sentence = format!("{}{}.", first.to_uppercase(), chars.as_str());
    assert!(html.contains(&sentence), "{sentence} in {html}");
    assert!(!html.contains("copied whole"), "{html}");
    server.stop().await;
}
