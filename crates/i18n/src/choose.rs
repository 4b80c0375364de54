//! Which language a reader gets: their own choice, else what their browser asks
//! for, else the network's default.

use crate::{Tr, catalogue};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::LanguageIdentifier;

/// The tests' pseudo-locale: English, accented and lengthened. Never offered in the
/// language switch, and never chosen unless asked for by this exact tag.
pub const PSEUDO: &str = "en-XA";

/// The reader's language. `own` is the person's saved choice, `accept_language` the
/// browser's header, `network_default` the admin's setting; an unknown or retired
/// tag at any step falls through to the next.
pub fn choose(own: Option<&str>, accept_language: Option<&str>, network_default: &str) -> Tr {
    if let Some(tr) = own.and_then(Tr::for_tag) {
        return tr;
    }
    if let Some(tr) = accept_language.and_then(from_header) {
        return tr;
    }
    Tr::for_tag(network_default).unwrap_or_else(Tr::english)
}

/// The tags an `Accept-Language` header lists, best first.
pub fn parse_accept_language(header: &str) -> Vec<LanguageIdentifier> {
    fluent_langneg::accepted_languages::parse(header)
}

fn from_header(header: &str) -> Option<Tr> {
    let requested = parse_accept_language(header);
    if requested.iter().any(|id| *id == PSEUDO) {
        return Tr::for_tag(PSEUDO);
    }
    let available: Vec<LanguageIdentifier> = catalogue::languages()
        .filter_map(|language| language.tag().parse().ok())
        .collect();
    let chosen = negotiate_languages(&requested, &available, None, NegotiationStrategy::Lookup);
    chosen.first().and_then(|id| Tr::for_tag(&id.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_choice_wins_over_the_browser_and_the_network() {
        assert_eq!(choose(Some("de"), Some("pt-BR"), "en").tag(), "de");
        assert_eq!(choose(Some("xx"), Some("pt-BR"), "en").tag(), "pt-BR");
        assert_eq!(choose(None, None, "de").tag(), "de");
        assert_eq!(choose(None, Some("fr, ja"), "de").tag(), "de");
        assert_eq!(choose(None, None, "klingon").tag(), "en");
    }

    #[test]
    fn the_browser_gets_the_closest_shipped_language() {
        assert_eq!(
            choose(None, Some("de-AT,de;q=0.9,en;q=0.5"), "en").tag(),
            "de"
        );
        assert_eq!(choose(None, Some("pt"), "en").tag(), "pt-BR");
        assert_eq!(choose(None, Some("fr-CA, en-GB;q=0.8"), "de").tag(), "en");
        assert_eq!(choose(None, Some("en-US"), "de").tag(), "en");
        assert_eq!(choose(None, Some(";;;"), "de").tag(), "de");
    }

    #[test]
    fn the_pseudo_locale_is_only_chosen_by_name() {
        assert_eq!(choose(None, Some("en-XA"), "en").tag(), PSEUDO);
        assert_eq!(choose(None, Some("en"), "en").tag(), "en");
        assert!(crate::languages().all(|l| l.tag() != PSEUDO));
    }
}
