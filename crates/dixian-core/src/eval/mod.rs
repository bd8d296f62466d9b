//! Evaluation: every rule of the contract's jurisdiction chain, over every day of its term.
//!
//! The term is cut at each date where some version starts or ends; each segment is evaluated; where
//! several floors on one term fail, the strictest (most favourable to the worker) at each severity
//! speaks for them; neighbouring segments with the same finding merge, which gives each finding its
//! window. Pure: no I/O, no failure, the same report whatever the order of rules or clauses.

mod segments;
pub mod text;

use crate::contract::{Contract, StatedTerm, TermValue};
use crate::error::LoadError;
use crate::quantity::{Quantity, format_milli};
use crate::region;
use crate::report::*;
use crate::rules::{
    Check, Fact, JurisdictionId, Missing, Op, Operand, Rule, RuleSet, Severity, Version,
};
use crate::source::Span;
use crate::vocabulary::TermId;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Resolves the contract's region and evaluates it. Fails only on a region no rule file knows.
pub fn check(set: &RuleSet, contract: &Contract) -> Result<Report, LoadError> {
    let resolved = region::resolve(set, &contract.region).map_err(|e| {
        LoadError::one(
            &contract.file,
            contract.region_span.line,
            contract.region_span.column,
            e.message,
        )
    })?;
    Ok(evaluate(
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
    depth: usize,
    kind: FindingKind,
    term: Option<TermId>,
    /// Which statement of the contract: (clause, index within the clause) or, for text, (clause, 0).
    at: Option<(usize, usize)>,
    /// How strict the failed requirement is: larger is more protective.
    strictness: i64,
    severity: Severity,
    expected: String,
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
    by_term: Vec<Vec<(usize, usize, &'c StatedTerm)>>,
}

impl<'c> Facts<'c> {
    fn new(set: &RuleSet, contract: &'c Contract) -> Self {
        let mut by_term = vec![Vec::new(); set.vocabulary.term_count()];
        for (ci, clause) in contract.clauses.iter().enumerate() {
            for (ti, stated) in clause.terms.iter().enumerate() {
                if let Some(slot) = by_term.get_mut(usize::from(stated.term.0)) {
                    slot.push((ci, ti, stated));
                }
            }
        }
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

    fn stated(&self, term: TermId) -> &[(usize, usize, &'c StatedTerm)] {
        self.by_term
            .get(usize::from(term.0))
            .map_or(&[], Vec::as_slice)
    }
}

/// Per stated quantity: the highest floor seen in force and whether any floor failed.
#[derive(Default, Clone, Copy)]
struct FloorSeen {
    highest: Option<(i64, Op, Quantity)>,
    failed: bool,
}

/// Evaluates a contract under the chain ending at `at`. Never fails.
pub fn evaluate(
    set: &RuleSet,
    contract: &Contract,
    at: JurisdictionId,
    note: Option<String>,
) -> Report {
    let chain = set.chain(at);
    let rules: Vec<(&Rule, usize)> = set
        .rules
        .iter()
        .filter_map(|r| {
            chain
                .iter()
                .position(|j| *j == r.jurisdiction)
                .map(|depth| (r, depth))
        })
        .collect();
    let facts = Facts::new(set, contract);
    let (start, end) = (contract.term.start, contract.term.end);
    let mut findings: Vec<Finding> = Vec::new();
    let mut open: HashMap<String, usize> = HashMap::new();
    let mut undetermined = UndeterminedList::default();
    let mut floors: HashMap<(usize, usize), FloorSeen> = HashMap::new();

    for (from, to) in segments::segments(start, end, rules.iter().map(|(r, _)| *r)) {
        let mut candidates = Vec::new();
        for &(rule, depth) in &rules {
            let Some(version) = rule.versions.iter().find(|v| v.in_force_on(from)) else {
                continue;
            };
            match applies(version, &facts) {
                Some(true) => {}
                Some(false) => continue,
                None => {
                    push_undetermined(
                        &mut undetermined,
                        rule,
                        format!("缺少适用条件所需的合同事实：{}", conditions_text(version)),
                    );
                    continue;
                }
            }
            evaluate_version(
                set,
                &facts,
                rule,
                version,
                depth,
                &mut candidates,
                &mut undetermined,
                &mut floors,
            );
        }
        let survivors = subsume(candidates);
        for c in survivors {
            let finding = to_finding(set, contract, &chain, &c, from, to);
            let key = format!(
                "{}|{:?}|{:?}|{}|{}|{}|{}",
                c.rule.id,
                c.kind,
                c.at,
                finding.expected,
                finding.actual,
                finding.severity,
                finding.citation
            );
            match open
                .get(&key)
                .and_then(|&i| findings.get_mut(i).map(|f| (i, f)))
            {
                Some((_, f)) if from.pred_opt().map(|d| d.to_string()) == Some(f.to.clone()) => {
                    f.to = to.to_string()
                }
                _ => {
                    open.insert(key, findings.len());
                    findings.push(finding);
                }
            }
        }
    }
    findings.sort_by(|a, b| {
        (a.line.is_none(), a.line, a.column, &a.rule, &a.from, a.kind).cmp(&(
            b.line.is_none(),
            b.line,
            b.column,
            &b.rule,
            &b.from,
            b.kind,
        ))
    });
    let mut undetermined = undetermined.list;
    undetermined.sort_by(|a, b| (&a.rule, &a.reason).cmp(&(&b.rule, &b.reason)));

    Report {
        schema_version: SCHEMA_VERSION,
        contract: ContractSummary {
            file: contract.file.clone(),
            title: contract.title.clone(),
            region: contract.region.clone(),
            jurisdictions: chain
                .iter()
                .filter_map(|j| set.jurisdiction(*j))
                .map(|j| j.name.clone())
                .collect(),
            term: TermWindow {
                start: start.to_string(),
                end: end.to_string(),
            },
        },
        findings,
        above_floor: above_floor(set, contract, &floors),
        coverage: coverage(set, contract),
        undetermined,
        notes: note.into_iter().collect(),
    }
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
        .map(|c| c.text.as_str())
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
            reason,
        });
    }
}

#[allow(clippy::too_many_arguments)]
fn evaluate_version<'a>(
    set: &RuleSet,
    facts: &Facts<'_>,
    rule: &'a Rule,
    version: &'a Version,
    depth: usize,
    out: &mut Vec<Candidate<'a>>,
    undetermined: &mut UndeterminedList,
    floors: &mut HashMap<(usize, usize), FloorSeen>,
) {
    let vocab = &set.vocabulary;
    let severity = version.effective_severity();
    let base =
        |kind, term, at, strictness, severity, expected: String, actual: String, location| {
            Candidate {
                rule,
                version,
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
                Operand::Quantity(q) => (q.milli, format!("{}{}", op.symbol(), q.display(vocab))),
                Operand::Fact(f) => match facts.fact(*f) {
                    Some(v) => (
                        v,
                        format!(
                            "{}{}（{}{}）",
                            op.symbol(),
                            f.name(),
                            format_milli(v),
                            f.unit()
                        ),
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
            let required_unit = match value {
                Operand::Quantity(q) => Some(q.unit),
                Operand::Fact(_) => None,
            };
            let strictness = if op.lower_protects() {
                -required
            } else {
                required
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
            for &(ci, ti, st) in stated {
                let TermValue::Quantity(q) = st.value else {
                    continue;
                };
                if required_unit.is_some_and(|u| u != q.unit) {
                    push_undetermined(
                        undetermined,
                        rule,
                        format!(
                            "“{}”以 {} 计，规则以 {} 计，无法直接比较",
                            st.written,
                            vocab.unit_name(q.unit),
                            required_unit.map_or("", |u| vocab.unit_name(u))
                        ),
                    );
                    continue;
                }
                let ok = op.holds(q.milli, required);
                let seen = floors.entry((ci, ti)).or_default();
                if !ok {
                    seen.failed = true;
                    out.push(base(
                        FindingKind::Violated,
                        Some(*term),
                        Some((ci, ti)),
                        strictness,
                        severity,
                        expected.clone(),
                        q.display(vocab),
                        Some(st.span),
                    ));
                } else if version.provisional.is_none() {
                    if let Operand::Quantity(fq) = value {
                        if seen.highest.is_none_or(|(s, _, _)| strictness > s) {
                            seen.highest = Some((strictness, *op, *fq));
                        }
                    }
                }
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
                        "是".into(),
                        "未约定".into(),
                        None,
                    ));
                }
            }
            for &(ci, ti, st) in stated {
                if st.value == TermValue::Commitment(false) {
                    out.push(base(
                        FindingKind::Violated,
                        Some(*term),
                        Some((ci, ti)),
                        0,
                        severity,
                        "是".into(),
                        "否".into(),
                        Some(st.span),
                    ));
                }
            }
        }
        Check::ForbidText { patterns } => {
            for (ci, clause) in facts.contract.clauses.iter().enumerate() {
                let Some((pattern, (s, e))) = patterns
                    .iter()
                    .find_map(|p| text::find(&clause.text, p).map(|m| (p, m)))
                else {
                    continue;
                };
                let matched = clause.text.get(s..e).unwrap_or(pattern).to_owned();
                let location = locate_in_source(facts.contract, clause.text_span, &matched);
                out.push(base(
                    FindingKind::UnlawfulText,
                    None,
                    Some((ci, 0)),
                    0,
                    severity,
                    format!("不得含有“{pattern}”之类的表述"),
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
    chain: &[JurisdictionId],
    c: &Candidate<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Finding {
    let vocab = &set.vocabulary;
    let term = c.term.map(|t| vocab.term_name(t).to_owned());
    let jurisdiction = chain
        .get(c.depth)
        .and_then(|j| set.jurisdiction(*j))
        .map_or_else(String::new, |j| j.name.clone());
    let clause = c.at.and_then(|(ci, _)| contract.clauses.get(ci));

    let template = c
        .version
        .message
        .clone()
        .unwrap_or_else(|| default_message(c).to_owned());
    let mut message = template
        .replace("{term}", term.as_deref().unwrap_or(""))
        .replace("{expected}", &c.expected)
        .replace("{actual}", &c.actual)
        .replace("{jurisdiction}", &jurisdiction)
        .replace("{clause}", clause.map_or("", |cl| cl.id.as_str()));
    if let Some(reason) = &c.version.provisional {
        message.push_str(&format!("（暂定规则，仅作提示：{reason}）"));
    }
    Finding {
        rule: c.rule.id.clone(),
        severity: c.severity,
        kind: c.kind,
        term,
        clause: clause.map(|cl| cl.id.clone()),
        expected: c.expected.clone(),
        actual: c.actual.clone(),
        citation: c.version.citations(),
        jurisdiction,
        provisional: c.version.provisional.is_some(),
        from: from.to_string(),
        to: to.to_string(),
        message,
        line: c.location.map(|s| s.line),
        column: c.location.map(|s| s.column),
        bytes: c.location.map(|s| (s.start, s.end)),
    }
}

fn default_message(c: &Candidate<'_>) -> &'static str {
    match (&c.version.check, c.kind) {
        (_, FindingKind::UnlawfulText) => "条款含有违法表述“{actual}”，{expected}",
        (Check::Bound { op, .. }, FindingKind::Violated) if op.lower_protects() => {
            "{term}约定为{actual}，不符合{jurisdiction}规定的{expected}"
        }
        (Check::Bound { .. }, FindingKind::Violated) => {
            "{term}约定为{actual}，低于{jurisdiction}规定的标准（{expected}）"
        }
        (Check::Bound { .. }, FindingKind::Missing) => {
            "合同未约定{term}；{jurisdiction}规定的标准为{expected}"
        }
        (_, FindingKind::Missing) if c.severity >= Severity::Rectify => {
            "合同未约定{term}，这是用人单位的法定义务"
        }
        (_, FindingKind::Missing) => "合同未约定{term}（建议约定）",
        _ => "合同明确不承诺{term}，不符合{jurisdiction}的规定",
    }
}

fn above_floor(
    set: &RuleSet,
    contract: &Contract,
    floors: &HashMap<(usize, usize), FloorSeen>,
) -> Vec<AboveFloor> {
    let vocab = &set.vocabulary;
    let mut out = Vec::new();
    for (ci, clause) in contract.clauses.iter().enumerate() {
        for (ti, st) in clause.terms.iter().enumerate() {
            let Some(seen) = floors.get(&(ci, ti)) else {
                continue;
            };
            let (Some((_, op, floor)), false, TermValue::Quantity(q)) =
                (seen.highest, seen.failed, st.value)
            else {
                continue;
            };
            let above = if op.lower_protects() {
                q.milli < floor.milli
            } else {
                q.milli > floor.milli
            };
            if above {
                out.push(AboveFloor {
                    term: vocab.term_name(st.term).to_owned(),
                    floor: format!("{}{}", op.symbol(), floor.display(vocab)),
                    actual: q.display(vocab),
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
