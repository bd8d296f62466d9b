//! # dixian-core
//!
//! Checks a 女职工权益保护专项集体合同 (women workers' special collective contract) against the legal
//! floors in force for its region over its whole term. The pipeline, one folder each:
//!
//! - [`contract`]: contract (YAML) → typed facts, every value with its source location;
//! - [`rules`]: rule files (the dixian DSL) → a validated [`rules::RuleSet`];
//! - [`eval`]: rule set × contract → [`report::Report`] (findings with windows, above-floor terms, 五期
//!   coverage);
//! - [`render`]: report → human text or JSON.
//!
//! ```
//! let rules = dixian_core::rules::builtin().expect("built-in rules are valid");
//! let yaml = "region: 湖北省\nterm: {start: 2023-05-01, end: 2026-04-30}\nclauses:\n  - id: 第六条\n    terms: {产假: 128天}\n";
//! let contract = dixian_core::contract::load_yaml("c.yaml", yaml, &rules.vocabulary).expect("valid contract");
//! let report = dixian_core::eval::check(&rules, &contract).expect("known region");
//! assert!(report.findings.iter().any(|f| f.term.as_deref() == Some("产假") && f.expected == "不少于158天"));
//! ```
#![forbid(unsafe_code)]

pub mod api;
pub mod catalog;
pub mod contract;
pub mod dates;
pub mod encoding;
pub mod error;
pub mod eval;
pub mod fix;
pub mod numeral_style;
pub mod numerals;
pub mod quantity;
pub mod region;
pub mod render;
pub mod report;
pub mod rules;
pub mod ruletest;
pub mod sort;
pub mod source;
pub mod stats;
pub mod suggest;
#[cfg(feature = "synth")]
pub mod synth;
pub mod vocabulary;
pub mod yaml;

pub use error::{Diagnostic, LoadError};
pub use report::Report;

/// Reads a contract and checks it with the given rules: the one call most embedders need.
pub fn check_yaml(rules: &rules::RuleSet, file: &str, yaml: &str) -> Result<Report, LoadError> {
    let contract = contract::load_yaml(file, yaml, &rules.vocabulary)?;
    eval::check(rules, &contract)
}
