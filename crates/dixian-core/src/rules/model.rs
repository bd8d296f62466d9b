//! The validated rule set: names resolved, dates parsed, citations present, floors consistent.
//! Evaluation works on this and never fails.

use crate::quantity::{Quantity, Truth};
use crate::source::Span;
use crate::vocabulary::{TermId, Vocabulary};
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// The union's ladder (一函两书): 提示 → 整改 → 转办.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Notice,
    Rectify,
    Refer,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "notice" | "提示" => Some(Self::Notice),
            "rectify" | "整改" => Some(Self::Rectify),
            "refer" | "转办" => Some(Self::Refer),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Notice => "notice",
            Self::Rectify => "rectify",
            Self::Refer => "refer",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Self::Notice => "提示",
            Self::Rectify => "整改",
            Self::Refer => "转办",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fact about the contract as a whole, usable in conditions and comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fact {
    /// 职工人数
    Workforce,
    /// 女职工人数
    Women,
    /// 女职工占比, in percent
    WomenShare,
}

impl Fact {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "职工人数" | "workforce" => Some(Self::Workforce),
            "女职工人数" | "women" => Some(Self::Women),
            "女职工占比" | "women_share" => Some(Self::WomenShare),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Workforce => "职工人数",
            Self::Women => "女职工人数",
            Self::WomenShare => "女职工占比",
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            Self::Workforce | Self::Women => "人",
            Self::WomenShare => "%",
        }
    }

    pub const NAMES: &'static str = "职工人数、女职工人数、女职工占比";
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    AtLeast,
    AtMost,
    /// Strictly more: `妇科检查 > 0次/年` says "at some frequency" where the law gives none.
    Above,
    Below,
    Equals,
}

impl Op {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            ">=" | "≥" => Some(Self::AtLeast),
            "<=" | "≤" => Some(Self::AtMost),
            ">" => Some(Self::Above),
            "<" => Some(Self::Below),
            "=" => Some(Self::Equals),
            _ => None,
        }
    }

    pub fn holds(self, actual: i64, required: i64) -> bool {
        match self {
            Self::AtLeast => actual >= required,
            Self::AtMost => actual <= required,
            Self::Above => actual > required,
            Self::Below => actual < required,
            Self::Equals => actual == required,
        }
    }

    /// Whether `actual op required` holds when `actual − required` lies somewhere in `[lo, hi]`
    /// (a range when calendar months are involved, see [`crate::quantity::Quantity::difference`]).
    pub fn judge(self, (lo, hi): (i64, i64)) -> Truth {
        let (at_lo, at_hi) = (self.holds(lo, 0), self.holds(hi, 0));
        match self {
            Self::Equals if lo == 0 && hi == 0 => Truth::Holds,
            Self::Equals if lo <= 0 && 0 <= hi => Truth::Depends,
            _ if at_lo && at_hi => Truth::Holds,
            _ if at_lo || at_hi => Truth::Depends,
            _ => Truth::Fails,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Self::AtLeast => "≥",
            Self::AtMost => "≤",
            Self::Above => ">",
            Self::Below => "<",
            Self::Equals => "=",
        }
    }

    /// True for ceilings, where a lower figure protects more.
    pub fn lower_protects(self) -> bool {
        matches!(self, Self::AtMost | Self::Below)
    }
}

/// A condition on the contract's facts: the version applies only when it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub fact: Fact,
    pub op: Op,
    /// Thousandths, like quantities.
    pub milli: i64,
    pub text: String,
}

/// What a floor or ceiling is compared with.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Quantity(Quantity),
    Fact(Fact),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// `term >= value` (floor) or `term <= value` (ceiling, where lower protects more).
    Bound {
        term: TermId,
        op: Op,
        value: Operand,
    },
    /// The contract must promise the commitment (是).
    Commitment { term: TermId },
    /// Clause text must contain none of these patterns (`*` matches a short gap).
    ForbidText { patterns: Vec<String> },
}

impl Check {
    pub fn term(&self) -> Option<TermId> {
        match self {
            Self::Bound { term, .. } | Self::Commitment { term } => Some(*term),
            Self::ForbidText { .. } => None,
        }
    }

    /// What the check asks for, in words, without the term: `≥158天`, `≥女职工占比`, `是` (a
    /// commitment), or `不得含有：“不得生育”、“怀孕*自动离职”`. The catalogue, `dixian rules`/`explain`
    /// and the embedding API all print this.
    pub fn describe(&self, vocab: &Vocabulary) -> String {
        match self {
            Self::Bound {
                op,
                value: Operand::Quantity(q),
                ..
            } => format!("{}{}", op.symbol(), q.display(vocab)),
            Self::Bound {
                op,
                value: Operand::Fact(f),
                ..
            } => format!("{}{}", op.symbol(), f.name()),
            Self::Commitment { .. } => "是".to_owned(),
            Self::ForbidText { patterns } => {
                let quoted: Vec<String> = patterns.iter().map(|p| format!("“{p}”")).collect();
                format!("不得含有：{}", quoted.join("、"))
            }
        }
    }
}

/// A statute that grounds a rule: name, article, 文号, dates and where to read it. A citation with
/// `effective`/`until` grounds only the findings of those days (one rule version whose basis changed
/// from the 2005 law to its 2022 revision cites each for its own years).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub source: String,
    pub article: Option<String>,
    pub docno: Option<String>,
    pub url: Option<String>,
    pub adopted: Option<NaiveDate>,
    pub effective: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Citation {
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.effective.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// The citation with the days it grounds, when dated: `《…》 第七条（2005-12-01 至 2022-12-31）`.
    pub fn with_window(&self) -> String {
        match (self.effective, self.until) {
            (None, None) => self.to_string(),
            (Some(f), None) => format!("{self}（{f} 起）"),
            (None, Some(u)) => format!("{self}（至 {u}）"),
            (Some(f), Some(u)) => format!("{self}（{f} 至 {u}）"),
        }
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::render::words::citation(self))
    }
}

/// What to report when the contract does not state the term at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    Ignore,
    Report(Severity),
}

/// One dated version of a rule: a check in force from `from` to `until` (inclusive, open when `None`).
#[derive(Clone, Debug)]
pub struct Version {
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub check: Check,
    pub severity: Severity,
    pub missing: Missing,
    pub citation: Citation,
    /// Further statutes that ground the same requirement.
    pub also: Vec<Citation>,
    pub provisional: Option<String>,
    pub conditions: Vec<Condition>,
    /// The model clause a fix proposes, in the statute's words (else the term's, from the vocabulary).
    pub model: Option<String>,
    pub message: Option<String>,
    pub statute: Option<String>,
    pub note: Option<String>,
    pub span: Span,
}

impl Version {
    /// Every citation, the primary first.
    pub fn all_citations(&self) -> impl Iterator<Item = &Citation> {
        std::iter::once(&self.citation).chain(&self.also)
    }

    /// All citations, the primary first, joined for display, each dated citation with its days.
    pub fn citations(&self) -> String {
        self.all_citations()
            .map(Citation::with_window)
            .collect::<Vec<_>>()
            .join("；")
    }

    /// The citations that ground a finding on `day`, joined for display.
    pub fn citations_on(&self, day: NaiveDate) -> String {
        self.all_citations()
            .filter(|c| c.in_force_on(day))
            .map(Citation::to_string)
            .collect::<Vec<_>>()
            .join("；")
    }

    /// Days inside the version where the citations in force change.
    pub fn citation_cuts(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.all_citations()
            .flat_map(|c| {
                c.effective
                    .into_iter()
                    .chain(c.until.and_then(|u| u.succ_opt()))
            })
            .filter(|d| self.in_force_on(*d) && Some(*d) != self.from)
    }

    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// The severity this version may yield: a provisional figure yields at most a notice.
    pub fn effective_severity(&self) -> Severity {
        if self.provisional.is_some() {
            Severity::Notice
        } else {
            self.severity
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JurisdictionId(pub u16);

#[derive(Clone, Debug)]
pub struct Jurisdiction {
    pub name: String,
    pub parent: Option<JurisdictionId>,
    /// Other names it is known by: 湖北省, 宁夏回族自治区 …
    pub names: Vec<String>,
    /// Cities with no rules of their own, known so that 武汉市 alone resolves to 湖北.
    pub cities: Vec<String>,
    /// Terms this region's statutes name otherwise (陪产假 → 护理假).
    pub labels: Vec<(TermId, String)>,
    pub file: String,
}

impl Jurisdiction {
    /// The name its statutes go by: 湖北省, 宁夏回族自治区, 北京市, 济南市 — the first other name that
    /// extends the short one with an administrative suffix — else the short name.
    pub fn formal_name(&self) -> &str {
        const SUFFIXES: [&str; 4] = ["省", "自治区", "市", "特别行政区"];
        self.names
            .iter()
            .find(|n| {
                n.strip_prefix(self.name.as_str())
                    .is_some_and(|rest| !rest.is_empty() && SUFFIXES.iter().any(|s| n.ends_with(s)))
            })
            .map_or(self.name.as_str(), String::as_str)
    }
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub title: Option<String>,
    pub jurisdiction: JurisdictionId,
    pub versions: Vec<Version>,
    pub file: String,
    /// The rule's source text, for `explain`.
    pub source: String,
    pub span: Span,
}

/// A validated rule set.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    pub vocabulary: Vocabulary,
    pub jurisdictions: Vec<Jurisdiction>,
    pub rules: Vec<Rule>,
    /// Which rule data this is (release and digest of the files loaded), for reports to carry.
    pub data: super::RulesVersion,
    /// What evaluation compiles from the set (a plan per jurisdiction chain, resolved region names),
    /// kept between checks. Filled on first use; a clone starts empty.
    pub(crate) compiled: crate::eval::Cache,
}

impl RuleSet {
    pub fn jurisdiction(&self, id: JurisdictionId) -> Option<&Jurisdiction> {
        self.jurisdictions.get(usize::from(id.0))
    }

    pub fn jurisdiction_by_name(&self, name: &str) -> Option<JurisdictionId> {
        self.jurisdictions
            .iter()
            .position(|j| j.name == name)
            .and_then(|i| u16::try_from(i).ok())
            .map(JurisdictionId)
    }

    /// The term as people in jurisdiction `at` read it: the name its own statutes give it (the
    /// deepest on the chain), else its label.
    pub fn term_label(&self, term: TermId, at: JurisdictionId) -> &str {
        self.chain(at)
            .iter()
            .rev()
            .filter_map(|j| self.jurisdiction(*j))
            .find_map(|j| {
                j.labels
                    .iter()
                    .find(|(t, _)| *t == term)
                    .map(|(_, l)| l.as_str())
            })
            .unwrap_or_else(|| self.vocabulary.term_label(term))
    }

    /// The chain from the root (全国) down to `id`.
    pub fn chain(&self, id: JurisdictionId) -> Vec<JurisdictionId> {
        let mut chain = vec![id];
        let mut cur = id;
        while let Some(parent) = self.jurisdiction(cur).and_then(|j| j.parent) {
            if chain.contains(&parent) || chain.len() > self.jurisdictions.len() {
                break; // cycles are refused at load; this guard keeps a bad set from looping
            }
            chain.push(parent);
            cur = parent;
        }
        chain.reverse();
        chain
    }

    /// Forgets what evaluation compiled from the set: needed only after changing the rules or
    /// jurisdictions of a set that has already checked a contract.
    pub fn forget_compiled(&mut self) {
        self.compiled.clear();
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}
