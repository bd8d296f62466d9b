//! Shared by the fixture tests: the fixtures in fixtures/text and how to import them.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use dixian_core::rules::RuleSet;
use dixian_import::{Format, Imported, Overrides, format_of, import};
use std::path::{Path, PathBuf};

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/text")
}

/// Every document in fixtures/text with its expectations file, sorted by name.
pub fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let dir = fixtures_dir();
    let mut out: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(".expected.yaml")))
        .map(|expected| {
            let stem = expected
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .trim_end_matches(".expected.yaml")
                .to_owned();
            let doc = ["txt", "docx"]
                .iter()
                .map(|ext| dir.join(format!("{stem}.{ext}")))
                .find(|p| p.exists())
                .expect("a document for each expectations file");
            (doc, expected)
        })
        .collect();
    out.sort();
    out
}

pub fn rules() -> RuleSet {
    dixian_core::rules::builtin().unwrap()
}

pub fn import_fixture(doc: &Path, set: &RuleSet) -> Imported {
    let bytes = std::fs::read(doc).unwrap();
    let format: Format = format_of(doc).unwrap();
    let name = doc.file_name().unwrap().to_str().unwrap();
    import(name, &bytes, format, set, &Overrides::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}
