//! Evaluation: every rule of the contract's jurisdiction chain, over every day of its term.
//!
//! The term is cut at each date where some version starts or ends; each segment is evaluated; where
//! several floors on one term fail, the strictest (most favourable to the worker) at each severity
//! speaks for them; neighbouring segments with the same finding merge, which gives each finding its
//! window. Pure: no I/O, no failure, the same report whatever the order of rules or clauses.

mod dedupe;
mod plan;
mod segments;
pub mod text;

pub use plan::Cache;

use crate::contract::{Contract, StatedTerm, TermValue};
use crate::error::LoadError;
use crate::quantity::{Quantity, Truth};
use crate::render::words;
use crate::report::*;
use crate::rules::{
    Check, Fact, JurisdictionId, Missing, Op, Operand, Rule, RuleSet, Severity, Version,
};
use crate::source::Span;
use crate::vocabulary::TermId;
use chrono::NaiveDate;
use plan::{Plan, VersionPlan};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use text::CharMask;

/// Resolves the contract's region and evaluates it. Fails only on a region no rule file knows.
pub fn check(set: &RuleSet, contract: &Contract) -> Result<Report, LoadError> {
    let resolved = set.compiled.resolve(set, &contract.region).map_err(|e| {
        LoadError::one(
            &contract.file,
            contract.region_span.line,
            contract.region_span.column,
            e.message,
        )
    })?;
    let mut report = evaluate(set, contract, resolved.jurisdiction, resolved.note);
    crate::suggest::attach(set, contract, &mut report);
    Ok(report)
}

/// The findings alone, without suggestions (what a suggestion weighs its own words against).
pub(crate) fn findings(set: &RuleSet, contract: &Contract) -> Option<Report> {
    let resolved = set.compiled.resolve(set, &contract.region).ok()?;
    Some(evaluate(
        set,
        contract,
        resolved.jurisdiction,
        resolved.note,
    ))
}

/// Term, kind, statement (clause, index) and whether it is a ceiling.
type Group = (TermId, FindingKind, Option<(usize, usize)>, bool);

/// A failure found in one segment, before subsumption and merging.
struct Candidate<'a> {
    rule: &'a Rule,
    version: &'a Version,
    /// The rule's entry in the plan (rule ids are unique, so this stands for the id).
    entry: usize,
    depth: usize,
    kind: FindingKind,
    term: Option<TermId>,
    /// Which statement of the contract: (clause, index within the clause) or, for text, (clause, 0).
    at: Option<(usize, usize)>,
    /// The citations in force on the segment's days.
    citation: &'a str,
    /// How strict the failed requirement is: larger is more protective.
    strictness: i64,
    severity: Severity,
    expected: Cow<'a, str>,
    actual: String,
    location: Option<Span>,
}

impl Candidate<'_> {
    /// Candidates compete only with others about the same statement (or absence) of the same term,
    /// floors with floors and ceilings with ceilings.
    fn group(&self) -> Option<Group> {
        let ceiling = matches!(&self.version.check, Check::Bound { op, .. } if op.lower_protects());
        self.term.map(|t| (t, self.kind, self.at, ceiling))
    }

    /// Rank among equals: the deeper jurisdiction (the more specific rule) first, then the rule id.
    fn outranks(&self, other: &Candidate<'_>) -> bool {
        (std::cmp::Reverse(self.depth), &self.rule.id)
            < (std::cmp::Reverse(other.depth), &other.rule.id)
    }

    fn dominates(&self, other: &Candidate<'_>) -> bool {
        self.strictness >= other.strictness
            && self.severity >= other.severity
            && (self.strictness > other.strictness
                || self.severity > other.severity
                || self.outranks(other))
    }
}

struct Facts<'c> {
    contract: &'c Contract,
    /// Every stated term of the vocabulary, grouped by term, in contract order within a term.
    by_term: Vec<(TermId, (usize, usize, &'c StatedTerm))>,
}

impl<'c> Facts<'c> {
    fn new(set: &RuleSet, contract: &'c Contract) -> Self {
        let terms = set.vocabulary.term_count();
        let mut by_term: Vec<_> = contract
            .clauses
            .iter()
            .enumerate()
            .flat_map(|(ci, clause)| {
                clause
                    .terms
                    .iter()
                    .enumerate()
                    .map(move |(ti, st)| (st.term, (ci, ti, st)))
            })
            .filter(|(t, _)| usize::from(t.0) < terms)
            .collect();
        // Stable: statements of one term keep their contract order.
        crate::sort::sort_by_key(&mut by_term, |(t, _)| *t);
        Self { contract, by_term }
    }

    fn fact(&self, f: Fact) -> Option<i64> {
        let w = &self.contract.workforce;
        match f {
            Fact::Workforce => w.total.map(|n| i64::from(n) * 1000),
            Fact::Women => w.women.map(|n| i64::from(n) * 1000),
            Fact::WomenShare => self.contract.women_share_milli(),
        }
    }

    /// The statements of `term`: (clause, index within the clause, statement) after the term.
    fn stated(&self, term: TermId) -> &[(TermId, (usize, usize, &'c StatedTerm))] {
        let from = self.by_term.partition_point(|(t, _)| *t < term);
        let to = self.by_term.partition_point(|(t, _)| *t <= term);
        self.by_term.get(from..to).unwrap_or(&[])
    }
}

/// Per stated quantity: the highest floor seen in force (with its text, `≥15天`, from the plan) and
/// whether any floor failed.
#[derive(Default, Clone, Copy)]
struct FloorSeen<'p> {
    highest: Option<(i64, Op, Quantity, Option<&'p str>)>,
    failed: bool,
}

/// Per stated term (clause, index within the clause): what the floors said of it.
struct Floors<'p> {
    /// Where each clause's terms start in `seen`.
    offsets: Vec<usize>,
    seen: Vec<FloorSeen<'p>>,
}

impl<'p> Floors<'p> {
    fn new(contract: &Contract) -> Self {
        let mut offsets = Vec::with_capacity(contract.clauses.len());
        let mut total = 0;
        for c in &contract.clauses {
            offsets.push(total);
            total += c.terms.len();
        }
        Self {
            offsets,
            seen: vec![FloorSeen::default(); total],
        }
    }

    fn slot(&self, (ci, ti): (usize, usize)) -> Option<usize> {
        self.offsets.get(ci).map(|o| o + ti)
    }

    fn get(&self, at: (usize, usize)) -> Option<&FloorSeen<'p>> {
        self.slot(at).and_then(|i| self.seen.get(i))
    }

    fn get_mut(&mut self, at: (usize, usize)) -> Option<&mut FloorSeen<'p>> {
        self.slot(at).and_then(|i| self.seen.get_mut(i))
    }
}

/// In one clause: the first pattern that matches (its index) and the byte range of the match.
type Hit = Option<(usize, (usize, usize))>;

/// Which finding a survivor may extend: (plan entry of the rule, kind, statement, severity).
type OpenKey = (usize, FindingKind, Option<(usize, usize)>, Severity);

/// Forbidden wording found per clause, by version: a version in force over several segments is
/// searched for once.
struct Wording {
    /// Per clause, the characters of its text (empty when no rule checks wording).
    masks: Vec<CharMask>,
    /// (rule entry, version) → per clause, the first pattern that matches and where.
    found: Vec<((usize, usize), Vec<Hit>)>,
}

impl Wording {
    fn new(contract: &Contract, plan: &Plan) -> Self {
        let masks = if plan.has_text {
            contract
                .clauses
                .iter()
                .map(|c| CharMask::of_text(&c.text))
                .collect()
        } else {
            Vec::new()
        };
        Self {
            masks,
            found: Vec::new(),
        }
    }

    /// The matches of `patterns` in every clause, searched on first use.
    fn matches(
        &mut self,
        contract: &Contract,
        key: (usize, usize),
        patterns: &[String],
        masks: &[CharMask],
    ) -> &[Hit] {
        let i = match self.found.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let per_clause = contract
                    .clauses
                    .iter()
                    .zip(&self.masks)
                    .map(|(clause, mask)| {
                        patterns
                            .iter()
                            .zip(masks)
                            .enumerate()
                            .find_map(|(pi, (p, pm))| {
                                if mask.covers(pm) {
                                    text::find(&clause.text, p).map(|m| (pi, m))
                                } else {
                                    None
                                }
                            })
                    })
                    .collect();
                self.found.push((key, per_clause));
                self.found.len() - 1
            }
        };
        self.found.get(i).map_or(&[], |(_, v)| v.as_slice())
    }
}

/// What evaluation accumulates besides candidates.
struct State<'p> {
    undetermined: UndeterminedList,
    floors: Floors<'p>,
    wording: Wording,
}

/// Evaluates a contract under the chain ending at `at`. Never fails.
pub fn evaluate(
    set: &RuleSet,
    contract: &Contract,
    at: JurisdictionId,
    note: Option<String>,
) -> Report {
    let plan = set.compiled.plan(set, at);
    let facts = Facts::new(set, contract);
    let (start, end) = (contract.term.start, contract.term.end);
    let mut findings: Vec<Finding> = Vec::new();
    // The last day of each finding's window, and the finding last opened or extended per
    // (rule, kind, statement, severity): a finding grows when the next segment repeats it exactly.
    let mut ends: Vec<NaiveDate> = Vec::new();
    // Ordered, not hashed: the keys are small integers, and hashing them cost more than comparing.
    let mut open: BTreeMap<OpenKey, usize> = BTreeMap::new();
    let mut state = State {
        undetermined: UndeterminedList::default(),
        floors: Floors::new(contract),
        wording: Wording::new(contract, &plan),
    };

    for (from, to) in segments::segments(start, end, &plan.cuts) {
        let mut candidates = Vec::new();
        for (entry_index, entry) in plan.rules.iter().enumerate() {
            let Some(rule) = plan.rule(set, entry) else {
                continue;
            };
            let Some((vi, version)) = rule
                .versions
                .iter()
                .enumerate()
                .find(|(_, v)| v.in_force_on(from))
            else {
                continue;
            };
            let Some(vplan) = entry.versions.get(vi) else {
                continue;
            };
            match applies(version, &facts) {
                Some(true) => {}
                Some(false) => continue,
                None => {
                    push_undetermined(
                        &mut state.undetermined,
                        rule,
                        format!("合同未写明是否满足适用条件：{}", conditions_text(version)),
                    );
                    continue;
                }
            }
            let at = Located {
                rule,
                version,
                plan: vplan,
                day: from,
                depth: entry.depth,
                key: (entry_index, vi),
            };
            evaluate_version(set, &facts, at, &mut candidates, &mut state);
        }
        let survivors = subsume(candidates);
        for c in survivors {
            let key = (c.entry, c.kind, c.at, c.severity);
            let extends = open.get(&key).copied().filter(|&i| {
                let continues = ends.get(i).is_some_and(|e| e.succ_opt() == Some(from));
                continues
                    && findings
                        .get(i)
                        .is_some_and(|f| f.expected == c.expected && f.actual == c.actual)
            });
            match extends.and_then(|i| findings.get_mut(i).zip(ends.get_mut(i)).map(|p| (i, p))) {
                Some((i, (f, e))) => {
                    // One problem over neighbouring periods whose bases differ: one finding, citing
                    // every basis in force over its window.
                    if f.citation != c.citation {
                        let before = f.citation.replace('；', "、");
                        f.citation =
                            words::join_citations([f.citation.clone(), c.citation.to_owned()]);
                        // A message that names the law broken (违反…) names every basis, once.
                        f.message = f
                            .message
                            .replacen(&before, &f.citation.replace('；', "、"), 1);
                    }
                    f.to = date_text(to);
                    *e = to;
                    open.insert(key, i);
                }
                None => {
                    open.insert(key, findings.len());
                    findings.push(to_finding(set, contract, &plan, c, from, to));
                    ends.push(to);
                }
            }
        }
    }
    dedupe::drop_dependent_missing(&mut findings, &set.vocabulary);
    crate::sort::sort_by(&mut findings, |a, b| {
        (a.line.is_none(), a.line, a.column, &a.rule, &a.from, a.kind).cmp(&(
            b.line.is_none(),
            b.line,
            b.column,
            &b.rule,
            &b.from,
            b.kind,
        ))
    });
    let mut undetermined = state.undetermined.list;
    crate::sort::sort_by(&mut undetermined, |a, b| {
        (&a.rule, &a.reason).cmp(&(&b.rule, &b.reason))
    });

    Report {
        schema_version: SCHEMA_VERSION,
        rules: set.data.clone(),
        contract: ContractSummary {
            file: contract.file.clone(),
            title: contract.title.clone(),
            region: contract.region.clone(),
            jurisdictions: plan.names.clone(),
            authorities: plan.authorities.clone(),
            term: TermWindow {
                start: date_text(start),
                end: date_text(end),
            },
        },
        findings,
        above_floor: above_floor(set, contract, &state.floors),
        coverage: coverage(set, contract),
        undetermined,
        notes: note
            .into_iter()
            .chain(reading_notes(set, contract))
            .collect(),
    }
}

/// How stated values were read where that is not plain from their words: 第十条 哺乳时间：“1小时”按每日计.
fn reading_notes<'a>(
    set: &'a RuleSet,
    contract: &'a Contract,
) -> impl Iterator<Item = String> + 'a {
    contract.stated_terms().filter_map(|(ci, st)| {
        let note = st.note.as_ref()?;
        let clause = contract.clauses.get(ci).map_or("", |c| c.id.as_str());
        Some(format!(
            "{clause} {}：{note}",
            set.vocabulary.term_name(st.term)
        ))
    })
}

/// What a bound compares with: a quantity of the rule, or a fact of the contract (thousandths).
#[derive(Clone, Copy)]
enum Required {
    Quantity(Quantity),
    Fact(i64),
}

/// A version in force, with where it sits in the plan.
#[derive(Clone, Copy)]
struct Located<'a> {
    rule: &'a Rule,
    version: &'a Version,
    plan: &'a VersionPlan,
    /// The first day of the segment.
    day: NaiveDate,
    depth: usize,
    /// (rule entry, version index) in the plan.
    key: (usize, usize),
}

/// Whether every condition holds; `None` when a fact it needs is not in the contract.
fn applies(version: &Version, facts: &Facts<'_>) -> Option<bool> {
    let mut all = true;
    for c in &version.conditions {
        all &= c.op.holds(facts.fact(c.fact)?, c.milli);
    }
    Some(all)
}

fn conditions_text(v: &Version) -> String {
    v.conditions
        .iter()
        .map(|c| {
            words::fact_condition(
                c.op,
                c.fact.name(),
                &words::fact_value(c.milli, c.fact.unit()),
            )
        })
        .collect::<Vec<_>>()
        .join("，")
}

/// Rules that could not be decided, each (rule, reason) once, in the order first met.
#[derive(Default)]
struct UndeterminedList {
    list: Vec<Undetermined>,
    seen: std::collections::HashSet<(String, String)>,
}

fn push_undetermined(u: &mut UndeterminedList, rule: &Rule, reason: String) {
    if u.seen.insert((rule.id.clone(), reason.clone())) {
        u.list.push(Undetermined {
            rule: rule.id.clone(),
            title: rule.title.clone().unwrap_or_else(|| rule.id.clone()),
            reason,
        });
    }
}

fn evaluate_version<'a>(
    set: &RuleSet,
    facts: &Facts<'_>,
    at: Located<'a>,
    out: &mut Vec<Candidate<'a>>,
    state: &mut State<'a>,
) {
    let Located {
        rule,
        version,
        plan,
        day,
        depth,
        key,
    } = at;
    let citation = plan.citations_on(day);
    let vocab = &set.vocabulary;
    let severity = version.effective_severity();
    let undetermined = &mut state.undetermined;
    let base =
        |kind, term, at, strictness, severity, expected: Cow<'a, str>, actual: String, location| {
            Candidate {
                rule,
                version,
                entry: key.0,
                citation,
                depth,
                kind,
                term,
                at,
                strictness,
                severity,
                expected,
                actual,
                location,
            }
        };
    match &version.check {
        Check::Bound { term, op, value } => {
            let (required, expected) = match value {
                Operand::Quantity(q) => (
                    Required::Quantity(*q),
                    match &plan.expected {
                        Some(e) => Cow::Borrowed(e.as_str()),
                        None => {
                            Cow::Owned(words::requirement(*op, *q, vocab.term_info(*term), vocab))
                        }
                    },
                ),
                Operand::Fact(f) => match facts.fact(*f) {
                    Some(v) => (
                        Required::Fact(v),
                        Cow::Owned(words::fact_requirement(
                            *op,
                            f.name(),
                            &words::fact_value(v, f.unit()),
                        )),
                    ),
                    None => {
                        push_undetermined(
                            undetermined,
                            rule,
                            format!("合同未写明{}，无法比较", f.name()),
                        );
                        return;
                    }
                },
            };
            let magnitude = match required {
                Required::Quantity(q) => q.magnitude(vocab),
                Required::Fact(v) => v,
            };
            let strictness = if op.lower_protects() {
                -magnitude
            } else {
                magnitude
            };
            let stated = facts.stated(*term);
            if stated.is_empty() {
                if let Missing::Report(s) = version.missing {
                    out.push(base(
                        FindingKind::Missing,
                        Some(*term),
                        None,
                        strictness,
                        s.min(severity),
                        expected,
                        "未约定".into(),
                        None,
                    ));
                }
                return;
            }
            for &(_, (ci, ti, st)) in stated {
                let TermValue::Quantity(q) = st.value else {
                    continue;
                };
                let difference = match required {
                    Required::Quantity(fq) => q.difference(&fq, vocab),
                    Required::Fact(v) => q.milli.checked_sub(v).map(|d| (d, d)),
                };
                let Some(difference) = difference else {
                    if let Required::Quantity(fq) = required {
                        push_undetermined(
                            undetermined,
                            rule,
                            format!(
                                "“{}”以 {} 计，规则以 {} 计，无法直接比较",
                                st.written,
                                vocab.unit_name(q.unit),
                                vocab.unit_name(fq.unit)
                            ),
                        );
                    }
                    continue;
                };
                let Some(seen) = state.floors.get_mut((ci, ti)) else {
                    continue;
                };
                let kind = match op.judge(difference) {
                    Truth::Holds => {
                        if let (None, Required::Quantity(fq)) = (&version.provisional, required) {
                            if seen.highest.is_none_or(|(s, ..)| strictness > s) {
                                seen.highest =
                                    Some((strictness, *op, fq, plan.expected.as_deref()));
                            }
                        }
                        continue;
                    }
                    Truth::Fails => FindingKind::Violated,
                    Truth::Depends => FindingKind::Depends,
                };
                seen.failed = true;
                out.push(base(
                    kind,
                    Some(*term),
                    Some((ci, ti)),
                    strictness,
                    if kind == FindingKind::Depends {
                        Severity::Notice
                    } else {
                        severity
                    },
                    expected.clone(),
                    st.display(vocab),
                    Some(st.span),
                ));
            }
        }
        Check::Commitment { term } => {
            let stated = facts.stated(*term);
            if stated.is_empty() {
                if let Missing::Report(s) = version.missing {
                    out.push(base(
                        FindingKind::Missing,
                        Some(*term),
                        None,
                        0,
                        s.min(severity),
                        Cow::Borrowed("是"),
                        "未约定".into(),
                        None,
                    ));
                }
            }
            for &(_, (ci, ti, st)) in stated {
                if st.value == TermValue::Commitment(false) {
                    out.push(base(
                        FindingKind::Violated,
                        Some(*term),
                        Some((ci, ti)),
                        0,
                        severity,
                        Cow::Borrowed("是"),
                        "否".into(),
                        Some(st.span),
                    ));
                }
            }
        }
        Check::ForbidText { patterns } => {
            let found = state
                .wording
                .matches(facts.contract, key, patterns, &plan.patterns);
            for (ci, (clause, hit)) in facts.contract.clauses.iter().zip(found).enumerate() {
                let Some((pi, (s, e))) = *hit else {
                    continue;
                };
                let pattern = patterns.get(pi).map_or("", String::as_str);
                let matched = clause.text.get(s..e).unwrap_or(pattern).to_owned();
                // What the law forbids, in words: the rule's title, never the pattern's syntax.
                let forbidden = words::prohibition(rule.title.as_deref());
                let location = locate_in_source(facts.contract, clause.text_span, &matched);
                out.push(base(
                    FindingKind::UnlawfulText,
                    None,
                    Some((ci, 0)),
                    0,
                    severity,
                    Cow::Owned(forbidden),
                    matched,
                    Some(location),
                ));
            }
        }
    }
}

/// Finds `words` in the source inside the clause text's span, so the finding underlines them there
/// (falls back to the whole text when the words are split across lines or escaped in the source).
fn locate_in_source(contract: &Contract, span: Span, words: &str) -> Span {
    let raw = contract.source.get(span.start..span.end).unwrap_or("");
    match raw.find(words) {
        Some(i) => span.advance(raw, i, words.len()),
        None => span,
    }
}

/// Keeps the candidates no other candidate of the same group dominates. Groups are found by hashing,
/// so a contract with thousands of stated terms costs linear time, not quadratic.
fn subsume(candidates: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    let mut groups: HashMap<Group, Vec<usize>> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        if let Some(g) = c.group() {
            groups.entry(g).or_default().push(i);
        }
    }
    let keep: Vec<bool> = candidates
        .iter()
        .map(|c| match c.group().and_then(|g| groups.get(&g)) {
            None => true,
            Some(members) => !members
                .iter()
                .filter_map(|&i| candidates.get(i))
                .any(|o| o.dominates(c)),
        })
        .collect();
    candidates
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect()
}

fn to_finding(
    set: &RuleSet,
    contract: &Contract,
    plan: &Plan,
    c: Candidate<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Finding {
    let term = c.term.map(|t| set.vocabulary.term_name(t).to_owned());
    let term_label = c.term.map(|t| set.term_label(t, plan.at).to_owned());
    let jurisdiction = plan.names.get(c.depth).cloned().unwrap_or_default();
    let authority = plan
        .authorities
        .get(c.depth)
        .map_or_else(|| words::authority(&jurisdiction), String::as_str);
    let clause = c.at.and_then(|(ci, _)| contract.clauses.get(ci));
    let provisional = c.version.provisional.is_some();
    let template = c.version.message.as_deref().unwrap_or_else(|| {
        let ceiling = match &c.version.check {
            Check::Bound { op, .. } => Some(op.lower_protects()),
            _ => None,
        };
        words::message_template(c.kind, ceiling, c.severity, provisional)
    });
    let phrase = match (c.kind, clause) {
        (FindingKind::UnlawfulText, Some(cl)) => {
            cl.text.find(&c.actual).map_or(c.actual.as_str(), |i| {
                words::phrase_around(&cl.text, i, i + c.actual.len())
            })
        }
        _ => c.actual.as_str(),
    };
    let standard = words::standard(authority, &c.expected, provisional);
    let offence = words::offence(c.rule.title.as_deref().unwrap_or(""));
    let basis = c.citation.replace('；', "、");
    // In this order, each placeholder replaced in the text so far (a value may itself hold one).
    let mut message = template.to_owned();
    for (placeholder, value) in [
        ("{term}", term_label.as_deref().unwrap_or("")),
        ("{standard}", &standard),
        ("{offence}", &offence),
        ("{phrase}", phrase),
        ("{citation}", &basis),
        ("{expected}", &c.expected),
        ("{actual}", &c.actual),
        ("{jurisdiction}", authority),
        ("{clause}", clause.map_or("", |cl| cl.id.as_str())),
    ] {
        if let Some(replaced) = replace_placeholder(&message, placeholder, value) {
            message = replaced;
        }
    }
    if provisional {
        message.push_str(words::provisional_mark(&message));
    }
    Finding {
        rule: c.rule.id.clone(),
        severity: c.severity,
        kind: c.kind,
        term,
        term_label,
        clause: clause.map(|cl| cl.id.clone()),
        expected: c.expected.into_owned(),
        actual: c.actual,
        citation: c.citation.to_owned(),
        jurisdiction,
        provisional,
        from: date_text(from),
        to: date_text(to),
        message,
        line: c.location.map(|s| s.line),
        column: c.location.map(|s| s.column),
        bytes: c.location.map(|s| (s.start, s.end)),
        suggestion: None,
    }
}

/// `text.replace(placeholder, value)`, or `None` when `placeholder` (which starts with `{`) does not
/// occur: found by looking only at the `{`s, cheaper than a general substring search.
fn replace_placeholder(text: &str, placeholder: &str, value: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find('{')).map(|i| i + from) {
        if text.get(i..).is_some_and(|t| t.starts_with(placeholder)) {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len() + value.len()));
            o.push_str(text.get(copied..i).unwrap_or(""));
            o.push_str(value);
            copied = i + placeholder.len();
            from = copied;
        } else {
            from = i + 1;
        }
    }
    let mut out = out?;
    out.push_str(text.get(copied..).unwrap_or(""));
    Some(out)
}

/// A date as `YYYY-MM-DD`, as chrono writes it, without going through the formatter.
fn date_text(d: NaiveDate) -> String {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return d.to_string();
    }
    let digit = |n: u32| char::from_digit(n % 10, 10).unwrap_or('0');
    let y = y.unsigned_abs();
    let mut out = String::with_capacity(10);
    out.extend([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(day / 10),
        digit(day),
    ]);
    out
}

fn above_floor(set: &RuleSet, contract: &Contract, floors: &Floors<'_>) -> Vec<AboveFloor> {
    let vocab = &set.vocabulary;
    let mut out = Vec::new();
    for (ci, clause) in contract.clauses.iter().enumerate() {
        for (ti, st) in clause.terms.iter().enumerate() {
            let Some(seen) = floors.get((ci, ti)) else {
                continue;
            };
            let (Some((_, op, floor, text)), false, TermValue::Quantity(q)) =
                (seen.highest, seen.failed, st.value)
            else {
                continue;
            };
            let better = if op.lower_protects() {
                Op::Below
            } else {
                Op::Above
            };
            let above = q
                .difference(&floor, vocab)
                .is_some_and(|d| better.judge(d) == Truth::Holds);
            if above {
                out.push(AboveFloor {
                    term: vocab.term_name(st.term).to_owned(),
                    term_label: vocab.term_label(st.term).to_owned(),
                    floor: text.map_or_else(
                        || words::requirement(op, floor, vocab.term_info(st.term), vocab),
                        str::to_owned,
                    ),
                    actual: st.display(vocab),
                    clause: clause.id.clone(),
                });
            }
        }
    }
    out
}

fn coverage(set: &RuleSet, contract: &Contract) -> Coverage {
    let mut covered = [false; 5];
    for clause in &contract.clauses {
        if let Some(p) = clause
            .topic
            .as_deref()
            .and_then(crate::vocabulary::Period::parse)
        {
            if let Some(slot) = covered.get_mut(p.index()) {
                *slot = true;
            }
        }
        for st in &clause.terms {
            for p in set
                .vocabulary
                .term_info(st.term)
                .map_or(&[][..], |t| &t.periods[..])
            {
                if let Some(slot) = covered.get_mut(p.index()) {
                    *slot = true;
                }
            }
        }
    }
    Coverage(covered)
}

#[cfg(test)]
mod tests {
    use super::{date_text, replace_placeholder};
    use chrono::NaiveDate;

    #[test]
    fn placeholders_are_replaced_like_str_replace() {
        for (text, placeholder, value) in [
            ("{term}约定为{actual}", "{term}", "产假"),
            ("{term}{term}", "{term}", "x{term}"),
            ("{{term}}", "{term}", "v"),
            ("没有占位符", "{term}", "v"),
            ("{actua{actual}", "{actual}", "1"),
        ] {
            let expected = text.replace(placeholder, value);
            let got =
                replace_placeholder(text, placeholder, value).unwrap_or_else(|| text.to_owned());
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn dates_read_as_chrono_writes_them() {
        for (y, m, d) in [
            (2024, 1, 5),
            (1995, 12, 31),
            (9, 3, 1),
            (9999, 12, 31),
            (-5, 1, 1),
            (10000, 1, 1),
        ] {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                assert_eq!(date_text(date), date.to_string());
            }
        }
    }
}
