//! `dixian init`'s skeleton: every term the region's rules in force check is there to fill in; left
//! blank it is refused at the blank, filled in it reads and checks like any contract.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use dixian_core::catalog;
use dixian_core::contract::{TermValue, load_yaml, skeleton};
use dixian_core::region;

fn date(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// Fills every blank term with a value (each term's example, 是 for a commitment) and a blank region.
fn filled(text: &str) -> String {
    let vocab = &builtin().vocabulary;
    text.lines()
        .map(|line| {
            let key = line.trim().strip_suffix(':');
            match key.and_then(|k| vocab.term(k).map(|t| (k, t))) {
                Some((_, t)) if vocab.units_of(t).is_empty() => format!("{line} 是"),
                Some((_, t)) => format!("{line} {}", vocab.example(t)),
                None if line.starts_with("region:") && line.contains("填写地区") => {
                    "region: 北京".to_owned()
                }
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_region_gets_a_skeleton_that_reads_once_filled() {
    let set = builtin();
    for (name, day) in [
        ("湖北省武汉市", "2024-06-01"),
        ("北京", "2023-01-01"),
        ("四川", "2026-01-01"),
        ("宁夏", "2020-05-01"),
        ("江苏省南通市", "2022-03-01"),
    ] {
        let j = region::resolve(set, name).unwrap().jurisdiction;
        let text = skeleton(set, Some((name, j)), date(day));
        let blank = load_yaml("s.yaml", &text, &set.vocabulary).unwrap_err();
        assert!(
            blank
                .diagnostics
                .iter()
                .all(|d| d.message.contains("没有填写")),
            "{name}: a blank skeleton is refused at its blanks only: {blank}"
        );
        let contract = load_yaml("s.yaml", &filled(&text), &set.vocabulary)
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}", filled(&text)));
        let stated: Vec<&str> = contract
            .stated_terms()
            .map(|(_, t)| set.vocabulary.term_name(t.term))
            .collect();
        let checked: Vec<String> = catalog::rules_in_force(set, Some(j), Some(date(day)))
            .into_iter()
            .filter_map(|r| r.term)
            .collect();
        for term in &checked {
            assert!(
                stated.contains(&term.as_str()),
                "{name}: {term} is in the skeleton"
            );
        }
        assert_eq!(
            stated.len(),
            blank.diagnostics.len(),
            "{name}: one blank per term"
        );
        let report = dixian_core::eval::check(set, &contract).unwrap();
        assert!(
            report.findings.iter().all(|f| f.actual != "未约定"),
            "{name}: nothing the rules check is missing from a filled skeleton: {:#?}",
            report.findings
        );
        assert!(contract.stated_terms().all(|(_, t)| match t.value {
            TermValue::Quantity(_) => t.note.is_none(),
            TermValue::Commitment(b) => b,
        }));
    }
}

#[test]
fn without_a_region_the_national_terms_are_listed_and_the_region_left_blank() {
    let set = builtin();
    let text = skeleton(set, None, date("2024-06-01"));
    let err = load_yaml("s.yaml", &text, &set.vocabulary).unwrap_err();
    assert!(err.to_string().contains("地区"), "{err}");
    let contract = load_yaml("s.yaml", &filled(&text), &set.vocabulary).unwrap();
    assert!(contract.stated_terms().count() >= 10);
}

#[test]
fn the_skeleton_for_hubei() {
    let set = builtin();
    let j = region::resolve(set, "湖北省武汉市").unwrap().jurisdiction;
    insta::assert_snapshot!(skeleton(set, Some(("湖北省武汉市", j)), date("2024-06-01")));
}
