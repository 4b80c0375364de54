//! The frame around every page: the header with the main sections, the account
//! menu, and the embedded stylesheet and script.

use super::assets;
use super::reader::Reader;
use crate::language::tr;
use hearth_app::i18n::t;
use hearth_app::links;
use maud::{DOCTYPE, Markup, html};

/// The main sections, so the header can mark where the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Communities,
    People,
    Chat,
    Notifications,
    Settings,
    Admin,
    /// The search page, whose own form takes the header field's place.
    Search,
    Other,
}

/// A page for a signed-in reader.
pub fn signed_in(title: &str, reader: &Reader, section: Section, body: Markup) -> Markup {
    frame(title, Some((reader, section)), body)
}

/// A page for someone not signed in (set-up, sign-in, errors).
pub fn page(title: &str, body: Markup) -> Markup {
    frame(title, None, body)
}

fn frame(title: &str, reader: Option<(&Reader, Section)>, body: Markup) -> Markup {
    let tr = tr();
    html! {
        (DOCTYPE)
        html lang=(tr.tag()) dir=(tr.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) " · Hearth" }
                link rel="icon" href=(assets::url("icon.svg")) type="image/svg+xml";
                link rel="stylesheet" href=(assets::url("hearth.css"));
                (super::script_messages::block())
                script type="module" src=(assets::url("hearth.js")) {}
            }
            body {
                a class="skip-link" href="#main" { (t!(tr, "layout-skip-to-content")) }
                header class="site-header" {
                    a class="brand" href="/" {
                        img src=(assets::url("icon.svg")) alt="" width="28" height="28";
                        span { "Hearth" }
                    }
                    @if let Some((reader, section)) = reader {
                        @if reader.networks.len() > 1 {
                            (network_switch(reader))
                        } @else {
                            span class="company" { (reader.network.name) }
                        }
                        nav class="sections" aria-label=(t!(tr, "layout-nav-main")) {
                            (nav_link("/", &t!(tr, "layout-nav-home"), section == Section::Home))
                            (nav_link("/communities", &t!(tr, "layout-nav-communities"), section == Section::Communities))
                            (nav_link("/people", &t!(tr, "layout-nav-people"), section == Section::People))
                            (nav_link("/chat", &t!(tr, "layout-nav-chat"), section == Section::Chat))
                        }
                        @if section != Section::Search {
                        form class="header-search" method="get" action="/search" role="search" aria-label=(t!(tr, "layout-search")) {
                            label for="header-search" class="visually-hidden" { (t!(tr, "layout-search")) }
                            input id="header-search" name="q" type="search" maxlength=(hearth_app::search::MAX_QUERY_CHARS)
                                placeholder=(t!(tr, "layout-search-placeholder")) aria-keyshortcuts="/" data-search-shortcut="";
                        }
                        }
                        nav class="account" aria-label=(t!(tr, "layout-nav-account")) {
                            a class="me" href=(links::person(reader.user.id)) {
                                (super::parts::avatar(&reader.user.display_name, reader.user.id.0, reader.photo, "small"))
                                span class="me-name" { (reader.user.display_name) }
                            }
                            (notifications_link(reader, section == Section::Notifications))
                            @if super::admin::offered(reader) {
                                (nav_link("/admin", &t!(tr, "layout-nav-admin"), section == Section::Admin))
                            }
                            (nav_link("/settings", &t!(tr, "layout-nav-settings"), section == Section::Settings))
                            form method="post" action="/sign-out" {
                                input type="hidden" name="csrf" value=(reader.csrf);
                                button type="submit" class="quiet" { (t!(tr, "layout-sign-out")) }
                            }
                        }
                    }
                }
                main id="main" { (body) }
            }
        }
    }
}

fn nav_link(href: &str, label: &str, current: bool) -> Markup {
    html! {
        @if current {
            a href=(href) aria-current="page" { (label) }
        } @else {
            a href=(href) { (label) }
        }
    }
}

/// "Notifications", with the unread count that the page's script keeps up to date.
fn notifications_link(reader: &Reader, current: bool) -> Markup {
    let unread = reader.unread_notifications;
    let tr = tr();
    html! {
        a href=(links::NOTIFICATIONS) aria-current=[current.then_some("page")] data-notifications="" {
            (t!(tr, "layout-nav-notifications"))
            span data-unread=(unread) hidden[unread == 0] {
                " "
                span class="badge unread-count" {
                    @if unread >= hearth_app::notifications::UNREAD_CAP { "99+" } @else { (unread) }
                }
                span class="visually-hidden" { " " (t!(tr, "layout-unread")) }
            }
        }
    }
}

/// The networks the reader is in, to switch between: the company's own and the
/// external networks they joined. It works without the page's script.
fn network_switch(reader: &Reader) -> Markup {
    let tr = tr();
    html! {
        form class="network-switch" method="post" action="/networks/switch" {
            input type="hidden" name="csrf" value=(reader.csrf);
            label for="network-switch" class="visually-hidden" { (t!(tr, "layout-network")) }
            select id="network-switch" name="network" {
                @for choice in &reader.networks {
                    option value=(choice.network.id) selected[choice.current] {
                        (choice.network.name)
                        @if choice.network.kind == hearth_app::domain::NetworkKind::External {
                            " · " (t!(tr, "layout-network-external"))
                        }
                    }
                }
            }
            button type="submit" class="quiet" { (t!(tr, "layout-network-switch")) }
            a href="/networks" { (t!(tr, "networks-link")) }
        }
    }
}
