//! `dixian check` on every bad input of the catalogue (`fixtures/invalid/`): exit code 2, a located
//! message naming the file, and no panic. The messages themselves are checked in dixian-core's
//! `tests/invalid_inputs.rs`; here only what the process does.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn dixian(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dixian"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("dixian runs")
}

fn assert_refused(out: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: exit 2, stderr: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{what}: no panic: {stderr}");
    assert!(!said(out).trim().is_empty(), "{what}: says why");
}

/// Everything the process said, on either stream (in a batch, human output lists unreadable files
/// among the reports).
fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn sorted(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn every_bad_contract_exits_2_with_its_file_named() {
    for path in sorted(&repo().join("fixtures/invalid/contracts")) {
        let out = dixian(&["check".as_ref(), path.as_os_str()]);
        assert_refused(&out, &path.display().to_string());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            said(&out).contains(&format!("{name}:")),
            "{name} is named with its location"
        );
    }
}

#[test]
fn every_bad_rule_file_exits_2() {
    let good = repo().join("fixtures/hubei-wuhan-logistics.yaml");
    let scratch = std::env::temp_dir().join(format!("dixian-invalid-rules-{}", std::process::id()));
    for path in sorted(&repo().join("fixtures/invalid/rules")) {
        // --rules takes a folder: a single bad file gets one of its own.
        let dir = if path.is_dir() {
            path.clone()
        } else {
            let _ = std::fs::remove_dir_all(&scratch);
            std::fs::create_dir_all(&scratch).unwrap();
            std::fs::copy(&path, scratch.join(path.file_name().unwrap())).unwrap();
            scratch.clone()
        };
        let out = dixian(&[
            "check".as_ref(),
            "--rules".as_ref(),
            dir.as_os_str(),
            good.as_os_str(),
        ]);
        assert_refused(&out, &path.display().to_string());
        assert!(
            said(&out).contains(".dixian:"),
            "{}: the rule file is named with its location",
            path.display()
        );
    }
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn a_20_megabyte_contract_exits_2() {
    let path = std::env::temp_dir().join(format!("dixian-20mb-{}.yaml", std::process::id()));
    let line = "  - {id: 第六条, text: 女职工生育享受产假158天。, terms: {产假: 158天}}\n";
    let mut text =
        String::from("region: 湖北省\nterm: {start: 2023-05-01, end: 2026-04-30}\nclauses:\n");
    text.push_str(&line.repeat(20 * 1024 * 1024 / line.len()));
    std::fs::write(&path, text).unwrap();
    let out = dixian(&["check".as_ref(), path.as_os_str()]);
    let _ = std::fs::remove_file(&path);
    assert_refused(&out, "20 MB contract");
}

#[test]
fn in_a_batch_a_bad_file_is_reported_and_the_rest_are_checked() {
    let good = repo().join("fixtures/hubei-wuhan-logistics.yaml");
    let bad = repo().join("fixtures/invalid/contracts/alias-bomb-many-aliases.yaml");
    let out = dixian(&[
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        good.as_os_str(),
        bad.as_os_str(),
        good.as_os_str(),
    ]);
    assert_refused(&out, "batch");
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let checked = reports.as_array().map_or(0, |a| {
        a.iter()
            .filter(|r| r["contract"]["file"].is_string())
            .count()
    });
    assert_eq!(checked, 2, "both good files are reported: {reports}");
    assert!(said(&out).contains("alias-bomb-many-aliases.yaml"));
}
