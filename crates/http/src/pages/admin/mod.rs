//! The admin console, `/admin/…`: people's accounts, moderation, the keyword watch
//! list, the usage policy, how posts may be written (polls), the audit log and the network's data. Each tab is its own
//! module; every one asks the domain policy before it shows or changes anything.

mod analytics;
mod audit;
mod data;
mod embedding;
mod invitations;
mod moderation;
mod people;
mod posts;
mod scim;
mod sso;
mod usage_policy;

use super::layout::{self, Section};
use super::reader::Reader;
use crate::AppState;
use crate::language::tr;
use axum::Router;
use hearth_app::domain::{Role, policy};
use hearth_app::i18n::t;
use maud::{Markup, html};

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(people::routes())
        .merge(invitations::routes())
        .merge(moderation::routes())
        .merge(analytics::routes())
        .merge(audit::routes())
        .merge(data::routes())
        .merge(usage_policy::routes())
        .merge(posts::routes())
        .merge(sso::routes())
        .merge(scim::routes())
        .merge(embedding::routes())
}

/// The console's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    People,
    Invitations,
    Moderation,
    WatchList,
    UsagePolicy,
    Posts,
    Analytics,
    Audit,
    Data,
    Sso,
    Scim,
    Embedding,
}

impl Tab {
    const ALL: [Self; 12] = [
        Self::People,
        Self::Invitations,
        Self::Moderation,
        Self::WatchList,
        Self::UsagePolicy,
        Self::Posts,
        Self::Analytics,
        Self::Audit,
        Self::Data,
        Self::Sso,
        Self::Scim,
        Self::Embedding,
    ];

    fn href(self) -> &'static str {
        match self {
            Self::People => "/admin/people",
            Self::Invitations => "/admin/invitations",
            Self::Moderation => "/admin/moderation",
            Self::WatchList => "/admin/watch-list",
            Self::UsagePolicy => "/admin/usage-policy",
            Self::Posts => "/admin/posts",
            Self::Analytics => "/admin/analytics",
            Self::Audit => "/admin/audit",
            Self::Data => "/admin/data",
            Self::Sso => "/admin/sso",
            Self::Scim => "/admin/scim",
            Self::Embedding => "/admin/embedding",
        }
    }

    fn label(self) -> String {
        let tr = tr();
        match self {
            Self::People => t!(tr, "admin-tab-people"),
            Self::Invitations => t!(tr, "admin-tab-invitations"),
            Self::Moderation => t!(tr, "admin-tab-moderation"),
            Self::WatchList => t!(tr, "admin-tab-watch-list"),
            Self::UsagePolicy => t!(tr, "admin-tab-usage-policy"),
            Self::Posts => t!(tr, "admin-tab-posts"),
            Self::Analytics => t!(tr, "admin-tab-analytics"),
            Self::Audit => t!(tr, "admin-tab-audit"),
            Self::Data => t!(tr, "admin-tab-data"),
            Self::Sso => t!(tr, "admin-tab-sso"),
            Self::Scim => t!(tr, "admin-tab-scim"),
            Self::Embedding => t!(tr, "admin-tab-embedding"),
        }
    }

    /// Whether this reader is offered the tab. The use cases check again.
    fn offered_to(self, reader: &Reader) -> bool {
        matches!(
            (self, reader.user.role),
            (_, Role::Admin) | (Self::Audit | Self::Data, Role::Compliance)
        )
    }
}

/// A console page: the site frame, the console's tabs, then `body`.
pub fn console(title: &str, reader: &Reader, current: Tab, body: Markup) -> Markup {
    let tr = tr();
    layout::signed_in(
        title,
        reader,
        Section::Admin,
        html! {
            div class="console" {
                nav class="console-tabs" aria-label=(t!(tr, "admin-console")) {
                    @for tab in Tab::ALL.into_iter().filter(|tab| tab.offered_to(reader)) {
                        @if tab == current {
                            a href=(tab.href()) aria-current="page" { (tab.label()) }
                        } @else {
                            a href=(tab.href()) { (tab.label()) }
                        }
                    }
                }
                (body)
            }
        },
    )
}

/// Whether the header offers the console to this reader.
pub fn offered(reader: &Reader) -> bool {
    policy::may_open_console(&reader.user)
}
