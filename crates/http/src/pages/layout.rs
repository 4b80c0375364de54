//! The frame around every page.

use maud::{DOCTYPE, Markup, html};

/// Who is looking, for the header.
pub struct Viewer<'a> {
    pub name: &'a str,
    pub company: &'a str,
    pub csrf_token: &'a str,
}

pub fn page(title: &str, viewer: Option<&Viewer<'_>>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Hearth" }
                link rel="stylesheet" href="/assets/hearth.css";
            }
            body {
                a class="skip-link" href="#main" { "Skip to content" }
                header class="site-header" {
                    a class="brand" href="/" { "Hearth" }
                    @if let Some(viewer) = viewer {
                        span class="company" { (viewer.company) }
                        nav aria-label="Account" {
                            span class="viewer" { (viewer.name) }
                            form method="post" action="/sign-out" {
                                input type="hidden" name="csrf" value=(viewer.csrf_token);
                                button type="submit" { "Sign out" }
                            }
                        }
                    }
                }
                main id="main" { (body) }
            }
        }
    }
}
