//! `hearth admin …`: the operator's commands. They work on the same database as the
//! servers, through the same use cases, acting as the operator.

mod backup;
mod data;
mod digests;
mod invitations;
mod people;
mod scim;
mod search;

pub use backup::{backup, restore};
pub use data::{RetentionArgs, audit_log, export, retention};
pub use digests::send_digests;
pub use invitations::{invite, publish_usage_policy};
pub use people::{Act, act_on};
pub use scim::{create_scim_token, revoke_scim_token};
pub use search::reindex;

use crate::config::Config;
use crate::server::{app_settings, open_store};
use anyhow::{Context, bail};
use hearth_app::domain::ids::MAX_NODE_ID;
use hearth_app::domain::{Actor, Role};
use hearth_app::{App, accounts, system_clock, tokens};
use std::io::BufRead;

/// Command-line acts use their own node id, so ids they create can never collide
/// with those of a running server.
const OPERATOR_NODE_ID: u32 = MAX_NODE_ID as u32;

pub(crate) async fn operator_app(config: &Config) -> anyhow::Result<App> {
    let store = open_store(config).await?;
    Ok(App::new(
        store,
        app_settings(config, OPERATOR_NODE_ID),
        system_clock(),
    )?)
}

pub struct CreateUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_stdin: bool,
    pub admin: bool,
    pub company: Option<&'a str>,
}

pub async fn create_user(
    config: &Config,
    input: CreateUser<'_>,
    stdin: impl BufRead,
) -> anyhow::Result<String> {
    let password = if input.password_stdin {
        let mut line = String::new();
        stdin
            .take(4096)
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        let password = line.trim_end_matches(['\r', '\n']).to_owned();
        if password.is_empty() {
            bail!("--password-stdin was given but standard input was empty");
        }
        Some(password)
    } else {
        None
    };
    let app = operator_app(config).await?;
    let user = accounts::create_user(
        &app,
        &Actor::Operator,
        accounts::NewAccount {
            email: input.email,
            name: input.name,
            password: password.as_deref(),
            role: if input.admin {
                Role::Admin
            } else {
                Role::Member
            },
            company_if_new: input.company,
        },
    )
    .await?;
    app.store().close().await;
    let mut report = format!(
        "created {} <{}> ({}, id {})",
        user.display_name,
        user.email,
        user.role.as_str(),
        user.id
    );
    if password.is_none() {
        report.push_str(
            "\nno password set: pass --password-stdin to let this person sign in with one",
        );
    }
    Ok(report)
}

/// Creates a token and answers its secret, to be printed on its own line.
pub async fn create_token(config: &Config, email: &str, name: &str) -> anyhow::Result<String> {
    let app = operator_app(config).await?;
    let user = accounts::find_by_email(&app, &Actor::Operator, email).await?;
    let created = tokens::create(&app, &Actor::Operator, user.id, name, Default::default()).await?;
    app.store().close().await;
    Ok(created.secret)
}
