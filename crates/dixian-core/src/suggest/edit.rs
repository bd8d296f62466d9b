//! Edits of one clause's text: a figure raised, a sentence replaced or struck out, a model clause
//! appended. Offsets are bytes in the clause's text; `fix` maps them onto the document.

use super::{Action, Place, Suggestion, spoken_in};
use crate::contract::{Contract, TermValue};
use crate::numeral_style::{self as numeral, Style};
use crate::quantity::Quantity;
use crate::vocabulary::{TermId, Vocabulary};

/// What a suggestion changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub action: Action,
    /// Index of the clause in the contract.
    pub clause: usize,
    /// Byte range of the clause text replaced by `with` (empty for an insertion); `None` when the
    /// clause text does not state the figure (a YAML contract whose `terms` alone say it).
    pub range: Option<(usize, usize)>,
    pub with: String,
    /// The stated term this sets, for contracts whose terms are written apart from the text (YAML).
    pub term: Option<TermChange>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermChange {
    pub term: TermId,
    pub value: TermValue,
    /// Which statement of the clause it replaces; `None` adds one.
    pub replaces: Option<usize>,
}

const SENTENCE_ENDS: [char; 5] = ['。', '；', '！', '？', '\n'];

/// The contract the suggestions are drafted for, with the style of its figures read once: every
/// suggestion writes its figures in that style, and reading it takes the whole contract, so read for
/// each suggestion a contract of thousands of clauses took minutes (quadratic).
pub(super) struct Drafting<'c> {
    contract: &'c Contract,
    style: std::cell::OnceCell<Style>,
}

impl<'c> Drafting<'c> {
    pub(super) fn new(contract: &'c Contract) -> Self {
        Drafting {
            contract,
            style: std::cell::OnceCell::new(),
        }
    }
}

impl std::ops::Deref for Drafting<'_> {
    type Target = Contract;
    fn deref(&self) -> &Contract {
        self.contract
    }
}

impl Edit {
    /// The clause's text after the edit.
    pub fn revised(&self, text: &str) -> String {
        match self.range {
            Some((s, e)) => format!(
                "{}{}{}",
                text.get(..s).unwrap_or(""),
                self.inline(text),
                text.get(e..).unwrap_or("")
            ),
            None => text.to_owned(),
        }
    }

    /// The new words as they join the clause's own sentence: an inserted model clause after words
    /// that do not close their sentence starts with 。. (A document that has room for a paragraph of
    /// its own gets the model clause there instead; see `fix::text_edits`.)
    pub fn inline(&self, text: &str) -> String {
        let before = self
            .range
            .and_then(|(s, _)| text.get(..s))
            .unwrap_or(text)
            .trim_end();
        let closed = before
            .chars()
            .next_back()
            .is_none_or(|c| SENTENCE_ENDS.contains(&c));
        if self.action == Action::Insert && !closed {
            format!("。{}", self.with)
        } else {
            self.with.clone()
        }
    }

    pub(super) fn into_suggestion(self, contract: &Contract, negotiate: bool) -> Suggestion {
        let clause = contract.clauses.get(self.clause);
        let text = match (self.action, clause) {
            (Action::Insert, _) => self.with.clone(),
            (_, Some(c)) => self.revised(&c.text),
            (_, None) => String::new(),
        };
        Suggestion {
            clause: clause.map(|c| c.id.clone()).unwrap_or_default(),
            action: self.action,
            text,
            span: clause.and_then(|c| self.place(contract, c)),
            negotiate,
            edit: self,
        }
    }

    /// Where the edited words are in the source, when the clause text appears there as it reads.
    fn place(&self, contract: &Contract, clause: &crate::contract::Clause) -> Option<Place> {
        let (s, e) = self.range?;
        let ts = clause.text_span;
        let raw = contract.source.get(ts.start..ts.end)?;
        let offset = raw.find(clause.text.as_str())?;
        let span = ts.advance(raw, offset + s, e.saturating_sub(s));
        Some(Place {
            line: span.line,
            column: span.column,
            start: span.start,
            end: span.end,
        })
    }
}

/// The statement `ti` of clause `ci` set to `value`, its words (`range` of the clause text, when the
/// text states it) replaced by `with`: a figure raised, a refused commitment made.
fn restate(
    contract: &Contract,
    ci: usize,
    ti: usize,
    value: TermValue,
    range: Option<(usize, usize)>,
    with: String,
) -> Edit {
    let term = contract
        .clauses
        .get(ci)
        .and_then(|c| c.terms.get(ti))
        .map(|st| TermChange {
            term: st.term,
            value,
            replaces: Some(ti),
        });
    Edit {
        action: Action::Replace,
        clause: ci,
        range,
        with,
        term,
    }
}

/// The byte range within the clause text of a stated term whose words lie in that text.
fn stated_range(contract: &Contract, ci: usize, ti: usize) -> Option<(usize, usize)> {
    let c = contract.clauses.get(ci)?;
    let st = c.terms.get(ti)?;
    let ts = c.text_span;
    let inside = st.span.start >= ts.start && st.span.end <= ts.end && st.span.end > st.span.start;
    if !inside {
        return None;
    }
    let range = (st.span.start - ts.start, st.span.end - ts.start);
    (c.text.get(range.0..range.1) == Some(st.written.as_str())).then_some(range)
}

/// The numeral runs in `text[range]`, as byte ranges of `text`.
fn numeral_runs(text: &str, (from, to): (usize, usize)) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.get(from..to).unwrap_or("").char_indices() {
        match (numeral::is_numeral(c), open) {
            (true, None) => open = Some(from + i),
            (false, Some(s)) => {
                runs.push((s, from + i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        runs.push((s, to));
    }
    runs.retain(|&(s, e)| text.get(s..e).is_some_and(|r| r != "."));
    runs
}

/// Where the clause text has the words that state a term (7天, not the 7 of 怀孕7个月), starting
/// with a whole figure; `None` when they are not there or not only once.
fn find_words(text: &str, written: &str) -> Option<(usize, usize)> {
    if written.is_empty() {
        return None;
    }
    let mut found = text
        .match_indices(written)
        .map(|(i, m)| (i, i + m.len()))
        .filter(|&(s, _)| {
            let before = text.get(..s).and_then(|t| t.chars().next_back());
            !before.is_some_and(numeral::is_numeral)
        });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// Where the clause text writes `milli` as a whole figure (not part of a longer one), when it does
/// so only once.
fn find_figure(text: &str, milli: i64) -> Option<(usize, usize)> {
    [Style::Arabic, Style::FullWidth, Style::Chinese]
        .into_iter()
        .find_map(|style| {
            let needle = numeral::write(milli, style);
            let mut whole = text
                .match_indices(needle.as_str())
                .map(|(i, m)| (i, i + m.len()))
                .filter(|&(s, e)| {
                    let before = text.get(..s).and_then(|t| t.chars().next_back());
                    let after = text.get(e..).and_then(|t| t.chars().next());
                    !before.is_some_and(numeral::is_numeral)
                        && !after.is_some_and(numeral::is_numeral)
                });
            let first = whole.next()?;
            whole.next().is_none().then_some(first)
        })
}

/// The stated figure raised (or lowered, for a ceiling) to `new`, written as the clause writes it.
/// In an addition phrase (在98天基础上增加30天, or 在国家规定产假的基础上增加三十天 whose base is
/// only named) the addition changes, so the phrase still adds up; a figure in another unit or per
/// time (每次十五分钟) is scaled; words that cannot be read so are written anew in the style of
/// their own figure (半小时 → 一小时), else of the contract's.
pub(super) fn raise_figure(
    contract: &Drafting<'_>,
    ci: usize,
    ti: usize,
    old: Quantity,
    new: Quantity,
    vocab: &Vocabulary,
) -> Edit {
    let text = contract.clauses.get(ci).map_or("", |c| c.text.as_str());
    let written = contract
        .clauses
        .get(ci)
        .and_then(|c| c.terms.get(ti))
        .map_or("", |st| st.written.as_str());
    let words = stated_range(contract, ci, ti)
        .or_else(|| find_words(text, written))
        .or_else(|| find_figure(text, old.milli));
    let (range, with) = match words {
        None => (None, String::new()),
        Some(words) => {
            let (range, with) = rewritten(text, words, old, new).unwrap_or_else(|| {
                let style = text
                    .get(words.0..words.1)
                    .and_then(numeral::written_style)
                    .unwrap_or_else(|| contract_style(contract));
                (words, spoken_in(new, vocab, style))
            });
            (Some(range), with)
        }
    };
    restate(contract, ci, ti, TermValue::Quantity(new), range, with)
}

/// The figure in the stated `words` of `text` that carries the change from `old` to `new`, and
/// what it becomes in its own style; `None` when no one figure does (the words are then written
/// anew).
fn rewritten(
    text: &str,
    words: (usize, usize),
    old: Quantity,
    new: Quantity,
) -> Option<((usize, usize), String)> {
    // Another unit (十五天 raised to 一个月): the words are written anew.
    if old.unit != new.unit {
        return None;
    }
    let runs = numeral_runs(text, words);
    let read = |r: &(usize, usize)| text.get(r.0..r.1).and_then(numeral::read);
    let becomes = |run: (usize, usize), to: i64| {
        (
            run,
            numeral::write(to, numeral::style_of(text.get(run.0..run.1).unwrap_or(""))),
        )
    };
    if old.months != 0 || new.months != 0 {
        // Days and calendar months (九十八天，另增加产假一个月): the figure of the part that
        // changes, when one part alone does.
        let (from, to) = match (old.months == new.months, old.milli == new.milli) {
            (false, true) => (old.months, new.months),
            (true, false) => (old.milli, new.milli),
            _ => return None,
        };
        let run = runs.iter().rev().find(|r| read(r) == Some(from))?;
        return Some(becomes(*run, to));
    }
    let last = *runs.last()?;
    let last_read = read(&last)?;
    // What the other parts of an addition add up to: the figures written before the last
    // (在98天基础上增加30天), or the base the words only name (在国家规定产假的基础上延长产假三十天
    // states 128天: the base is 98天).
    let others = old.milli - last_read;
    if others == 0 {
        return Some(breakdown(text, words, old, new).unwrap_or_else(|| becomes(last, new.milli)));
    }
    if others > 0 && new.milli > others {
        return Some(becomes(last, new.milli - others));
    }
    // A last figure larger than the whole counts it in another unit or per time (三十分钟 of
    // 0.5小时, 每次十五分钟 of 两次, 每季度九十元 of 30元/月): it is scaled as the value is. A value
    // read in thousandths may be rounded (两次，每次二十分钟 is 0.666小时): a scaled figure within
    // that rounding of a whole number is the whole number (每次三十分钟, not 30.03); another is
    // taken to the whole number on the protective side.
    if others < 0 && old.milli > 0 {
        // In i64 (a figure past 9·10^18 thousandths is no contract's): 128-bit division would
        // weigh on the browser module.
        let product = last_read.checked_mul(new.milli)?;
        let whole = old.milli;
        let exact = product / whole;
        let nearest = (exact + 500) / 1000 * 1000;
        // The rounding of `old` (at most one thousandth) moves the figure by at most this much.
        let slack = product / whole.saturating_mul(whole - 1).max(1) + 1;
        let scaled = if product % whole == 0 {
            exact
        } else if (exact - nearest).abs() <= slack {
            nearest
        } else if new.milli > old.milli {
            (exact / 1000 + 1) * 1000
        } else {
            exact / 1000 * 1000
        };
        return Some(becomes(last, scaled));
    }
    None
}

/// A total followed by its parts in brackets (128天（含国家规定的98天产假和30天生育假）): the total
/// and the last part both changed, so the parts still add up (158天（含国家规定的98天产假和60天生育假）).
/// `None` when no bracket follows or its figures do not add up to the total (（含产前假15天） is one
/// part, not the whole).
fn breakdown(
    text: &str,
    words: (usize, usize),
    old: Quantity,
    new: Quantity,
) -> Option<((usize, usize), String)> {
    let rest = text.get(words.1..)?;
    let open = rest.len() - rest.trim_start().len();
    let inner = rest.get(open..)?.strip_prefix(['（', '('])?;
    let inner_start = words.1 + (rest.len() - inner.len());
    let inner_end = inner_start + inner.find(['）', ')'])?;
    let parts = numeral_runs(text, (inner_start, inner_end));
    let read = |r: &(usize, usize)| text.get(r.0..r.1).and_then(numeral::read);
    let values: Vec<i64> = parts.iter().map(read).collect::<Option<_>>()?;
    let (&last, last_value) = (parts.last()?, *values.last()?);
    let raised = last_value + (new.milli - old.milli);
    if parts.len() < 2 || values.iter().sum::<i64>() != old.milli || raised <= 0 {
        return None;
    }
    let total = numeral_runs(text, words)
        .into_iter()
        .rev()
        .find(|r| read(r) == Some(old.milli))?;
    let style = |r: (usize, usize)| numeral::style_of(text.get(r.0..r.1).unwrap_or(""));
    Some((
        (total.0, last.1),
        format!(
            "{}{}{}",
            numeral::write(new.milli, style(total)),
            text.get(total.1..last.0)?,
            numeral::write(raised, style(last))
        ),
    ))
}

/// The style the contract writes its quantities in (see [`numeral::prevailing`]).
fn contract_style(contract: &Drafting<'_>) -> Style {
    *contract
        .style
        .get_or_init(|| numeral::prevailing(contract.clauses.iter().map(|c| c.text.as_str())))
}

/// The style a model clause's figures take: Chinese numerals in a contract that writes its
/// quantities so (一周岁, 十五天); else the rule data's Arabic digits (full-width digits are a
/// typing habit, not a drafting style).
fn model_style(contract: &Drafting<'_>) -> Style {
    match contract_style(contract) {
        Style::Chinese => Style::Chinese,
        Style::Arabic | Style::FullWidth => Style::Arabic,
    }
}

/// Where the clause's own label (第八条) ends in its text, when the text starts with it.
pub(crate) fn label_end(c: &crate::contract::Clause) -> usize {
    if c.id_span.start >= c.text_span.start && c.id_span.end <= c.text_span.end {
        c.id_span.end - c.text_span.start
    } else {
        0
    }
}

/// The byte range of the sentence around `at` in the clause text, after the clause's own label
/// (第八条) and with its closing mark.
fn sentence_around(contract: &Contract, ci: usize, at: (usize, usize)) -> Option<(usize, usize)> {
    let c = contract.clauses.get(ci)?;
    let text = c.text.as_str();
    let label_end = label_end(c);
    let mut start = text
        .get(..at.0)?
        .rfind(SENTENCE_ENDS)
        .map_or(0, |i| {
            i + text
                .get(i..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8)
        })
        .max(label_end.min(at.0));
    while let Some(ch) = text.get(start..at.0).and_then(|t| t.chars().next()) {
        if !ch.is_whitespace() && !"】)）:：、．.".contains(ch) {
            break;
        }
        start += ch.len_utf8();
    }
    let end = text
        .get(at.1..)?
        .find(SENTENCE_ENDS)
        .map_or(text.len(), |i| {
            let close = text.get(at.1 + i..).and_then(|t| t.chars().next());
            at.1 + i + close.filter(|&c| c != '\n').map_or(0, char::len_utf8)
        });
    Some((start, end))
}

/// A refused commitment: its sentence replaced by the model clause (or the model clause added at the
/// clause's end, when the text does not state the refusal).
pub(super) fn replace_sentence(contract: &Drafting<'_>, ci: usize, ti: usize, model: &str) -> Edit {
    let text_len = contract.clauses.get(ci).map_or(0, |c| c.text.len());
    let range = stated_range(contract, ci, ti)
        .and_then(|r| sentence_around(contract, ci, r))
        .unwrap_or((text_len, text_len));
    let value = TermValue::Commitment(true);
    let model = numeral::restyle(model, model_style(contract));
    restate(contract, ci, ti, value, Some(range), model)
}

/// Unlawful words: their sentence struck out, or replaced by the rule's lawful wording.
pub(super) fn strike_words(
    contract: &Drafting<'_>,
    ci: usize,
    words: &str,
    replacement: Option<String>,
) -> Option<Edit> {
    let text = contract.clauses.get(ci)?.text.as_str();
    let at = text.find(words)?;
    let range = sentence_around(contract, ci, (at, at + words.len()))?;
    let c = contract.clauses.get(ci)?;
    let label_end = label_end(c);
    let rest = format!(
        "{}{}",
        text.get(label_end.min(range.0)..range.0).unwrap_or(""),
        text.get(range.1..).unwrap_or("")
    );
    let (action, with) = match replacement {
        Some(r) => (Action::Replace, numeral::restyle(&r, model_style(contract))),
        // Nothing left of the clause: say so, as a revised contract marks a struck-out article.
        None if rest.trim().is_empty() => (Action::Delete, super::STRUCK_OUT.to_owned()),
        None => (Action::Delete, String::new()),
    };
    Some(Edit {
        action,
        clause: ci,
        range: Some(range),
        with,
        term: None,
    })
}

/// A missing term: its model clause inserted after the clause [`super::place::anchor`] chooses, as
/// a paragraph of its own where the document allows (see [`Edit::inline`] for where it cannot).
pub(super) fn insert_model(
    contract: &Drafting<'_>,
    vocab: &Vocabulary,
    term: TermId,
    model: &str,
    value: TermValue,
) -> Option<Edit> {
    let ci = super::place::anchor(contract, vocab, term)?;
    let end = contract.clauses.get(ci)?.text.trim_end().len();
    Some(Edit {
        action: Action::Insert,
        clause: ci,
        range: Some((end, end)),
        with: numeral::restyle(model, model_style(contract)),
        term: Some(TermChange {
            term,
            value,
            replaces: None,
        }),
    })
}
