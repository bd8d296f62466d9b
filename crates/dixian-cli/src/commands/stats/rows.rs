//! The rows a federation's workbook lists one by one: a line per contract and a line per finding.
//! Only these words are kept from each report (not the report itself), so a large batch stays small.

use dixian_core::Report;
use dixian_core::render::{Lang, words};
use dixian_core::report::{Finding, FindingKind};
use dixian_core::rules::Severity;

/// Severities from the gravest down, the order every table lists them in.
pub const GRAVEST_FIRST: [Severity; 3] = [Severity::Refer, Severity::Rectify, Severity::Notice];

pub struct ContractRow {
    pub file: String,
    pub title: String,
    pub region: String,
    /// The contract's term: 2022年1月1日至2024年12月31日.
    pub term: String,
    /// Findings of each severity, in the order of [`GRAVEST_FIRST`].
    pub counts: [u64; 3],
    pub worst: Option<Severity>,
    pub findings: Vec<FindingRow>,
}

pub struct FindingRow {
    pub severity: Severity,
    pub term: String,
    pub clause: String,
    pub expected: String,
    pub actual: String,
    pub citation: String,
    pub window: String,
    pub message: String,
}

/// `2022-01-01` as 2022年1月1日; anything else as written.
fn date_words(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").map_or_else(|_| iso.to_owned(), words::date)
}

fn span(from: &str, to: &str) -> String {
    format!("{}至{}", date_words(from), date_words(to))
}

impl ContractRow {
    pub fn of(report: &Report) -> ContractRow {
        let c = &report.contract;
        let mut counts = [0u64; 3];
        for f in &report.findings {
            if let Some(i) = GRAVEST_FIRST.iter().position(|s| *s == f.severity) {
                if let Some(n) = counts.get_mut(i) {
                    *n += 1;
                }
            }
        }
        ContractRow {
            file: c.file.clone(),
            title: c.title.clone().unwrap_or_default(),
            region: c.region.clone(),
            term: span(&c.term.start, &c.term.end),
            counts,
            worst: report.worst(),
            findings: report.findings.iter().map(FindingRow::of).collect(),
        }
    }
}

impl FindingRow {
    fn of(f: &Finding) -> FindingRow {
        let term = match (&f.term_label, f.kind) {
            (Some(label), _) => label.clone(),
            (None, FindingKind::UnlawfulText) => "违法条款文字".to_owned(),
            (None, _) => f.term.clone().unwrap_or_default(),
        };
        FindingRow {
            severity: f.severity,
            term,
            clause: f.clause.clone().unwrap_or_default(),
            expected: words::expected(&f.expected).to_owned(),
            actual: words::actual(&f.actual).to_owned(),
            citation: f.citation.clone(),
            window: span(&f.from, &f.to),
            message: Lang::Zh.message(f),
        }
    }
}
