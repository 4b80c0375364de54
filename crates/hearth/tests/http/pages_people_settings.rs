//! The people, topic and settings pages, driven like a browser: read a page, take
//! the CSRF token from its form, post the form, follow the redirect.

use crate::support::{Server, api_sign_in, browser, form_value, page, submit};
use hearth_app::domain::{Role, UserStatus};
use hearth_testkit::{PASSWORD, TestDb, both_backends};
use reqwest::Client;

both_backends!(
    the_directory_lists_colleagues_and_filters_them,
    a_profile_shows_the_person_and_following_changes_the_count,
    nobody_can_follow_themselves_through_the_form,
    a_former_member_keeps_a_profile_but_leaves_the_directory,
    a_topic_page_shows_tagged_posts_and_not_others,
    a_new_name_saved_in_settings_shows_on_the_profile,
    a_refused_profile_form_keeps_what_was_typed_and_changes_nothing,
    a_wrong_current_password_is_refused_and_the_old_one_still_works,
    a_changed_password_keeps_this_device_and_ends_the_others,
    signing_out_another_session_ends_it_there,
    a_new_token_is_shown_once_works_for_the_api_and_stops_when_revoked,
    forms_without_a_valid_csrf_token_are_refused_and_change_nothing,
    the_settings_forms_revoke_the_api_tokens_only_when_the_box_is_ticked,
    a_wrong_password_in_the_token_form_creates_nothing,
);

/// A browser signed in as this person (the cookie is in its jar).
async fn signed_in(server: &Server, email: &str) -> Client {
    let client = browser();
    api_sign_in(server, &client, email).await;
    client
}

/// The HTML of a page that must render.
async fn html(server: &Server, client: &Client, path: &str) -> String {
    let (status, html) = page(server, client, path).await;
    assert_eq!(status, 200, "{path}: {html}");
    html
}

/// Every `action="<prefix>…"` of the forms on a page.
fn actions_starting(html: &str, prefix: &str) -> Vec<String> {
    let marker = format!("action=\"{prefix}");
    html.match_indices(&marker)
        .map(|(start, _)| {
            let from = start + "action=\"".len();
            let end = html[from..].find('"').unwrap() + from;
            html[from..end].to_owned()
        })
        .collect()
}

/// Saves a profile through the settings form.
async fn save_profile(
    server: &Server,
    client: &Client,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let settings = html(server, client, "/settings").await;
    let csrf = form_value(&settings, "csrf");
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    submit(server, client, "/settings/profile", &form).await
}

/// Gives a person a name and department through their own settings page.
async fn name_person(server: &Server, email: &str, handle: &str, name: &str, department: &str) {
    let client = signed_in(server, email).await;
    let (status, location, body) = save_profile(
        server,
        &client,
        &[
            ("display_name", name),
            ("handle", handle),
            ("job_title", ""),
            ("department", department),
            ("location", ""),
            ("time_zone", "UTC"),
            ("about", ""),
        ],
    )
    .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/settings?saved=profile"),
        "{body}"
    );
}

async fn the_directory_lists_colleagues_and_filters_them(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    server.user("cara@acme.test", Role::Member).await;
    name_person(&server, "ana@acme.test", "ana", "Ana Lima", "Finance").await;
    name_person(&server, "ben@acme.test", "ben", "Ben Okafor", "Purchasing").await;
    name_person(&server, "cara@acme.test", "cara", "Cara Diaz", "Finance").await;
    let ana = signed_in(&server, "ana@acme.test").await;

    let everyone = html(&server, &ana, "/people").await;
    for (name, href) in [
        ("Ana Lima", "/people/ana"),
        ("Ben Okafor", "/people/ben"),
        ("Cara Diaz", "/people/cara"),
    ] {
        assert!(everyone.contains(name), "{name} is listed: {everyone}");
        assert!(everyone.contains(&format!("href=\"{href}\"")), "{href}");
    }
    assert!(everyone.contains("<label for=\"people-name\">Name</label>"));
    assert!(everyone.contains("<label for=\"people-department\">Department</label>"));

    let by_name = html(&server, &ana, "/people?name=OKAF").await;
    assert!(by_name.contains("Ben Okafor"), "{by_name}");
    assert!(!by_name.contains("Cara Diaz"), "{by_name}");
    assert!(
        by_name.contains("value=\"OKAF\""),
        "the search keeps what was typed"
    );

    let by_department = html(&server, &ana, "/people?department=finance").await;
    assert!(by_department.contains("Cara Diaz"), "{by_department}");
    assert!(!by_department.contains("Ben Okafor"), "{by_department}");

    let nobody = html(&server, &ana, "/people?name=zelda").await;
    assert!(nobody.contains("No one matches “zelda”"), "{nobody}");
    assert!(nobody.contains("clear the search"), "{nobody}");
    server.stop().await;
}

async fn a_profile_shows_the_person_and_following_changes_the_count(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ben = server.user("ben@acme.test", Role::Member).await;
    name_person(&server, "ben@acme.test", "ben", "Ben Okafor", "Purchasing").await;
    let ana = signed_in(&server, "ana@acme.test").await;

    let profile = html(&server, &ana, "/people/ben").await;
    assert!(
        profile.contains("<h1 id=\"profile-title\">Ben Okafor</h1>"),
        "{profile}"
    );
    assert!(profile.contains("@ben"));
    assert!(profile.contains("Purchasing"));
    assert!(profile.contains("0</strong> followers"), "{profile}");
    assert!(profile.contains("action=\"/people/ben/follow\""));
    assert!(profile.contains(">Follow</button>"));
    assert!(profile.contains("Ben Okafor has not posted yet"));
    assert!(!profile.contains("Edit your profile"));
    assert_eq!(
        html(&server, &ana, &format!("/people/{}", ben.id)).await,
        profile,
        "an id names the same profile as the handle"
    );

    let csrf = form_value(&profile, "csrf");
    let (status, location, _) =
        submit(&server, &ana, "/people/ben/follow", &[("csrf", &csrf)]).await;
    assert_eq!((status, location.as_str()), (303, "/people/ben"));
    let followed = html(&server, &ana, "/people/ben").await;
    assert!(followed.contains("1</strong> follower"), "{followed}");
    assert!(followed.contains("action=\"/people/ben/unfollow\""));
    assert!(followed.contains(">Unfollow</button>"));
    let own = html(&server, &ana, "/people/ana").await;
    assert!(own.contains("1</strong> following"), "{own}");

    let (status, location, _) =
        submit(&server, &ana, "/people/ben/unfollow", &[("csrf", &csrf)]).await;
    assert_eq!((status, location.as_str()), (303, "/people/ben"));
    let unfollowed = html(&server, &ana, "/people/ben").await;
    assert!(unfollowed.contains("0</strong> followers"), "{unfollowed}");

    let (status, _) = page(&server, &ana, "/people/nobody_here").await;
    assert_eq!(status, 404);
    server.stop().await;
}

async fn nobody_can_follow_themselves_through_the_form(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ana = signed_in(&server, "ana@acme.test").await;
    let own = html(&server, &ana, "/people/ana").await;
    assert!(own.contains("href=\"/settings\""), "{own}");
    assert!(own.contains("Edit your profile"));
    assert!(
        actions_starting(&own, "/people/ana/").is_empty(),
        "no follow button on your own profile"
    );

    let csrf = form_value(&own, "csrf");
    let (status, _, body) = submit(&server, &ana, "/people/ana/follow", &[("csrf", &csrf)]).await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("You cannot follow yourself."), "{body}");
    let after = html(&server, &ana, "/people/ana").await;
    assert!(after.contains("0</strong> followers"), "{after}");
    assert!(after.contains("0</strong> following"), "{after}");
    server.stop().await;
}

async fn a_former_member_keeps_a_profile_but_leaves_the_directory(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ben = server.user("ben@acme.test", Role::Member).await;
    name_person(&server, "ben@acme.test", "ben", "Ben Okafor", "Purchasing").await;
    let ana = signed_in(&server, "ana@acme.test").await;
    assert!(html(&server, &ana, "/people").await.contains("Ben Okafor"));

    let store = hearth_store::Store::connect(&server.db.url, &Default::default())
        .await
        .unwrap();
    let mut conn = store.conn().await.unwrap();
    hearth_store::users::set_status(&mut conn, ben.id, UserStatus::Deactivated, None, 0)
        .await
        .unwrap();
    drop(conn);
    store.close().await;

    let profile = html(&server, &ana, "/people/ben").await;
    assert!(profile.contains("Ben Okafor"), "{profile}");
    assert!(profile.contains("Former member"), "{profile}");
    assert!(!html(&server, &ana, "/people").await.contains("Ben Okafor"));
    server.stop().await;
}

/// Writes a post through the composer on the home page.
async fn write_post(server: &Server, client: &Client, body: &str) {
    let home = html(server, client, "/").await;
    let csrf = form_value(&home, "csrf");
    let (status, _, page) = submit(
        server,
        client,
        "/posts",
        &[
            ("csrf", &csrf),
            ("body", body),
            ("community", ""),
            ("kind", "discussion"),
            ("back", "/"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{page}");
}

async fn a_topic_page_shows_tagged_posts_and_not_others(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let ana = signed_in(&server, "ana@acme.test").await;
    write_post(&server, &ana, "Draft figures for #Budget2026 are in").await;
    write_post(&server, &ana, "Lunch is at noon today").await;
    let ben = signed_in(&server, "ben@acme.test").await;

    let topic = html(&server, &ben, "/topics/budget2026").await;
    assert!(topic.contains("<h1>#budget2026</h1>"), "{topic}");
    assert!(topic.contains("Draft figures for"), "{topic}");
    assert!(!topic.contains("Lunch is at noon"), "{topic}");
    assert_eq!(
        html(&server, &ben, "/topics/BUDGET2026").await,
        topic,
        "tags are the same in any case"
    );

    let empty = html(&server, &ben, "/topics/offsite").await;
    assert!(empty.contains("No posts about #offsite yet"), "{empty}");
    assert!(!empty.contains("Lunch is at noon"));
    let (status, _) = page(&server, &ben, "/topics/not%20a%20tag").await;
    assert_eq!(status, 404);

    let profile = html(&server, &ben, "/people/ana").await;
    assert!(
        profile.contains("Draft figures for"),
        "the profile lists their posts"
    );
    assert!(profile.contains("Lunch is at noon"));
    server.stop().await;
}

async fn a_new_name_saved_in_settings_shows_on_the_profile(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ana = signed_in(&server, "ana@acme.test").await;
    let settings = html(&server, &ana, "/settings").await;
    assert!(settings.contains("<label for=\"profile-display_name\">Name</label>"));
    assert!(settings.contains("value=\"Test Person\""));
    assert!(!settings.contains("role=\"status\""));

    let (status, location, _) = save_profile(
        &server,
        &ana,
        &[
            ("display_name", "Ana <b>Lima</b>"),
            ("handle", "ana"),
            ("job_title", "Buyer"),
            ("department", "Purchasing"),
            ("location", "Lisbon"),
            ("time_zone", "Europe/Lisbon"),
            ("about", "Line one\nLine two"),
        ],
    )
    .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/settings?saved=profile")
    );
    let saved = html(&server, &ana, &location).await;
    assert!(saved.contains("role=\"status\""), "{saved}");
    assert!(saved.contains("Your profile was saved."));

    let profile = html(&server, &ana, "/people/ana").await;
    assert!(
        profile.contains("Ana &lt;b&gt;Lima&lt;/b&gt;"),
        "the name is shown as typed, escaped: {profile}"
    );
    assert!(!profile.contains("<b>Lima</b>"));
    assert!(profile.contains("Buyer"));
    assert!(profile.contains("Europe/Lisbon"));
    assert!(profile.contains("Line one\nLine two"), "{profile}");
    assert!(profile.contains("class=\"about pre-line\""));
    server.stop().await;
}

async fn a_refused_profile_form_keeps_what_was_typed_and_changes_nothing(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ana = signed_in(&server, "ana@acme.test").await;
    let (status, _, body) = save_profile(
        &server,
        &ana,
        &[
            ("display_name", "Ana Lima"),
            ("handle", "ana"),
            ("job_title", "Buyer"),
            ("department", ""),
            ("location", ""),
            ("time_zone", "somewhere nice"),
            ("about", ""),
        ],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("role=\"alert\""), "{body}");
    assert!(body.contains("Use a time zone name such as Europe/Lisbon or UTC."));
    assert!(
        body.contains("value=\"somewhere nice\""),
        "typed values are kept"
    );
    assert!(body.contains("aria-invalid=\"true\""));

    let profile = html(&server, &ana, "/people/ana").await;
    assert!(profile.contains("Test Person"), "{profile}");
    assert!(
        !profile.contains("Buyer"),
        "nothing of the refused form was saved"
    );
    server.stop().await;
}

async fn a_wrong_current_password_is_refused_and_the_old_one_still_works(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ana = signed_in(&server, "ana@acme.test").await;
    let settings = html(&server, &ana, "/settings").await;
    assert!(settings.contains("At least 10 characters"));
    let csrf = form_value(&settings, "csrf");

    let (status, _, body) = submit(
        &server,
        &ana,
        "/settings/password",
        &[
            ("csrf", &csrf),
            ("current_password", "not my password"),
            ("new_password", "a brand new passphrase"),
        ],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("role=\"alert\""), "{body}");
    assert!(
        body.contains("The current password is not right."),
        "{body}"
    );

    let (status, _, body) = submit(
        &server,
        &ana,
        "/settings/password",
        &[
            ("csrf", &csrf),
            ("current_password", PASSWORD),
            ("new_password", "short"),
        ],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("at least 10 characters"), "{body}");

    // Signing in with the old password still works (api_sign_in asserts 200).
    signed_in(&server, "ana@acme.test").await;
    server.stop().await;
}

async fn a_changed_password_keeps_this_device_and_ends_the_others(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let laptop = signed_in(&server, "ana@acme.test").await;
    let phone = signed_in(&server, "ana@acme.test").await;
    let csrf = form_value(&html(&server, &laptop, "/settings").await, "csrf");
    let (status, location, body) = submit(
        &server,
        &laptop,
        "/settings/password",
        &[
            ("csrf", &csrf),
            ("current_password", PASSWORD),
            ("new_password", "a brand new passphrase"),
        ],
    )
    .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/settings?saved=password"),
        "{body}"
    );
    let saved = html(&server, &laptop, &location).await;
    assert!(
        saved.contains("role=\"status\""),
        "this device stays signed in"
    );
    assert!(saved.contains("Your password was changed."));

    let (status, _) = page(&server, &phone, "/settings").await;
    assert_eq!(status, 303, "the other device was signed out");

    let old = browser()
        .post(server.url("/api/hearth/v1/session"))
        .json(&serde_json::json!({ "email": "ana@acme.test", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 401, "the old password no longer works");
    server.stop().await;
}

async fn signing_out_another_session_ends_it_there(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let laptop = signed_in(&server, "ana@acme.test").await;
    let phone = signed_in(&server, "ana@acme.test").await;

    let settings = html(&server, &laptop, "/settings").await;
    assert_eq!(settings.matches("This device").count(), 1, "{settings}");
    let revokes = actions_starting(&settings, "/settings/sessions/");
    assert_eq!(
        revokes.len(),
        1,
        "only the other session has a sign-out button: {settings}"
    );
    assert!(settings.contains("action=\"/sign-out-everywhere\""));

    let csrf = form_value(&settings, "csrf");
    let (status, location, _) = submit(&server, &laptop, &revokes[0], &[("csrf", &csrf)]).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/settings?saved=session")
    );

    let response = phone.get(server.url("/settings")).send().await.unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/sign-in");
    let after = html(&server, &laptop, "/settings").await;
    assert!(
        actions_starting(&after, "/settings/sessions/").is_empty(),
        "{after}"
    );
    server.stop().await;
}

async fn a_new_token_is_shown_once_works_for_the_api_and_stops_when_revoked(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ana = signed_in(&server, "ana@acme.test").await;
    let settings = html(&server, &ana, "/settings").await;
    assert!(settings.contains("You have no API tokens."));
    let csrf = form_value(&settings, "csrf");

    let response = ana
        .post(server.url("/settings/tokens"))
        .form(&[("csrf", csrf.as_str()), ("name", "Deploy script")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let shown = response.text().await.unwrap();
    assert!(shown.contains("will not be shown again"), "{shown}");
    let start = shown.find("<code class=\"secret\">").unwrap() + "<code class=\"secret\">".len();
    let end = shown[start..].find("</code>").unwrap() + start;
    let secret = shown[start..end].to_owned();
    assert!(secret.starts_with("hth_"), "{secret}");
    assert_eq!(shown.matches(&secret).count(), 1, "the secret appears once");

    let me = |secret: String| {
        reqwest::Client::new()
            .get(server.url("/api/hearth/v1/me"))
            .bearer_auth(secret)
            .send()
    };
    assert_eq!(me(secret.clone()).await.unwrap().status(), 200);

    let listed = html(&server, &ana, "/settings").await;
    assert!(listed.contains(">Deploy script</strong>"), "{listed}");
    assert!(
        !listed.contains(&secret),
        "the settings page never shows the secret"
    );
    let revokes = actions_starting(&listed, "/settings/tokens/");
    assert_eq!(revokes.len(), 1, "{listed}");
    let (status, location, _) = submit(&server, &ana, &revokes[0], &[("csrf", &csrf)]).await;
    assert_eq!((status, location.as_str()), (303, "/settings?saved=token"));
    assert_eq!(me(secret).await.unwrap().status(), 401);
    let after = html(&server, &ana, "/settings").await;
    assert!(after.contains("You have no API tokens."), "{after}");

    let (status, _, body) = submit(
        &server,
        &ana,
        "/settings/tokens",
        &[("csrf", &csrf), ("name", "   ")],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("role=\"alert\""));
    assert!(body.contains("Token name is required."), "{body}");
    server.stop().await;
}

async fn forms_without_a_valid_csrf_token_are_refused_and_change_nothing(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    server.user("ben@acme.test", Role::Member).await;
    let ana = signed_in(&server, "ana@acme.test").await;
    let phone = signed_in(&server, "ana@acme.test").await;
    let settings = html(&server, &ana, "/settings").await;
    let csrf = form_value(&settings, "csrf");
    let shown = ana
        .post(server.url("/settings/tokens"))
        .form(&[("csrf", csrf.as_str()), ("name", "Kept")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = shown.find("<code class=\"secret\">").unwrap() + "<code class=\"secret\">".len();
    let end = shown[start..].find("</code>").unwrap() + start;
    let secret = shown[start..end].to_owned();
    let settings = html(&server, &ana, "/settings").await;
    let session_revoke = actions_starting(&settings, "/settings/sessions/").remove(0);
    let token_revoke = actions_starting(&settings, "/settings/tokens/").remove(0);

    let forms: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/people/ben/follow", vec![]),
        ("/people/ben/unfollow", vec![]),
        (
            "/settings/profile",
            vec![
                ("display_name", "Forged Name"),
                ("handle", "ana"),
                ("time_zone", "UTC"),
            ],
        ),
        (
            "/settings/password",
            vec![
                ("current_password", PASSWORD),
                ("new_password", "a forged passphrase"),
            ],
        ),
        (&session_revoke, vec![]),
        ("/settings/tokens", vec![("name", "Forged token")]),
        (&token_revoke, vec![]),
    ];
    for (path, fields) in &forms {
        for presented in [None, Some("forged"), Some("")] {
            let mut form = fields.clone();
            if let Some(token) = presented {
                form.push(("csrf", token));
            }
            let (status, _, body) = submit(&server, &ana, path, &form).await;
            assert_eq!(status, 403, "{path} with {presented:?}: {body}");
            assert!(body.contains("Form expired"), "{body}");
        }
    }
    // Another person's token is no good either.
    let ben = signed_in(&server, "ben@acme.test").await;
    let bens_csrf = form_value(&html(&server, &ben, "/settings").await, "csrf");
    let (status, _, _) = submit(&server, &ana, "/people/ben/follow", &[("csrf", &bens_csrf)]).await;
    assert_eq!(status, 403);

    let profile = html(&server, &ana, "/people/ben").await;
    assert!(profile.contains("0</strong> followers"), "{profile}");
    let after = html(&server, &ana, "/settings").await;
    assert!(after.contains("value=\"Test Person\""), "{after}");
    assert!(!after.contains("Forged"), "{after}");
    assert_eq!(
        actions_starting(&after, "/settings/sessions/"),
        vec![session_revoke.clone()]
    );
    assert_eq!(
        actions_starting(&after, "/settings/tokens/"),
        vec![token_revoke.clone()]
    );
    assert_eq!(page(&server, &phone, "/settings").await.0, 200);
    let me = reqwest::Client::new()
        .get(server.url("/api/hearth/v1/me"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    signed_in(&server, "ana@acme.test").await;
    server.stop().await;
}

/// Creates a token through the settings form; answers its secret.
async fn token_from_the_form(server: &Server, client: &Client, name: &str) -> String {
    let csrf = form_value(&html(server, client, "/settings").await, "csrf");
    let (status, _, shown) = submit(
        server,
        client,
        "/settings/tokens",
        &[("csrf", &csrf), ("name", name), ("current_password", "")],
    )
    .await;
    assert_eq!(status, 200, "a fresh sign-in needs no password: {shown}");
    let start = shown.find("<code class=\"secret\">").unwrap() + "<code class=\"secret\">".len();
    let end = shown[start..].find("</code>").unwrap() + start;
    shown[start..end].to_owned()
}

async fn the_settings_forms_revoke_the_api_tokens_only_when_the_box_is_ticked(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let me = |secret: String| {
        reqwest::Client::new()
            .get(server.url("/api/hearth/v1/me"))
            .bearer_auth(secret)
            .send()
    };
    let laptop = signed_in(&server, "ana@acme.test").await;
    let settings = html(&server, &laptop, "/settings").await;
    assert_eq!(
        settings
            .matches("name=\"revoke_tokens\" value=\"true\"")
            .count(),
        2,
        "the password form and signing out everywhere offer it: {settings}"
    );
    assert!(settings.contains("Also revoke my API tokens"), "{settings}");

    let script = token_from_the_form(&server, &laptop, "Script").await;
    let csrf = form_value(&html(&server, &laptop, "/settings").await, "csrf");
    let (status, location, _) =
        submit(&server, &laptop, "/sign-out-everywhere", &[("csrf", &csrf)]).await;
    assert_eq!((status, location.as_str()), (303, "/sign-in"));
    assert_eq!(
        me(script.clone()).await.unwrap().status(),
        200,
        "unticked, the token stays"
    );

    let laptop = signed_in(&server, "ana@acme.test").await;
    let csrf = form_value(&html(&server, &laptop, "/settings").await, "csrf");
    let (status, _, _) = submit(
        &server,
        &laptop,
        "/sign-out-everywhere",
        &[("csrf", &csrf), ("revoke_tokens", "true")],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(
        me(script).await.unwrap().status(),
        401,
        "ticked, the token is revoked"
    );

    let laptop = signed_in(&server, "ana@acme.test").await;
    let script = token_from_the_form(&server, &laptop, "Script").await;
    let csrf = form_value(&html(&server, &laptop, "/settings").await, "csrf");
    let (status, location, body) = submit(
        &server,
        &laptop,
        "/settings/password",
        &[
            ("csrf", &csrf),
            ("current_password", PASSWORD),
            ("new_password", "a brand new passphrase"),
            ("revoke_tokens", "true"),
        ],
    )
    .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/settings?saved=password"),
        "{body}"
    );
    assert_eq!(
        me(script).await.unwrap().status(),
        401,
        "revoked with the password change"
    );
    assert!(
        html(&server, &laptop, "/settings")
            .await
            .contains("You have no API tokens."),
        "this device stays signed in"
    );
    server.stop().await;
}

async fn a_wrong_password_in_the_token_form_creates_nothing(db: TestDb) {
    let server = Server::start(db).await;
    server.user("ana@acme.test", Role::Member).await;
    let ana = signed_in(&server, "ana@acme.test").await;
    let settings = html(&server, &ana, "/settings").await;
    assert!(
        settings.contains("id=\"token-password\" name=\"current_password\""),
        "{settings}"
    );
    let csrf = form_value(&settings, "csrf");
    let (status, _, body) = submit(
        &server,
        &ana,
        "/settings/tokens",
        &[
            ("csrf", &csrf),
            ("name", "Guessed"),
            ("current_password", "a wrong guess"),
        ],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains("The current password is not right."),
        "{body}"
    );
    assert!(body.contains("id=\"token-password\""), "{body}");
    assert!(body.contains("You have no API tokens."), "{body}");
    server.stop().await;
}
