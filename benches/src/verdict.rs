//! What the side-by-side compares: for each contract, the set of (rule, kind, severity) it is found
//! wanting on. Every implementation's own output is turned into this, outside the timed code.

use dixian_core::report::{FindingKind, Report};
use dixian_core::rules::{Check, RuleSet, RuleSource};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Violated,
    Missing,
    /// Unlawful wording in a clause.
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Notice,
    Rectify,
    Refer,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "violated" => Some(Self::Violated),
            "missing" => Some(Self::Missing),
            _ => None,
        }
    }
}

impl Level {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "notice" => Some(Self::Notice),
            "rectify" => Some(Self::Rectify),
            "refer" => Some(Self::Refer),
            _ => None,
        }
    }
}

pub type Verdicts = BTreeSet<(String, Kind, Level)>;

/// dixian's report as verdicts.
pub fn from_report(report: &Report) -> Verdicts {
    report
        .findings
        .iter()
        .map(|f| {
            let kind = match f.kind {
                FindingKind::Violated => Kind::Violated,
                FindingKind::Missing => Kind::Missing,
                FindingKind::UnlawfulText => Kind::Text,
            };
            let level = Level::parse(f.severity.as_str()).unwrap_or(Level::Notice);
            (f.rule.clone(), kind, level)
        })
        .collect()
}

/// The built-in rule files whose names end with one of `files`.
fn builtin_files(files: &[&str]) -> Vec<RuleSource> {
    dixian_core::rules::BUILTIN_RULES
        .iter()
        .filter(|(name, _)| files.iter().any(|f| name.ends_with(f)))
        .map(|(name, text)| RuleSource {
            name: (*name).to_owned(),
            text: (*text).to_owned(),
        })
        .collect()
}

/// 全国 and 湖北 with every rule (the "one region" rule set of the scaling benchmark).
pub fn national_and_hubei() -> Result<RuleSet, dixian_core::LoadError> {
    dixian_core::rules::load(&builtin_files(&[
        "vocabulary.dixian",
        "national.dixian",
        "hubei.dixian",
    ]))
}

/// The rule set the peers encode: [`national_and_hubei`] without the forbidden-text rules (neither
/// Rego nor Cedar has the matcher; the hand-written baseline is compared on them separately).
pub fn national_and_hubei_floors() -> Result<RuleSet, dixian_core::LoadError> {
    let mut set = national_and_hubei()?;
    set.rules.retain(|r| {
        !r.versions
            .iter()
            .any(|v| matches!(v.check, Check::ForbidText { .. }))
    });
    Ok(set)
}
