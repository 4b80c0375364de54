//! The social pages through plain HTTP, as a browser without JavaScript uses them:
//! forms post and redirect, every page shows only what its reader may see.

use crate::support::{Server, api_sign_in, browser, page, submit};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};

both_backends!(
    posting_replying_reacting_and_sharing_through_forms,
    a_private_community_is_joined_by_request_and_approval,
    only_the_asker_marks_the_best_answer,
    page_forms_without_the_csrf_token_change_nothing,
    user_text_is_escaped_and_assets_are_cached_for_good,
    pages_send_strangers_to_sign_in,
);

struct Person {
    client: reqwest::Client,
    csrf: String,
}

async fn person(server: &Server, email: &str, role: Role) -> Person {
    server.user(email, role).await;
    let client = browser();
    let csrf = api_sign_in(server, &client, email).await;
    Person { client, csrf }
}

impl Person {
    /// Sends a page form with this person's CSRF token; answers the status and the
    /// redirect target.
    async fn submit(&self, server: &Server, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let mut form: Vec<(&str, &str)> = vec![("csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        let (status, location, _) = submit(server, &self.client, path, &form).await;
        (status, location)
    }

    async fn page(&self, server: &Server, path: &str) -> (u16, String) {
        page(server, &self.client, path).await
    }
}

/// The id after `#post-` in a redirect target.
fn post_in(location: &str) -> String {
    location
        .rsplit_once("#post-")
        .map(|(_, id)| id.to_owned())
        .unwrap_or_else(|| location.rsplit('/').next().unwrap().to_owned())
}

async fn posting_replying_reacting_and_sharing_through_forms(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana@acme.test", Role::Admin).await;
    let ben = person(&server, "ben@acme.test", Role::Member).await;

    let (status, location) = ana
        .submit(
            &server,
            "/posts",
            &[
                ("body", "Kick-off at **ten** #launch"),
                ("community", ""),
                ("kind", "discussion"),
                ("back", "/"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert!(location.starts_with("/#post-"), "{location}");
    let post = post_in(&location);
    let (_, home) = ben.page(&server, "/").await;
    assert!(
        home.contains("Kick-off at <strong>ten</strong>"),
        "ben's feed shows the post"
    );

    let (status, location) = ben
        .submit(
            &server,
            &format!("/posts/{post}/replies"),
            &[("body", "I will be there")],
        )
        .await;
    assert_eq!(status, 303);
    assert!(
        location.starts_with(&format!("/posts/{post}#post-")),
        "{location}"
    );
    let reply = post_in(&location);
    let (status, thread) = ana.page(&server, &format!("/posts/{post}")).await;
    assert_eq!(status, 200);
    assert!(thread.contains("I will be there"));
    assert!(thread.contains(&format!("id=\"post-{reply}\"")));

    let (status, _) = ben
        .submit(
            &server,
            &format!("/posts/{post}/react"),
            &[("kind", "celebrate"), ("on", "true")],
        )
        .await;
    assert_eq!(status, 303);
    let (_, thread) = ben.page(&server, &format!("/posts/{post}")).await;
    assert!(
        thread.contains("aria-pressed=\"true\""),
        "ben sees his reaction pressed"
    );
    let (_, who) = ana.page(&server, &format!("/posts/{post}/reactions")).await;
    assert!(who.contains("Celebrate (1)"), "{who}");
    ben.submit(
        &server,
        &format!("/posts/{post}/react"),
        &[("kind", "celebrate"), ("on", "false")],
    )
    .await;
    let (_, thread) = ben.page(&server, &format!("/posts/{post}")).await;
    assert!(!thread.contains("aria-pressed=\"true\""), "taken back");

    let (status, location) = ben
        .submit(
            &server,
            &format!("/posts/{post}/share"),
            &[("body", "Worth reading"), ("community", "")],
        )
        .await;
    assert_eq!(status, 303);
    let (_, shared) = ana.page(&server, &location).await;
    assert!(shared.contains("Worth reading"));
    assert!(shared.contains("Shared post"));
    assert!(shared.contains("Kick-off at <strong>ten</strong>"));

    let (status, _) = ben
        .submit(
            &server,
            &format!("/posts/{post}/react"),
            &[("kind", "wave"), ("on", "true")],
        )
        .await;
    assert_eq!(
        status, 422,
        "an unknown reaction is refused with a page saying why"
    );
    server.stop().await;
}

async fn a_private_community_is_joined_by_request_and_approval(db: TestDb) {
    let server = Server::start(db).await;
    let owner = person(&server, "owner@acme.test", Role::Member).await;
    let outsider = person(&server, "out@acme.test", Role::Member).await;

    let (status, location) = owner
        .submit(
            &server,
            "/communities",
            &[
                ("name", "Board"),
                ("description", "Strategy"),
                ("visibility", "private"),
                ("category", "work"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let community = location.trim_start_matches("/communities/").to_owned();
    owner
        .submit(
            &server,
            "/posts",
            &[
                ("body", "Quarterly numbers inside"),
                ("community", &community),
                ("kind", "discussion"),
                ("back", &location),
            ],
        )
        .await;

    let (status, page) = outsider.page(&server, &location).await;
    assert_eq!(status, 200);
    assert!(page.contains("Only members can read this community"));
    assert!(
        !page.contains("Quarterly numbers"),
        "a private community's posts stay inside"
    );
    assert!(page.contains("Ask to join"));

    let (status, _) = outsider
        .submit(&server, &format!("{location}/join"), &[])
        .await;
    assert_eq!(status, 303);
    let (_, page) = outsider.page(&server, &location).await;
    assert!(page.contains("waiting for approval"));
    assert!(!page.contains("Quarterly numbers"));

    let outsider_id = {
        let me: serde_json::Value = outsider
            .client
            .get(server.url("/api/hearth/v1/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        me["user"]["id"].as_str().unwrap().to_owned()
    };
    let (status, _) = outsider
        .submit(
            &server,
            &format!("{location}/members/{outsider_id}/approve"),
            &[],
        )
        .await;
    assert_eq!(status, 403, "nobody approves their own request");

    let (_, members) = owner.page(&server, &format!("{location}/members")).await;
    assert!(members.contains("Asking to join (1)"));
    let (status, _) = owner
        .submit(
            &server,
            &format!("{location}/members/{outsider_id}/approve"),
            &[],
        )
        .await;
    assert_eq!(status, 303);
    let (_, page) = outsider.page(&server, &location).await;
    assert!(page.contains("Quarterly numbers inside"));

    let (status, location) = owner
        .submit(
            &server,
            "/communities",
            &[
                ("name", "Hush"),
                ("description", ""),
                ("visibility", "secret"),
                ("category", "social"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (status, _) = outsider.page(&server, &location).await;
    assert_eq!(
        status, 404,
        "a secret community does not exist for outsiders"
    );
    server.stop().await;
}

async fn only_the_asker_marks_the_best_answer(db: TestDb) {
    let server = Server::start(db).await;
    let asker = person(&server, "asker@acme.test", Role::Member).await;
    let helper = person(&server, "helper@acme.test", Role::Member).await;
    let (_, location) = asker
        .submit(
            &server,
            "/posts",
            &[
                ("body", "Where is the VPN guide?"),
                ("community", ""),
                ("kind", "question"),
                ("back", "/"),
            ],
        )
        .await;
    let question = post_in(&location);
    let (_, location) = helper
        .submit(
            &server,
            &format!("/posts/{question}/replies"),
            &[("body", "In the IT wiki")],
        )
        .await;
    let answer = post_in(&location);

    let (_, page) = helper.page(&server, &format!("/posts/{question}")).await;
    assert!(
        !page.contains("Mark as best answer"),
        "only the asker is offered the choice"
    );
    let (status, _) = helper
        .submit(
            &server,
            &format!("/posts/{question}/best-answer"),
            &[("answer", &answer)],
        )
        .await;
    assert_eq!(status, 403);

    let (_, page) = asker.page(&server, &format!("/posts/{question}")).await;
    assert!(page.contains("Mark as best answer"));
    let (status, _) = asker
        .submit(
            &server,
            &format!("/posts/{question}/best-answer"),
            &[("answer", &answer)],
        )
        .await;
    assert_eq!(status, 303);
    let (_, page) = helper.page(&server, &format!("/posts/{question}")).await;
    assert!(page.contains("Best answer"));
    assert!(page.contains(&format!("href=\"#post-{answer}\"")));
    server.stop().await;
}

async fn page_forms_without_the_csrf_token_change_nothing(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana@acme.test", Role::Member).await;
    let forged = Person {
        client: ana.client.clone(),
        csrf: "forged".to_owned(),
    };
    for (path, fields) in [
        (
            "/posts",
            vec![
                ("body", "forged post"),
                ("community", ""),
                ("kind", "discussion"),
            ],
        ),
        (
            "/communities",
            vec![
                ("name", "Forged"),
                ("visibility", "public"),
                ("category", "work"),
            ],
        ),
    ] {
        let (status, _) = forged.submit(&server, path, &fields).await;
        assert_eq!(status, 403, "{path}");
    }
    let (_, home) = ana.page(&server, "/").await;
    assert!(!home.contains("forged post"));
    assert!(home.contains("Your feed is empty"));
    let (_, communities) = ana.page(&server, "/communities").await;
    assert!(!communities.contains("Forged"));
    server.stop().await;
}

async fn user_text_is_escaped_and_assets_are_cached_for_good(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana@acme.test", Role::Member).await;
    ana.submit(
        &server,
        "/posts",
        &[
            (
                "body",
                "<script>alert(1)</script> <img src=x onerror=alert(2)>",
            ),
            ("community", ""),
            ("kind", "discussion"),
        ],
    )
    .await;
    ana.submit(
        &server,
        "/communities",
        &[
            ("name", "<b>Bold</b> club"),
            ("visibility", "public"),
            ("category", "social"),
        ],
    )
    .await;
    let response = ana.client.get(server.url("/")).send().await.unwrap();
    let csp = response
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    let home = response.text().await.unwrap();
    assert!(
        !home.contains("<script>alert"),
        "markup in a post is shown as text"
    );
    assert!(!home.contains("<img src=x"));
    assert!(home.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        home.contains("&lt;b&gt;Bold&lt;/b&gt; club"),
        "community names are escaped"
    );

    let stylesheet = home
        .split("href=\"")
        .map(|rest| rest.split('"').next().unwrap())
        .find(|href| href.starts_with("/assets/hearth.") && href.ends_with(".css"))
        .expect("the page links its stylesheet by content hash");
    let asset = ana.client.get(server.url(stylesheet)).send().await.unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let unknown = ana
        .client
        .get(server.url("/assets/hearth.0000000000.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        unknown.status(),
        404,
        "an old or made-up asset name is not served"
    );
    server.stop().await;
}

async fn pages_send_strangers_to_sign_in(db: TestDb) {
    let server = Server::start(db).await;
    person(&server, "ana@acme.test", Role::Admin).await;
    let stranger = browser();
    for path in ["/", "/communities", "/posts/1", "/communities/1/members"] {
        let response = stranger.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(response.headers()["location"], "/sign-in", "{path}");
    }
    let posted = stranger
        .post(server.url("/posts"))
        .form(&[("csrf", "x"), ("body", "hi")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        posted.status(),
        303,
        "a form from a stranger goes to sign-in too"
    );
    server.stop().await;
}
