//! Single sign-on against a real OpenID Connect provider: the npm package
//! `oidc-provider`, started by each test on loopback (tests/oidc/provider.mjs). A
//! cookie-keeping client walks the browser's path: Hearth's button, the provider's login
//! form, the callback, the session. Every refusal must be a readable page and leave
//! no session behind.

use hearth::config::{Config, OidcConfig};
use hearth::server::{self, RunningServer};
use hearth_app::accounts::{self, NewAccount};
use hearth_app::audit::AuditFilter;
use hearth_app::audit::{self, Acting};
use hearth_app::domain::{Actor, Role, User};
use hearth_app::{App, AppSettings, SignInLimits, lifecycle, system_clock};
use hearth_store::{Store, StoreOptions};
use hearth_testkit::{PASSWORD, TestDb, both_backends};
use reqwest::cookie::{CookieStore, Jar};
use reqwest::{Client, Url};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

both_backends!(
    a_new_person_signs_in_through_the_provider_and_is_created_from_the_claims,
    an_existing_account_is_found_by_its_verified_e_mail_address_and_linked,
    a_tampered_state_a_wrong_nonce_a_missing_flow_and_a_reused_code_are_refused,
    an_expired_code_is_refused,
    an_id_token_for_another_audience_is_refused,
    closed_accounts_and_a_missing_e_mail_claim_are_refused,
    requiring_sso_turns_password_sign_in_off_for_members_but_not_for_admins,
    an_unreachable_provider_is_a_readable_page,
    an_unverified_address_creates_nothing_and_a_second_identity_of_the_issuer_is_refused,
    claims_the_provider_sends_only_in_user_info_are_read_from_there,
    a_user_info_answer_about_another_subject_is_refused,
    the_sign_in_window_of_a_framed_page_comes_back_to_it_after_single_sign_on,
);

const CLIENT_ID: &str = "hearth-tests";
const CLIENT_SECRET: &str = "a-client-secret-only-for-tests";
const IDP_PASSWORD: &str = "correct horse";

/// How the provider of a test behaves.
#[derive(Default)]
struct Behaviour {
    /// Seconds an authorization code stays valid (the provider's default here: 60).
    code_ttl_secs: Option<u64>,
    /// Re-sign every ID token with this audience instead of Hearth's client id.
    id_token_audience: Option<&'static str>,
    /// Put the scope-requested claims only in the UserInfo answer, not the ID token.
    claims_from_userinfo: bool,
    /// Name this subject in every UserInfo answer instead of the signed-in one.
    userinfo_subject: Option<&'static str>,
}

/// The provider process; it exits when its stdin closes, i.e. when this is dropped.
struct Idp {
    _child: Child,
    _stdin: ChildStdin,
    /// Kept open: the provider may still write (e.g. warnings) while it serves.
    _stdout: Lines<BufReader<ChildStdout>>,
}

/// Hearth configured for a provider, with the provider running.
struct Sso {
    running: RunningServer,
    base: String,
    issuer: String,
    db: TestDb,
    _idp: Option<Idp>,
    _data_dir: tempfile::TempDir,
}

fn provider_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/oidc")
}

async fn next_json(lines: &mut Lines<BufReader<ChildStdout>>) -> Value {
    let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await
        .expect("the test provider did not answer within 30 s")
        .unwrap()
        .expect("the test provider stopped; see its output above");
    serde_json::from_str(&line).unwrap_or_else(|_| panic!("unexpected provider output: {line}"))
}

impl Sso {
    async fn start(db: TestDb, behaviour: Behaviour) -> Self {
        let dir = provider_dir();
        assert!(
            dir.join("node_modules/oidc-provider").is_dir(),
            "the single sign-on tests need the test provider's npm packages: run \
             `npm ci --prefix tests/oidc` (Node.js 20 or later)"
        );
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .current_dir(&dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|err| {
                panic!(
                    "cannot start node ({err}); the single sign-on tests need Node.js 20 or \
                     later and `npm ci --prefix tests/oidc`"
                )
            });
        let mut stdin = child.stdin.take().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let issuer = next_json(&mut lines).await["issuer"]
            .as_str()
            .unwrap()
            .to_owned();

        let mut sso = Self::start_hearth(db, &issuer).await;
        let options = serde_json::json!({
            "redirect_uri": format!("{}/sign-in/oidc/callback", sso.base),
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "code_ttl_secs": behaviour.code_ttl_secs,
            "id_token_audience": behaviour.id_token_audience,
            "claims_from_userinfo": behaviour.claims_from_userinfo,
            "userinfo_subject": behaviour.userinfo_subject,
        });
        stdin
            .write_all(format!("{options}\n").as_bytes())
            .await
            .unwrap();
        stdin.flush().await.unwrap();
        assert_eq!(next_json(&mut lines).await["ready"], true);
        sso._idp = Some(Idp {
            _child: child,
            _stdin: stdin,
            _stdout: lines,
        });
        sso
    }

    /// Hearth alone, told that the provider is at `issuer`.
    async fn start_hearth(db: TestDb, issuer: &str) -> Self {
        let data_dir = tempfile::tempdir().unwrap();
        let config = Config {
            listen: "127.0.0.1:0".to_owned(),
            database_url: Some(db.url.clone()),
            data_dir: data_dir.path().to_owned(),
            oidc: Some(OidcConfig {
                issuer_url: issuer.to_owned(),
                client_id: CLIENT_ID.to_owned(),
                client_secret: CLIENT_SECRET.to_owned(),
                button_label: "Acme ID".to_owned(),
                ..OidcConfig::default()
            }),
            ..Config::default()
        };
        let running = server::start_with(&config, SignInLimits::default())
            .await
            .unwrap();
        let base = format!("http://{}", running.addr);
        Self {
            running,
            base,
            issuer: issuer.to_owned(),
            db,
            _idp: None,
            _data_dir: data_dir,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The app on the same database, to arrange and inspect what HTTP cannot.
    async fn app(&self) -> (App, Store) {
        let store = Store::connect(&self.db.url, &StoreOptions::default())
            .await
            .unwrap();
        let settings = AppSettings {
            node_id: 9,
            ..AppSettings::default()
        };
        (
            App::new(store.clone(), settings, system_clock()).unwrap(),
            store,
        )
    }

    /// An account with the test password, as `hearth admin create-user` makes one.
    async fn user(&self, email: &str, role: Role) -> User {
        let (app, store) = self.app().await;
        let user = accounts::create_user(
            &app,
            &Actor::Operator,
            NewAccount {
                email,
                name: "Password Person",
                password: Some(PASSWORD),
                role,
                company_if_new: Some("Acme"),
            },
        )
        .await
        .unwrap();
        store.close().await;
        user
    }

    async fn stop(self) {
        self.running.shutdown().await.unwrap();
    }
}

fn browser_with(jar: Arc<Jar>) -> Client {
    Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn browser() -> Client {
    browser_with(Arc::new(Jar::default()))
}

fn location(response: &reqwest::Response, base: &str) -> String {
    assert!(
        response.status().is_redirection(),
        "expected a redirect from {}, got {}",
        response.url(),
        response.status()
    );
    let raw = response.headers()["location"].to_str().unwrap();
    Url::parse(base).unwrap().join(raw).unwrap().to_string()
}

/// Presses "Sign in with …": answers the provider's authorization URL.
async fn begin(sso: &Sso, client: &Client) -> String {
    let response = client.get(sso.url("/sign-in/oidc")).send().await.unwrap();
    let authorize = location(&response, &sso.base);
    assert!(authorize.starts_with(&sso.issuer), "{authorize}");
    authorize
}

/// Walks the provider's pages as `login`: answers Hearth's callback URL.
async fn at_provider(sso: &Sso, client: &Client, authorize: &str, login: &str) -> String {
    let mut url = authorize.to_owned();
    for _ in 0..10 {
        if url.starts_with(&sso.base) {
            return url;
        }
        let response = if url.contains("/interaction/") {
            let form = client.get(&url).send().await.unwrap();
            assert_eq!(form.status(), 200, "the provider's login form");
            client
                .post(format!("{url}/login"))
                .form(&[("login", login), ("password", IDP_PASSWORD)])
                .send()
                .await
                .unwrap()
        } else {
            client.get(&url).send().await.unwrap()
        };
        url = location(&response, &sso.issuer);
    }
    panic!("the provider never sent the browser back to Hearth");
}

/// Hearth's answer to the callback: (status, location, body).
async fn callback(client: &Client, url: &str) -> (u16, String, String) {
    let response = client.get(url).send().await.unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}

/// A whole sign-in as `login`, which must succeed; answers the signed-in person.
async fn sign_in(sso: &Sso, client: &Client, login: &str) -> Value {
    let authorize = begin(sso, client).await;
    let back = at_provider(sso, client, &authorize, login).await;
    let (status, location, body) = callback(client, &back).await;
    assert_eq!((status, location.as_str()), (303, "/"), "{body}");
    let me = client
        .get(sso.url("/api/hearth/v1/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    me.json::<Value>().await.unwrap()["user"].clone()
}

/// Asserts a readable refusal page that offers another try, and that no session came
/// of it.
async fn assert_refused(
    sso: &Sso,
    client: &Client,
    answer: (u16, String, String),
    status: u16,
    says: &str,
) {
    let (got, _, body) = answer;
    assert_eq!(got, status, "{body}");
    assert!(body.contains("Single sign-on did not work"), "{body}");
    assert!(body.contains(says), "expected {says:?} in {body}");
    assert!(
        body.contains("href=\"/sign-in/oidc\""),
        "offers to try again: {body}"
    );
    let me = client
        .get(sso.url("/api/hearth/v1/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401, "a refused sign-in leaves no session");
}

fn with_param(url: &str, name: &str, value: &str) -> String {
    let mut url = Url::parse(url).unwrap();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == name {
                value.to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    url.to_string()
}

async fn a_new_person_signs_in_through_the_provider_and_is_created_from_the_claims(db: TestDb) {
    let sso = Sso::start(db, Behaviour::default()).await;
    sso.user("admin@acme.test", Role::Admin).await;

    let client = browser();
    let page = client.get(sso.url("/sign-in")).send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains("href=\"/sign-in/oidc\""), "{html}");
    assert!(html.contains("Sign in with Acme ID"), "{html}");

    let me = sign_in(&sso, &client, "ana").await;
    assert_eq!(me["email"], "ana@acme.test");
    assert_eq!(me["display_name"], "Ana Lima");
    assert_eq!(me["role"], "member");
    let id = me["id"].as_str().unwrap().to_owned();
    let profile: Value = client
        .get(sso.url(&format!("/api/hearth/v1/people/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(profile["profile"]["department"], "Logistics", "{profile}");
    assert_eq!(profile["profile"]["job_title"], "Dispatcher", "{profile}");

    // The next sign-in, from another browser, finds the same person by subject.
    let again = sign_in(&sso, &browser(), "ana").await;
    assert_eq!(again["id"], me["id"]);

    let (app, store) = sso.app().await;
    let created: Vec<_> = audit::list(&app, &Actor::Operator, &AuditFilter::default(), None, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|entry| {
            entry.action == "user.created"
                && entry.target_id.map(|t| t.to_string()) == Some(id.clone())
        })
        .collect();
    assert_eq!(created.len(), 1, "{created:?}");
    assert!(created[0].details.contains("oidc"), "{:?}", created[0]);
    store.close().await;
    sso.stop().await;
}

async fn an_existing_account_is_found_by_its_verified_e_mail_address_and_linked(db: TestDb) {
    let sso = Sso::start(db, Behaviour::default()).await;
    let ben = sso.user("ben@acme.test", Role::Member).await;

    // An unverified claim to ben's address links nothing.
    let client = browser();
    let authorize = begin(&sso, &client).await;
    let back = at_provider(&sso, &client, &authorize, "mallory").await;
    let answer = callback(&client, &back).await;
    assert_refused(&sso, &client, answer, 409, "does not confirm").await;

    let me = sign_in(&sso, &browser(), "ben").await;
    assert_eq!(me["id"], ben.id.to_string());
    assert_eq!(me["display_name"], "Password Person");
    // Linked now: found by subject the next time.
    let again = sign_in(&sso, &browser(), "ben").await;
    assert_eq!(again["id"], ben.id.to_string());
    sso.stop().await;
}

async fn a_tampered_state_a_wrong_nonce_a_missing_flow_and_a_reused_code_are_refused(db: TestDb) {
    let sso = Sso::start(db, Behaviour::default()).await;
    sso.user("admin@acme.test", Role::Admin).await;

    // The state in the answer is not the one this browser's flow holds.
    let client = browser();
    let authorize = begin(&sso, &client).await;
    let back = at_provider(&sso, &client, &authorize, "ana").await;
    let answer = callback(&client, &with_param(&back, "state", "forged-state")).await;
    assert_refused(&sso, &client, answer, 400, "state did not match").await;

    // The provider is asked for another nonce than the one Hearth chose, so the ID
    // token it issues names that other nonce.
    let client = browser();
    let authorize = begin(&sso, &client).await;
    let swapped = with_param(&authorize, "nonce", "a-nonce-hearth-never-chose");
    let back = at_provider(&sso, &client, &swapped, "ana").await;
    let answer = callback(&client, &back).await;
    assert_refused(&sso, &client, answer, 400, "nonce did not match").await;

    // An answer reaching a browser that started no sign-in.
    let client = browser();
    let authorize = begin(&sso, &client).await;
    let back = at_provider(&sso, &client, &authorize, "ana").await;
    let stranger = browser();
    let answer = callback(&stranger, &back).await;
    assert_refused(&sso, &stranger, answer, 400, "not started in this browser").await;

    // A code used once cannot be used again, even with the flow's cookie restored.
    let jar = Arc::new(Jar::default());
    let client = browser_with(jar.clone());
    let authorize = begin(&sso, &client).await;
    let back = at_provider(&sso, &client, &authorize, "ana").await;
    let callback_url = Url::parse(&back).unwrap();
    let cookies = jar.cookies(&callback_url).unwrap();
    let flow = cookies
        .to_str()
        .unwrap()
        .split("; ")
        .find(|c| c.starts_with("hearth_oidc="))
        .unwrap()
        .to_owned();
    let (status, _, body) = callback(&client, &back).await;
    assert_eq!(status, 303, "{body}");
    let replay_jar = Arc::new(Jar::default());
    replay_jar.add_cookie_str(&format!("{flow}; Path=/sign-in/oidc"), &callback_url);
    let replayer = browser_with(replay_jar);
    let answer = callback(&replayer, &back).await;
    assert_refused(&sso, &replayer, answer, 400, "expired or was already used").await;
    sso.stop().await;
}

async fn an_expired_code_is_refused(db: TestDb) {
    let sso = Sso::start(
        db,
        Behaviour {
            code_ttl_secs: Some(1),
            ..Behaviour::default()
        },
    )
    .await;
    sso.user("admin@acme.test", Role::Admin).await;
    let client = browser();
    let authorize = begin(&sso, &client).await;
    let back = at_provider(&sso, &client, &authorize, "ana").await;
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let answer = callback(&client, &back).await;
    assert_refused(&sso, &client, answer, 400, "expired or was already used").await;
    sso.stop().await;
}

async fn an_id_token_for_another_audience_is_refused(db: TestDb) {
    let sso = Sso::start(
        db,
        Behaviour {
            id_token_audience: Some("another-application"),
            ..Behaviour::default()
        },
    )
    .await;
    sso.user("admin@acme.test", Role::Admin).await;
    let client = browser();
    let authorize = begin(&sso, &client).await;
    let back = at_provider(&sso, &client, &authorize, "ana").await;
    let answer = callback(&client, &back).await;
    assert_refused(&sso, &client, answer, 400, "issued for another application").await;
    sso.stop().await;
}

async fn closed_accounts_and_a_missing_e_mail_claim_are_refused(db: TestDb) {
    let sso = Sso::start(db, Behaviour::default()).await;
    sso.user("admin@acme.test", Role::Admin).await;
    let dora = sso.user("dora@acme.test", Role::Member).await;
    // Dora signs in through the provider once, so she is linked by subject …
    sign_in(&sso, &browser(), "dora").await;
    // … and then leaves the company.
    let (app, store) = sso.app().await;
    lifecycle::deactivate(&app, Acting::operator(), dora.id, "left the company")
        .await
        .unwrap();
    store.close().await;

    let client = browser();
    let authorize = begin(&sso, &client).await;
    let back = at_provider(&sso, &client, &authorize, "dora").await;
    let answer = callback(&client, &back).await;
    assert_refused(
        &sso,
        &client,
        answer,
        403,
        "this account has been deactivated",
    )
    .await;

    let client = browser();
    let authorize = begin(&sso, &client).await;
    let back = at_provider(&sso, &client, &authorize, "noemail").await;
    let answer = callback(&client, &back).await;
    assert_refused(
        &sso,
        &client,
        answer,
        422,
        "did not send your e-mail address",
    )
    .await;
    sso.stop().await;
}

/// Signs in with a password through the API: (status, body).
async fn password_sign_in(sso: &Sso, client: &Client, email: &str) -> (u16, Value) {
    let response = client
        .post(sso.url("/api/hearth/v1/session"))
        .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn requiring_sso_turns_password_sign_in_off_for_members_but_not_for_admins(db: TestDb) {
    let sso = Sso::start(db, Behaviour::default()).await;
    sso.user("admin@acme.test", Role::Admin).await;
    sso.user("member@acme.test", Role::Member).await;
    sso.user("cleo@acme.test", Role::Compliance).await;

    let admin = browser();
    assert_eq!(
        password_sign_in(&sso, &admin, "admin@acme.test").await.0,
        200
    );
    let console = admin.get(sso.url("/admin/sso")).send().await.unwrap();
    assert_eq!(console.status(), 200);
    let html = console.text().await.unwrap();
    assert!(html.contains(&sso.issuer), "{html}");
    assert!(html.contains("reachable"), "{html}");
    assert!(!html.contains("not reachable"), "{html}");
    assert!(html.contains("Not required now."), "{html}");
    let csrf = crate::support::form_value(&html, "csrf");
    let response = admin
        .post(sso.url("/admin/sso"))
        .form(&[("csrf", csrf.as_str()), ("required", "true")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let html = admin
        .get(sso.url("/admin/sso"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Required now."), "{html}");
    assert!(html.contains("are kept in Hearth"), "{html}");
    let csrf = crate::support::form_value(&html, "csrf");
    let response = admin
        .post(sso.url("/admin/sso/profiles"))
        .form(&[("csrf", csrf.as_str()), ("from_provider", "true")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let html = admin
        .get(sso.url("/admin/sso"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("come from the provider at each sign-in"),
        "{html}"
    );

    for email in ["member@acme.test", "cleo@acme.test"] {
        let (status, body) = password_sign_in(&sso, &browser(), email).await;
        assert_eq!(status, 403, "{email}: {body}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains("requires single sign-on"), "{message}");
    }
    // The sign-in page says the same, and still offers the way that works.
    let member = browser();
    let form = member
        .get(sso.url("/sign-in"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = crate::support::form_value(&form, "csrf");
    let response = member
        .post(sso.url("/sign-in"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "member@acme.test"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let html = response.text().await.unwrap();
    assert!(html.contains("requires single sign-on"), "{html}");
    assert!(html.contains("Sign in with Acme ID"), "{html}");

    // Network admins keep their password as a break-glass.
    assert_eq!(
        password_sign_in(&sso, &browser(), "admin@acme.test")
            .await
            .0,
        200
    );

    let (app, store) = sso.app().await;
    let entries = audit::list(&app, &Actor::Operator, &AuditFilter::default(), None, 100)
        .await
        .unwrap();
    let changed: Vec<_> = entries
        .iter()
        .filter(|e| e.action == "sso.requirement_changed")
        .collect();
    assert_eq!(changed.len(), 1, "{entries:?}");
    assert!(
        entries
            .iter()
            .any(|e| e.action == "sso.profile_source_changed"),
        "{entries:?}"
    );
    assert!(
        changed[0].details.contains("\"required\":true"),
        "{:?}",
        changed[0]
    );
    store.close().await;
    sso.stop().await;
}

async fn an_unreachable_provider_is_a_readable_page(db: TestDb) {
    // Nothing listens on port 9 of loopback (the discard port is never served here).
    let sso = Sso::start_hearth(db, "http://127.0.0.1:9").await;
    let client = browser();
    let response = client.get(sso.url("/sign-in/oidc")).send().await.unwrap();
    assert_eq!(response.status(), 502);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("could not reach the identity provider"),
        "{html}"
    );
    assert!(html.contains("href=\"/sign-in/oidc\""), "{html}");
    sso.stop().await;
}

async fn an_unverified_address_creates_nothing_and_a_second_identity_of_the_issuer_is_refused(
    db: TestDb,
) {
    let sso = Sso::start(db, Behaviour::default()).await;
    sso.user("admin@acme.test", Role::Admin).await;
    let ben = sso.user("ben@acme.test", Role::Member).await;

    // No account exists for eve@, and the provider does not vouch for the address.
    let client = browser();
    let authorize = begin(&sso, &client).await;
    let back = at_provider(&sso, &client, &authorize, "eve").await;
    let answer = callback(&client, &back).await;
    assert_refused(&sso, &client, answer, 403, "cannot create your account").await;

    // Ben links his account; a second account at the provider with his address is
    // refused, and an admin can see that it was tried.
    let me = sign_in(&sso, &browser(), "ben").await;
    assert_eq!(me["id"], ben.id.to_string());
    let client = browser();
    let authorize = begin(&sso, &client).await;
    let back = at_provider(&sso, &client, &authorize, "ben2").await;
    let answer = callback(&client, &back).await;
    assert_refused(&sso, &client, answer, 409, "already linked").await;
    let again = sign_in(&sso, &browser(), "ben").await;
    assert_eq!(again["id"], ben.id.to_string());

    let (app, store) = sso.app().await;
    let entries = audit::list(&app, &Actor::Operator, &AuditFilter::default(), None, 100)
        .await
        .unwrap();
    assert!(
        !entries
            .iter()
            .any(|e| e.action == "user.created" && e.details.contains("oidc")),
        "{entries:?}"
    );
    let refused: Vec<_> = entries
        .iter()
        .filter(|e| e.action == "sso.link_refused")
        .collect();
    assert_eq!(refused.len(), 1, "{entries:?}");
    assert_eq!(refused[0].target_id, Some(ben.id.0));
    store.close().await;
    sso.stop().await;
}

async fn claims_the_provider_sends_only_in_user_info_are_read_from_there(db: TestDb) {
    let sso = Sso::start(
        db,
        Behaviour {
            claims_from_userinfo: true,
            ..Behaviour::default()
        },
    )
    .await;
    sso.user("admin@acme.test", Role::Admin).await;

    let client = browser();
    let me = sign_in(&sso, &client, "ana").await;
    assert_eq!(me["email"], "ana@acme.test");
    assert_eq!(me["display_name"], "Ana Lima");
    let id = me["id"].as_str().unwrap().to_owned();
    let profile: Value = client
        .get(sso.url(&format!("/api/hearth/v1/people/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(profile["profile"]["department"], "Logistics", "{profile}");
    assert_eq!(profile["profile"]["job_title"], "Dispatcher", "{profile}");

    // An existing account is linked on the verified address UserInfo sends.
    let ben = sso.user("ben@acme.test", Role::Member).await;
    let me = sign_in(&sso, &browser(), "ben").await;
    assert_eq!(me["id"], ben.id.to_string());

    // With the provider as the source of truth (set over the API), the next sign-in
    // copies Ben's name from UserInfo.
    let admin = browser();
    let (status, body) = password_sign_in(&sso, &admin, "admin@acme.test").await;
    assert_eq!(status, 200);
    let csrf = body["csrf_token"].as_str().unwrap().to_owned();
    let settings: Value = admin
        .put(sso.url("/api/hearth/v1/admin/sso"))
        .header("x-csrf-token", &csrf)
        .json(&serde_json::json!({ "profile_from_provider": true }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(settings["profile_from_provider"], true, "{settings}");
    assert_eq!(settings["provider_configured"], true, "{settings}");
    assert_eq!(settings["required"], false, "{settings}");
    let me = sign_in(&sso, &browser(), "ben").await;
    assert_eq!(me["display_name"], "Ben Okafor");
    sso.stop().await;
}

async fn a_user_info_answer_about_another_subject_is_refused(db: TestDb) {
    let sso = Sso::start(
        db,
        Behaviour {
            claims_from_userinfo: true,
            userinfo_subject: Some("ben"),
            ..Behaviour::default()
        },
    )
    .await;
    sso.user("admin@acme.test", Role::Admin).await;
    let client = browser();
    let authorize = begin(&sso, &client).await;
    let back = at_provider(&sso, &client, &authorize, "ana").await;
    let answer = callback(&client, &back).await;
    assert_refused(&sso, &client, answer, 400, "about someone else").await;
    let (app, store) = sso.app().await;
    let entries = audit::list(&app, &Actor::Operator, &AuditFilter::default(), None, 100)
        .await
        .unwrap();
    assert!(
        !entries
            .iter()
            .any(|e| e.action == "user.created" && e.details.contains("oidc")),
        "{entries:?}"
    );
    store.close().await;
    sso.stop().await;
}

async fn the_sign_in_window_of_a_framed_page_comes_back_to_it_after_single_sign_on(db: TestDb) {
    let sso = Sso::start(db, Behaviour::default()).await;
    sso.user("ben@acme.test", Role::Member).await;
    let client = browser();
    let form = client
        .get(sso.url("/sign-in?then=embed"))
        .send()
        .await
        .unwrap();
    let html = form.text().await.unwrap();
    assert!(html.contains("/sign-in/oidc?then=embed"), "{html}");
    let response = client
        .get(sso.url("/sign-in/oidc?then=embed"))
        .send()
        .await
        .unwrap();
    let authorize = location(&response, &sso.base);
    let back = at_provider(&sso, &client, &authorize, "ben").await;
    let (status, location, body) = callback(&client, &back).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/embed/sign-in"),
        "{body}"
    );
    // An ordinary sign-in afterwards lands on the home page again.
    sign_in(&sso, &client, "ben").await;
    sso.stop().await;
}
