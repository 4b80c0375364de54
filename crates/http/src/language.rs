//! The reader's language for the request being served.
//!
//! A middleware chooses it before any handler runs, from the language cookie a
//! visitor set with the switch on the sign-in page, else the browser's
//! `Accept-Language`, else the network's default; once a page knows who is reading,
//! their own saved choice replaces it. Pages, error pages and JSON error messages
//! then ask [`tr`] instead of passing the language through every function.

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use hearth_app::domain::User;
use hearth_app::i18n::{self, Tr};
use std::cell::Cell;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Set by the language switch on the sign-in page, for people not signed in.
pub const LANGUAGE_COOKIE: &str = "hearth_lang";

/// How long a node trusts its copy of the network's default language before it
/// reads it again; every signed-in page refreshes it anyway.
const DEFAULT_LANGUAGE_TTL: Duration = Duration::from_secs(60);

tokio::task_local! {
    static CURRENT: Cell<Tr>;
}

/// The language of the request being served; English outside of one.
pub fn tr() -> Tr {
    CURRENT
        .try_with(Cell::get)
        .unwrap_or_else(|_| Tr::english())
}

/// The network's default language as this node last read it.
#[derive(Clone, Default)]
pub struct NetworkDefault(Arc<Mutex<Option<(String, Instant)>>>);

impl NetworkDefault {
    fn fresh(&self) -> Option<String> {
        let cached = self.0.lock().ok()?;
        cached
            .as_ref()
            .filter(|(_, at)| at.elapsed() < DEFAULT_LANGUAGE_TTL)
            .map(|(tag, _)| tag.clone())
    }

    fn remember(&self, tag: &str) {
        if let Ok(mut cached) = self.0.lock() {
            *cached = Some((tag.to_owned(), Instant::now()));
        }
    }

    /// Drops this node's copy, so that the next visitor reads the default afresh.
    pub(crate) fn forget(&self) {
        if let Ok(mut cached) = self.0.lock() {
            *cached = None;
        }
    }

    async fn get(&self, state: &AppState) -> String {
        if let Some(tag) = self.fresh() {
            return tag;
        }
        match hearth_app::languages::home_default(&state.app).await {
            Ok(tag) => {
                self.remember(&tag);
                tag
            }
            // Pages still render in English when the database is away; the handler
            // reports the outage itself.
            Err(_) => hearth_app::domain::DEFAULT_LANGUAGE.to_owned(),
        }
    }
}

fn accept_language(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
}

/// Chooses the visitor's language and serves the request in it.
pub async fn choose(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let jar = CookieJar::from_headers(headers);
    let cookie = jar.get(LANGUAGE_COOKIE).map(|c| c.value().to_owned());
    let header = accept_language(headers).map(str::to_owned);
    let chosen = match (cookie.as_deref().and_then(Tr::for_tag), header.as_deref()) {
        (Some(tr), _) => tr,
        (None, header) => {
            let network_default = state.network_default.get(&state).await;
            i18n::choose(None, header, &network_default)
        }
    };
    CURRENT.scope(Cell::new(chosen), next.run(request)).await
}

/// Once the reader is known: their own choice, else the browser's, else their
/// network's default, with dates in their time zone. A choice made with the switch on the sign-in page counts as their own until
/// they save one in settings.
pub fn adopt(headers: &HeaderMap, reader: &User, network_default: &str) {
    let jar = CookieJar::from_headers(headers);
    let switched = jar.get(LANGUAGE_COOKIE).map(|c| c.value());
    let own = reader.language.as_deref();
    let chosen = i18n::choose(own.or(switched), accept_language(headers), network_default)
        .in_zone(&reader.time_zone);
    // Outside the middleware (a unit test of an extractor) there is nothing to set.
    let _ = CURRENT.try_with(|current| current.set(chosen));
}
