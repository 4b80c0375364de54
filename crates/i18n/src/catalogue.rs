//! The catalogues embedded at build time, one Fluent bundle per language.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource};
use std::borrow::Cow;
use std::sync::LazyLock;
use unic_langid::{CharacterDirection, LanguageIdentifier};

include!(concat!(env!("OUT_DIR"), "/sources.rs"));

/// The language every message exists in, and the fallback for any that a
/// translation lacks.
pub(crate) const ENGLISH: &str = "en";

/// One shipped language (or the tests' pseudo-locale) and its messages.
pub struct Language {
    tag: String,
    name: String,
    dir: &'static str,
    bundle: FluentBundle<FluentResource>,
    shipped: bool,
}

impl Language {
    pub fn tag(&'static self) -> &'static str {
        &self.tag
    }

    /// The language's name in itself ("Deutsch"), for the language switch.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn dir(&self) -> &'static str {
        self.dir
    }

    pub(crate) fn format(&'static self, id: &str, args: Option<&FluentArgs>) -> String {
        if let Some(text) = format_in(&self.bundle, id, args) {
            return text;
        }
        if self.tag != ENGLISH
            && let Some(text) = format_in(&english().bundle, id, args)
        {
            return text;
        }
        // The catalogue tests fail on an id that is used but not defined; in a
        // release build the id at least says what is missing.
        id.to_owned()
    }

    /// The message `id` in this language alone, with what went wrong formatting it
    /// (a variable without a value, …); `None` when the language lacks it.
    pub(crate) fn format_reporting(
        &self,
        id: &str,
        args: Option<&FluentArgs>,
        errors: &mut Vec<FluentError>,
    ) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        Some(
            self.bundle
                .format_pattern(pattern, args, errors)
                .into_owned(),
        )
    }
}

fn format_in(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    Some(text.into_owned())
}

struct Catalogue {
    languages: Vec<Language>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(load);

/// The shipped languages, English first, for the language switch.
pub fn languages() -> impl Iterator<Item = &'static Language> {
    CATALOGUE.languages.iter().filter(|l| l.shipped)
}

pub(crate) fn find(tag: &str) -> Option<&'static Language> {
    CATALOGUE
        .languages
        .iter()
        .find(|l| l.tag.eq_ignore_ascii_case(tag))
}

pub(crate) fn english() -> &'static Language {
    // `load` always builds English first: its folder is part of the source tree.
    &CATALOGUE.languages[0]
}

fn load() -> Catalogue {
    let mut tags: Vec<&str> = SOURCES.iter().map(|(tag, _, _)| *tag).collect();
    tags.dedup();
    tags.sort_by_key(|tag| (*tag != ENGLISH, *tag));
    let mut languages: Vec<Language> = tags.iter().map(|tag| build(tag, tag, None, true)).collect();
    languages.push(build(crate::PSEUDO, ENGLISH, Some(pseudo), false));
    Catalogue { languages }
}

/// Accented and about 40 % longer, so that tests spot untranslated text and layouts
/// that break when a translation runs long.
fn pseudo(text: &str) -> Cow<'_, str> {
    fluent_pseudo::transform(text, false, true)
}

fn build(
    tag: &str,
    source_tag: &str,
    transform: Option<fn(&str) -> Cow<'_, str>>,
    shipped: bool,
) -> Language {
    let id: LanguageIdentifier = tag.parse().unwrap_or_default();
    let dir = match id.character_direction() {
        CharacterDirection::RTL => "rtl",
        _ => "ltr",
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Pages are HTML: the bidi isolation marks Fluent adds around placeables would
    // end up inside attributes and links. Pages set `dir` instead.
    bundle.set_use_isolating(false);
    bundle.set_transform(transform);
    bundle.set_formatter(Some(crate::numbers::format));
    for (_, file, text) in SOURCES.iter().filter(|(t, _, _)| *t == source_tag) {
        let resource = match FluentResource::try_new((*text).to_owned()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                // The catalogue tests reject syntax errors; keep what parsed.
                eprintln!("{source_tag}/{file}: {errors:?}");
                resource
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            eprintln!("{source_tag}/{file}: {errors:?}");
        }
    }
    let name = format_in(&bundle, "language-name", None).unwrap_or_else(|| tag.to_owned());
    Language {
        tag: tag.to_owned(),
        name,
        dir,
        bundle,
        shipped,
    }
}
