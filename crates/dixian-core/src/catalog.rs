//! The rule catalogue: every rule version as a row (region, term, requirement, dates, citation, status) —
//! the one answer to "which rules are in force for a region on a date", behind `dixian rules` and
//! `explain`, the embedding API's `rules_in_force`, `docs/rules.md` and the per-term coverage count in
//! `docs/coverage.md`.
//!
//! ```
//! let set = dixian_core::rules::builtin().expect("built-in rules are valid");
//! let hubei = set.jurisdiction_by_name("湖北");
//! let day = chrono::NaiveDate::from_ymd_opt(2023, 1, 1);
//! let rows = dixian_core::catalog::rules_in_force(&set, hubei, day);
//! assert!(rows.iter().any(|r| r.rule == "湖北.产假" && r.requirement == "≥158天"));
//! ```

use crate::rules::{JurisdictionId, Rule, RuleSet, Severity, Version};
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write as _;

/// How far a row binds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// The reference marks the figure unverified: the rule yields at most a notice saying so.
    Provisional,
    /// A verified rule that is only a benchmark (可以/鼓励/有条件的…可以, or an applicability the contract's
    /// facts cannot decide): it yields at most a notice.
    PermissiveNotice,
    /// A verified floor that yields a rectify (or refer) finding.
    Verified,
}

impl Status {
    /// Stable English label: `verified`, `provisional`, `permissive-notice`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Verified => "verified",
            Self::Provisional => "provisional",
            Self::PermissiveNotice => "permissive-notice",
        }
    }

    /// Chinese label for tables.
    pub fn chinese(self) -> &'static str {
        match self {
            Self::Verified => "已核实",
            Self::Provisional => "暂定（未核实）",
            Self::PermissiveNotice => "参照（仅提示）",
        }
    }

    fn of(version: &Version) -> Self {
        if version.provisional.is_some() {
            Self::Provisional
        } else if version.effective_severity() == Severity::Notice {
            Self::PermissiveNotice
        } else {
            Self::Verified
        }
    }
}

/// One version of one rule. Serialized as `dixian rules --format json` prints it (dates as
/// `YYYY-MM-DD`); the status is left out there, since the severity and `provisional` already tell it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CatalogRow {
    pub rule: String,
    pub title: Option<String>,
    /// The jurisdiction's name (全国, 湖北 …).
    pub jurisdiction: String,
    /// The term checked; `None` for a rule on clause wording (forbidden text).
    pub term: Option<String>,
    /// What the rule requires, without its conditions: see [`Check::describe`](crate::rules::Check::describe).
    pub requirement: String,
    /// The severity the rule may yield (a provisional rule yields at most a notice).
    pub severity: Severity,
    /// First day in force (inclusive); `None` when the reference gives no date.
    #[serde(serialize_with = "iso_date")]
    pub since: Option<NaiveDate>,
    /// Last day in force (inclusive); `None` when open-ended.
    #[serde(serialize_with = "iso_date")]
    pub until: Option<NaiveDate>,
    /// Every citation, the primary first.
    pub citation: String,
    /// Why the figure is unverified (the rule then yields a notice only).
    pub provisional: Option<String>,
    /// Conditions on the contract's facts, such as `女职工人数 >= 100人`.
    pub conditions: Vec<String>,
    #[serde(skip)]
    pub status: Status,
}

impl CatalogRow {
    /// One version of `rule` as a row.
    pub fn new(set: &RuleSet, rule: &Rule, v: &Version) -> Self {
        let vocab = &set.vocabulary;
        Self {
            rule: rule.id.clone(),
            title: rule.title.clone(),
            jurisdiction: set
                .jurisdiction(rule.jurisdiction)
                .map_or_else(String::new, |j| j.name.clone()),
            term: v.check.term().map(|t| vocab.term_name(t).to_owned()),
            requirement: v.check.describe(vocab),
            severity: v.effective_severity(),
            since: v.from,
            until: v.until,
            citation: v.citations(),
            provisional: v.provisional.clone(),
            conditions: v.conditions.iter().map(|c| c.text.clone()).collect(),
            status: Status::of(v),
        }
    }

    /// The term with what it requires (`产假 ≥158天`, `性骚扰防治 是`), or the requirement alone for a
    /// rule on clause wording.
    pub fn term_and_requirement(&self) -> String {
        match &self.term {
            Some(t) => format!("{t} {}", self.requirement),
            None => self.requirement.clone(),
        }
    }
}

fn iso_date<S: serde::Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    d.map(|d| d.to_string()).serialize(s)
}

/// The rows for the rules that apply in `jurisdiction` (its own and its ancestors', e.g. 全国 and 湖北 for
/// 湖北) — or for every jurisdiction when `None` — and, when `date` is given, only the versions in force on
/// that day; otherwise every version. Ordered as the rule set is (全国 first, then file by file).
pub fn rules_in_force(
    set: &RuleSet,
    jurisdiction: Option<JurisdictionId>,
    date: Option<NaiveDate>,
) -> Vec<CatalogRow> {
    let chain = jurisdiction.map(|j| set.chain(j));
    let mut rules: Vec<&Rule> = set
        .rules
        .iter()
        .filter(|r| chain.as_ref().is_none_or(|c| c.contains(&r.jurisdiction)))
        .collect();
    // Ancestors first (全国 before 湖北), then the order of the rule files; the sort is stable.
    crate::sort::sort_by_key(&mut rules, |r| set.chain(r.jurisdiction).len());
    rules
        .into_iter()
        .flat_map(|rule| rule.versions.iter().map(move |v| (rule, v)))
        .filter(|(_, v)| date.is_none_or(|d| v.in_force_on(d)))
        .map(|(rule, v)| CatalogRow::new(set, rule, v))
        .collect()
}

/// A Markdown table cell: pipes escaped, line breaks flattened.
pub(crate) fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn date_cell(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| d.to_string())
}

/// A Markdown table of every rule and every version: region × rule × term × floor × since × until ×
/// citation × status × severity. `docs/rules.md` is this text; a test keeps the two in step.
pub fn markdown_table(set: &RuleSet) -> String {
    let rows = rules_in_force(set, None, None);
    let mut out = String::from("# 规则目录\n\n");
    out.push_str("由 `dixian_core::catalog::markdown_table` 从 `rules/*.dixian` 生成，请勿手工编辑；重新生成：\n");
    out.push_str("`UPDATE_DOCS=1 cargo test -p dixian-core --test catalog`。\n\n");
    out.push_str("“起”“止”为生效的首日和末日（含）；“—”表示参考资料未给出日期或至今有效。状态：已核实 = 依据已核实，低于标准须整改；\n");
    out.push_str("暂定 = 参考资料标为未核实，只作提示；参照 = 可以/鼓励性规定或合同事实无法判断是否适用，只作提示。\n\n");
    let _ = writeln!(
        out,
        "共 {} 条规则、{} 个版本。\n",
        set.rules.len(),
        rows.len()
    );
    out.push_str("| 地区 | 规则 | 条目 | 标准 | 起 | 止 | 依据 | 状态 | 级别 |\n");
    out.push_str("|---|---|---|---|---|---|---|---|---|\n");
    for r in &rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&r.jurisdiction),
            cell(&r.rule),
            cell(r.term.as_deref().unwrap_or("（条款文字）")),
            cell(&requirement_with_conditions(r)),
            date_cell(r.since),
            date_cell(r.until),
            cell(&r.citation),
            r.status.chinese(),
            r.severity.chinese(),
        );
    }
    out
}

/// The requirement with its conditions, if any, in brackets after it.
fn requirement_with_conditions(r: &CatalogRow) -> String {
    if r.conditions.is_empty() {
        r.requirement.clone()
    } else {
        format!("{}（适用于 {}）", r.requirement, r.conditions.join("，"))
    }
}

/// For one term: how many provincial-level jurisdictions have a rule on it, by the best status any of
/// their own versions has (verified before permissive before provisional), over all dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermCoverage {
    pub term: String,
    pub verified: Vec<String>,
    pub permissive: Vec<String>,
    pub provisional: Vec<String>,
}

/// Per term, which provincial-level jurisdictions (the children of the root, 全国) have verified,
/// permissive-only or provisional-only rules. Terms no province touches are left out.
pub fn coverage(set: &RuleSet) -> Vec<TermCoverage> {
    let provinces: Vec<JurisdictionId> = set
        .jurisdictions
        .iter()
        .enumerate()
        .filter(|(_, j)| {
            j.parent
                .is_some_and(|p| set.jurisdiction(p).is_some_and(|pj| pj.parent.is_none()))
        })
        .filter_map(|(i, _)| u16::try_from(i).ok().map(JurisdictionId))
        .collect();
    let mut out = Vec::new();
    for (term_id, term) in set.vocabulary.terms() {
        let mut c = TermCoverage {
            term: term.name.clone(),
            verified: Vec::new(),
            permissive: Vec::new(),
            provisional: Vec::new(),
        };
        for &p in &provinces {
            let best = set
                .rules
                .iter()
                .filter(|r| r.jurisdiction == p)
                .flat_map(|r| r.versions.iter())
                .filter(|v| v.check.term() == Some(term_id))
                .map(Status::of)
                .max();
            let name = set
                .jurisdiction(p)
                .map_or_else(String::new, |j| j.name.clone());
            match best {
                Some(Status::Verified) => c.verified.push(name),
                Some(Status::PermissiveNotice) => c.permissive.push(name),
                Some(Status::Provisional) => c.provisional.push(name),
                None => {}
            }
        }
        if !(c.verified.is_empty() && c.permissive.is_empty() && c.provisional.is_empty()) {
            out.push(c);
        }
    }
    out
}

/// `docs/coverage.md`: the per-term count of verified, permissive-only and provisional-only regions.
pub fn coverage_markdown(set: &RuleSet) -> String {
    let provinces = set
        .jurisdictions
        .iter()
        .filter(|j| {
            j.parent
                .is_some_and(|p| set.jurisdiction(p).is_some_and(|pj| pj.parent.is_none()))
        })
        .count();
    let mut out = String::from("# 各地规则覆盖情况\n\n");
    out.push_str("由 `dixian_core::catalog::coverage_markdown` 从 `rules/*.dixian` 生成，请勿手工编辑；重新生成：\n");
    out.push_str("`UPDATE_DOCS=1 cargo test -p dixian-core --test catalog`。\n\n");
    let _ = writeln!(
        out,
        "共 {provinces} 个省级辖区。每个条目按各地自己的规则（任一日期）中最可靠的一条计数：已核实 = 有已核实、低于即须整改的规则；\
         参照 = 只有可以/鼓励性或无法判断是否适用的规则（只提示）；暂定 = 只有参考资料标为未核实的规则（只提示）。\
         未列出的地区在该条目上没有本地规则，只适用国家标准。\n"
    );
    out.push_str("| 条目 | 已核实 | 参照 | 暂定 | 未设本地规则 |\n|---|---|---|---|---|\n");
    for c in coverage(set) {
        let none =
            provinces.saturating_sub(c.verified.len() + c.permissive.len() + c.provisional.len());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {none} |",
            c.term,
            c.verified.len(),
            c.permissive.len(),
            c.provisional.len()
        );
    }
    let cities: Vec<String> = set
        .jurisdictions
        .iter()
        .enumerate()
        .filter_map(|(i, j)| u16::try_from(i).ok().map(|i| (JurisdictionId(i), j)))
        .filter(|(id, _)| set.chain(*id).len() > 2)
        .map(|(id, j)| {
            let parent = j
                .parent
                .and_then(|p| set.jurisdiction(p))
                .map_or("", |p| p.name.as_str());
            let mut terms: Vec<&str> = set
                .rules
                .iter()
                .filter(|r| r.jurisdiction == id)
                .flat_map(|r| r.versions.iter())
                .filter_map(|v| v.check.term().map(|t| set.vocabulary.term_name(t)))
                .collect();
            terms.dedup();
            format!("{}（{parent}）：{}", j.name, terms.join("、"))
        })
        .collect();
    if !cities.is_empty() {
        let _ = writeln!(
            out,
            "\n另有市级辖区（不计入上表，其上级省份的规则同样适用）：{}。",
            cities.join("；")
        );
    }
    out.push_str("\n## 明细\n\n");
    for c in coverage(set) {
        let _ = writeln!(out, "- **{}**", c.term);
        for (label, list) in [
            ("已核实", &c.verified),
            ("参照", &c.permissive),
            ("暂定", &c.provisional),
        ] {
            if !list.is_empty() {
                let _ = writeln!(out, "  - {label}（{}）：{}", list.len(), list.join("、"));
            }
        }
    }
    out
}
