//! `docs/rules.md` and `docs/coverage.md` are generated from the rules; these tests fail when they drift.
//! `UPDATE_DOCS=1 cargo test -p dixian-core --test catalog` rewrites them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dixian_core::catalog::{self, Status};
use dixian_core::rules::{self, RuleSet};
use std::path::PathBuf;

fn set() -> RuleSet {
    rules::builtin().expect("built-in rules load")
}

fn doc(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs")
        .join(name)
}

/// Compares a generated document with the file in the repository, or rewrites it under UPDATE_DOCS=1.
fn check_doc(name: &str, generated: &str) {
    let path = doc(name);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, generated)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    if on_disk != generated {
        let first_difference = on_disk
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || {
                    format!(
                        "the files differ in length ({} vs {} lines)",
                        on_disk.lines().count(),
                        generated.lines().count()
                    )
                },
                |i| format!("first difference at line {}", i + 1),
            );
        panic!(
            "docs/{name} is out of date with rules/*.dixian (docs/contract.schema.json: with the vocabulary) ({first_difference}).\n\
             Regenerate it with: UPDATE_DOCS=1 cargo test -p dixian-core --test catalog"
        );
    }
}

#[test]
fn rules_md_matches_the_rules() {
    check_doc("rules.md", &catalog::markdown_table(&set()));
}

#[test]
fn coverage_md_matches_the_rules() {
    check_doc("coverage.md", &catalog::coverage_markdown(&set()));
}

#[test]
fn the_table_has_one_row_per_version() {
    let set = set();
    let versions: usize = set.rules.iter().map(|r| r.versions.len()).sum();
    let table = catalog::markdown_table(&set);
    let data_rows = table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| 地区"))
        .count();
    assert_eq!(data_rows, versions);
    assert_eq!(catalog::rules_in_force(&set, None, None).len(), versions);
}

#[test]
fn rules_in_force_follows_region_and_date() {
    let set = set();
    let hubei = set.jurisdiction_by_name("湖北");
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let floors = |date| -> Vec<String> {
        catalog::rules_in_force(&set, hubei, date)
            .into_iter()
            .filter(|r| r.rule == "湖北.产假")
            .map(|r| r.requirement)
            .collect()
    };
    assert_eq!(floors(day(2021, 11, 25)), ["≥128天"]);
    assert_eq!(floors(day(2021, 11, 26)), ["≥158天"]);
    assert_eq!(floors(None), ["≥128天", "≥158天"]);
    // A region's rows include the national rules it inherits, and no other province's.
    let rows = catalog::rules_in_force(&set, hubei, day(2024, 1, 1));
    assert!(
        rows.iter()
            .any(|r| r.jurisdiction == "全国" && r.rule == "全国.产假")
    );
    assert!(
        rows.iter()
            .all(|r| r.jurisdiction == "全国" || r.jurisdiction == "湖北")
    );
    // Inherited rules come first.
    let first_hubei = rows
        .iter()
        .position(|r| r.jurisdiction == "湖北")
        .expect("湖北 rows");
    assert!(
        rows.iter()
            .skip(first_hubei)
            .all(|r| r.jurisdiction == "湖北")
    );
}

#[test]
fn statuses_follow_the_rule_files() {
    let set = set();
    let rows = catalog::rules_in_force(&set, None, None);
    let status = |rule: &str, floor: &str| {
        rows.iter()
            .find(|r| r.rule == rule && r.requirement == floor)
            .map(|r| r.status)
    };
    assert_eq!(status("河南.卫生费", "≥35元/月"), Some(Status::Verified));
    assert_eq!(
        status("福建.卫生费", "≥30元/月"),
        Some(Status::PermissiveNotice)
    );
    assert_eq!(status("四川.产假2025", "≥188天"), Some(Status::Provisional));
    assert_eq!(status("四川.产假", "≥158天"), Some(Status::Verified));
    // Provisional rows never claim more than a notice.
    assert!(
        rows.iter()
            .filter(|r| r.status == Status::Provisional)
            .all(|r| r.severity == rules::Severity::Notice)
    );
}

#[test]
fn coverage_counts_each_province_once_per_term() {
    let set = set();
    let provinces = set
        .jurisdictions
        .iter()
        .filter(|j| j.parent == set.jurisdiction_by_name("全国"))
        .count();
    assert_eq!(provinces, 31, "31 provincial-level jurisdictions");
    for c in catalog::coverage(&set) {
        let mut all: Vec<&String> = c
            .verified
            .iter()
            .chain(&c.permissive)
            .chain(&c.provisional)
            .collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "{}: a province counted twice", c.term);
        assert!(n <= provinces);
    }
    let maternity = catalog::coverage(&set)
        .into_iter()
        .find(|c| c.term == "产假")
        .expect("产假 covered");
    assert_eq!(
        maternity.verified.len() + maternity.permissive.len() + maternity.provisional.len(),
        31,
        "every province has a 产假 rule"
    );
}

#[test]
fn contract_schema_matches_the_vocabulary() {
    check_doc(
        "contract.schema.json",
        &dixian_core::contract::json_schema_text(&set().vocabulary),
    );
}
