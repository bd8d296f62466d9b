//! Properties every input must keep: no public parse function panics on any string; a quantity printed
//! parses back to itself; evaluating the same contract twice gives the same report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use dixian_core::quantity::{Quantity, format_milli, parse_milli, parse_quantity};
use dixian_core::rules::{self, RuleSet, RuleSource};
use dixian_core::vocabulary::UnitId;
use dixian_core::{contract, region};
use proptest::prelude::*;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| rules::builtin().expect("built-in rules load"));

/// Text that looks like the inputs: YAML and DSL punctuation, Chinese, digits, units, keywords.
fn near_miss() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "region: ",
        "湖北省武汉市",
        "term: {start: ",
        "2023-05-01",
        ", end: ",
        "2026-04-30}",
        "\n",
        "clauses:\n",
        "  - id: ",
        "第六条",
        "    terms: {",
        "产假: ",
        "158天",
        "}",
        "[",
        "]",
        "&a ",
        "*a",
        "：",
        "\t",
        "'",
        "\"",
        "#",
        "-5天",
        "1e309",
        "0.5小时/日",
        "jurisdiction ",
        "rule ",
        "version ",
        "from ",
        "until ",
        "require ",
        ">= ",
        "cite ",
        "severity rectify ",
        "{",
        " ",
        "全国",
        "parent ",
        "forbid text ",
        "\u{feff}",
        "~",
        "null",
        "是",
        "否",
        "---\n",
        "<<: ",
        "!!binary ",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), near_miss()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn load_yaml_never_panics(text in any_text()) {
        let _ = contract::load_yaml("p.yaml", &text, &RULES.vocabulary);
        let _ = dixian_core::check_yaml(&RULES, "p.yaml", &text);
    }

    #[test]
    fn rule_parsing_never_panics(text in any_text()) {
        let _ = rules::parse_file("p.dixian", &text);
        // With the vocabulary and national rules, so names, parents and floors are validated too.
        let mut sources: Vec<RuleSource> = rules::builtin_sources()
            .into_iter()
            .filter(|s| s.name.ends_with("vocabulary.dixian") || s.name.ends_with("national.dixian"))
            .collect();
        sources.push(RuleSource { name: "p.dixian".into(), text });
        let _ = rules::load(&sources);
    }

    #[test]
    fn other_readers_never_panic(text in any_text()) {
        let _ = dixian_core::ruletest::parse("p.yaml", &text);
        let _ = dixian_core::yaml::parse("p.yaml", &text);
        let _ = dixian_core::dates::parse_date(&text);
    }

    #[test]
    fn parse_quantity_never_panics(text in any_text()) {
        let _ = parse_quantity(&text, &RULES.vocabulary);
        let _ = parse_milli(&text);
    }

    #[test]
    fn region_resolution_never_panics(text in any_text()) {
        let _ = region::resolve(&RULES, &text);
    }

    #[test]
    fn decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(text) = contract::decode_utf8("p.yaml", &bytes) {
            prop_assert_eq!(text.as_bytes(), &bytes[..], "decoding valid UTF-8 changes nothing");
        }
    }

    #[test]
    fn a_printed_quantity_parses_back(milli in 0..=dixian_core::quantity::MAX_MAGNITUDE * 1000, unit in 0u16..9) {
        let vocab = &RULES.vocabulary;
        let q = Quantity::new(milli, UnitId(unit));
        prop_assume!(vocab.unit_name(q.unit) != "?");
        let printed = q.display(vocab);
        prop_assert_eq!(parse_quantity(&printed, vocab), Ok(q), "{}", printed);
        prop_assert_eq!(parse_milli(&format_milli(milli)), Ok(milli));
    }

    #[test]
    fn evaluation_is_deterministic(
        leave in 0u32..400,
        nursing in 0u32..3000,
        start in 2010i32..2030,
        years in 0i32..6,
        women in 0u32..500,
        place in prop::sample::select(vec!["湖北省武汉市", "北京市", "四川省成都市", "江苏省", "宁夏", "全国", "武汉市"]),
    ) {
        let yaml = format!(
            "region: {place}\nterm: {{start: {start}-05-01, end: {}-04-30}}\nworkforce: {{total: 600, women: {women}}}\n\
             clauses:\n  - id: 第六条\n    terms: {{产假: {leave}天, 哺乳时间: {}小时/日}}\n  - id: 第八条\n    text: 女职工在合同期内不得生育\n",
            start + years + 1,
            format_milli(i64::from(nursing)),
        );
        let first = dixian_core::check_yaml(&RULES, "d.yaml", &yaml);
        let second = dixian_core::check_yaml(&RULES, "d.yaml", &yaml);
        prop_assert_eq!(&first, &second);
        if let Ok(report) = first {
            prop_assert_eq!(report.to_json(), second.map(|r| r.to_json()).unwrap_or_default());
        }
    }
}
