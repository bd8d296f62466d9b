//! `docs/contract.schema.json` against the contracts: every contract the reader accepts is valid under
//! the schema, and every bad contract of the catalogue that a schema can see is refused by it. The YAML
//! is read as an editor reads it (YAML 1.2 types: `158` is a number, `true` a boolean), with
//! serde-saphyr. That the file matches the vocabulary is checked in `tests/catalog.rs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// Bad contracts a schema cannot refuse: what is wrong is not in one value's shape (a repeated clause
/// id, a date that does not exist, a region the rules do not know, a numeral that is not one number, a
/// merge key that the editor's YAML applies and dixian refuses). Contracts that are not one YAML
/// document of UTF-8 text are left out: an editor would not show them as YAML at all.
const BEYOND_A_SCHEMA: &[&str] = &[
    "merge-key",
    "duplicate-clause-id",
    "impossible-date",
    "term-end-before-start",
    "unknown-region",
    "women-exceed-total",
    "chinese-numeral-malformed",
    "chinese-numeral-too-large",
    "absurd-quantity-huge",
];

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("docs/contract.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft7::new(&schema).expect("the schema compiles")
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(yaml_files(&path));
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The document as an editor sees it, if it is one YAML document of UTF-8 text.
fn as_editor_reads(bytes: &[u8]) -> Option<serde_json::Value> {
    let text = std::str::from_utf8(bytes).ok()?;
    serde_saphyr::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}')).ok()
}

#[test]
fn every_contract_the_reader_accepts_is_valid() {
    let v = validator();
    let mut checked = 0;
    for path in yaml_files(&repo().join("fixtures")) {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = dixian_core::contract::decode_utf8("c.yaml", &bytes) else {
            continue;
        };
        if dixian_core::contract::load_yaml("c.yaml", &text, &builtin().vocabulary).is_err() {
            continue;
        }
        let Some(doc) = as_editor_reads(text.as_bytes()) else {
            continue;
        };
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} contracts checked");
}

#[test]
fn values_written_by_hand_are_valid() {
    let v = validator();
    let doc = as_editor_reads(
        contract(
            "湖北省武汉市",
            "2023-05-01",
            "2026-04-30",
            &[
                ("产假", "一百五十八天"),
                ("maternity_leave", "98天+3个月"),
                ("哺乳时间", "半小时/日"),
                ("卫生费", "三十元"),
                ("育儿假", "10日"),
                ("妇科检查", "两次/年"),
                ("性骚扰防治", "是"),
                ("哺乳室", "true"),
            ],
        )
        .as_bytes(),
    )
    .unwrap();
    let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn bad_contracts_a_schema_can_see_are_refused() {
    let v = validator();
    let mut refused = 0;
    let mut wrong = Vec::new();
    for path in yaml_files(&repo().join("fixtures/invalid/contracts")) {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let Some(doc) = as_editor_reads(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        let valid = v.is_valid(&doc);
        match (BEYOND_A_SCHEMA.contains(&stem.as_str()), valid) {
            (true, false) => wrong.push(format!("{stem}: refused by the schema after all")),
            (false, true) => wrong.push(format!("{stem}: the schema lets it through")),
            (false, false) => refused += 1,
            (true, true) => {}
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert!(refused >= 25, "only {refused} bad contracts refused");
}
