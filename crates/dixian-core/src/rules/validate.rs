//! Syntax trees of all rule files → one validated `RuleSet`, or every problem found, each located.
//! A set is refused for: parse errors, unknown terms or units, a unit that does not fit its term, a
//! missing citation or severity, overlapping versions of one rule, an unknown or cyclic parent, and a
//! regional floor less protective than its parent's over the same dates (a province may raise a national
//! floor, never lower it).

use super::ast;
use super::model::*;
use super::parser::parse_file;
use crate::error::{Diagnostic, Diagnostics, LoadError};
use crate::quantity::{parse_milli, parse_quantity, split_number};
use crate::source::Span;
use crate::vocabulary::{Calendar, Period, Term, TermId, TermKind, Vocabulary};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One rule file: a name for diagnostics and its text.
#[derive(Clone, Debug)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
}

struct Diags(Diagnostics);

impl Diags {
    fn at(&mut self, file: &str, span: Span, message: impl Into<String>) {
        self.0.push(Diagnostic {
            file: file.to_owned(),
            line: span.line,
            column: span.column,
            message: message.into(),
        });
    }
}

/// Parses and validates a whole rule set. Every problem in every file is reported together.
pub fn load(sources: &[RuleSource]) -> Result<RuleSet, LoadError> {
    let mut d = Diags(Diagnostics::default());
    let mut files = Vec::new();
    for s in sources {
        match parse_file(&s.name, &s.text) {
            Ok(ast) => files.push((s, ast)),
            Err(e) => d.0.extend(e.diagnostics),
        }
    }
    let mut vocabulary = build_vocabulary(&files, &mut d);
    let jurisdictions = build_jurisdictions(&files, &mut vocabulary, &mut d);
    let mut set = RuleSet {
        vocabulary,
        jurisdictions,
        rules: Vec::new(),
        data: super::RulesVersion::of(sources),
        compiled: Default::default(),
    };
    build_rules(&files, &mut set, &mut d);
    check_floors_against_parents(&set, &mut d);
    if d.0.is_empty() {
        Ok(set)
    } else {
        Err(LoadError {
            diagnostics: d.0.into_vec(),
        })
    }
}

fn build_vocabulary(files: &[(&RuleSource, ast::File)], d: &mut Diags) -> Vocabulary {
    let mut v = Vocabulary::default();
    for (src, f) in files {
        for u in &f.units {
            if !v.add_unit(&u.name.value, &u.aliases) {
                d.at(
                    &src.name,
                    u.name.span,
                    format!("单位“{}”或其别名重复声明", u.name.value),
                );
            }
            if let (Some(role), Some(id)) = (&u.calendar, v.unit(&u.name.value)) {
                let calendar = match role.value.as_str() {
                    "day" | "日" => Calendar::Day,
                    _ => Calendar::Month,
                };
                if !v.set_calendar(id, calendar) {
                    d.at(
                        &src.name,
                        role.span,
                        format!("历法单位（calendar {}）只能声明一个", role.value),
                    );
                }
            }
        }
    }
    for (src, f) in files {
        for t in &f.terms {
            let kind = if t.units.is_empty() {
                TermKind::Commitment
            } else {
                let mut ids = Vec::new();
                for u in &t.units {
                    match v.unit(&u.value) {
                        Some(id) => ids.push(id),
                        None => d.at(
                            &src.name,
                            u.span,
                            format!("条目“{}”的单位“{}”未声明", t.name.value, u.value),
                        ),
                    }
                }
                TermKind::Quantity(ids)
            };
            let mut periods = Vec::new();
            for p in &t.periods {
                match Period::parse(&p.value) {
                    Some(period) => periods.push(period),
                    None if p.value == "—" || p.value == "-" || p.value == "无" => {}
                    None => d.at(
                        &src.name,
                        p.span,
                        format!("“{}”不是五期之一（经期 孕期 产期 哺乳期 更年期）", p.value),
                    ),
                }
            }
            let term = Term {
                name: t.name.value.clone(),
                id: t.id.clone(),
                kind,
                periods,
                label: None,
                value_form: None,
                detail_of: None,
            };
            if !v.add_term(term) {
                d.at(
                    &src.name,
                    t.name.span,
                    format!("条目“{}”或其英文名“{}”重复声明", t.name.value, t.id),
                );
            }
        }
    }
    for (src, f) in files {
        for m in &f.models {
            match v.term(&m.term.value) {
                Some(id) if v.add_model(id, &m.text) => {}
                Some(_) => d.at(
                    &src.name,
                    m.term.span,
                    format!("条目“{}”的示范条款重复声明", m.term.value),
                ),
                None => d.at(
                    &src.name,
                    m.term.span,
                    format!("示范条款所指的条目“{}”未声明", m.term.value),
                ),
            }
        }
    }
    add_labels(files, &mut v, d);
    for (src, f) in files {
        for form in &f.forms {
            add_form(&mut v, &src.name, form, d);
        }
    }
    v
}

/// A jurisdiction's own names for terms; contracts of any region may use them as keys.
fn regional_labels(
    src: &RuleSource,
    j: &ast::JurisdictionDecl,
    vocab: &mut Vocabulary,
    d: &mut Diags,
) -> Vec<(TermId, String)> {
    let mut out = Vec::new();
    for (term, label) in &j.labels {
        match vocab.term(&term.value) {
            Some(id) if vocab.add_name(id, label) => out.push((id, label.clone())),
            Some(_) => d.at(
                &src.name,
                term.span,
                format!("显示名“{label}”已是另一条目的名称"),
            ),
            None => d.at(
                &src.name,
                term.span,
                format!("显示名所指的条目“{}”未声明", term.value),
            ),
        }
    }
    out
}

/// The `label` declarations: each names a declared term, once, with a label no other term goes by.
fn add_labels(files: &[(&RuleSource, ast::File)], v: &mut Vocabulary, d: &mut Diags) {
    for (src, f) in files {
        for l in &f.labels {
            let Some(id) = v.term(&l.term.value) else {
                d.at(
                    &src.name,
                    l.term.span,
                    format!("显示名所指的条目“{}”未声明", l.term.value),
                );
                continue;
            };
            let detail_of = match &l.detail_of {
                Some(p) => match v.term(&p.value) {
                    Some(pid) => Some(pid),
                    None => {
                        d.at(&src.name, p.span, format!("条目“{}”未声明", p.value));
                        None
                    }
                },
                None => None,
            };
            if l.value_form.as_deref().is_some_and(|f| !f.contains("{n}")) {
                d.at(&src.name, l.term.span, "数值写法（value）须含 {n} 代表数字");
            }
            if !v.add_name(id, &l.label) {
                d.at(
                    &src.name,
                    l.term.span,
                    format!("显示名“{}”已是另一条目的名称", l.label),
                );
                continue;
            }
            if let Some(t) = v.term_info_mut(id) {
                if t.label.is_some() {
                    d.at(
                        &src.name,
                        l.term.span,
                        format!("条目“{}”的显示名重复声明", l.term.value),
                    );
                }
                t.label = Some(l.label.clone());
                t.value_form.clone_from(&l.value_form);
                t.detail_of = detail_of;
            }
        }
    }
}

/// Checks a `form` line against its term and records it: the example must be a value of the term, each
/// inferred unit one of the term's, and a spelling may stand for one unit only.
fn add_form(v: &mut Vocabulary, file: &str, form: &ast::FormDecl, d: &mut Diags) {
    let name = &form.term.value;
    let Some(term) = v.term(name) else {
        d.at(file, form.term.span, format!("写法：条目“{name}”未声明"));
        return;
    };
    let units = match v.term_info(term).map(|t| &t.kind) {
        Some(TermKind::Quantity(units)) => units.clone(),
        _ => {
            d.at(
                file,
                form.term.span,
                format!("条目“{name}”是承诺条目（是/否），不需要写法"),
            );
            return;
        }
    };
    let allowed = v.units_of(term).join(" 或 ");
    let example = &form.example;
    if !parse_quantity(&example.value, v).is_ok_and(|q| units.contains(&q.unit)) {
        d.at(
            file,
            example.span,
            format!(
                "条目“{name}”的示例“{}”应为以 {allowed} 计的数量",
                example.value
            ),
        );
    }
    let mut infer: Vec<(String, crate::vocabulary::UnitId)> = Vec::new();
    for (written, unit) in &form.infer {
        let Some(id) = v.unit(&unit.value).filter(|u| units.contains(u)) else {
            d.at(
                file,
                unit.span,
                format!("条目“{name}”以 {allowed} 计，不能补全为“{}”", unit.value),
            );
            continue;
        };
        if v.unit(&written.value).is_some_and(|u| units.contains(&u)) {
            d.at(
                file,
                written.span,
                format!("“{}”本来就是条目“{name}”的单位，无需补全", written.value),
            );
        } else if infer.iter().any(|(w, _)| *w == written.value) {
            d.at(
                file,
                written.span,
                format!(
                    "条目“{name}”的“{}”补全了两次：一种写法只能对应一个单位",
                    written.value
                ),
            );
        } else {
            infer.push((written.value.clone(), id));
        }
    }
    let form_value = crate::vocabulary::Form {
        example: example.value.clone(),
        infer,
    };
    if !v.set_form(term, form_value) {
        d.at(file, form.term.span, format!("条目“{name}”的写法重复声明"));
    }
}

fn build_jurisdictions(
    files: &[(&RuleSource, ast::File)],
    vocab: &mut Vocabulary,
    d: &mut Diags,
) -> Vec<Jurisdiction> {
    let mut out: Vec<Jurisdiction> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut decls = Vec::new();
    for (src, f) in files {
        for j in &f.jurisdictions {
            if index.contains_key(j.name.value.as_str()) {
                d.at(
                    &src.name,
                    j.name.span,
                    format!("辖区“{}”重复声明", j.name.value),
                );
                continue;
            }
            index.insert(&j.name.value, out.len());
            out.push(Jurisdiction {
                name: j.name.value.clone(),
                parent: None,
                names: j.names.clone(),
                cities: j.cities.clone(),
                labels: regional_labels(src, j, vocab, d),
                file: src.name.clone(),
            });
            decls.push((src, j));
        }
    }
    for (i, (src, j)) in decls.iter().enumerate() {
        if let Some(p) = &j.parent {
            match index.get(p.value.as_str()) {
                Some(&pi) => {
                    if let Some(slot) = out.get_mut(i) {
                        slot.parent = u16::try_from(pi).ok().map(JurisdictionId);
                    }
                }
                None => d.at(&src.name, p.span, format!("上级辖区“{}”未声明", p.value)),
            }
        }
    }
    // A cycle of parents would make every chain endless: refuse it where it is declared.
    for (i, (src, j)) in decls.iter().enumerate() {
        let mut seen = vec![i];
        let mut cur = i;
        while let Some(p) = out
            .get(cur)
            .and_then(|x| x.parent)
            .map(|p| usize::from(p.0))
        {
            if seen.contains(&p) {
                if p == i {
                    let span = j.parent.as_ref().map_or(j.name.span, |p| p.span);
                    d.at(
                        &src.name,
                        span,
                        format!("辖区“{}”的上级形成循环", j.name.value),
                    );
                }
                break;
            }
            seen.push(p);
            cur = p;
        }
    }
    out
}

fn parse_date(file: &str, s: &ast::Spanned<String>, d: &mut Diags) -> Option<NaiveDate> {
    let date = crate::dates::parse_date(&s.value);
    if let Err(why) = &date {
        d.at(file, s.span, format!("日期{why}"));
    }
    date.ok()
}

fn build_rules(files: &[(&RuleSource, ast::File)], set: &mut RuleSet, d: &mut Diags) {
    let mut ids: HashMap<String, String> = HashMap::new();
    for (src, f) in files {
        for r in &f.rules {
            if let Some(other) = ids.get(&r.id.value) {
                d.at(
                    &src.name,
                    r.id.span,
                    format!("规则“{}”重复（已在 {other} 中声明）", r.id.value),
                );
                continue;
            }
            ids.insert(r.id.value.clone(), src.name.clone());
            let Some(jurisdiction) = r
                .jurisdiction
                .as_deref()
                .and_then(|j| set.jurisdiction_by_name(j))
            else {
                continue; // reported by the parser (no jurisdiction) or above (bad declaration)
            };
            let implicit;
            let versions: Vec<&ast::VersionDecl> = if r.versions.is_empty() {
                // A rule without `version` blocks is one version; its problems are reported at the rule's name.
                implicit = ast::VersionDecl {
                    from: None,
                    until: None,
                    body: ast::Statements::default(),
                    span: r.id.span,
                };
                vec![&implicit]
            } else {
                r.versions.iter().collect()
            };
            for stmt in &r.common.repeated {
                d.at(
                    &src.name,
                    stmt.span,
                    format!("“{}”在同一规则中写了两次：每种语句只能写一次", stmt.value),
                );
            }
            let mut built = Vec::new();
            for v in versions {
                if let Some(version) = build_version(&src.name, r, v, &set.vocabulary, d) {
                    built.push(version);
                }
            }
            check_overlaps(&src.name, &r.id.value, &built, d);
            for v in &built {
                check_citations_cover(&src.name, &r.id.value, v, d);
            }
            let source = src
                .text
                .get(r.span.start..r.span.end)
                .unwrap_or("")
                .to_owned();
            set.rules.push(Rule {
                id: r.id.value.clone(),
                title: r.title.clone(),
                jurisdiction,
                versions: built,
                file: src.name.clone(),
                source,
                span: r.id.span,
            });
        }
    }
}

fn build_version(
    file: &str,
    r: &ast::RuleDecl,
    v: &ast::VersionDecl,
    vocab: &Vocabulary,
    d: &mut Diags,
) -> Option<Version> {
    let (c, own) = (&r.common, &v.body);
    for stmt in &own.repeated {
        d.at(
            file,
            stmt.span,
            format!("“{}”在同一版本中写了两次：每种语句只能写一次", stmt.value),
        );
    }
    let from = v.from.as_ref().and_then(|s| parse_date(file, s, d));
    let until = v.until.as_ref().and_then(|s| parse_date(file, s, d));
    if let (Some(f), Some(u)) = (from, until) {
        if u < f {
            d.at(file, v.span, format!("版本的终止日期 {u} 早于起始日期 {f}"));
        }
    }
    let Some(cite) = own.cite.as_ref().or(c.cite.as_ref()) else {
        d.at(
            file,
            v.span,
            format!(
                "规则“{}”缺少法律依据（cite）：每条规则都必须注明出处",
                r.id.value
            ),
        );
        return None;
    };
    let severity = match own.severity.as_ref().or(c.severity.as_ref()) {
        Some(s) => Severity::parse(&s.value),
        None => {
            d.at(
                file,
                r.id.span,
                format!("规则“{}”缺少级别（severity：提示/整改/转办）", r.id.value),
            );
            None
        }
    }?;
    let Some(check) = own.check.as_ref().or(c.check.as_ref()) else {
        d.at(
            file,
            v.span,
            format!("规则“{}”没有检查内容（require 或 forbid）", r.id.value),
        );
        return None;
    };
    let check = build_check(file, check, vocab, d)?;
    let model = own.model.clone().or_else(|| c.model.clone());
    let provisional = own.provisional.clone().or_else(|| c.provisional.clone());
    if severity >= Severity::Rectify && provisional.is_none() && model.is_none() {
        if let Some(term) = check.term().filter(|t| vocab.model(*t).is_none()) {
            d.at(
                file,
                v.span,
                format!(
                    "规则“{}”缺少示范条款（model）：整改、转办规则须给出修改建议，可在规则中写 model \"…\"，或在词汇中为条目“{}”写 model",
                    r.id.value,
                    vocab.term_name(term)
                ),
            );
        }
    }
    let missing = match own.missing.as_ref().or(c.missing.as_ref()) {
        Some(m) => Severity::parse(&m.value).map_or(Missing::Ignore, Missing::Report),
        // A quantity the contract leaves out falls back on the law: worth a reminder. A commitment
        // that is mandatory and absent is as serious as one refused.
        None => match &check {
            Check::Commitment { .. } => Missing::Report(severity),
            Check::Bound { .. } => Missing::Report(Severity::Notice),
            Check::ForbidText { .. } => Missing::Ignore,
        },
    };
    let mut conditions = Vec::new();
    for w in own.when.iter().chain(c.when.iter()) {
        let Some(fact) = Fact::parse(&w.fact.value) else {
            d.at(
                file,
                w.fact.span,
                format!("“{}”不是合同事实（可用：{}）", w.fact.value, Fact::NAMES),
            );
            continue;
        };
        let (number, _unit) = split_number(&w.value.value);
        match (Op::parse(&w.op), parse_milli(number)) {
            (Some(op), Ok(milli)) => conditions.push(Condition {
                fact,
                op,
                milli,
                text: format!("{} {} {}", w.fact.value, w.op, w.value.value),
            }),
            _ => d.at(
                file,
                w.value.span,
                format!("条件数值“{}”无法识别", w.value.value),
            ),
        }
    }
    Some(Version {
        from,
        until,
        check,
        severity,
        missing,
        citation: build_citation(file, &cite.value, d),
        also: if own.cite.is_some() {
            &own.also
        } else {
            &c.also
        }
        .iter()
        .map(|a| build_citation(file, a, d))
        .collect(),
        provisional,
        conditions,
        model,
        message: own.message.clone().or_else(|| c.message.clone()),
        statute: own.statute.clone().or_else(|| c.statute.clone()),
        note: own.note.clone().or_else(|| c.note.clone()),
        span: check_span(own, c).unwrap_or(v.span),
    })
}

fn build_citation(file: &str, c: &ast::Cite, d: &mut Diags) -> Citation {
    let mut date =
        |s: &Option<ast::Spanned<String>>| s.as_ref().and_then(|s| parse_date(file, s, d));
    Citation {
        source: c.source.clone(),
        article: c.article.clone(),
        docno: c.docno.clone(),
        url: c.url.clone(),
        adopted: date(&c.adopted),
        effective: date(&c.effective),
        until: date(&c.until),
    }
}

/// Every day of a version must rest on some citation: dated citations may not leave a gap.
fn check_citations_cover(file: &str, id: &str, v: &Version, d: &mut Diags) {
    let mut days: Vec<NaiveDate> = v.from.into_iter().collect();
    if v.from.is_none() {
        days.push(NaiveDate::MIN);
    }
    for c in v.all_citations() {
        days.extend(c.effective);
        days.extend(c.until.and_then(|u| u.succ_opt()));
        if let (Some(e), Some(u)) = (c.effective, c.until) {
            if u < e {
                d.at(
                    file,
                    v.span,
                    format!(
                        "规则“{id}”的依据{}的终止日期 {u} 早于施行日期 {e}",
                        c.source
                    ),
                );
            }
        }
    }
    for day in days.into_iter().filter(|day| v.in_force_on(*day)) {
        if !v.all_citations().any(|c| c.in_force_on(day)) {
            d.at(
                file,
                v.span,
                format!("规则“{id}”在 {day} 没有有效的法律依据：各 cite 的施行期间须覆盖整个版本"),
            );
            break;
        }
    }
}

fn check_span(own: &ast::Statements, common: &ast::Statements) -> Option<Span> {
    own.check.as_ref().or(common.check.as_ref()).map(|c| c.span)
}

fn build_check(
    file: &str,
    check: &ast::Spanned<ast::CheckDecl>,
    vocab: &Vocabulary,
    d: &mut Diags,
) -> Option<Check> {
    match &check.value {
        ast::CheckDecl::Forbid { patterns } => {
            if patterns.iter().any(|p| p.trim_matches('*').is_empty()) {
                d.at(file, check.span, "禁止文字不能为空");
                return None;
            }
            Some(Check::ForbidText {
                patterns: patterns.clone(),
            })
        }
        ast::CheckDecl::Require {
            term: name,
            op,
            operand,
        } => {
            let Some(term) = vocab.term(&name.value) else {
                d.at(
                    file,
                    name.span,
                    format!("未知条目“{}”（见 rules/vocabulary.dixian）", name.value),
                );
                return None;
            };
            let kind = vocab.term_info(term).map(|t| t.kind.clone())?;
            let op = op.as_deref().and_then(Op::parse);
            match (kind, op, operand) {
                (TermKind::Commitment, None, None)
                | (
                    TermKind::Commitment,
                    Some(Op::Equals),
                    Some(ast::Spanned {
                        value: ast::Operand::YesNo(true),
                        ..
                    }),
                ) => Some(Check::Commitment { term }),
                (TermKind::Commitment, _, _) => {
                    d.at(
                        file,
                        check.span,
                        format!(
                            "“{}”是承诺条目：写作 require {} 或 require {} = 是",
                            name.value, name.value, name.value
                        ),
                    );
                    None
                }
                (
                    TermKind::Quantity(units),
                    Some(op @ (Op::AtLeast | Op::AtMost | Op::Above | Op::Below)),
                    Some(operand),
                ) => {
                    let value = match &operand.value {
                        ast::Operand::Quantity(text) => match parse_quantity(text, vocab) {
                            Ok(q) if vocab.accepts(&units, &q) => Operand::Quantity(q),
                            Ok(_) => {
                                let allowed = vocab.units_of(term).join("、");
                                d.at(
                                    file,
                                    operand.span,
                                    format!(
                                        "单位不符：“{}”的单位应为 {allowed}，却写了“{text}”",
                                        name.value
                                    ),
                                );
                                return None;
                            }
                            Err(e) => {
                                d.at(file, operand.span, e.message(text));
                                return None;
                            }
                        },
                        ast::Operand::Fact(f) => match Fact::parse(f) {
                            Some(fact) => Operand::Fact(fact),
                            None => {
                                d.at(
                                    file,
                                    operand.span,
                                    format!("“{f}”不是合同事实（可用：{}）", Fact::NAMES),
                                );
                                return None;
                            }
                        },
                        ast::Operand::YesNo(_) => {
                            d.at(
                                file,
                                operand.span,
                                format!("“{}”是数量条目，不能与 是/否 比较", name.value),
                            );
                            return None;
                        }
                    };
                    Some(Check::Bound { term, op, value })
                }
                (TermKind::Quantity(_), _, _) => {
                    d.at(
                        file,
                        check.span,
                        format!(
                            "“{}”是数量条目：写作 require {} >= 数量 或 <= 数量",
                            name.value, name.value
                        ),
                    );
                    None
                }
            }
        }
    }
}

fn overlaps(a: &Version, b: &Version) -> bool {
    let starts_before_end = |x: &Version, y: &Version| match (x.from, y.until) {
        (Some(f), Some(u)) => f <= u,
        _ => true,
    };
    starts_before_end(a, b) && starts_before_end(b, a)
}

fn check_overlaps(file: &str, id: &str, versions: &[Version], d: &mut Diags) {
    for (i, a) in versions.iter().enumerate() {
        for b in versions.iter().skip(i + 1) {
            if overlaps(a, b) {
                d.at(
                    file,
                    b.span,
                    format!("规则“{id}”的版本日期重叠：同一天不能有两个版本生效"),
                );
            }
        }
    }
}

/// Strictest floor, checked statically: no regional floor or ceiling may protect less than one of an
/// ancestor's over any shared day. Conditional and provisional parent figures bind nobody. Ancestors'
/// floors are looked up by (jurisdiction, term), so a large rule set costs near-linear time.
fn check_floors_against_parents(set: &RuleSet, d: &mut Diags) {
    let mut binding: HashMap<(JurisdictionId, TermId), Vec<(&Rule, &Version)>> = HashMap::new();
    for rule in &set.rules {
        for v in &rule.versions {
            if let Check::Bound {
                term,
                value: Operand::Quantity(_),
                ..
            } = &v.check
            {
                if v.provisional.is_none() && v.conditions.is_empty() {
                    binding
                        .entry((rule.jurisdiction, *term))
                        .or_default()
                        .push((rule, v));
                }
            }
        }
    }
    for rule in &set.rules {
        let chain = set.chain(rule.jurisdiction);
        for v in &rule.versions {
            let Check::Bound {
                term,
                op,
                value: Operand::Quantity(q),
            } = &v.check
            else {
                continue;
            };
            if !v.conditions.is_empty() {
                continue;
            }
            let ancestors = chain.iter().filter(|j| **j != rule.jurisdiction);
            for (parent_rule, pv) in ancestors
                .filter_map(|j| binding.get(&(*j, *term)))
                .flatten()
            {
                let Check::Bound {
                    op: pop,
                    value: Operand::Quantity(pq),
                    ..
                } = &pv.check
                else {
                    continue;
                };
                if pop != op || !overlaps(v, pv) {
                    continue;
                }
                // Weaker only when it is weaker whatever the calendar months.
                let Some((lo, hi)) = q.difference(pq, &set.vocabulary) else {
                    continue;
                };
                let weaker = if op.lower_protects() { lo > 0 } else { hi < 0 };
                if weaker {
                    let parent = set
                        .jurisdiction(parent_rule.jurisdiction)
                        .map_or("?", |j| j.name.as_str());
                    d.at(
                        &rule.file,
                        v.span,
                        format!(
                            "“{}”{} {} 不如上级辖区“{parent}”的规则“{}”（{} {}）有利于职工：地方标准只能提高，不能降低",
                            set.vocabulary.term_name(*term),
                            op.symbol(),
                            q.display(&set.vocabulary),
                            parent_rule.id,
                            op.symbol(),
                            pq.display(&set.vocabulary),
                        ),
                    );
                }
            }
        }
    }
}
