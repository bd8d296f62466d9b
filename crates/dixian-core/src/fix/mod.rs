//! `dixian fix`: the suggestions of a report applied to the contract — to a YAML contract's clause
//! texts and terms ([`yaml`]), or to a document's plain text ([`text_edits`], which the importer maps
//! onto a `.txt` or, as tracked changes, a `.docx`). Each change keeps the finding it answers, so the
//! summary cites the basis of every change.

pub mod yaml;

use crate::contract::{Clause, Contract, TermValue};
use crate::numeral_style;
use crate::render::Lang;
use crate::report::{Finding, Report};
use crate::rules::Severity;
use crate::source::lines_around;
use crate::suggest::{self, Action, Edit};
use crate::vocabulary::Vocabulary;

/// Which findings a fix answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// 整改 and 转办: what the law requires (the default).
    #[default]
    Required,
    /// Also 提示: good practice and provisional figures, to negotiate.
    All,
}

impl Scope {
    fn covers(self, f: &Finding) -> bool {
        self == Scope::All || f.severity >= Severity::Rectify
    }
}

/// One change and the finding it answers (and any other finding the same change answers).
#[derive(Clone, Debug)]
pub struct Change<'r> {
    pub edit: &'r Edit,
    pub finding: &'r Finding,
    pub also: Vec<&'r Finding>,
}

/// The changes to make, in contract order: one per distinct edit, and none that overlaps an edit
/// already taken in the same clause (two findings on one sentence strike it once).
pub fn changes(report: &Report, scope: Scope) -> Vec<Change<'_>> {
    let mut out: Vec<Change<'_>> = Vec::new();
    for f in report.findings.iter().filter(|f| scope.covers(f)) {
        let Some(s) = &f.suggestion else { continue };
        let e = &s.edit;
        let clash = out.iter().position(|c| {
            let o = c.edit;
            o == e
                || says_the_inserted(o, e)
                || says_the_inserted(e, o)
                || (o.clause == e.clause
                    && (overlaps(o.range, e.range) || (e.term.is_some() && same_term(o, e))))
        });
        match clash {
            None => out.push(Change {
                edit: e,
                finding: f,
                also: Vec::new(),
            }),
            Some(i) => {
                if let Some(kept) = out.get_mut(i) {
                    if kept.edit == e || says_the_inserted(kept.edit, e) {
                        kept.also.push(f);
                    // Words put in place of unlawful or vague ones that say what an added clause
                    // would: the replacement answers both.
                    } else if says_the_inserted(e, kept.edit) {
                        let mut also = std::mem::take(&mut kept.also);
                        also.insert(0, kept.finding);
                        *kept = Change {
                            edit: e,
                            finding: f,
                            also,
                        };
                    // Two floors on one figure (a rule's versions over the term): the more
                    // protective wins.
                    } else if same_term(kept.edit, e) && more_protective(e, kept.edit, f) {
                        *kept = Change {
                            edit: e,
                            finding: f,
                            also: Vec::new(),
                        };
                    }
                }
            }
        }
    }
    crate::sort::sort_by_key(&mut out, |c| (c.edit.clause, c.edit.range.map(|r| r.0)));
    out
}

/// Whether `a` puts in the very model clause that the insertion `b` adds (the same model clause
/// once, whether added or put in place of vague or unlawful words).
fn says_the_inserted(a: &Edit, b: &Edit) -> bool {
    b.action == Action::Insert && !b.with.is_empty() && a.with.contains(b.with.as_str())
}

fn same_term(a: &Edit, b: &Edit) -> bool {
    let term = |e: &Edit| e.term.as_ref().map(|t| (t.term, t.replaces));
    term(a).is_some() && term(a) == term(b)
}

/// Whether `e` sets its figure further on the protective side than `kept` (higher for a floor, lower
/// for a ceiling).
fn more_protective(e: &Edit, kept: &Edit, f: &Finding) -> bool {
    let figure = |e: &Edit| match e.term.as_ref().map(|t| t.value) {
        Some(crate::contract::TermValue::Quantity(q)) => Some(q.milli),
        _ => None,
    };
    let ceiling = f.expected.starts_with(['≤', '<']);
    match (figure(e), figure(kept)) {
        (Some(a), Some(b)) => (a > b) != ceiling && a != b,
        _ => false,
    }
}

/// Whether two ranges of one clause text share a character (insertions at one point do not clash).
fn overlaps(a: Option<(usize, usize)>, b: Option<(usize, usize)>) -> bool {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => a0 < b1 && b0 < a1,
        _ => false,
    }
}

/// A replacement in the contract's source text: bytes `start..end` become `with`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub start: usize,
    pub end: usize,
    pub with: String,
}

/// The changes as edits of a document's plain text (the contract's source, for a contract read by
/// the importer, whose clause texts are slices of it), in order. A model clause inserted after a
/// clause that ends its line becomes a line (a paragraph) of its own, indented as the clause is;
/// after a clause that runs on in its line it joins the clause's words.
pub fn text_edits(contract: &Contract, changes: &[Change<'_>]) -> Vec<TextEdit> {
    text_edits_of(contract, changes)
        .into_iter()
        .map(|(_, e)| e)
        .collect()
}

/// As [`text_edits`], each with the index of the change it makes.
pub fn text_edits_of(contract: &Contract, changes: &[Change<'_>]) -> Vec<(usize, TextEdit)> {
    let src = contract.source.as_str();
    let mut joiner = Joiner::default();
    let mut edits: Vec<(usize, TextEdit)> = changes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let clause = contract.clauses.get(c.edit.clause)?;
            let (s, e) = c.edit.range?;
            let base = clause.text_span.start;
            let (start, end) = (base + s, base + e);
            src.get(start..end)
                .filter(|words| clause.text.get(s..e) == Some(*words))?;
            let (_, line_end) = lines_around(src, start, start);
            let own_line = src.get(start..line_end)?.trim().is_empty();
            if c.edit.action != Action::Insert || !own_line {
                let with = joiner.words(c.edit, &clause.text, start);
                return Some((i, TextEdit { start, end, with }));
            }
            let (line_start, _) = lines_around(src, base, base);
            let indent = src
                .get(line_start..base)
                .filter(|i| i.trim().is_empty())
                .unwrap_or("");
            let with = format!("\n{indent}{}", c.edit.with);
            Some((
                i,
                TextEdit {
                    start: line_end,
                    end: line_end,
                    with,
                },
            ))
        })
        .collect();
    crate::sort::sort_by_key(&mut edits, |(_, e)| (e.start, e.end));
    edits
}

/// Which of the edits (sorted, as [`text_edits`] gives them) [`apply`] makes: all but one that
/// overlaps an edit before it.
pub fn applied(edits: &[TextEdit]) -> Vec<usize> {
    let mut copied = 0;
    let mut out = Vec::new();
    for (i, e) in edits.iter().enumerate() {
        if e.start >= copied {
            out.push(i);
            copied = e.end;
        }
    }
    out
}

/// The words of the edits of one text as they join it: an inserted model clause completes the
/// clause's sentence first ([`Edit::inline`]); a second insertion at the same point follows the first,
/// which already did.
#[derive(Default)]
struct Joiner {
    inserted_at: Vec<usize>,
}

impl Joiner {
    fn words(&mut self, edit: &Edit, text: &str, point: usize) -> String {
        let after_another = self.inserted_at.contains(&point);
        if edit.action == Action::Insert {
            self.inserted_at.push(point);
        }
        if after_another {
            edit.with.clone()
        } else {
            edit.inline(text)
        }
    }
}

/// `text` with the edits applied (sorted, not overlapping, as [`text_edits`] gives them).
pub fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut copied = 0;
    for e in edits {
        if e.start < copied {
            continue;
        }
        out.push_str(text.get(copied..e.start).unwrap_or(""));
        out.push_str(&e.with);
        copied = e.end;
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

/// What was changed and on what basis, as a revision note (修订说明) states it: each change in the
/// words of a revised contract (将第一条中的“…”修改为“…”, 在第三条之后增加：“…”), the finding it
/// answers as its reason, and the law it rests on; a change the law does not require is marked as one
/// to negotiate.
pub fn summary(
    contract: &Contract,
    changes: &[Change<'_>],
    vocab: &Vocabulary,
    lang: Lang,
) -> String {
    summary_of(&summary_entries(contract, changes, vocab, lang), lang)
}

/// The 修订说明 of the entries given (one per change made, as [`summary_entries`] words them),
/// numbered 一、二、….
pub fn summary_of(entries: &[String], lang: Lang) -> String {
    if entries.is_empty() {
        return match lang {
            Lang::Zh => "无需修改：合同中没有可依据规定直接修改的问题。\n",
            Lang::En => "Nothing to change: no finding of the contract calls for a revision.\n",
        }
        .to_owned();
    }
    let mut out = match lang {
        Lang::Zh => format!("修订说明（共修改{}处）\n", entries.len()),
        Lang::En => format!("Revisions ({} changes)\n", entries.len()),
    };
    for (i, entry) in entries.iter().enumerate() {
        out.push_str(&match lang {
            Lang::Zh => {
                let n = numeral_style::write(
                    i64::try_from(i + 1).unwrap_or(0) * 1000,
                    numeral_style::Style::Chinese,
                );
                format!("{n}、{entry}")
            }
            Lang::En => format!("{}. {entry}", i + 1),
        });
    }
    out
}

/// Each change as the 修订说明 states it, without its number: what changed, 理由, 依据.
pub fn summary_entries(
    contract: &Contract,
    changes: &[Change<'_>],
    vocab: &Vocabulary,
    lang: Lang,
) -> Vec<String> {
    changes
        .iter()
        .map(|c| {
            let Some(clause) = contract.clauses.get(c.edit.clause) else {
                return String::new();
            };
            let findings: Vec<&Finding> = std::iter::once(c.finding)
                .chain(c.also.iter().copied())
                .collect();
            let mut what = described(clause, c.edit, vocab, lang);
            // A quotation that closes its own sentence (…。”) is not followed by another full stop.
            if !what.ends_with("。”") {
                what.push(if lang == Lang::Zh { '。' } else { '.' });
            }
            let negotiate = c.finding.suggestion.as_ref().is_some_and(|s| s.negotiate);
            let stop = if lang == Lang::Zh { "。" } else { ". " };
            let message: String = findings
                .iter()
                .map(|f| format!("{}{stop}", f.message.trim_end_matches(['。', '.'])))
                .collect();
            let message = message.trim_end();
            // A drafting note in place of a statute (无（起草提示…）) only where there is no statute.
            let statutes: Vec<String> = findings
                .iter()
                .map(|f| f.citation.clone())
                .filter(|c| !c.starts_with('无'))
                .collect();
            let citation = if statutes.is_empty() {
                c.finding.citation.clone()
            } else {
                crate::render::words::join_citations(statutes)
            };
            match lang {
                Lang::Zh => {
                    let tail = if negotiate {
                        "此项并非法定要求，建议双方协商。"
                    } else {
                        ""
                    };
                    format!("{what}\n    理由：{message}{tail}\n    依据：{citation}\n")
                }
                Lang::En => {
                    let tail = if negotiate {
                        " Not required by law: to be negotiated."
                    } else {
                        ""
                    };
                    format!("{what}\n    Reason: {message}{tail}\n    Basis: {citation}\n")
                }
            }
        })
        .collect()
}

/// A change as a revision note words it.
fn described(clause: &Clause, edit: &Edit, vocab: &Vocabulary, lang: Lang) -> String {
    let named = suggest::clause_named(&clause.id);
    let text = clause.text.as_str();
    let Some((s, e)) = edit.range else {
        // A YAML contract whose terms alone state the figure.
        let Some(t) = edit.term.as_ref() else {
            return named;
        };
        let label = vocab.term_label(t.term);
        return match (lang, t.value) {
            (Lang::Zh, TermValue::Quantity(q)) => {
                format!("将{named}约定的{label}修改为{}", suggest::spoken(q, vocab))
            }
            (Lang::Zh, TermValue::Commitment(_)) => format!("在{named}中约定{label}"),
            (Lang::En, TermValue::Quantity(q)) => {
                format!(
                    "Set {label} in {} to {}",
                    clause.id,
                    suggest::spoken(q, vocab)
                )
            }
            (Lang::En, TermValue::Commitment(_)) => format!("Stated {label} in {}", clause.id),
        };
    };
    if edit.action == Action::Insert {
        let words = edit.with.trim_end_matches(['。', '.']);
        return match lang {
            Lang::Zh => format!("在{named}之后增加：“{words}。”"),
            Lang::En => format!("Added after {}: “{words}。”", clause.id),
        };
    }
    if edit.with.ends_with(suggest::STRUCK_OUT) {
        return match lang {
            Lang::Zh => format!("删除{named}全文"),
            Lang::En => format!("Deleted {} entirely", clause.id),
        };
    }
    let (from, to) = phrase(clause, s, e);
    let old = text.get(from..to).unwrap_or("").trim();
    if edit.with.is_empty() {
        return match lang {
            Lang::Zh => format!("删除{named}中的“{old}”"),
            Lang::En => format!("Deleted “{old}” from {}", clause.id),
        };
    }
    let new = format!(
        "{}{}{}",
        text.get(from..s).unwrap_or(""),
        edit.with,
        text.get(e..to).unwrap_or("")
    );
    let new = new.trim();
    match lang {
        Lang::Zh => format!("将{named}中的“{old}”修改为“{new}”"),
        Lang::En => format!("Changed “{old}” in {} to “{new}”", clause.id),
    }
}

/// The words around `s..e` of a clause's text out to the nearest marks of punctuation (or just the
/// changed words, when they are whole sentences), after the clause's own label: 产假128天 rather
/// than 128.
fn phrase(clause: &Clause, s: usize, e: usize) -> (usize, usize) {
    const MARKS: [char; 10] = ['，', '。', '；', '：', '、', '！', '？', '\n', ',', ';'];
    let text = clause.text.as_str();
    let after_mark = |i: usize| {
        text.get(..i)
            .and_then(|t| t.chars().next_back())
            .is_none_or(|c| MARKS.contains(&c))
    };
    let from = if after_mark(s) {
        s
    } else {
        text.get(..s)
            .and_then(|t| {
                let i = t.rfind(MARKS)?;
                Some(i + t.get(i..)?.chars().next()?.len_utf8())
            })
            .unwrap_or(0)
    };
    let to = if e > s && after_mark(e) {
        e
    } else {
        text.get(e..)
            .and_then(|t| t.find(MARKS))
            .map_or(text.len(), |i| e + i)
    };
    (from.max(suggest::label_end(clause).min(s)), to)
}
