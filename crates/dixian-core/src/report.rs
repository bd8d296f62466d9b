//! What a check produces: findings with double provenance (the contract's words and the rule with its
//! statute), terms above the floor, 五期 coverage, and what could not be decided. Serialises to the
//! stable JSON shape (`schema_version` 1) other systems embed.

use crate::rules::Severity;
use serde::Serialize;
use serde::ser::SerializeMap;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub schema_version: u32,
    /// The rule data that produced the report: release (`2026-12-05`, `+local` with added rule
    /// files) and SHA-256 of the rule files as loaded.
    pub rules: crate::rules::RulesVersion,
    pub contract: ContractSummary,
    pub findings: Vec<Finding>,
    pub above_floor: Vec<AboveFloor>,
    pub coverage: Coverage,
    /// Rules that could not be decided for want of a fact (e.g. the number of women workers).
    pub undetermined: Vec<Undetermined>,
    /// Remarks on how the check was done (a city that fell back to its province …).
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContractSummary {
    pub file: String,
    pub title: Option<String>,
    pub region: String,
    pub jurisdictions: Vec<String>,
    /// Who makes each jurisdiction's rules, as a reader names it (国家, 湖北省), parallel to
    /// `jurisdictions`.
    pub authorities: Vec<String>,
    pub term: TermWindow,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TermWindow {
    pub start: String,
    pub end: String,
}

/// Why a finding was raised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A stated term is below its floor (or above its ceiling), or a commitment is refused (否).
    Violated,
    /// The contract does not state the term at all.
    Missing,
    /// A clause's own words are unlawful.
    UnlawfulText,
    /// Whether a stated term meets its floor depends on the calendar: days against a floor stated in
    /// months (187天 against 98天+3个月). Always a notice.
    Depends,
    /// A clause names a topic but promises nothing checkable (“按国家有关规定执行”). Not raised by the
    /// engine: an importer reading the contract's own wording adds it (see dixian-import).
    Vague,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub kind: FindingKind,
    /// The term's canonical name (stable, for programs).
    pub term: Option<String>,
    /// The term as people read it: its label, or the name the region's statute gives it (护理假).
    pub term_label: Option<String>,
    pub clause: Option<String>,
    pub expected: String,
    pub actual: String,
    pub citation: String,
    pub jurisdiction: String,
    pub provisional: bool,
    pub from: String,
    pub to: String,
    pub message: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// Byte range of the words the finding is about, for renderers.
    #[serde(skip)]
    pub bytes: Option<(usize, usize)>,
    /// The wording proposed to put it right (修改建议), when one can be given.
    pub suggestion: Option<crate::suggest::Suggestion>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AboveFloor {
    pub term: String,
    pub term_label: String,
    pub floor: String,
    pub actual: String,
    pub clause: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Undetermined {
    pub rule: String,
    /// What the rule requires, for a reader: its title (女职工100人以上的单位逐步建立女职工卫生室).
    pub title: String,
    pub reason: String,
}

/// What a batch answers for a file that could not be read, in place of its report (`dixian check
/// --format json` over several files, Python's `check_batch`): `{schema_version, file, errors}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Unreadable<'a> {
    pub schema_version: u32,
    pub file: &'a str,
    pub errors: &'a [crate::Diagnostic],
}

impl<'a> Unreadable<'a> {
    pub fn new(file: &'a str, error: &'a crate::LoadError) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            file,
            errors: &error.diagnostics,
        }
    }

    /// Indented as a report is (see [`Report::to_json`]).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Which of the five periods (五期) the contract covers, always in the order 经期 孕期 产期 哺乳期 更年期.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Coverage(pub [bool; 5]);

impl Serialize for Coverage {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(5))?;
        for (p, covered) in crate::vocabulary::Period::ALL.iter().zip(self.0) {
            m.serialize_entry(p.name(), &covered)?;
        }
        m.end()
    }
}

impl Report {
    /// Who makes the rules of `jurisdiction` (a name of the chain), as a reader names it: 国家,
    /// 湖北省.
    pub fn authority<'a>(&'a self, jurisdiction: &'a str) -> &'a str {
        let c = &self.contract;
        c.jurisdictions
            .iter()
            .position(|j| j == jurisdiction)
            .and_then(|i| c.authorities.get(i))
            .map_or_else(
                || crate::render::words::authority(jurisdiction),
                String::as_str,
            )
    }

    /// The highest severity among the findings, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// 0 when nothing needs rectifying or referring, 1 when something does (the CLI's exit code).
    pub fn exit_code(&self) -> i32 {
        i32::from(self.worst().is_some_and(|s| s >= Severity::Rectify))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
