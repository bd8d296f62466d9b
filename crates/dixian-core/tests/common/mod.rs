//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dixian_core::Report;
use dixian_core::rules::{self, RuleSet, RuleSource};
use std::path::PathBuf;
use std::sync::OnceLock;

pub fn builtin() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| rules::builtin().expect("built-in rules load"))
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn check(yaml: &str) -> Report {
    dixian_core::check_yaml(builtin(), "test.yaml", yaml).unwrap_or_else(|e| panic!("{e}"))
}

/// A contract with one clause stating the given terms, over the given term.
pub fn contract(region: &str, start: &str, end: &str, terms: &[(&str, &str)]) -> String {
    let mut y = format!(
        "title: 测试合同\nregion: {region}\nterm: {{start: {start}, end: {end}}}\nworkforce: {{total: 100, women: 40}}\nclauses:\n  - id: 第一条\n    text: 测试条款\n    terms:\n"
    );
    for (k, v) in terms {
        y.push_str(&format!("      {k}: {v}\n"));
    }
    if terms.is_empty() {
        y.push_str("      {}\n");
    }
    y
}

/// Builtin sources plus extra rule files.
pub fn load_with(extra: &[(&str, &str)]) -> Result<RuleSet, dixian_core::LoadError> {
    let mut s = rules::builtin_sources();
    s.extend(extra.iter().map(|(n, t)| RuleSource {
        name: (*n).into(),
        text: (*t).into(),
    }));
    rules::load(&s)
}

pub fn findings_for<'r>(r: &'r Report, term: &str) -> Vec<&'r dixian_core::report::Finding> {
    r.findings
        .iter()
        .filter(|f| f.term.as_deref() == Some(term))
        .collect()
}
