//! Fixing a YAML contract in place: each revised clause text replaces its scalar, each revised term
//! its value, and a term added goes into the clause's `terms` (block or flow, as written). Everything
//! else — comments, key order, the other clauses — stays as the person wrote it.

use super::{Change, Joiner, TextEdit, apply};
use crate::contract::{Clause, Contract, TermValue};
use crate::source::lines_around;
use crate::vocabulary::{TermId, Vocabulary};
use crate::yaml::quote;

/// The terms that words state, as a reader of the contract's text reads them (the importer's).
pub type Reader<'a> = dyn Fn(&str) -> Vec<(TermId, TermValue)> + 'a;

/// The YAML source with the changes made. A clause's terms follow its words: besides the term each
/// change sets, whatever else the new words state (`read`) and the clause does not yet, so the terms
/// say what the revised text says.
pub fn fix(
    contract: &Contract,
    changes: &[Change<'_>],
    vocab: &Vocabulary,
    read: &Reader<'_>,
) -> String {
    let src = contract.source.as_str();
    let mut edits = Vec::new();
    for (ci, clause) in contract.clauses.iter().enumerate() {
        let mine: Vec<&Change<'_>> = changes.iter().filter(|c| c.edit.clause == ci).collect();
        if mine.is_empty() {
            continue;
        }
        let mut joiner = Joiner::default();
        let text_edits: Vec<TextEdit> = mine
            .iter()
            .filter_map(|c| {
                let (start, end) = c.edit.range?;
                let with = joiner.words(c.edit, &clause.text, start);
                Some(TextEdit { start, end, with })
            })
            .collect();
        let has_text = clause.text_span != clause.id_span;
        if has_text && !text_edits.is_empty() {
            let mut sorted = text_edits;
            crate::sort::sort_by_key(&mut sorted, |e| (e.start, e.end));
            edits.push(TextEdit {
                start: clause.text_span.start,
                end: clause.text_span.end,
                with: quote(&apply(&clause.text, &sorted)),
            });
        }
        let mut added = Vec::new();
        let mut set: Vec<TermId> = clause.terms.iter().map(|st| st.term).collect();
        for c in &mine {
            let Some(t) = &c.edit.term else { continue };
            let value = quote(&t.value.written(vocab));
            match t.replaces.and_then(|i| clause.terms.get(i)) {
                Some(st) => edits.push(TextEdit {
                    start: st.span.start,
                    end: st.span.end,
                    with: value,
                }),
                None if !set.contains(&t.term) => {
                    set.push(t.term);
                    added.push(format!("{}: {value}", vocab.term_name(t.term)));
                }
                None => {}
            }
        }
        for c in &mine {
            for (term, value) in read(&c.edit.with) {
                if !set.contains(&term) {
                    set.push(term);
                    let value = quote(&value.written(vocab));
                    added.push(format!("{}: {value}", vocab.term_name(term)));
                }
            }
        }
        if !added.is_empty() {
            edits.extend(add_terms(src, clause, &added));
        }
    }
    crate::sort::sort_by_key(&mut edits, |e| (e.start, e.end));
    apply(src, &edits)
}

/// The indentation of a key on the line starting at `line_start` (past any `- ` of a list item).
fn key_indent(src: &str, line_start: usize) -> usize {
    src.get(line_start..)
        .unwrap_or("")
        .chars()
        .take_while(|&c| c == ' ' || c == '-')
        .count()
}

/// The insertion of `entries` (`产假: "158天"`) into the clause's terms, or a new `terms` key.
fn add_terms(src: &str, clause: &Clause, entries: &[String]) -> Option<TextEdit> {
    let next_char = |at: usize| {
        src.get(at..)
            .and_then(|s| s.trim_start_matches(' ').chars().next())
    };
    if let Some(last) = clause.terms.iter().max_by_key(|t| t.span.end) {
        let at = last.span.end;
        // Flow style: `{产假: 128天}` gets `, 卫生费: "30元/月"` after its last value.
        if matches!(next_char(at), Some(',' | '}')) {
            let with: String = entries.iter().map(|e| format!(", {e}")).collect();
            return Some(TextEdit {
                start: at,
                end: at,
                with,
            });
        }
        let (line_start, line_end) = lines_around(src, at, at);
        let indent = " ".repeat(key_indent(src, line_start));
        let with: String = entries.iter().map(|e| format!("\n{indent}{e}")).collect();
        return Some(TextEdit {
            start: line_end,
            end: line_end,
            with,
        });
    }
    // No terms yet: a `terms` key after the clause's last scalar (its text, else its id).
    let anchor = clause.text_span.end.max(clause.id_span.end);
    let key = if src.contains("约定:") || src.contains("内容:") {
        "约定"
    } else {
        "terms"
    };
    if matches!(next_char(anchor), Some(',' | '}')) {
        let inner = entries.join(", ");
        return Some(TextEdit {
            start: anchor,
            end: anchor,
            with: format!(", {key}: {{{inner}}}"),
        });
    }
    let (line_start, line_end) = lines_around(src, anchor, anchor);
    let indent = key_indent(src, line_start);
    let pad = " ".repeat(indent);
    let inner = " ".repeat(indent + 2);
    let body: String = entries.iter().map(|e| format!("\n{inner}{e}")).collect();
    Some(TextEdit {
        start: line_end,
        end: line_end,
        with: format!("\n{pad}{key}:{body}"),
    })
}
