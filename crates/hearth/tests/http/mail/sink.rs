//! The SMTP sink of the e-mail tests: tests/smtp/sink.py (Python `aiosmtpd`) run as a
//! real SMTP server on a free port, writing each message it receives to a folder.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const INSTALL: &str = "python3 -m venv target/smtp-venv && \
    target/smtp-venv/bin/pip install -r tests/smtp/requirements.txt";

pub struct Sink {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

impl Sink {
    /// Starts the sink; each reply waits `delay_ms` (to keep messages in flight).
    pub fn start(delay_ms: u64) -> Self {
        Self::start_refusing(delay_ms, &[])
    }

    /// As [`Sink::start`], answering "550 no such mailbox" for the `refused` addresses.
    pub fn start_refusing(delay_ms: u64, refused: &[&str]) -> Self {
        let python = std::env::var_os("HEARTH_TEST_SMTP_PYTHON")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo_root().join("target/smtp-venv/bin/python"));
        assert!(
            python.exists(),
            "the e-mail tests need the SMTP sink's Python environment at {}; install it from \
             the repository root with: {INSTALL}",
            python.display()
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(&python)
            .arg(repo_root().join("tests/smtp/sink.py"))
            .args([
                "--port",
                &port.to_string(),
                "--delay-ms",
                &delay_ms.to_string(),
            ])
            .arg("--dir")
            .arg(dir.path())
            .args(refused.iter().flat_map(|address| ["--refuse", address]))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start the SMTP sink ({err}); {INSTALL}"));
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(
            line.trim(),
            "ready",
            "the SMTP sink did not start; reinstall it with: {INSTALL}"
        );
        Self { child, port, dir }
    }

    /// Every message received so far, in the order received.
    pub fn messages(&self) -> Vec<Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|path| serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
            .collect()
    }

    /// Waits until at least `count` messages arrived, and answers all of them.
    pub async fn wait_for(&self, count: usize, within: Duration) -> Vec<Value> {
        let start = Instant::now();
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            assert!(
                start.elapsed() < within,
                "expected {count} e-mails within {within:?}, got {}",
                messages.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A header of a received message, by name (case-insensitive).
pub fn header<'a>(message: &'a Value, name: &str) -> Option<&'a str> {
    message["headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|pair| pair[0].as_str().unwrap().eq_ignore_ascii_case(name))
        .map(|pair| pair[1].as_str().unwrap())
}

pub fn recipients(message: &Value) -> Vec<String> {
    message["rcpt_tos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect()
}
