use hearth::config::{Config, LimitsConfig, UploadsConfig};
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
        Self::launch(db, limits, unlimited()).await
    }

    /// A server with these content limits (the others start without any, since tests
    /// create content in bursts).
    pub async fn start_with_content_limits(db: TestDb, content: LimitsConfig) -> Self {
        Self::launch(db, SignInLimits::default(), content).await
    }

    /// A server whose uploads have these limits.
    pub async fn start_with_uploads(db: TestDb, uploads: UploadsConfig) -> Self {
        Self::start_configured(db, |config| config.uploads = uploads).await
    }

    /// A server whose configuration `change` adjusts, e.g. a small upload limit.
    pub async fn start_configured(db: TestDb, change: impl FnOnce(&mut Config)) -> Self {
        Self::launch_with(db, SignInLimits::default(), unlimited(), change).await
    }

    async fn launch(db: TestDb, limits: SignInLimits, content: LimitsConfig) -> Self {
        Self::launch_with(db, limits, content, |_| {}).await
    }

    async fn launch_with(
        db: TestDb,
        limits: SignInLimits,
        content: LimitsConfig,
        change: impl FnOnce(&mut Config),
    ) -> Self {
        let data_dir = tempfile::tempdir().unwrap();
        let mut config = Config {
            listen: "127.0.0.1:0".to_owned(),
            database_url: Some(db.url.clone()),
            data_dir: data_dir.path().to_owned(),
            limits: content,
            ..Config::default()
        };
        change(&mut config);
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

/// Every content limit off.
pub fn unlimited() -> LimitsConfig {
    LimitsConfig {
        posts_per_minute: 0,
        replies_per_minute: 0,
        chat_messages_per_minute: 0,
        reactions_per_minute: 0,
        live_connections_per_person: 0,
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

/// A person signed in through the JSON API with a session cookie: every request
/// goes to `/api/hearth/v1{path}`, and every write carries the CSRF header.
pub struct SignedIn {
    pub client: reqwest::Client,
    pub csrf: String,
    pub base: String,
    api: String,
}

impl Server {
    /// Signs `email` in through the API, as a browser-like client.
    pub async fn signed_in(&self, email: &str) -> SignedIn {
        let client = browser();
        let csrf = api_sign_in(self, &client, email).await;
        SignedIn {
            client,
            csrf,
            base: self.base.clone(),
            api: self.url("/api/hearth/v1"),
        }
    }
}

impl SignedIn {
    /// The JSON body of a `GET`, whatever its status.
    pub async fn json(&self, path: &str) -> Value {
        self.get(path).await.json().await.unwrap()
    }

    /// The status and HTML of a page (a path outside the API).
    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Sends a form to a page; answers the status, the `Location` and the body.
    pub async fn submit(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        form_response(
            self.client
                .post(format!("{}{path}", self.base))
                .form(fields),
        )
        .await
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.api))
            .send()
            .await
            .unwrap()
    }

    /// A write without a body: `POST`, `PUT` or `DELETE`.
    pub async fn send(&self, method: reqwest::Method, path: &str) -> reqwest::Response {
        self.client
            .request(method, format!("{}{path}", self.api))
            .header("x-csrf-token", &self.csrf)
            .send()
            .await
            .unwrap()
    }

    /// A write with a JSON body.
    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &Value,
    ) -> reqwest::Response {
        self.client
            .request(method, format!("{}{path}", self.api))
            .header("x-csrf-token", &self.csrf)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.send_json(reqwest::Method::POST, path, body).await
    }

    pub async fn put_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.send_json(reqwest::Method::PUT, path, body).await
    }

    /// Uploads `bytes` as a file named `name` through `POST /uploads`, with these
    /// text parts first.
    pub async fn upload(
        &self,
        name: &str,
        bytes: Vec<u8>,
        parts: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut form = reqwest::multipart::Form::new();
        for (part, value) in parts {
            form = form.text(part.to_string(), value.to_string());
        }
        let form = form.part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
        self.client
            .post(format!("{}/uploads", self.api))
            .header("x-csrf-token", &self.csrf)
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn patch_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.send_json(reqwest::Method::PATCH, path, body).await
    }

    pub async fn post(&self, path: &str) -> reqwest::Response {
        self.send(reqwest::Method::POST, path).await
    }

    pub async fn put(&self, path: &str) -> reqwest::Response {
        self.send(reqwest::Method::PUT, path).await
    }

    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.send(reqwest::Method::DELETE, path).await
    }

    /// Creates a personal API token named `name` and answers its secret.
    pub async fn new_token(&self, name: &str) -> String {
        let created: Value = self
            .post_json("/tokens", &serde_json::json!({ "name": name }))
            .await
            .json()
            .await
            .unwrap();
        created["secret"].as_str().unwrap().to_owned()
    }
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

/// The body of the answer to a request, whatever its status.
pub async fn text_of(request: reqwest::RequestBuilder) -> String {
    request.send().await.unwrap().text().await.unwrap()
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
    form_response(client.post(server.url(path)).form(fields)).await
}

async fn form_response(request: reqwest::RequestBuilder) -> (u16, String, String) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}
