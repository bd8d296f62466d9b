//! Which rules are in force for a region on a date: the table behind `dixian rules`. One row per rule
//! whose version covers the date, with what it requires, since and until when, and its citation.
//! (Meant to merge with `catalog` when that lands: same data, one place.)

use crate::region;
use crate::rules::{Check, JurisdictionId, Operand, Rule, RuleSet, Version};
use crate::vocabulary::Vocabulary;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleRow {
    pub rule: String,
    pub title: Option<String>,
    pub jurisdiction: String,
    pub term: Option<String>,
    /// What the rule asks for, in words: `≥158天`, `是`, `不得含有：“不得生育”…`.
    pub requirement: String,
    pub severity: String,
    pub since: Option<String>,
    pub until: Option<String>,
    pub citation: String,
    /// Why the figure is unverified (it then yields a notice only).
    pub provisional: Option<String>,
    /// Conditions on the contract's facts, such as `女职工人数 >= 100人`.
    pub conditions: Vec<String>,
}

/// The rules in force on `date`: for the chain of `region` (全国 → 湖北 …) when given, else for every
/// jurisdiction. Fails only on a region no rule file knows.
pub fn rules_in_force(
    set: &RuleSet,
    region: Option<&str>,
    date: NaiveDate,
) -> Result<Vec<RuleRow>, String> {
    let chain: Option<Vec<JurisdictionId>> = match region {
        Some(r) => Some(set.chain(region::resolve(set, r).map_err(|e| e.message)?.jurisdiction)),
        None => None,
    };
    let mut rows: Vec<(usize, u16, usize, RuleRow)> = Vec::new();
    for (i, rule) in set.rules.iter().enumerate() {
        if chain
            .as_ref()
            .is_some_and(|c| !c.contains(&rule.jurisdiction))
        {
            continue;
        }
        let Some(version) = rule.versions.iter().find(|v| v.in_force_on(date)) else {
            continue;
        };
        let depth = set.chain(rule.jurisdiction).len();
        rows.push((depth, rule.jurisdiction.0, i, row(set, rule, version)));
    }
    rows.sort_by_key(|(d, j, i, _)| (*d, *j, *i));
    Ok(rows.into_iter().map(|(_, _, _, r)| r).collect())
}

pub fn row(set: &RuleSet, rule: &Rule, v: &Version) -> RuleRow {
    let vocab = &set.vocabulary;
    RuleRow {
        rule: rule.id.clone(),
        title: rule.title.clone(),
        jurisdiction: set
            .jurisdiction(rule.jurisdiction)
            .map_or_else(String::new, |j| j.name.clone()),
        term: v.check.term().map(|t| vocab.term_name(t).to_owned()),
        requirement: requirement(&v.check, vocab),
        severity: v.effective_severity().as_str().to_owned(),
        since: v.from.map(|d| d.to_string()),
        until: v.until.map(|d| d.to_string()),
        citation: v.citations(),
        provisional: v.provisional.clone(),
        conditions: v.conditions.iter().map(|c| c.text.clone()).collect(),
    }
}

/// A check in words.
pub fn requirement(check: &Check, vocab: &Vocabulary) -> String {
    match check {
        Check::Bound {
            op,
            value: Operand::Quantity(q),
            ..
        } => format!("{}{}", op.symbol(), q.display(vocab)),
        Check::Bound {
            op,
            value: Operand::Fact(f),
            ..
        } => format!("{}{}", op.symbol(), f.name()),
        Check::Commitment { .. } => "是".to_owned(),
        Check::ForbidText { patterns } => {
            let quoted: Vec<String> = patterns.iter().map(|p| format!("“{p}”")).collect();
            format!("不得含有：{}", quoted.join("、"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn hubei_maternity_leave_changes_on_2021_11_26() {
        let set = crate::rules::builtin().unwrap_or_default();
        let on = |d| rules_in_force(&set, Some("湖北省"), day(d)).unwrap_or_default();
        let leave = |rows: Vec<RuleRow>| {
            rows.into_iter()
                .find(|r| r.rule == "湖北.产假")
                .map(|r| r.requirement)
        };
        assert_eq!(leave(on("2021-11-25")).as_deref(), Some("≥128天"));
        assert_eq!(leave(on("2021-11-26")).as_deref(), Some("≥158天"));
        // the chain includes 全国 but not other provinces
        let rows = on("2024-01-01");
        assert!(rows.iter().any(|r| r.jurisdiction == "全国"));
        assert!(
            rows.iter()
                .all(|r| r.jurisdiction == "全国" || r.jurisdiction == "湖北")
        );
        assert!(rules_in_force(&set, Some("火星"), day("2024-01-01")).is_err());
    }
}
