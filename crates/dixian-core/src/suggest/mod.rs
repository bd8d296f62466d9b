//! 修改建议: for each finding, the wording that makes the contract lawful — the clause's own text with
//! the figure raised to the floor, a model clause from the rule data for what is missing, the
//! offending sentence struck out. Each suggestion carries the edit itself (clause, byte range, new
//! words, and for a YAML contract the term to set), so `fix` applies exactly what the report shows.

mod edit;
mod place;

use edit::Drafting;
pub(crate) use edit::label_end;
pub use edit::{Edit, TermChange};

use crate::contract::{Contract, TermValue};
use crate::quantity::Quantity;
use crate::report::{Finding, FindingKind, Report};
use crate::rules::{Check, Fact, Op, Operand, RuleSet, Severity, Version};
use crate::vocabulary::{TermId, TermKind, Vocabulary};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Replace,
    Insert,
    Delete,
}

/// Where the changed words are in the contract's source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    pub line: u32,
    pub column: u32,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The clause changed, or the one after whose words new words are inserted.
    pub clause: String,
    pub action: Action,
    /// The clause as it should read (replace, delete), or the words to insert.
    pub text: String,
    /// The words replaced or deleted in the source, or the point of insertion.
    pub span: Option<Place>,
    /// A suggestion to negotiate (good practice, a provisional figure, a vague clause), not a legal
    /// requirement.
    pub negotiate: bool,
    #[serde(skip)]
    pub edit: Edit,
}

/// What is left of a clause whose every sentence was unlawful.
pub const STRUCK_OUT: &str = "（本条删除）";

/// The suggestion as the officer reads it under the finding: 建议修改为：… (or 建议协商：… for what
/// the law does not require).
pub fn wording(s: &Suggestion, lang: crate::render::Lang) -> String {
    use crate::render::Lang;
    match lang {
        Lang::Zh => {
            let head = if s.negotiate {
                "建议协商"
            } else {
                "建议修改为"
            };
            let clause = clause_named(&s.clause);
            let body = match s.action {
                Action::Insert => format!("在{clause}之后增加“{}”", s.text),
                Action::Delete if s.text.ends_with(STRUCK_OUT) && s.negotiate => {
                    format!("删除{clause}全文")
                }
                Action::Delete if s.text.ends_with(STRUCK_OUT) => {
                    return format!("建议删除{clause}全文");
                }
                Action::Replace | Action::Delete => s.text.trim().to_owned(),
            };
            let tail = if s.negotiate {
                "（非法定要求）"
            } else {
                ""
            };
            format!("{head}：{body}{tail}")
        }
        Lang::En => {
            let head = if s.negotiate {
                "Suggested for negotiation"
            } else {
                "Suggested wording"
            };
            let body = match s.action {
                Action::Insert => format!("add after {}: “{}”", s.clause, s.text),
                Action::Delete if s.text.ends_with(STRUCK_OUT) => {
                    return format!("{head}: delete {} entirely", s.clause);
                }
                Action::Replace | Action::Delete => s.text.trim().to_owned(),
            };
            format!("{head}: {body}")
        }
    }
}

/// A clause as an officer names it: 第八条 as it is; an item numbered 二、 or （二） or 2. as 第二项,
/// 第（二）项, 第2项; a heading's item (一、2) in quotes.
pub fn clause_named(id: &str) -> String {
    let item = (!id.is_empty() && id.chars().all(is_numeral))
        || (id.starts_with('（') && id.ends_with('）'));
    if id.starts_with('第') {
        id.to_owned()
    } else if item {
        format!("第{id}项")
    } else {
        format!("“{id}”")
    }
}

/// A character of an article's or item's number: 十二, 12, １２.
fn is_numeral(c: char) -> bool {
    crate::numerals::is_arabic_digit(c) || crate::numerals::is_chinese_numeral(c)
}

/// Fills `suggestion` on every finding a suggestion can be made for. Findings on one sentence
/// (不得生育 and 视为自动离职 in one) get one revision of it that answers them all.
pub fn attach(set: &RuleSet, contract: &Contract, report: &mut Report) {
    let drafting = Drafting::new(contract);
    for f in &mut report.findings {
        if f.suggestion.is_none() {
            f.suggestion = suggest_for(set, &drafting, f);
        }
    }
    // Unlawful words struck or replaced: a figure raised to two floors is not such a case.
    let struck = |f: &Finding| f.kind == FindingKind::UnlawfulText;
    let edits: Vec<Option<Edit>> = report
        .findings
        .iter()
        .map(|f| {
            f.suggestion
                .as_ref()
                .filter(|_| struck(f))
                .map(|s| s.edit.clone())
        })
        .collect();
    for f in &mut report.findings {
        if !struck(f) {
            continue;
        }
        let Some(s) = f.suggestion.as_mut() else {
            continue;
        };
        let same_words = |e: &&Edit| {
            e.clause == s.edit.clause
                && e.range == s.edit.range
                && e.action != Action::Insert
                && s.edit.action != Action::Insert
                && e.range.is_some_and(|(a, b)| a < b)
        };
        let mut with: Vec<&str> = Vec::new();
        for e in edits.iter().flatten().filter(same_words) {
            let w = e.with.as_str();
            if !w.is_empty() && w != STRUCK_OUT && !with.contains(&w) {
                with.push(w);
            }
        }
        if with.len() > 1 {
            let mut edit = s.edit.clone();
            edit.action = Action::Replace;
            edit.with = with.concat();
            *s = edit.into_suggestion(contract, s.negotiate);
        }
    }
}

/// The suggestion for one finding, if the contract and the rule data give one.
pub fn suggest(set: &RuleSet, contract: &Contract, f: &Finding) -> Option<Suggestion> {
    suggest_for(set, &Drafting::new(contract), f)
}

fn suggest_for(set: &RuleSet, contract: &Drafting<'_>, f: &Finding) -> Option<Suggestion> {
    let version = version_of(set, f);
    let edit = match f.kind {
        // A figure that holds or fails with the calendar (188天 against 98天加3个月) is raised as a
        // figure below the floor is, to the days that cover the longest months.
        FindingKind::Violated | FindingKind::Depends => violated(set, contract, f, version?)?,
        FindingKind::Missing => missing(set, contract, f, version?)?,
        FindingKind::UnlawfulText => unlawful(contract, f, version)?,
        FindingKind::Vague => vague(set, contract, f)?,
    };
    // What the law does not require as written: good practice, a provisional figure, a figure that
    // depends on the calendar, a concrete clause in place of vague words.
    let negotiate = f.severity < Severity::Rectify
        || f.provisional
        || matches!(f.kind, FindingKind::Depends | FindingKind::Vague);
    Some(edit.into_suggestion(contract, negotiate))
}

/// The version of the finding's rule in force on its first day.
fn version_of<'s>(set: &'s RuleSet, f: &Finding) -> Option<&'s Version> {
    let day = crate::dates::parse_date(&f.from).ok()?;
    set.rule(&f.rule)?
        .versions
        .iter()
        .find(|v| v.in_force_on(day))
}

/// The clause index and statement index of the term the finding is about.
fn stated_at(set: &RuleSet, contract: &Contract, f: &Finding) -> Option<(usize, usize)> {
    let term = set.vocabulary.term(f.term.as_deref()?)?;
    let start = f.bytes.map(|b| b.0);
    contract.clauses.iter().enumerate().find_map(|(ci, c)| {
        (Some(c.id.as_str()) == f.clause.as_deref())
            .then(|| {
                c.terms
                    .iter()
                    .position(|t| t.term == term && Some(t.span.start) == start)
                    .map(|ti| (ci, ti))
            })
            .flatten()
    })
}

/// The figure that meets the version's bound: the stated figure moved by the largest shortfall
/// (a floor in calendar months, 98天+3个月, counted at its longest, so the figure holds whichever months
/// are meant), or for a missing term the bound itself; a strict bound moves one step past.
fn target(
    version: &Version,
    contract: &Contract,
    stated: Option<Quantity>,
    vocab: &Vocabulary,
) -> Option<Quantity> {
    let Check::Bound { op, value, .. } = &version.check else {
        return None;
    };
    let step = match op {
        Op::Above => 1000,
        Op::Below => -1000,
        _ => 0,
    };
    let bound = match value {
        Operand::Quantity(q) => *q,
        // A share of women: the whole percent at or above it.
        Operand::Fact(Fact::WomenShare) => {
            let share = contract.women_share_milli()?;
            let unit = stated.map(|s| s.unit).or_else(|| {
                let term = version.check.term()?;
                first_unit(vocab, term)
            })?;
            return Some(Quantity::new((share + 999) / 1000 * 1000 + step, unit));
        }
        Operand::Fact(_) => return None,
    };
    let ceiling = op.lower_protects();
    Some(match stated {
        // Days and calendar months (九十八天，另增加产假一个月) against a floor in days and months:
        // each part raised to the floor's, so the months stay months (九十八天，另增加产假三个月).
        Some(s) if s.months != 0 && bound.months != 0 && s.unit == bound.unit && !ceiling => {
            Quantity {
                milli: s.milli.max(bound.milli),
                unit: s.unit,
                months: s.months.max(bound.months) + step,
            }
        }
        // Days against a floor of whole calendar months (护理假十五天 against 1个月): the floor as
        // the law writes it (一个月), not the days of the longest month (三十一天).
        Some(s)
            if s.months == 0
                && bound.months == 0
                && vocab.calendar_day() == Some(s.unit)
                && vocab.calendar_month() == Some(bound.unit) =>
        {
            Quantity {
                milli: bound.milli + step,
                ..bound
            }
        }
        // The days moved by the largest shortfall; the stated months kept.
        Some(s) => {
            let (lo, hi) = s.difference(&bound, vocab)?;
            let moved = if ceiling { hi } else { lo };
            Quantity {
                milli: s.milli - moved + step,
                unit: s.unit,
                months: s.months,
            }
        }
        None => {
            let (lo, hi) = bound.difference(&Quantity::new(0, bound.unit), vocab)?;
            Quantity::new(if ceiling { lo } else { hi } + step, bound.unit)
        }
    })
}

fn violated(
    set: &RuleSet,
    contract: &Drafting<'_>,
    f: &Finding,
    version: &Version,
) -> Option<Edit> {
    let (ci, ti) = stated_at(set, contract, f)?;
    let clause = contract.clauses.get(ci)?;
    let stated = clause.terms.get(ti)?;
    let vocab = &set.vocabulary;
    match (stated.value, &version.check) {
        (TermValue::Quantity(q), Check::Bound { .. }) => {
            let new = target(version, contract, Some(q), vocab)?;
            Some(edit::raise_figure(contract, ci, ti, q, new, vocab))
        }
        (TermValue::Commitment(false), Check::Commitment { term }) => {
            let model = model_text(vocab, version, *term, None)?;
            Some(edit::replace_sentence(contract, ci, ti, &model))
        }
        _ => None,
    }
}

fn missing(set: &RuleSet, contract: &Drafting<'_>, f: &Finding, version: &Version) -> Option<Edit> {
    let vocab = &set.vocabulary;
    let term = version.check.term()?;
    let (floor, value) = match &version.check {
        Check::Bound { .. } => {
            let q = target(version, contract, None, vocab)?;
            // Provisional figures weigh only on what is itself a suggestion to negotiate.
            let provisional = f.severity < Severity::Rectify || f.provisional;
            let q = if another_rule_asks_more(set, contract, f, term, q, provisional) {
                meeting_every_rule(set, contract, term, q, provisional)
            } else {
                q
            };
            (Some(spoken(q, vocab)), TermValue::Quantity(q))
        }
        Check::Commitment { .. } => (None, TermValue::Commitment(true)),
        Check::ForbidText { .. } => return None,
    };
    let model = model_text(vocab, version, term, floor.as_deref())?;
    let model = in_regional_words(vocab, term, f.term_label.as_deref(), model);
    edit::insert_model(contract, vocab, term, &model, value)
}

/// Whether a rule other than the finding's, of the contract's region or those above it, bounds the
/// term more protectively than `q` (a bound on another unit, or on a fact, may: the evaluator says).
/// Where none does, the figure stands without checking the contract again.
fn another_rule_asks_more(
    set: &RuleSet,
    contract: &Contract,
    f: &Finding,
    term: TermId,
    q: Quantity,
    provisional: bool,
) -> bool {
    let Ok(resolved) = crate::region::resolve(set, &contract.region) else {
        return false;
    };
    let mut chain = vec![resolved.jurisdiction];
    while let Some(parent) = chain
        .last()
        .and_then(|j| set.jurisdiction(*j))
        .and_then(|j| j.parent)
    {
        if chain.contains(&parent) {
            break;
        }
        chain.push(parent);
    }
    set.rules
        .iter()
        .filter(|r| r.id != f.rule && chain.contains(&r.jurisdiction))
        .flat_map(|r| &r.versions)
        .filter(|v| provisional || v.provisional.is_none())
        .any(|v| match &v.check {
            Check::Bound {
                term: t,
                op,
                value: Operand::Quantity(b),
            } if *t == term && b.unit == q.unit && b.months == 0 && q.months == 0 => {
                if op.lower_protects() {
                    b.milli < q.milli
                } else {
                    b.milli > q.milli
                }
            }
            Check::Bound { term: t, .. } => *t == term,
            _ => false,
        })
}

/// The figure a missing term is proposed at, raised until no other rule on the term that applies
/// to the contract finds it short (the national 难产假 15天 is proposed in 广东 as 30天): the contract
/// is checked as if it stated the figure, and each shortfall moves it to that rule's bound.
fn meeting_every_rule(
    set: &RuleSet,
    contract: &Contract,
    term: TermId,
    mut q: Quantity,
    provisional: bool,
) -> Quantity {
    let vocab = &set.vocabulary;
    let name = vocab.term_name(term);
    let Some(ci) = place::anchor(contract, vocab, term) else {
        return q;
    };
    // Each round meets at least one more rule; a chain of rules is short.
    for _ in 0..4 {
        let mut stated = contract.clone();
        if let Some(c) = stated.clauses.get_mut(ci) {
            c.terms.push(crate::contract::StatedTerm {
                term,
                value: TermValue::Quantity(q),
                span: c.text_span,
                written: spoken(q, vocab),
                note: None,
            });
        }
        let Some(report) = crate::eval::findings(set, &stated) else {
            return q;
        };
        let raised = report
            .findings
            .iter()
            .filter(|g| g.term.as_deref() == Some(name))
            .filter(|g| matches!(g.kind, FindingKind::Violated | FindingKind::Depends))
            .filter(|g| provisional || !g.provisional)
            .filter_map(|g| target(version_of(set, g)?, contract, Some(q), vocab))
            .filter(|r| r.unit == q.unit && r.milli != q.milli)
            .max_by_key(|r| (r.milli - q.milli).abs());
        match raised {
            Some(r) => q = r,
            None => break,
        }
    }
    q
}

fn unlawful(contract: &Drafting<'_>, f: &Finding, version: Option<&Version>) -> Option<Edit> {
    let ci = contract
        .clauses
        .iter()
        .position(|c| Some(c.id.as_str()) == f.clause.as_deref())?;
    let replacement = version.and_then(|v| v.model.clone());
    edit::strike_words(contract, ci, &f.actual, replacement)
}

/// A vague clause (按国家有关规定执行): its sentence replaced by the model clause of a commitment it is
/// about (the term's name or period written before the vague words), as a suggestion to negotiate.
fn vague(set: &RuleSet, contract: &Drafting<'_>, f: &Finding) -> Option<Edit> {
    let vocab = &set.vocabulary;
    let ci = contract
        .clauses
        .iter()
        .position(|c| Some(c.id.as_str()) == f.clause.as_deref())?;
    let text = contract.clauses.get(ci)?.text.as_str();
    let before = text.get(..text.find(f.actual.as_str())?)?;
    let (_, model) = vocab.terms().find_map(|(id, t)| {
        let about =
            before.contains(t.name.as_str()) || t.periods.iter().any(|p| before.contains(p.name()));
        let model = vocab.model(id).filter(|m| !m.contains("{floor}"))?;
        (about && t.kind == TermKind::Commitment).then(|| (id, model.to_owned()))
    })?;
    edit::strike_words(contract, ci, &f.actual, Some(model))
}

fn first_unit(vocab: &Vocabulary, term: TermId) -> Option<crate::vocabulary::UnitId> {
    match &vocab.term_info(term)?.kind {
        TermKind::Quantity(units) => units.first().copied(),
        TermKind::Commitment => None,
    }
}

/// The model clause: the rule's own, else the term's from the vocabulary, with the floor filled in.
fn model_text(
    vocab: &Vocabulary,
    version: &Version,
    term: TermId,
    floor: Option<&str>,
) -> Option<String> {
    let template = version.model.as_deref().or_else(|| vocab.model(term))?;
    Some(template.replace("{floor}", floor.unwrap_or("")))
}

/// The vocabulary's model clause names a term as national law does (陪产假); where the region's
/// statute names it otherwise (湖北: 护理假), the clause proposed for that contract uses the region's word.
fn in_regional_words(
    vocab: &Vocabulary,
    term: TermId,
    label: Option<&str>,
    model: String,
) -> String {
    let Some(info) = vocab.term_info(term) else {
        return model;
    };
    match label {
        // Only a region's own name for the term, not the vocabulary's display label.
        Some(label) if label != vocab.term_label(term) => model.replace(info.name.as_str(), label),
        _ => model,
    }
}

/// A quantity as a clause says it: 158天, 30元 (a monthly allowance says 每月 elsewhere), 1小时,
/// 12个月, 60%.
pub fn spoken(q: Quantity, vocab: &Vocabulary) -> String {
    spoken_in(q, vocab, crate::numeral_style::Style::Arabic)
}

/// A quantity as [`spoken`] says it, its figure written in `style` (一百五十八天).
pub fn spoken_in(q: Quantity, vocab: &Vocabulary, style: crate::numeral_style::Style) -> String {
    let unit = vocab.unit_name(q.unit);
    let base = unit.split('/').next().unwrap_or(unit);
    let said = match base {
        "月" => "个月",
        "工作日" => "个工作日",
        other => other,
    };
    let figure = crate::numeral_style::write(q.milli, style);
    if q.months == 0 {
        return format!("{figure}{said}");
    }
    let months = crate::numeral_style::write(q.months, style);
    format!("{figure}{said}加{months}个月")
}
