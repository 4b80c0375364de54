use hearth::config::Config;
use hearth::server::{self, RunningServer};
use hearth_app::accounts::{self, NewAccount};
use hearth_app::domain::{Actor, Role, User};
use hearth_app::{App, AppSettings, SignInLimits, system_clock};
use hearth_store::{Store, StoreOptions};
use hearth_testkit::{PASSWORD, TestDb};
use reqwest::header::HeaderMap;
use serde_json::Value;

pub struct Server {
    pub running: RunningServer,
    pub base: String,
    pub db: TestDb,
    _data_dir: tempfile::TempDir,
}

impl Server {
    pub async fn start(db: TestDb) -> Self {
        Self::start_with(db, SignInLimits::default()).await
    }

    pub async fn start_with(db: TestDb, limits: SignInLimits) -> Self {
        let data_dir = tempfile::tempdir().unwrap();
        let config = Config {
            listen: "127.0.0.1:0".to_owned(),
            database_url: Some(db.url.clone()),
            data_dir: data_dir.path().to_owned(),
            ..Config::default()
        };
        let running = server::start_with(&config, limits).await.unwrap();
        let base = format!("http://{}", running.addr);
        Self {
            running,
            base,
            db,
            _data_dir: data_dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Creates an account directly, as `hearth admin create-user` would.
    pub async fn user(&self, email: &str, role: Role) -> User {
        let store = Store::connect(&self.db.url, &StoreOptions::default())
            .await
            .unwrap();
        let settings = AppSettings {
            node_id: 9,
            ..AppSettings::default()
        };
        let app = App::new(store.clone(), settings, system_clock()).unwrap();
        let user = accounts::create_user(
            &app,
            &Actor::Operator,
            NewAccount {
                email,
                name: "Test Person",
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

    pub async fn stop(self) {
        self.running.shutdown().await.unwrap();
    }
}

/// A browser-like client: keeps cookies, does not follow redirects.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Signs in through the JSON API; answers the CSRF token for cookie writes.
pub async fn api_sign_in(server: &Server, client: &reqwest::Client, email: &str) -> String {
    let response = client
        .post(server.url("/api/hearth/v1/session"))
        .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["csrf_token"].as_str().unwrap().to_owned()
}

/// Asserts the error shape and answers (status, code, message).
pub async fn error_of(response: reqwest::Response) -> (u16, String, String, HeaderMap) {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let content_type = headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(
        content_type.starts_with("application/json"),
        "{status}: {content_type}"
    );
    let body: Value = response.json().await.unwrap();
    let code = body["error"]["code"]
        .as_str()
        .expect("error.code")
        .to_owned();
    let message = body["error"]["message"]
        .as_str()
        .expect("error.message")
        .to_owned();
    assert!(!message.is_empty());
    (status, code, message, headers)
}

/// The value of `name="<field>" value="…"` in a page.
pub fn form_value(html: &str, field: &str) -> String {
    let marker = format!("name=\"{field}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {field} in {html}"))
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_owned()
}

/// The status and HTML of a page.
pub async fn page(server: &Server, client: &reqwest::Client, path: &str) -> (u16, String) {
    let response = client.get(server.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// Sends a form; answers the status, the `Location` (if any) and the body.
pub async fn submit(
    server: &Server,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let response = client
        .post(server.url(path))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}
