//! What the side-by-side compares: for each contract, the set of (rule, kind, severity) it is found
//! wanting on. Every implementation's own output is turned into this, outside the timed code.

use dixian_core::report::{FindingKind, Report};
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
                FindingKind::Violated | FindingKind::Depends => Kind::Violated,
                FindingKind::Missing | FindingKind::Vague => Kind::Missing,
                FindingKind::UnlawfulText => Kind::Text,
            };
            let level = Level::parse(f.severity.as_str()).unwrap_or(Level::Notice);
            (f.rule.clone(), kind, level)
        })
        .collect()
}
