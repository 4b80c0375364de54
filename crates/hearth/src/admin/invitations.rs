//! `hearth admin invite` and `hearth admin publish-usage-policy`: the console's
//! Invitations and Usage policy tabs, done as the operator.

use super::operator_app;
use crate::config::Config;
use anyhow::{Context, bail};
use hearth_app::audit::Acting;
use hearth_app::domain::Role;
use hearth_app::{invitations, usage_policy};
use std::path::Path;

/// Invites a person into the home network and answers a report whose last line is
/// the link to pass on. Without a configured `public_url` the server's address is
/// unknown here, so the report gives the path and says so.
pub async fn invite(config: &Config, email: &str, role: &str) -> anyhow::Result<String> {
    let Some(role) = Role::parse(role) else {
        bail!("--role must be member, admin or compliance, not {role:?}");
    };
    let app = operator_app(config).await?;
    let outcome = invitations::invite(&app, Acting::operator(), email, role).await;
    app.store().close().await;
    let invited = outcome?;
    let path = format!("/invite/{}", invited.secret);
    let mut report = format!(
        "invited {} as {}; the link works once and expires in 7 days. Pass it on:\n",
        invited.invitation.email,
        role.as_str()
    );
    match &config.public_url {
        Some(base) => report.push_str(&format!("{}{path}", base.trim_end_matches('/'))),
        None => report.push_str(&format!(
            "(no public_url is configured: put the server's address in front of this path)\n\
             {path}"
        )),
    }
    Ok(report)
}

/// Publishes the file's text as the next version of the home network's usage policy.
pub async fn publish_usage_policy(config: &Config, file: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read the policy from {}", file.display()))?;
    let app = operator_app(config).await?;
    let outcome = usage_policy::publish(&app, Acting::operator(), &text).await;
    app.store().close().await;
    let published = outcome?;
    Ok(format!(
        "published usage policy version {}; everyone will be asked to accept it",
        published.version
    ))
}
