//! The command line.

use crate::config::{LogFormat, Overrides};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "hearth",
    version,
    about = "Hearth, a self-hosted internal social network"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command understands; they override the file and the environment.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Configuration file (TOML). Default: ./hearth.toml when it exists.
    #[arg(long, global = true, env = "HEARTH_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Database URL: sqlite://path/file.db or postgres://user@host/db.
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// Folder for the embedded SQLite database.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Log format.
    #[arg(long, global = true, value_enum)]
    pub log_format: Option<LogFormatArg>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LogFormatArg {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server.
    Serve(ServeArgs),
    /// Run the server on a demo company, seeded on first start. Keeps its data in
    /// ./hearth-demo unless --data-dir or --database-url is given.
    Demo(ServeArgs),
    /// Operator commands that act directly on the database.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Benchmarks that print figures.
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Seed a company into an empty database, then measure posting, feeds and
    /// threads over HTTP against a server started on it.
    Social {
        #[arg(long, default_value_t = 10_000)]
        users: usize,
        #[arg(long, default_value_t = 300)]
        communities: usize,
        /// Posts and replies together.
        #[arg(long, default_value_t = 1_000_000)]
        posts: usize,
        #[arg(long, default_value_t = 3_000_000)]
        reactions: usize,
        /// Seconds each measurement runs.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Measure a database seeded by an earlier run in this folder.
        #[arg(long)]
        existing: bool,
    },
    /// Over the data `bench social` seeds (seeding it first into an empty database),
    /// measure feed pages of polls, voting in company-wide and community polls,
    /// praise posts and a person's praise received.
    Polls {
        #[arg(long, default_value_t = 10_000)]
        users: usize,
        #[arg(long, default_value_t = 300)]
        communities: usize,
        /// Posts and replies together.
        #[arg(long, default_value_t = 1_000_000)]
        posts: usize,
        #[arg(long, default_value_t = 3_000_000)]
        reactions: usize,
        /// Seconds each measurement runs.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Measure a database seeded by an earlier run (social or polls) in this folder.
        #[arg(long)]
        existing: bool,
    },
    /// Over the data `bench social` seeds (seeding it first into an empty database),
    /// measure feed pages of articles, an article's reading view, the list of
    /// articles, reads, autosaves of drafts, and publishing many at once to
    /// subscribers.
    Articles {
        #[arg(long, default_value_t = 10_000)]
        users: usize,
        #[arg(long, default_value_t = 300)]
        communities: usize,
        /// Posts and replies together.
        #[arg(long, default_value_t = 1_000_000)]
        posts: usize,
        #[arg(long, default_value_t = 3_000_000)]
        reactions: usize,
        /// Seconds each measurement runs.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Measure a database seeded by an earlier run (social, polls or articles) in
        /// this folder.
        #[arg(long)]
        existing: bool,
    },
    /// Over the data `bench social` seeds (seeding it first into an empty database),
    /// with an intranet listed for embedding: measure the announcements strip, first
    /// comments on new intranet pages, comments on one busy page, and looking a page's
    /// comments up by its address.
    Embed {
        #[arg(long, default_value_t = 10_000)]
        users: usize,
        #[arg(long, default_value_t = 300)]
        communities: usize,
        /// Posts and replies together.
        #[arg(long, default_value_t = 1_000_000)]
        posts: usize,
        #[arg(long, default_value_t = 3_000_000)]
        reactions: usize,
        /// Seconds each measurement runs.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Measure a database seeded by an earlier run (social, polls, articles or
        /// embed) in this folder.
        #[arg(long)]
        existing: bool,
    },
    /// Over the data `bench social` seeds (seeding it first into an empty database),
    /// with the people behind its tokens in an external network: measure the home feed
    /// with and without the Hearth-Network header, the external network's feed through
    /// it, and the list of a person's networks.
    Networks {
        #[arg(long, default_value_t = 10_000)]
        users: usize,
        #[arg(long, default_value_t = 300)]
        communities: usize,
        /// Posts and replies together.
        #[arg(long, default_value_t = 1_000_000)]
        posts: usize,
        #[arg(long, default_value_t = 3_000_000)]
        reactions: usize,
        /// Seconds each measurement runs.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Measure a database seeded by an earlier run (social, polls, articles, embed
        /// or networks) in this folder; each run adds another external network.
        #[arg(long)]
        existing: bool,
    },
    /// Open many live-stream clients in group conversations against a server started
    /// on a fresh SQLite folder (or an empty --database-url); measure delivery
    /// latency, memory per idle connection, and resuming after a restart.
    Chat {
        /// Concurrent clients; a list such as 1000,10000 runs each in turn.
        #[arg(long, value_delimiter = ',', default_value = "1000")]
        clients: Vec<usize>,
        /// People per group conversation.
        #[arg(long, default_value_t = 10)]
        group_size: usize,
        /// Messages sent per second during the load.
        #[arg(long, default_value_t = 500)]
        rate: u32,
        /// Seconds the load lasts.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// WebSocket connections opened at once at the start.
        #[arg(long, default_value_t = 200)]
        connect_concurrency: usize,
        /// Messages in flight at once (HTTP requests).
        #[arg(long, default_value_t = 64)]
        senders: usize,
        /// Longest wait between two reconnection attempts, in milliseconds.
        #[arg(long, default_value_t = 1000)]
        max_backoff_ms: u64,
        /// Restart with credentials used just now, so that reconnecting writes
        /// nothing (by default they were last used an hour ago, as after any uptime).
        #[arg(long)]
        fresh_credentials: bool,
    },
    /// Compose and enqueue the weekly digest for everyone over the data `bench social`
    /// seeds (seeding it first into an empty database), then deliver it to an SMTP
    /// sink if one is given.
    Digest {
        #[arg(long, default_value_t = 10_000)]
        users: usize,
        #[arg(long, default_value_t = 300)]
        communities: usize,
        /// Posts and replies together.
        #[arg(long, default_value_t = 1_000_000)]
        posts: usize,
        #[arg(long, default_value_t = 3_000_000)]
        reactions: usize,
        /// Deliver to this SMTP sink (no TLS, no authentication), e.g. 127.0.0.1:2525.
        #[arg(long, value_name = "ADDR")]
        smtp: Option<String>,
        /// Measure a database seeded by an earlier run (social or digest) in this folder.
        #[arg(long)]
        existing: bool,
    },
    /// Count a year of the data `bench social` seeds into the analytics rollups
    /// (seeding it first into an empty database), then one more day, then time the
    /// dashboards for periods of a week to a year.
    Analytics {
        #[arg(long, default_value_t = 10_000)]
        users: usize,
        #[arg(long, default_value_t = 300)]
        communities: usize,
        /// Posts and replies together.
        #[arg(long, default_value_t = 1_000_000)]
        posts: usize,
        #[arg(long, default_value_t = 3_000_000)]
        reactions: usize,
        /// Measure a database seeded by an earlier run (social, digest or analytics).
        #[arg(long)]
        existing: bool,
    },
    /// Deactivate people who hold 50 open live connections each, through the admin
    /// API and from another process, on a fresh SQLite folder; measure the time to
    /// the last connection closed and to the first refused request.
    Offboarding {
        /// Deactivations measured each way.
        #[arg(long, default_value_t = 100)]
        tries: usize,
    },
    /// Send many large uploads at once to a server started on a fresh SQLite folder
    /// (time, MB/s, latency, the server's peak memory), then measure how many
    /// thumbnails of a 12-megapixel JPEG (by default) this machine makes a second.
    Uploads {
        /// Uploads sent at once, each by a different person.
        #[arg(long, default_value_t = 50)]
        uploads: usize,
        /// The size of each upload, in MB (at most uploads.max_file_mb).
        #[arg(long, default_value_t = 20)]
        size_mb: u64,
        /// Seconds each thumbnail measurement runs.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// The size of the photo to thumbnail, in megapixels.
        #[arg(long, default_value_t = 12)]
        megapixels: u32,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on, e.g. 0.0.0.0:8080.
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    /// Serve /metrics on this address and port instead, e.g. 10.0.0.5:9090.
    #[arg(long, value_name = "ADDR")]
    pub metrics_listen: Option<String>,
    /// This node's id (0–1022), distinct on every node of a cluster.
    #[arg(long, value_name = "N")]
    pub node_id: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an account (and the home network, if there is none yet).
    CreateUser {
        #[arg(long)]
        email: String,
        /// The person's display name.
        #[arg(long)]
        name: String,
        /// Read the password from standard input (first line).
        #[arg(long)]
        password_stdin: bool,
        /// Make the person a network administrator.
        #[arg(long)]
        admin: bool,
        /// Name of the home network, used only when it does not exist yet.
        #[arg(long, value_name = "NAME")]
        company: Option<String>,
    },
    /// Deactivate an account ("left the company"): sign-in stops, every session and
    /// token is revoked and running servers close the person's live connections.
    Deactivate {
        #[arg(long)]
        email: String,
        /// Why; kept in the audit log.
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Suspend an account until a date; it works again by itself then.
    Suspend {
        #[arg(long)]
        email: String,
        /// A date (2026-12-31, midnight UTC) or an RFC 3339 time, in the future.
        #[arg(long)]
        until: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Let a deactivated or suspended account be used again.
    Reactivate {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Delete an account for good, anonymizing the person.
    DeleteUser {
        #[arg(long)]
        email: String,
        /// What happens to their posts and messages: keep or remove.
        #[arg(long)]
        content: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Make someone a member, an admin or a compliance officer.
    SetRole {
        #[arg(long)]
        email: String,
        /// member, admin or compliance.
        #[arg(long)]
        role: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Print a new personal API token for an account.
    CreateToken {
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long, default_value = "command line")]
        name: String,
    },
    /// Print a new SCIM token for the home network's identity provider (shown once).
    CreateScimToken {
        /// What the token is for, e.g. the identity provider's name.
        #[arg(long)]
        name: String,
    },
    /// Revoke a SCIM token by its id; its client is refused at once.
    RevokeScimToken {
        #[arg(long)]
        id: i64,
    },
    /// Invite someone by e-mail and print the single-use link (valid 7 days) to pass on.
    Invite {
        #[arg(long)]
        email: String,
        /// The role the account gets.
        #[arg(long, default_value = "member", value_parser = ["member", "admin", "compliance"])]
        role: String,
    },
    /// Publish a file (markdown) as the next version of the usage policy; everyone is
    /// asked to accept it.
    PublishUsagePolicy {
        #[arg(long, value_name = "PATH")]
        file: PathBuf,
    },
    /// Write the audit log (newest first) as CSV or JSON lines; the export is itself
    /// recorded in the log.
    Audit {
        /// Only this action, e.g. user.deactivated.
        #[arg(long)]
        action: Option<String>,
        /// Only entries from this day on (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only entries up to this day, included (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// csv or jsonl.
        #[arg(long, default_value = "csv")]
        format: String,
        /// The file to write; standard output when left out.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Show, set, turn off, count or apply the retention policy (content older than
    /// a number of days is deleted, by whole threads and single chat messages).
    Retention {
        /// Keep content this many days (1–36500); with --dry-run, only count for it.
        #[arg(
            long,
            value_name = "N",
            allow_hyphen_values = true,
            conflicts_with = "off"
        )]
        days: Option<i64>,
        /// Keep everything.
        #[arg(long)]
        off: bool,
        /// Count what would be deleted now, changing nothing.
        #[arg(long, conflicts_with_all = ["apply", "off"])]
        dry_run: bool,
        /// Delete now what the policy says, instead of waiting for the server's hourly run.
        #[arg(long, conflicts_with_all = ["days", "off"])]
        apply: bool,
    },
    /// Rebuild the search indexes from the posts and messages (they are kept up to
    /// date as people write; this is for after a restore or a change of
    /// configuration). Servers may keep running.
    Reindex {
        /// PostgreSQL only: the text search configuration to build the index with,
        /// e.g. `english` or `german` to find words by their stem (`simple`, the
        /// default, stems nothing and suits every language).
        #[arg(long, value_name = "NAME")]
        text_search_configuration: Option<String>,
    },
    /// Compose and enqueue the daily or weekly digest now, as the server does on its
    /// schedule; a period already sent is not sent again.
    SendDigests {
        #[arg(long, value_parser = ["daily", "weekly"])]
        period: String,
    },
    /// Write a consistent copy of the SQLite database to a new file, while servers
    /// keep running (PostgreSQL: use pg_dump).
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Put a backup in place of the SQLite database. Every server and command using
    /// the database must be stopped first.
    Restore {
        /// The backup to restore.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// Restore over an existing database, which is kept beside it.
        #[arg(long)]
        replace: bool,
    },
    /// Export the whole network, or one person, as JSON lines files in a zip.
    Export {
        /// The zip file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only this person: an e-mail address or a user id.
        #[arg(long, value_name = "EMAIL")]
        user: Option<String>,
    },
}

impl Cli {
    pub fn overrides(&self) -> Overrides {
        let (listen, metrics_listen, node_id) = match &self.command {
            Command::Serve(serve) | Command::Demo(serve) => (
                serve.listen.clone(),
                serve.metrics_listen.clone(),
                serve.node_id,
            ),
            Command::Admin(_) | Command::Bench(_) => (None, None, None),
        };
        let (data_dir, database_url) = match &self.command {
            // A demo never writes into the real network that the file or the
            // environment name: only the command line chooses its database. An empty
            // URL overrides theirs and means "SQLite in the data folder".
            Command::Demo(_) => (
                Some(
                    self.global
                        .data_dir
                        .clone()
                        .unwrap_or_else(|| PathBuf::from(crate::demo::DATA_DIR)),
                ),
                Some(self.global.database_url.clone().unwrap_or_default()),
            ),
            Command::Serve(_) | Command::Admin(_) | Command::Bench(_) => (
                self.global.data_dir.clone(),
                self.global.database_url.clone(),
            ),
        };
        Overrides {
            listen,
            metrics_listen,
            node_id,
            data_dir,
            database_url,
            log_format: self.global.log_format.map(|format| match format {
                LogFormatArg::Text => LogFormat::Text,
                LogFormatArg::Json => LogFormat::Json,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn flags_become_overrides() {
        let cli = Cli::try_parse_from([
            "hearth",
            "serve",
            "--listen",
            "0.0.0.0:9000",
            "--metrics-listen",
            "10.0.0.5:9090",
            "--database-url",
            "postgres://h/db",
        ])
        .unwrap();
        let overrides = cli.overrides();
        assert_eq!(overrides.listen.as_deref(), Some("0.0.0.0:9000"));
        assert_eq!(overrides.metrics_listen.as_deref(), Some("10.0.0.5:9090"));
        assert_eq!(overrides.database_url.as_deref(), Some("postgres://h/db"));
    }

    #[test]
    #[expect(
        clippy::result_large_err,
        reason = "figment::Jail's closures must return figment::Error"
    )]
    fn the_demo_keeps_to_its_own_folder_unless_the_command_line_names_a_database() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("hearth.toml", "data_dir = \"real\"")?;
            jail.set_env("HEARTH_DATABASE_URL", "postgres://real/hearth");
            let load = |args: &[&str]| {
                let cli = Cli::try_parse_from(args).unwrap();
                crate::config::Config::load(None, &cli.overrides()).unwrap()
            };
            let demo = load(&["hearth", "demo", "--listen", "127.0.0.1:9000"]);
            assert_eq!(
                demo.database_url(),
                "sqlite://./hearth-demo/hearth.db?mode=rwc"
            );
            assert_eq!(demo.listen, "127.0.0.1:9000");
            let elsewhere = load(&["hearth", "demo", "--data-dir", "/tmp/demo"]);
            assert_eq!(
                elsewhere.database_url(),
                "sqlite:///tmp/demo/hearth.db?mode=rwc"
            );
            let named = load(&["hearth", "demo", "--database-url", "postgres://h/demo"]);
            assert_eq!(named.database_url(), "postgres://h/demo");
            let serve = load(&["hearth", "serve"]);
            assert_eq!(serve.database_url(), "postgres://real/hearth");
            Ok(())
        });
    }
}
