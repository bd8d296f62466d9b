#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use super::*;

const FIXTURE: &str = include_str!("../../../../fixtures/hubei-wuhan-logistics.yaml");

fn success<T: std::fmt::Debug>(a: Answer<T>) -> T {
    match a {
        Answer::Success(v) => v,
        Answer::Failure { errors } => panic!("expected success, got {errors:?}"),
    }
}

fn failure<T: std::fmt::Debug>(a: Answer<T>) -> Vec<Diagnostic> {
    match a {
        Answer::Success(v) => panic!("expected failure, got {v:?}"),
        Answer::Failure { errors } => errors,
    }
}

fn opts() -> CheckOptions {
    CheckOptions::default()
}

/// The text a UTF-16 range picks out, as JavaScript's `slice` would.
fn js_slice(text: &str, r: TextRange) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[r.start..r.end]).unwrap()
}

#[test]
fn report_is_the_one_the_cli_prints() {
    let set = rules::builtin().unwrap();
    let expected = crate::check_yaml(&set, DEFAULT_FILE, FIXTURE).unwrap();
    let checked = success(check(FIXTURE, &opts()));
    assert_eq!(checked.report.to_json(), expected.to_json());
    assert_eq!(checked.locations.len(), checked.report.findings.len());
    assert_eq!(checked.contract_region, "湖北省武汉市");
    assert_eq!(
        (
            checked.contract_term.start.as_str(),
            checked.contract_term.end.as_str()
        ),
        ("2021-05-01", "2024-04-30")
    );
}

#[test]
fn answers_serialise_with_a_type_tag() {
    let ok: serde_json::Value = serde_json::from_str(&check(FIXTURE, &opts()).to_json()).unwrap();
    assert_eq!(ok["type"], "success");
    assert_eq!(ok["report"]["schema_version"], 1);
    let bad: serde_json::Value =
        serde_json::from_str(&check("region: [", &opts()).to_json()).unwrap();
    assert_eq!(bad["type"], "failure");
    assert!(bad["errors"][0]["line"].as_u64().unwrap() >= 1);
}

#[test]
fn locations_pick_out_the_offending_words_and_their_clause() {
    let checked = success(check(FIXTURE, &opts()));
    let (i, _) = checked
        .report
        .findings
        .iter()
        .enumerate()
        .find(|(_, f)| f.rule == "湖北.产假")
        .unwrap();
    let loc = checked.locations[i];
    assert_eq!(js_slice(FIXTURE, loc.value.unwrap()), "128天");
    let clause = js_slice(FIXTURE, loc.clause.unwrap());
    assert!(clause.starts_with("  - id: 第六条"), "{clause}");
    assert!(clause.ends_with("难产假: 15天"), "{clause}");

    let (j, _) = checked
        .report
        .findings
        .iter()
        .enumerate()
        .find(|(_, f)| f.kind == crate::report::FindingKind::UnlawfulText)
        .unwrap();
    let phrase = js_slice(FIXTURE, checked.locations[j].value.unwrap());
    assert_eq!(phrase, checked.report.findings[j].actual);
    assert!(js_slice(FIXTURE, checked.locations[j].clause.unwrap()).contains("第八条"));
}

#[test]
fn a_byte_order_mark_shifts_locations_by_one_unit() {
    let with_bom = format!("\u{feff}{FIXTURE}");
    let checked = success(check(&with_bom, &opts()));
    for (f, loc) in checked.report.findings.iter().zip(&checked.locations) {
        if let (Some(v), crate::report::FindingKind::Violated) = (loc.value, f.kind) {
            let without = TextRange {
                start: v.start - 1,
                end: v.end - 1,
            };
            assert_eq!(js_slice(&with_bom, v), js_slice(FIXTURE, without), "{f:?}");
        }
    }
}

#[test]
fn missing_terms_have_no_location() {
    let checked = success(check(FIXTURE, &opts()));
    for (f, loc) in checked.report.findings.iter().zip(&checked.locations) {
        if f.kind == crate::report::FindingKind::Missing {
            assert_eq!(*loc, Location::default(), "{}", f.rule);
        }
    }
}

#[test]
fn date_narrows_the_term_to_that_day() {
    let before = success(check(
        FIXTURE,
        &CheckOptions {
            date: Some("2021-06-01".into()),
            ..opts()
        },
    ));
    assert!(
        !before.report.findings.iter().any(|f| f.rule == "湖北.产假"),
        "128天 met the floor before 2021-11-26"
    );
    assert!(
        before
            .report
            .findings
            .iter()
            .all(|f| f.from == "2021-06-01" && f.to == "2021-06-01")
    );
    assert_eq!(before.report.contract.term.start, "2021-06-01");
    assert_eq!(
        before.contract_term.start, "2021-05-01",
        "the contract's own term is kept alongside"
    );

    let after = success(check(
        FIXTURE,
        &CheckOptions {
            date: Some("2022-01-01".into()),
            ..opts()
        },
    ));
    let f = after
        .report
        .findings
        .iter()
        .find(|f| f.rule == "湖北.产假")
        .unwrap();
    assert_eq!(
        (f.expected.as_str(), f.from.as_str(), f.to.as_str()),
        ("不少于158天", "2022-01-01", "2022-01-01")
    );
}

#[test]
fn a_date_outside_the_term_is_checked_and_noted() {
    let checked = success(check(
        FIXTURE,
        &CheckOptions {
            date: Some("2030-01-01".into()),
            ..opts()
        },
    ));
    assert!(
        checked
            .report
            .notes
            .iter()
            .any(|n| n.contains("不在合同期限"))
    );
}

#[test]
fn region_option_replaces_the_contracts_region() {
    let own = success(check(FIXTURE, &opts()));
    assert!(
        own.report
            .contract
            .jurisdictions
            .contains(&"湖北".to_owned())
    );
    let beijing = success(check(
        FIXTURE,
        &CheckOptions {
            region: Some("北京市".into()),
            ..opts()
        },
    ));
    assert_eq!(beijing.report.contract.region, "北京市");
    assert!(
        beijing
            .report
            .contract
            .jurisdictions
            .contains(&"北京".to_owned())
    );
    assert!(
        !beijing
            .report
            .findings
            .iter()
            .any(|f| f.jurisdiction == "湖北")
    );
    assert_eq!(beijing.contract_region, "湖北省武汉市");
}

#[test]
fn bad_options_are_refused_by_name() {
    let e = failure(check(
        FIXTURE,
        &CheckOptions {
            region: Some("火星".into()),
            ..opts()
        },
    ));
    assert_eq!((e[0].file.as_str(), e[0].line), (OPTIONS_FILE, 0));
    assert!(e[0].message.contains("火星"));
    let e = failure(check(
        FIXTURE,
        &CheckOptions {
            date: Some("2024-02-30".into()),
            ..opts()
        },
    ));
    assert!(e[0].message.contains("2024-02-30"));
    let e = failure(check(
        FIXTURE,
        &CheckOptions {
            lang: Some("en".into()),
            ..opts()
        },
    ));
    assert!(e[0].message.contains("en"));
}

#[test]
fn malformed_yaml_is_a_located_error() {
    let e = failure(check(
        "region: 湖北省\nterm: {start: 2023-01-01\nclauses: []\n",
        &CheckOptions {
            file: Some("x.yaml".into()),
            ..opts()
        },
    ));
    assert_eq!(e[0].file, "x.yaml");
    assert!(e[0].line >= 2);
}

#[test]
fn deep_yaml_and_oversized_input_are_refused() {
    let deep = format!("region: {}", "[".repeat(100_000));
    assert!(!failure(check(&deep, &opts())).is_empty());
    let big = format!("title: {}", "x".repeat(crate::contract::MAX_CONTRACT_BYTES));
    assert!(failure(check(&big, &opts()))[0].message.contains("过大"));
}

#[test]
fn extra_rules_load_on_top_and_their_errors_come_back_located() {
    let nested = RuleFile {
        name: "deep.dixian".into(),
        text: format!("rule a {}", "{".repeat(5_000)),
    };
    let e = failure(check(
        FIXTURE,
        &CheckOptions {
            rules: vec![nested],
            ..opts()
        },
    ));
    assert_eq!(e[0].file, "deep.dixian");
    let stricter = RuleFile {
        name: "local.dixian".into(),
        text: "jurisdiction 武汉 { parent 湖北 names \"武汉市\" }\nrule 武汉.卫生费 { severity rectify require 卫生费 >= 50元/月 cite \"测试用规则\" }".into(),
    };
    let checked = success(check(
        FIXTURE,
        &CheckOptions {
            rules: vec![stricter],
            ..opts()
        },
    ));
    assert!(
        checked
            .report
            .findings
            .iter()
            .any(|f| f.rule == "武汉.卫生费" && f.actual == "每月30元")
    );
}

#[test]
fn options_deserialise_from_camel_free_json_and_refuse_unknown_fields() {
    let o: CheckOptions = serde_json::from_str(r#"{"region":"北京","date":"2024-01-01"}"#).unwrap();
    assert_eq!(o.region.as_deref(), Some("北京"));
    assert!(serde_json::from_str::<CheckOptions>(r#"{"regoin":"北京"}"#).is_err());
}

#[test]
fn regions_list_every_jurisdiction_with_its_parent() {
    let r = success(regions()).regions;
    let hubei = r.iter().find(|x| x.name == "湖北").unwrap();
    assert_eq!(hubei.parent.as_deref(), Some("全国"));
    assert!(hubei.cities.contains(&"武汉市".to_owned()));
    assert!(r.iter().any(|x| x.name == "全国" && x.parent.is_none()));
}

#[test]
fn rules_in_force_follow_the_date() {
    let early = success(rules_in_force("湖北省武汉市", "2021-06-01"));
    let late = success(rules_in_force("湖北省武汉市", "2022-01-01"));
    let leave = |r: &InForce| {
        r.rules
            .iter()
            .find(|x| x.id == "湖北.产假")
            .map(|x| x.requirement.clone())
    };
    assert_eq!(leave(&early).as_deref(), Some("产假 ≥128天"));
    assert_eq!(leave(&late).as_deref(), Some("产假 ≥158天"));
    assert_eq!(
        late.jurisdictions,
        vec!["全国".to_owned(), "湖北".to_owned()]
    );
    assert!(late.rules.iter().all(|r| !r.citation.is_empty()));
    assert!(
        !late.notes.is_empty(),
        "武汉 falls back to 湖北, and says so"
    );
    assert!(!failure(rules_in_force("湖北", "yesterday")).is_empty());
}

#[test]
fn a_rule_set_held_by_the_caller_gives_the_same_answers() {
    let set = rules::builtin().unwrap();
    let region = Some("北京".to_owned());
    let with_region = CheckOptions { region, ..opts() };
    assert_eq!(
        success(check_with(&set, FIXTURE, &with_region)),
        success(check(FIXTURE, &with_region))
    );
    assert_eq!(regions_with(&set), success(regions()));
    assert_eq!(
        success(rules_in_force_with(&set, "湖北省", "2022-01-01")),
        success(rules_in_force("湖北省", "2022-01-01"))
    );
    let extra = CheckOptions {
        rules: vec![RuleFile {
            name: "city.dixian".to_owned(),
            text: String::new(),
        }],
        ..opts()
    };
    let errors = failure(check_with(&set, FIXTURE, &extra));
    assert_eq!(errors[0].file, OPTIONS_FILE);
}
