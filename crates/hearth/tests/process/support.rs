use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};

pub fn hearth(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hearth"));
    command
        .current_dir(dir)
        .env("RUST_LOG", "info")
        .env_remove("HEARTH_CONFIG")
        .kill_on_drop(true);
    command
}

/// Runs a command to completion; answers (success, stdout, stderr).
pub async fn run(mut command: Command, stdin: Option<&str>) -> (bool, String, String) {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    if let Some(input) = stdin {
        pipe.write_all(input.as_bytes()).await.unwrap();
    }
    drop(pipe);
    let output = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("the command finished within a minute")
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `hearth admin <args> --database-url <url>`; answers (success, stdout, stderr).
pub async fn admin(
    dir: &Path,
    url: &str,
    args: &[&str],
    stdin: Option<&str>,
) -> (bool, String, String) {
    let mut command = hearth(dir);
    command
        .arg("admin")
        .args(args)
        .args(["--database-url", url]);
    run(command, stdin).await
}

/// Creates the network's first admin, `admin@acme.test`, with the command line, and
/// answers a personal API token of theirs.
pub async fn first_admin_token(dir: &Path, url: &str) -> String {
    let create_admin = [
        "create-user",
        "--email",
        "admin@acme.test",
        "--name",
        "Admin",
        "--admin",
        "--password-stdin",
    ];
    let (ok, _, stderr) = admin(dir, url, &create_admin, Some(hearth_testkit::PASSWORD)).await;
    assert!(ok, "{stderr}");
    let token = ["create-token", "--email", "admin@acme.test"];
    let (ok, stdout, stderr) = admin(dir, url, &token, None).await;
    assert!(ok, "{stderr}");
    stdout.trim().to_owned()
}

/// A `hearth serve` process.
pub struct ServerProcess {
    pub child: Child,
    pub base: String,
    /// What the server printed on stdout before it was ready.
    pub banner: Vec<String>,
}

impl ServerProcess {
    pub async fn start(dir: &Path, database_url: Option<&str>) -> Self {
        Self::start_with_env(dir, database_url, &[]).await
    }

    /// Starts a server with extra `HEARTH_*` settings, e.g. a node id and NATS.
    pub async fn start_with_env(
        dir: &Path,
        database_url: Option<&str>,
        env: &[(&str, &str)],
    ) -> Self {
        let mut command = hearth(dir);
        command.envs(env.iter().copied());
        command.args(["serve", "--listen", "127.0.0.1:0"]);
        if let Some(url) = database_url {
            command.args(["--database-url", url]);
        }
        command.stdout(Stdio::piped()).stderr(Stdio::null());
        let mut child = command.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let mut banner = Vec::new();
        let base = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await.unwrap() {
                banner.push(line.clone());
                if let Some(url) = line.strip_prefix("Hearth is listening on ") {
                    return url.trim().to_owned();
                }
            }
            panic!("the server exited before listening: {banner:?}");
        })
        .await
        .expect("the server started within a minute");
        // Keep reading so the set-up banner and later output never block the server.
        let mut rest = lines;
        let mut tail = Vec::new();
        for _ in 0..4 {
            match tokio::time::timeout(Duration::from_millis(200), rest.next_line()).await {
                Ok(Ok(Some(line))) => tail.push(line),
                _ => break,
            }
        }
        banner.extend(tail);
        tokio::spawn(async move { while let Ok(Some(_)) = rest.next_line().await {} });
        Self {
            child,
            base,
            banner,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn pid(&self) -> u32 {
        self.child.id().unwrap()
    }
}
