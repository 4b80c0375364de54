//! The parser on good and bad input, fuzzed, and the evaluation of every operator.

use super::parse::attr_path;
use super::*;
use crate::Millis;
use proptest::prelude::*;

fn path(name: &str) -> AttrPath {
    attr_path(name, 0).unwrap()
}

fn cmp(name: &str, op: CompareOp, value: &str) -> Filter {
    Filter::Compare {
        path: path(name),
        op,
        value: Literal::String(value.to_owned()),
    }
}

fn and(a: Filter, b: Filter) -> Filter {
    Filter::And(Box::new(a), Box::new(b))
}

fn or(a: Filter, b: Filter) -> Filter {
    Filter::Or(Box::new(a), Box::new(b))
}

#[test]
fn every_operator_parses() {
    for (word, op) in [
        ("eq", CompareOp::Eq),
        ("NE", CompareOp::Ne),
        ("co", CompareOp::Co),
        ("sw", CompareOp::Sw),
        ("ew", CompareOp::Ew),
        ("gt", CompareOp::Gt),
        ("ge", CompareOp::Ge),
        ("lt", CompareOp::Lt),
        ("Le", CompareOp::Le),
    ] {
        assert_eq!(
            parse(&format!("userName {word} \"x\"")).unwrap(),
            cmp("userName", op, "x"),
            "{word}"
        );
    }
    assert_eq!(parse("title pr").unwrap(), Filter::Present(path("title")));
    assert_eq!(
        parse("active eq true").unwrap(),
        Filter::Compare {
            path: path("active"),
            op: CompareOp::Eq,
            value: Literal::Bool(true)
        }
    );
}

#[test]
fn and_binds_tighter_than_or_and_parentheses_override() {
    let a = || cmp("a", CompareOp::Eq, "1");
    let b = || cmp("b", CompareOp::Eq, "2");
    let c = || cmp("c", CompareOp::Eq, "3");
    assert_eq!(
        parse(r#"a eq "1" or b eq "2" and c eq "3""#).unwrap(),
        or(a(), and(b(), c()))
    );
    assert_eq!(
        parse(r#"a eq "1" and b eq "2" or c eq "3""#).unwrap(),
        or(and(a(), b()), c())
    );
    assert_eq!(
        parse(r#"(a eq "1" or b eq "2") and c eq "3""#).unwrap(),
        and(or(a(), b()), c())
    );
    assert_eq!(
        parse(r#"not (a eq "1") and b eq "2""#).unwrap(),
        and(Filter::Not(Box::new(a())), b())
    );
    assert_eq!(
        parse(r#"a eq "1" or b eq "2" or c eq "3""#).unwrap(),
        or(or(a(), b()), c())
    );
}

#[test]
fn uris_sub_attributes_and_value_paths_parse() {
    let parsed =
        parse(r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "R&D""#)
            .unwrap();
    let Filter::Compare {
        path: department, ..
    } = parsed
    else {
        panic!("{parsed:?}")
    };
    assert_eq!(
        department.uri.as_deref(),
        Some("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
    );
    assert_eq!(department.name, "department");
    assert!(parse("name.formatted sw \"A\"").unwrap() == cmp("name.formatted", CompareOp::Sw, "A"));
    assert_eq!(
        parse(r#"emails[type eq "work" and value co "@acme"]"#).unwrap(),
        Filter::ValuePath {
            path: path("emails"),
            filter: Box::new(and(
                cmp("type", CompareOp::Eq, "work"),
                cmp("value", CompareOp::Co, "@acme")
            )),
        }
    );
    assert_eq!(
        parse(r#"userName eq "a \"quoted\" \u0041""#).unwrap(),
        cmp("userName", CompareOp::Eq, "a \"quoted\" A")
    );
}

#[test]
fn malformed_filters_are_refused_with_a_position() {
    for bad in [
        "",
        "userName",
        "userName eq",
        "userName xx \"a\"",
        "userName eq \"open",
        "userName eq bare",
        "(userName eq \"a\"",
        "userName eq \"a\")",
        "userName eq \"a\" and",
        "not userName eq \"a\"",
        "emails[value eq \"a\"",
        "emails[type[value eq \"a\"]]",
        "1abc eq \"a\"",
        "urn:foo: eq \"a\"",
        "userName eq \"a\" userName",
        "userName == \"a\"",
    ] {
        assert!(parse(bad).is_err(), "{bad:?} was accepted");
    }
    let deep = format!("{}a pr{}", "(".repeat(100), ")".repeat(100));
    assert!(parse(&deep).is_err());
    assert!(parse(&"a".repeat(MAX_FILTER_LEN + 1)).is_err());
}

#[test]
fn patch_paths_parse() {
    assert_eq!(
        parse_path("active").unwrap(),
        PatchPath {
            attr: path("active"),
            filter: None,
            sub: None
        }
    );
    let members = parse_path(r#"members[value eq "42"]"#).unwrap();
    assert_eq!(members.attr, path("members"));
    assert_eq!(members.filter, Some(cmp("value", CompareOp::Eq, "42")));
    let email = parse_path(r#"emails[type eq "work"].value"#).unwrap();
    assert_eq!(email.sub.as_deref(), Some("value"));
    assert!(parse_path("").is_err());
    assert!(parse_path("members[").is_err());
    assert!(parse_path("members[value eq \"1\"] extra").is_err());
    assert!(parse_path("name.formatted[value eq \"1\"]").is_err());
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Attr {
    UserName,
    Active,
    Modified,
    EmailValue,
}

struct Users;

impl Schema for Users {
    type Attr = Attr;
    fn resolve(&self, path: &AttrPath) -> Option<(Attr, AttrType)> {
        if path.is("userName", None) {
            Some((Attr::UserName, AttrType::String { case_exact: false }))
        } else if path.is("active", None) {
            Some((Attr::Active, AttrType::Boolean))
        } else if path.is("meta", Some("lastModified")) {
            Some((Attr::Modified, AttrType::DateTime))
        } else if path.is("emails", Some("value")) || path.is("emails", None) {
            Some((Attr::EmailValue, AttrType::String { case_exact: false }))
        } else {
            None
        }
    }
    fn parse_time(&self, raw: &str) -> Option<Millis> {
        raw.parse().ok()
    }
}

fn ana(attr: Attr) -> Vec<Scalar> {
    match attr {
        Attr::UserName | Attr::EmailValue => vec![Scalar::Str("Ana@Acme.test".to_owned())],
        Attr::Active => vec![Scalar::Bool(true)],
        Attr::Modified => vec![Scalar::Time(1000)],
    }
}

fn holds(filter: &str) -> bool {
    matches(&check(&parse(filter).unwrap(), &Users).unwrap(), &ana)
}

#[test]
fn every_operator_evaluates() {
    assert!(holds(r#"userName eq "ana@acme.TEST""#));
    assert!(!holds(r#"userName ne "ana@acme.test""#));
    assert!(holds(r#"userName ne "bo@acme.test""#));
    assert!(holds(r#"userName co "acme""#));
    assert!(holds(r#"userName sw "ANA""#));
    assert!(holds(r#"userName ew ".test""#));
    assert!(!holds(r#"userName ew ".com""#));
    assert!(holds(r#"userName gt "a""#) && !holds(r#"userName gt "b""#));
    assert!(holds(r#"userName ge "ana@acme.test""#));
    assert!(holds(r#"userName lt "b""#) && !holds(r#"userName lt "a""#));
    assert!(holds(r#"userName le "ana@acme.test""#));
    assert!(holds("userName pr"));
    assert!(holds("active eq true") && !holds("active eq false"));
    assert!(holds(r#"meta.lastModified gt "999""#));
    assert!(!holds(r#"meta.lastModified lt "1000""#));
    assert!(holds(r#"meta.lastModified le "1000""#));
    assert!(holds(r#"emails[value ew "acme.test"]"#));
    assert!(holds(
        r#"not (active eq false) and (userName eq "x" or emails.value co "ana")"#
    ));
    assert!(!holds(r#"not (userName pr)"#));
}

#[test]
fn unknown_attributes_and_type_mismatches_are_refused() {
    let checked = |f: &str| check(&parse(f).unwrap(), &Users);
    assert_eq!(
        checked(r#"nickName eq "a""#),
        Err(CheckError::UnknownAttribute("nickName".to_owned()))
    );
    assert!(matches!(
        checked(r#"emails[type eq "work"]"#),
        Err(CheckError::UnknownAttribute(_))
    ));
    assert!(matches!(
        checked("active gt true"),
        Err(CheckError::Mismatch(_))
    ));
    assert!(matches!(
        checked(r#"active eq "yes""#),
        Err(CheckError::Mismatch(_))
    ));
    assert!(matches!(
        checked(r#"meta.lastModified co "1""#),
        Err(CheckError::Mismatch(_))
    ));
    assert!(matches!(
        checked(r#"meta.lastModified gt "yesterday""#),
        Err(CheckError::Mismatch(_))
    ));
    assert!(matches!(
        checked("userName eq 3"),
        Err(CheckError::Mismatch(_))
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_parser_never_panics_on_any_text(input in "\\PC{0,200}") {
        let _ = parse(&input);
        let _ = parse_path(&input);
    }

    #[test]
    fn the_parser_never_panics_on_filter_like_text(
        input in r#"((not|and|or|pr|eq|co|gt|le|\(|\)|\[|\]|"[a-z\\"]{0,4}"|userName|emails\.value|urn:x:y:z|true|null|-?[0-9.e]{1,4}|\\u00|\.) ?){0,40}"#
    ) {
        if let Ok(filter) = parse(&input) {
            let _ = check(&filter, &Users).map(|c| matches(&c, &ana));
        }
        let _ = parse_path(&input);
    }

    #[test]
    fn generated_comparisons_round_trip(
        name in "[a-zA-Z][a-zA-Z0-9]{0,10}",
        value in "[^\"\\\\]{0,20}",
        op in prop::sample::select(vec!["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]),
    ) {
        let parsed = parse(&format!("{name} {op} \"{value}\"")).unwrap();
        prop_assert_eq!(
            parsed,
            Filter::Compare {
                path: AttrPath { uri: None, name: name.clone(), sub: None },
                op: CompareOp::parse(op).unwrap(),
                value: Literal::String(value.clone()),
            }
        );
    }
}
