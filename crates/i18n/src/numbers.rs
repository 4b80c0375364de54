//! Whole numbers in messages, grouped as the reader's language writes them: "1,234"
//! in English, "1.234" in German. Fluent asks this formatter for every number it
//! puts in a message; ICU4X knows each language's separators.

use fluent_bundle::FluentValue;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;
use unic_langid::LanguageIdentifier;

/// One formatter per language, built once by Fluent's memoizer.
struct Grouped(DecimalFormatter);

impl Memoizable for Grouped {
    type Args = ();
    type Error = ();

    fn construct(language: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        let locale: icu_locale_core::Locale = language.to_string().parse().map_err(|_| ())?;
        DecimalFormatter::try_new(locale.into(), Default::default())
            .map(Grouped)
            .map_err(|_| ())
    }
}

/// `None` leaves the value to Fluent: anything but a whole number.
pub(crate) fn format(value: &FluentValue<'_>, memoizer: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    if number.value.fract() != 0.0 || number.value.abs() >= 1e15 {
        return None;
    }
    // Checked above: a whole number well inside i64.
    #[expect(clippy::cast_possible_truncation, reason = "a whole number below 1e15")]
    let whole = number.value as i64;
    memoizer
        .with_try_get::<Grouped, _, _>((), |grouped| {
            grouped.0.format(&Decimal::from(whole)).to_string()
        })
        .ok()
}

#[cfg(test)]
mod tests {
    use crate::Tr;

    #[test]
    fn counts_are_grouped_the_way_each_language_writes_them() {
        let [en, de, pt] = ["en", "de", "pt-BR"].map(|tag| Tr::for_tag(tag).unwrap());
        assert_eq!(
            crate::t!(en, "time-minutes-ago", count = 1234),
            "1,234 minutes ago"
        );
        assert_eq!(
            crate::t!(de, "time-minutes-ago", count = 1234),
            "vor 1.234 Minuten"
        );
        assert_eq!(
            crate::t!(pt, "time-minutes-ago", count = 1234),
            "há 1.234 minutos"
        );
        assert_eq!(
            crate::t!(en, "time-minutes-ago", count = 5),
            "5 minutes ago"
        );
        assert_eq!(
            de.date(1_770_076_800_000),
            "3. Feb. 2026",
            "no grouping in a year"
        );
    }
}
