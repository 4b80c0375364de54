//! The sentences the page script (`hearth.js`) writes, in the reader's language.
//!
//! Every page carries them in `<script type="application/json" id="hearth-messages">`,
//! a data block the browser never runs (so the Content-Security-Policy allows it).
//! The script's `msg(id, args)` reads it once and fills in `{name}` arguments. A
//! message that takes `{count}` travels as several forms, one per sample number, and
//! the script picks the one whose plural category (`Intl.PluralRules`) matches.

use crate::language::tr;
use hearth_app::i18n::{self, Tr, t};
use maud::{Markup, PreEscaped, html};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Numbers that between them fall into every plural category of the languages CLDR
/// knows (zero, one, two, few, many, other).
const SAMPLES: [u32; 11] = [0, 1, 2, 3, 5, 7, 11, 21, 22, 100, 101];

/// The `<script type="application/json">` block for the current reader's language.
pub fn block() -> Markup {
    let tr = tr();
    let json = BLOCKS.get(tr.tag()).cloned().unwrap_or_else(|| encoded(tr));
    html! {
        script type="application/json" id="hearth-messages" { (PreEscaped(json)) }
    }
}

/// Every page carries the block, and it depends on the language alone: each is
/// written once per run.
static BLOCKS: LazyLock<HashMap<&'static str, String>> = LazyLock::new(|| {
    i18n::languages()
        .map(|language| language.tag())
        .chain([i18n::PSEUDO])
        .filter_map(Tr::for_tag)
        .map(|tr| (tr.tag(), encoded(tr)))
        .collect()
});

/// The messages of `tr` as JSON that is safe inside `<script>`.
fn encoded(tr: Tr) -> String {
    let json = serde_json::to_string(&messages(tr)).unwrap_or_else(|_| "{}".to_owned());
    safe_in_script(&json)
}

/// JSON inside `<script>` must not contain `</script>` or `<!--`; `<`, `>` and `&` as
/// `\u` escapes mean the same to `JSON.parse` and nothing to the HTML parser.
fn safe_in_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// `count`'s forms: the sentence for each sample number, the number itself written
/// `{count}`.
fn counted(format: impl Fn(u32) -> String) -> Value {
    let forms: Map<String, Value> = SAMPLES
        .iter()
        .map(|&n| {
            let text = with_placeholder(&format(n), &n.to_string(), "{count}");
            (n.to_string(), Value::String(text))
        })
        .collect();
    Value::Object(forms)
}

/// `text` with each standalone `number` (no digit either side) replaced.
fn with_placeholder(text: &str, number: &str, placeholder: &str) -> String {
    let mut out = String::with_capacity(text.len() + placeholder.len());
    let mut rest = text;
    while let Some(at) = rest.find(number) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + number.len()..].chars().next();
        let standalone = !before.is_some_and(|c| c.is_ascii_digit())
            && !after.is_some_and(|c| c.is_ascii_digit());
        out.push_str(&rest[..at]);
        out.push_str(if standalone { placeholder } else { number });
        rest = &rest[at + number.len()..];
    }
    out.push_str(rest);
    out
}

fn messages(tr: Tr) -> Map<String, Value> {
    let mut all = Map::new();
    let mut put = |id: &str, value: Value| {
        all.insert(id.to_owned(), value);
    };
    macro_rules! plain {
        ($id:literal) => {
            put($id, Value::String(t!(tr, $id)))
        };
    }
    plain!("script-did-not-work");
    plain!("script-just-now");
    plain!("script-guest");
    plain!("script-article-saved");
    plain!("script-article-save-failed");
    plain!("script-edit");
    plain!("script-delete");
    plain!("script-delete-confirm");
    plain!("script-edited");
    plain!("script-deleted");
    plain!("script-someone");
    plain!("script-typing-several");
    plain!("script-suggestions-label");
    plain!("script-no-suggestions");
    plain!("script-attach-remove");
    plain!("script-attach-alt");
    plain!("script-attach-alt-placeholder");
    macro_rules! named {
        ($id:literal) => {
            put($id, Value::String(t!(tr, $id, name = "{name}")))
        };
    }
    named!("script-attach-remove-named");
    named!("script-attach-uploading");
    named!("script-attach-uploaded");
    named!("script-attach-removed");
    named!("script-attach-too-large");
    named!("script-article-file-inserted");
    // Files on live chat messages, drawn by the script as the pages draw them.
    plain!("attachments-download");
    named!("attachments-download-named");
    named!("attachments-image-named");
    put(
        "script-attach-failed",
        Value::String(t!(
            tr,
            "script-attach-failed",
            name = "{name}",
            reason = "{reason}"
        )),
    );
    put(
        "script-typing-one",
        Value::String(t!(tr, "script-typing-one", name = "{name}")),
    );
    put(
        "script-typing-two",
        Value::String(t!(
            tr,
            "script-typing-two",
            first = "{first}",
            second = "{second}"
        )),
    );
    put(
        "script-new-posts",
        counted(|n| t!(tr, "script-new-posts", count = n)),
    );
    put(
        "script-suggestions",
        counted(|n| t!(tr, "script-suggestions", count = n)),
    );
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_become_placeholders_only_where_they_stand_alone() {
        assert_eq!(
            with_placeholder("1 new post", "1", "{count}"),
            "{count} new post"
        );
        assert_eq!(
            with_placeholder("21 of 1 in 212", "21", "{count}"),
            "{count} of 1 in 212"
        );
    }

    #[test]
    fn the_block_cannot_be_closed_from_inside() {
        assert_eq!(
            safe_in_script("{\"a\":\"</script><!--&\u{2028}\u{2029}\"}"),
            r#"{"a":"\u003c/script\u003e\u003c!--\u0026\u2028\u2029"}"#
        );
    }

    #[test]
    fn english_has_every_form() {
        let all = messages(Tr::english());
        assert_eq!(all["script-just-now"], "just now");
        assert_eq!(all["script-typing-one"], "{name} is typing…");
        assert_eq!(all["script-new-posts"]["1"], "{count} new post");
        assert_eq!(all["script-new-posts"]["5"], "{count} new posts");
        assert_eq!(all["script-suggestions"]["1"], "{count} suggestion");
        assert_eq!(all["script-suggestions"]["5"], "{count} suggestions");
    }
}
