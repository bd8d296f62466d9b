//! The catalogue of bad inputs (`fixtures/invalid/`): every contract and rule file there must be refused
//! through the library with the error recorded in its snapshot (file, line, column, message), and never
//! with a panic. A few inputs too big to commit (20 MB, too many clauses) are generated here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use dixian_core::contract::{self, MAX_CLAUSES, MAX_CONTRACT_BYTES};
use dixian_core::rules::{self, RuleSet, RuleSource};
use dixian_core::{Diagnostic, LoadError};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn builtin() -> RuleSet {
    rules::builtin().expect("built-in rules load")
}

/// Sorted entries of a fixture folder, as (repository-relative name, path).
fn entries(dir: &str) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(repo().join(dir))
        .expect("fixture folder exists")
        .map(|e| e.expect("readable entry").path())
        .map(|p| {
            (
                format!("{dir}/{}", p.file_name().unwrap().to_str().unwrap()),
                p,
            )
        })
        .collect();
    out.sort();
    out
}

/// What the CLI does with a contract file: decode, read, check.
fn check_bytes(set: &RuleSet, name: &str, bytes: &[u8]) -> Result<dixian_core::Report, LoadError> {
    let text = contract::decode_utf8(name, bytes)?;
    dixian_core::check_yaml(set, name, &text)
}

/// A diagnostic a person can act on: it names the file, points inside it, and speaks Chinese.
fn assert_usable(d: &Diagnostic, files: &[(&str, &[u8])]) {
    let (_, bytes) = files
        .iter()
        .find(|(name, _)| *name == d.file)
        .unwrap_or_else(|| panic!("diagnostic names a file that was not given: {d}"));
    let lines = bytes.split(|&b| b == b'\n').count();
    assert!(d.line >= 1 && d.column >= 1, "1-based location: {d}");
    assert!(
        usize::try_from(d.line).unwrap() <= lines.max(1),
        "line inside the file: {d}"
    );
    assert!(
        d.message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "Chinese message: {d}"
    );
}

fn stem(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap();
    file.split('.').next().unwrap().to_owned()
}

#[test]
fn every_bad_contract_is_refused_as_recorded() {
    let set = builtin();
    let fixtures = entries("fixtures/invalid/contracts");
    assert!(
        fixtures.len() >= 40,
        "the catalogue holds at least 40 bad contracts, has {}",
        fixtures.len()
    );
    for (name, path) in fixtures {
        let bytes = std::fs::read(&path).unwrap();
        let err = check_bytes(&set, &name, &bytes).expect_err(&name);
        for d in &err.diagnostics {
            assert_usable(d, &[(&name, &bytes)]);
        }
        insta::assert_json_snapshot!(format!("contract-{}", stem(&name)), err.diagnostics);
    }
}

#[test]
fn every_bad_rule_file_is_refused_as_recorded() {
    let fixtures = entries("fixtures/invalid/rules");
    assert!(
        fixtures.len() >= 20,
        "the catalogue holds at least 20 bad rule files, has {}",
        fixtures.len()
    );
    for (name, path) in fixtures {
        // A folder is a set of files that is bad only together (a cycle of parents across files).
        let files: Vec<(String, Vec<u8>)> = if path.is_dir() {
            entries(&name)
                .into_iter()
                .map(|(n, p)| (n, std::fs::read(p).unwrap()))
                .collect()
        } else {
            vec![(name.clone(), std::fs::read(&path).unwrap())]
        };
        let decoded: Result<Vec<RuleSource>, LoadError> = files
            .iter()
            .map(|(n, b)| {
                contract::decode_utf8(n, b).map(|text| RuleSource {
                    name: n.clone(),
                    text,
                })
            })
            .collect();
        let err = decoded
            .and_then(|extra| {
                let mut sources = rules::builtin_sources();
                sources.extend(extra);
                rules::load(&sources)
            })
            .expect_err(&name);
        let given: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        for d in &err.diagnostics {
            assert_usable(d, &given);
        }
        insta::assert_json_snapshot!(format!("rules-{}", stem(&name)), err.diagnostics);
    }
}

const HEAD: &str = "region: 湖北省武汉市\nterm: {start: 2023-05-01, end: 2026-04-30}\n";

#[test]
fn a_20_megabyte_contract_is_refused_by_size() {
    let mut text = String::from(HEAD);
    text.push_str("clauses:\n");
    while text.len() < 20 * 1024 * 1024 {
        text.push_str("  - {id: 第六条, text: 女职工生育享受产假158天。, terms: {产假: 158天}}\n");
    }
    let err = dixian_core::check_yaml(&builtin(), "big.yaml", &text).expect_err("too big");
    assert!(text.len() > MAX_CONTRACT_BYTES);
    insta::assert_json_snapshot!("contract-generated-20mb", err.diagnostics);
}

#[test]
fn too_many_clauses_are_refused_at_the_clause_list() {
    let mut text = String::from(HEAD);
    text.push_str("clauses:\n");
    for i in 0..=MAX_CLAUSES {
        text.push_str(&format!("  - {{id: 第{i}条}}\n"));
    }
    let err =
        dixian_core::check_yaml(&builtin(), "many.yaml", &text).expect_err("too many clauses");
    insta::assert_json_snapshot!("contract-generated-too-many-clauses", err.diagnostics);
}

#[test]
fn a_utf8_bom_is_read_like_the_same_file_without_it() {
    let set = builtin();
    let plain = std::fs::read(repo().join("fixtures/hubei-wuhan-logistics.yaml")).unwrap();
    let mut with_bom = vec![0xef, 0xbb, 0xbf];
    with_bom.extend_from_slice(&plain);
    let a = check_bytes(&set, "c.yaml", &plain).expect("plain file loads");
    let b = check_bytes(&set, "c.yaml", &with_bom).expect("a BOM is no error");
    assert!(!a.findings.is_empty());
    assert_eq!(a, b, "a BOM changes nothing, not even a column");
}

#[test]
fn the_bom_fixture_loads() {
    let set = builtin();
    let bytes = std::fs::read(repo().join("fixtures/encoding/utf8-bom.yaml")).unwrap();
    assert!(
        bytes.starts_with(&[0xef, 0xbb, 0xbf]),
        "the fixture keeps its BOM"
    );
    let report = check_bytes(&set, "utf8-bom.yaml", &bytes).expect("a BOM is no error");
    assert_eq!(report.contract.jurisdictions, ["全国", "湖北"]);
}

#[test]
fn aliases_of_a_large_anchor_are_refused_before_they_multiply() {
    // 2,000 terms anchored once and referenced by 500 clauses: 40 KB on disk, a million pairs if expanded.
    let mut text = String::from(HEAD);
    text.push_str("clauses:\n  - id: 第0条\n    terms: &t\n");
    for i in 0..2000 {
        text.push_str(&format!("      条目{i}: 1天\n"));
    }
    for i in 1..=500 {
        text.push_str(&format!("  - {{id: 第{i}条, terms: *t}}\n"));
    }
    let err =
        dixian_core::check_yaml(&builtin(), "replay.yaml", &text).expect_err("alias replay bomb");
    insta::assert_json_snapshot!("contract-generated-alias-replay-bomb", err.diagnostics);
}

#[test]
fn aliases_of_a_long_anchored_text_are_refused_before_they_multiply() {
    // One clause text of 1.4 MB anchored and referenced by 999 clauses: under 2 MB on disk, 1.4 GB
    // if expanded. Few nodes, so it is the replayed text that is counted.
    let mut text = String::from(HEAD);
    text.push_str(&format!(
        "clauses:\n  - id: 第0条\n    text: &t \"{}\"\n",
        "女职工".repeat(160_000)
    ));
    for i in 1..1000 {
        text.push_str(&format!("  - {{id: 第{i}条, text: *t}}\n"));
    }
    assert!(text.len() < contract::MAX_CONTRACT_BYTES);
    let err =
        dixian_core::check_yaml(&builtin(), "text.yaml", &text).expect_err("long text replay bomb");
    insta::assert_json_snapshot!("contract-generated-alias-long-text-bomb", err.diagnostics);
}

fn load_with_builtin(name: &str, text: String) -> LoadError {
    let mut sources = rules::builtin_sources();
    sources.push(RuleSource {
        name: name.to_owned(),
        text,
    });
    rules::load(&sources).expect_err(name)
}

#[test]
fn an_oversized_rule_file_is_refused_by_size() {
    let text = format!("# {}\n", "长".repeat(rules::MAX_RULE_FILE_BYTES / 3 + 1));
    let err = load_with_builtin("big.dixian", text);
    insta::assert_json_snapshot!("rules-generated-too-big", err.diagnostics);
}

#[test]
fn a_rule_file_with_too_many_rules_is_refused_at_the_first_extra_rule() {
    let mut text = String::from("jurisdiction 测试 { parent 全国 }\n");
    for i in 0..=rules::MAX_RULES_PER_FILE {
        text.push_str(&format!(
            "rule 测试.r{i} {{ severity notice  require 产假 >= 98天  cite \"《测试》\" }}\n"
        ));
    }
    let err = load_with_builtin("many.dixian", text);
    insta::assert_json_snapshot!("rules-generated-too-many-rules", err.diagnostics);
}
