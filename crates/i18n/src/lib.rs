//! Hearth in each reader's language.
//!
//! Every sentence a person reads comes from a Fluent catalogue under
//! `locales/<language>/`, looked up by a stable message id with named arguments, so
//! that a translator can reorder words and use the language's own plural rules.
//! A language is a folder: adding one needs no code change (see docs/TRANSLATING.md).
//!
//! A [`Tr`] is the reader's language; `t!(tr, "time-just-now")` or
//! `t!(tr, "time-days-ago", count = 3)` gives the sentence.

mod catalogue;
mod choose;
mod numbers;
mod patterns;
mod time;
mod zone;

pub use catalogue::{Language, languages};
pub use choose::{PSEUDO, choose, parse_accept_language};
pub use fluent_bundle::{FluentArgs, FluentValue};
pub use patterns::{Part, english_patterns};

/// The language a sentence is wanted in, and the time zone its dates are read in:
/// cheap to copy, lives for the whole run.
#[derive(Clone, Copy)]
pub struct Tr {
    language: &'static Language,
    /// `None` reads dates in UTC.
    zone: Option<&'static jiff::tz::TimeZone>,
}

impl Tr {
    /// The language with this tag (`de`, `pt-BR`), if Hearth ships it.
    pub fn for_tag(tag: &str) -> Option<Self> {
        catalogue::find(tag).map(|language| Self {
            language,
            zone: None,
        })
    }

    /// English, the language every message is first written in.
    pub fn english() -> Self {
        Self {
            language: catalogue::english(),
            zone: None,
        }
    }

    /// The same language, its dates read in the time zone of this IANA name
    /// (`Europe/Lisbon`); an unknown name leaves the zone as it was.
    #[must_use]
    pub fn in_zone(self, name: &str) -> Self {
        Self {
            zone: zone::find(name).or(self.zone),
            ..self
        }
    }

    /// The BCP 47 tag pages put in `<html lang>`.
    pub fn tag(&self) -> &'static str {
        self.language.tag()
    }

    /// `rtl` for scripts written right to left, else `ltr`.
    pub fn dir(&self) -> &'static str {
        self.language.dir()
    }

    /// The message `id` without arguments.
    pub fn t(&self, id: &str) -> String {
        self.language.format(id, None)
    }

    /// The message `id` with named arguments; `t!` builds them.
    pub fn t_args(&self, id: &str, args: &FluentArgs) -> String {
        self.language.format(id, Some(args))
    }
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Tr").field(&self.tag()).finish()
    }
}

impl PartialEq for Tr {
    fn eq(&self, other: &Self) -> bool {
        self.tag() == other.tag()
    }
}

impl Eq for Tr {}

/// A sentence from the catalogue: `t!(tr, "id")` or `t!(tr, "id", name = value, …)`.
/// Argument names are Fluent variables (`$name`); numbers choose plural forms.
#[macro_export]
macro_rules! t {
    ($tr:expr, $id:literal) => {
        $tr.t($id)
    };
    ($tr:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::FluentArgs::new();
        $(args.set(stringify!($name), $crate::FluentValue::from($value));)+
        $tr.t_args($id, &args)
    }};
}
