//! `hearth admin deactivate | suspend | reactivate | delete-user | set-role`: the same
//! acts as the console's, done as the operator. A running server learns of them through
//! the `node_orders` table and closes the person's live connections within a second.

use super::operator_app;
use crate::config::Config;
use anyhow::{Context, bail};
use hearth_app::audit::Acting;
use hearth_app::domain::{Actor, Role, User};
use hearth_app::lifecycle::{self, DeletedContent};
use hearth_app::{App, accounts};

/// Which act to perform on the account.
pub enum Act<'a> {
    Deactivate,
    /// Until this RFC 3339 time or `YYYY-MM-DD` (midnight UTC).
    Suspend {
        until: &'a str,
    },
    Reactivate,
    Delete {
        content: &'a str,
    },
    SetRole {
        role: &'a str,
    },
}

/// Performs `act` on the account with this e-mail address and answers a report line.
pub async fn act_on(
    config: &Config,
    email: &str,
    act: Act<'_>,
    reason: &str,
) -> anyhow::Result<String> {
    let app = operator_app(config).await?;
    let outcome = perform(&app, email, act, reason).await;
    app.store().close().await;
    let user = outcome?;
    Ok(format!(
        "{} <{}> is now {} ({})",
        user.display_name,
        user.email,
        user.status.as_str(),
        user.role.as_str()
    ))
}

async fn perform(app: &App, email: &str, act: Act<'_>, reason: &str) -> anyhow::Result<User> {
    let target = accounts::find_by_email(app, &Actor::Operator, email)
        .await
        .with_context(|| format!("no account has the e-mail address {email}"))?
        .id;
    let acting = Acting::operator();
    let user = match act {
        Act::Deactivate => lifecycle::deactivate(app, acting, target, reason).await?,
        Act::Suspend { until } => {
            let until = parse_until(until)?;
            lifecycle::suspend(app, acting, target, until, reason).await?
        }
        Act::Reactivate => lifecycle::reactivate(app, acting, target, reason).await?,
        Act::Delete { content } => {
            let Some(content) = DeletedContent::parse(content) else {
                bail!("--content must be keep or remove, not {content:?}");
            };
            lifecycle::delete(app, acting, target, content, reason).await?
        }
        Act::SetRole { role } => {
            let Some(role) = Role::parse(role) else {
                bail!("--role must be member, admin or compliance, not {role:?}");
            };
            lifecycle::change_role(app, acting, target, role, reason).await?
        }
    };
    Ok(user)
}

fn parse_until(raw: &str) -> anyhow::Result<i64> {
    let full = if raw.len() == 10 {
        format!("{raw}T00:00:00Z")
    } else {
        raw.to_owned()
    };
    hearth_app::parse_rfc3339(&full).with_context(|| {
        format!("--until must be a date (2026-12-31) or an RFC 3339 time, not {raw:?}")
    })
}
