//! Batch statistics: what a 女职工委员会 reports upward after reviewing a folder of contracts — how many
//! were read, which could not be and why, and the shares of contracts with findings by severity, term,
//! 五期 period, rule and region.
//!
//! Built by folding one report at a time, so memory stays flat in the number of contracts; two
//! partial tallies merge (for parallel folds). `contracts + unreadable = files`, by construction.

use crate::error::{Diagnostic, LoadError};
use crate::report::{FindingKind, Report};
use crate::rules::Severity;
use crate::vocabulary::{Period, Vocabulary};
use std::collections::{BTreeMap, BTreeSet};

/// Contracts with at least one finding of some kind, and how many findings there were.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub contracts: u64,
    pub findings: u64,
}

impl Tally {
    fn add(&mut self, findings: u64) {
        if findings > 0 {
            self.contracts += 1;
            self.findings += findings;
        }
    }

    fn merge(&mut self, other: Tally) {
        self.contracts += other.contracts;
        self.findings += other.findings;
    }
}

/// One 五期 period: contracts that do not cover it at all, and findings on its terms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PeriodTally {
    pub not_covered: u64,
    pub with_findings: Tally,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RegionTally {
    pub contracts: u64,
    pub needs_action: u64,
}

/// A file that could not be read: its first problem and how many there were.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub first: Diagnostic,
    pub problems: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub files: u64,
    pub contracts: u64,
    pub unreadable: Vec<Unreadable>,
    /// Contracts with any finding.
    pub with_findings: u64,
    /// Contracts with at least one rectify or refer finding.
    pub needs_action: u64,
    /// Indexed by severity: notice, rectify, refer.
    pub by_severity: [Tally; 3],
    pub by_term: BTreeMap<String, Tally>,
    /// Each counted term's display label (流产假（怀孕满4个月）), for the tables people read.
    pub term_labels: BTreeMap<String, String>,
    /// Findings about a clause's own unlawful words (they name no term).
    pub unlawful_text: Tally,
    /// In the order 经期 孕期 产期 哺乳期 更年期.
    pub by_period: [PeriodTally; 5],
    pub by_rule: BTreeMap<String, Tally>,
    /// By the most specific jurisdiction the contract was checked under.
    pub by_region: BTreeMap<String, RegionTally>,
}

fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Notice => 0,
        Severity::Rectify => 1,
        Severity::Refer => 2,
    }
}

impl Stats {
    pub fn add_report(&mut self, report: &Report, vocab: &Vocabulary) {
        self.files += 1;
        self.contracts += 1;
        let findings = &report.findings;
        self.with_findings += u64::from(!findings.is_empty());
        let action = report.worst().is_some_and(|s| s >= Severity::Rectify);
        self.needs_action += u64::from(action);

        let mut severity = [0u64; 3];
        let mut terms: BTreeMap<&str, u64> = BTreeMap::new();
        let mut rules: BTreeMap<&str, u64> = BTreeMap::new();
        let mut periods = [0u64; 5];
        let mut unlawful = 0;
        for f in findings {
            if let Some(n) = severity.get_mut(severity_index(f.severity)) {
                *n += 1;
            }
            *rules.entry(f.rule.as_str()).or_default() += 1;
            if f.kind == FindingKind::UnlawfulText {
                unlawful += 1;
            }
            let Some(term) = f.term.as_deref() else {
                continue;
            };
            *terms.entry(term).or_default() += 1;
            if let Some(id) = vocab.term(term) {
                if !self.term_labels.contains_key(term) {
                    self.term_labels
                        .insert(term.to_owned(), vocab.term_label(id).to_owned());
                }
            }
            let term_periods = vocab
                .term(term)
                .and_then(|t| vocab.term_info(t))
                .map_or(&[][..], |t| &t.periods[..]);
            let distinct: BTreeSet<Period> = term_periods.iter().copied().collect();
            for p in distinct {
                if let Some(n) = periods.get_mut(p.index()) {
                    *n += 1;
                }
            }
        }
        for (tally, n) in self.by_severity.iter_mut().zip(severity) {
            tally.add(n);
        }
        for (term, n) in terms {
            self.by_term.entry(term.to_owned()).or_default().add(n);
        }
        for (rule, n) in rules {
            self.by_rule.entry(rule.to_owned()).or_default().add(n);
        }
        self.unlawful_text.add(unlawful);
        for ((tally, covered), n) in self
            .by_period
            .iter_mut()
            .zip(report.coverage.0)
            .zip(periods)
        {
            tally.not_covered += u64::from(!covered);
            tally.with_findings.add(n);
        }
        let region = report
            .contract
            .jurisdictions
            .last()
            .cloned()
            .unwrap_or_default();
        let r = self.by_region.entry(region).or_default();
        r.contracts += 1;
        r.needs_action += u64::from(action);
    }

    pub fn add_unreadable(&mut self, file: &str, error: &LoadError) {
        self.files += 1;
        let first = error.first().cloned().unwrap_or_else(|| Diagnostic {
            file: file.to_owned(),
            line: 1,
            column: 1,
            message: String::new(),
        });
        self.unreadable.push(Unreadable {
            first,
            problems: error.diagnostics.len().max(1),
        });
    }

    /// Adds another partial tally into this one.
    pub fn merge(mut self, other: Stats) -> Stats {
        self.files += other.files;
        self.contracts += other.contracts;
        self.unreadable.extend(other.unreadable);
        self.with_findings += other.with_findings;
        self.needs_action += other.needs_action;
        for (a, b) in self.by_severity.iter_mut().zip(other.by_severity) {
            a.merge(b);
        }
        for (k, v) in other.by_term {
            self.by_term.entry(k).or_default().merge(v);
        }
        for (k, v) in other.term_labels {
            self.term_labels.entry(k).or_insert(v);
        }
        for (k, v) in other.by_rule {
            self.by_rule.entry(k).or_default().merge(v);
        }
        self.unlawful_text.merge(other.unlawful_text);
        for (a, b) in self.by_period.iter_mut().zip(other.by_period) {
            a.not_covered += b.not_covered;
            a.with_findings.merge(b.with_findings);
        }
        for (k, v) in other.by_region {
            let r = self.by_region.entry(k).or_default();
            r.contracts += v.contracts;
            r.needs_action += v.needs_action;
        }
        self
    }

    /// Puts the unreadable files in file order (parallel folds add them in any order).
    pub fn finish(mut self) -> Stats {
        self.unreadable
            .sort_by(|a, b| a.first.file.cmp(&b.first.file));
        self
    }

    pub fn unreadable_count(&self) -> u64 {
        u64::try_from(self.unreadable.len()).unwrap_or(u64::MAX)
    }
}

/// `part` of `whole` in hundredths of a percent, rounded half up (0 when `whole` is 0).
pub fn basis_points(part: u64, whole: u64) -> u64 {
    if whole == 0 {
        0
    } else {
        (part.saturating_mul(20_000) + whole) / (2 * whole)
    }
}

/// `part` of `whole` as a percentage with two decimals: `43.52`.
pub fn percent_text(part: u64, whole: u64) -> String {
    let bp = basis_points(part, whole);
    format!("{}.{:02}", bp / 100, bp % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(percent_text(1, 3), "33.33");
        assert_eq!(percent_text(2, 3), "66.67");
        assert_eq!(percent_text(0, 0), "0.00");
        assert_eq!(percent_text(7, 7), "100.00");
        // 宁夏's 2020 review: 1,364 reminders of 1,513 letters.
        assert_eq!(percent_text(1364, 1513), "90.15");
    }

    #[test]
    fn merging_partial_tallies_equals_one_pass() {
        let rules = crate::rules::builtin().unwrap_or_default();
        let texts = [
            "region: 湖北省\nterm: {start: 2022-01-01, end: 2022-12-31}\nclauses:\n  - id: 一\n    terms: {产假: 128天}\n",
            "region: 宁夏\nterm: {start: 2022-01-01, end: 2022-12-31}\nclauses:\n  - id: 一\n    text: 女职工不得生育。\n",
            "region: 北京市\nterm: {start: 2022-01-01, end: 2022-12-31}\nclauses:\n  - id: 一\n    terms: {哺乳时间: 1小时/日}\n",
        ];
        let mut one = Stats::default();
        let mut parts = [Stats::default(), Stats::default()];
        for (i, t) in texts.iter().enumerate() {
            let Ok(report) = crate::check_yaml(&rules, "c.yaml", t) else {
                continue;
            };
            one.add_report(&report, &rules.vocabulary);
            if let Some(p) = parts.get_mut(i % 2) {
                p.add_report(&report, &rules.vocabulary);
            }
        }
        let bad = LoadError::one("bad.yaml", 2, 3, "坏文件");
        one.add_unreadable("bad.yaml", &bad);
        parts[1].add_unreadable("bad.yaml", &bad);
        let [a, b] = parts;
        assert_eq!(a.merge(b).finish(), one.clone().finish());
        assert_eq!(one.contracts, 3);
        assert_eq!(one.files, one.contracts + one.unreadable_count());
        assert_eq!(one.by_term.get("产假").map(|t| t.contracts), Some(3));
    }
}
