//! Every contract in `fixtures/` against its expected JSON report (insta snapshots), and every
//! compliant fixture free of rectify and refer findings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use dixian_core::rules::Severity;

fn yaml_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(repo().join(dir))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    v.sort();
    v
}

fn report_for(path: &std::path::Path) -> dixian_core::Report {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path
        .strip_prefix(repo())
        .unwrap_or(path)
        .display()
        .to_string();
    dixian_core::check_yaml(builtin(), &name, &text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn fixture_reports_match_snapshots() {
    let files = yaml_files("fixtures");
    assert!(!files.is_empty());
    for path in files {
        let mut report = report_for(&path);
        // The digest changes with every edit of a rule file; what it covers is tested in e2e.
        assert_eq!(report.rules.digest.len(), 64);
        report.rules.digest = "<SHA-256>".to_owned();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_json_snapshot!(name, report);
    }
}

#[test]
fn compliant_contracts_need_no_rectification() {
    let files = yaml_files("fixtures/compliant");
    let regions = dixian_core::rules::builtin().unwrap().jurisdictions.len() - 1;
    assert_eq!(
        files.len(),
        regions,
        "one compliant contract per built-in region (全国 aside)"
    );
    for path in files {
        let report = report_for(&path);
        let serious: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Rectify)
            .collect();
        assert!(serious.is_empty(), "{}: {serious:#?}", path.display());
        assert_eq!(
            report.coverage.0,
            [true; 5],
            "{} covers all five periods",
            path.display()
        );
    }
}
