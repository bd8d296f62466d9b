//! The JSON-shaped review of an imported document that every embedder shares (the browser page, and any HTTP or Python binding):
//! a document's bytes in, the contract form a person reviews and what `check` finds in it out, in the
//! `{type: "success" | "failure"}` answers of [`dixian_core::api`].
//!
//! The reviewable [`Form`] is plain data: the header (region, signing date, term …), each clause's
//! place in the document and the terms read from it. A person corrects it — changes a value, adds a
//! term the reading missed, deletes a wrong one — and [`check_form`] checks the corrected form against
//! the same document text, so every finding still points at the document's own words. All offsets a
//! caller sees are UTF-16 code units into that text (what a JavaScript string indexes).

use crate::{Imported, Note, Overrides, VagueClause, format_of};
use dixian_core::LoadError;
use dixian_core::api::{Answer, CheckOptions, Checked, TextRange, utf16};
use dixian_core::contract::{Clause, Contract, ContractTerm, StatedTerm, TermValue, Workforce};
use dixian_core::render::letter::{self, LetterKind};
use dixian_core::rules::RuleSet;
use dixian_core::source::{LineIndex, Span};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub use crate::decode::Decoder;

/// What the caller knows better than the text (each replaces what was read), and how to check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportOptions {
    /// The document's file name: its extension (.docx, .txt) says how to read it.
    pub filename: String,
    pub region: Option<String>,
    /// Signing date, `YYYY-MM-DD`.
    pub signed: Option<String>,
    pub term: Option<Window>,
}

/// A contract term, `YYYY-MM-DD` to `YYYY-MM-DD`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub start: String,
    pub end: String,
}

/// The contract as read, in the shape a reviewer corrects.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Form {
    pub file: String,
    /// The encoding a text file was read in (UTF-8, GBK …), or "docx".
    pub encoding: String,
    pub title: Option<String>,
    pub region: String,
    /// Where the text names the region; `None` when it was given rather than read.
    pub region_at: Option<TextRange>,
    pub signed: Option<String>,
    pub term: Window,
    pub workforce_total: Option<u32>,
    pub workforce_women: Option<u32>,
    /// The text states no term: it is checked on one date.
    pub no_term: bool,
    /// Notes on the whole contract (region read from a statute, no term …).
    pub notes: Vec<String>,
    pub clauses: Vec<FormClause>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FormClause {
    pub id: String,
    pub topic: Option<String>,
    /// The clause's label (第六条) and its text in the document.
    pub label_at: Option<TextRange>,
    pub text_at: Option<TextRange>,
    pub terms: Vec<FormTerm>,
    /// Topics the clause names without a checkable promise, and the words that say so.
    pub vague: Vec<FormVague>,
    /// Sentences that take some women out of the contract's protection.
    pub exclusions: Vec<FormVague>,
    /// What the reviewer should check in this clause's reading.
    pub notes: Vec<String>,
}

/// One term: its vocabulary name, its value as written in the form (`158天`, `是`), and the document's
/// words it was read from (none when the reviewer added it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FormTerm {
    pub term: String,
    /// The term as a person in the contract's region reads it (湖北: 护理假 for 陪产假), for display;
    /// `term` is what is read back.
    pub label: String,
    pub value: String,
    pub words: String,
    pub at: Option<TextRange>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FormVague {
    pub topic: String,
    pub words: String,
    pub at: Option<TextRange>,
}

/// A document read and checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportedDocument {
    /// The document's plain text: every `at` and every location points into it.
    pub text: String,
    pub form: Form,
    #[serde(flatten)]
    pub checked: FormChecked,
}

/// A form checked: the YAML `dixian check` reads to the same findings, and the check itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FormChecked {
    pub yaml: String,
    #[serde(flatten)]
    pub checked: Checked,
}

/// A draft letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Letter {
    /// 提示函, 工会女职工劳动保护监督整改意见书 or 工会女职工劳动保护监督处理建议书.
    pub kind: String,
    /// The letter in Markdown, as `dixian letter` prints it.
    pub text: String,
}

/// Reads a document (`.docx` or `.txt`, told by `options.filename`) and checks it, as `dixian import`
/// and `dixian check` do. `decoder` turns legacy encodings into text (see [`crate::decode`]).
pub fn import_document(
    set: &RuleSet,
    bytes: &[u8],
    options: &ImportOptions,
    decoder: Decoder<'_>,
) -> Answer<ImportedDocument> {
    let run = || -> Result<ImportedDocument, LoadError> {
        let file = file_name(&options.filename);
        if let Some(why) = crate::api::unreadable_format(&file) {
            return Err(LoadError::one(&file, 1, 1, why));
        }
        let format = format_of(Path::new(&file))
            .ok_or_else(|| LoadError::one(&file, 1, 1, "只能导入 .docx 或 .txt 文件"))?;
        let overrides = overrides(&file, options)?;
        let (text, encoding) = crate::document_text_with(&file, bytes, format, decoder)?;
        let imported = crate::import_decoded(&file, &text, encoding, set, &overrides)?;
        let form = to_form(&imported, set);
        let checked = checked(
            set,
            &imported.contract.source,
            &form,
            &CheckOptions::default(),
        )?;
        Ok(ImportedDocument {
            text: imported.contract.source,
            form,
            checked,
        })
    };
    run().map_or_else(Answer::from, Answer::Success)
}

/// Checks a (corrected) form of the document `text`, with the options' region and date applied.
pub fn check_form(
    set: &RuleSet,
    text: &str,
    form: &Form,
    options: &CheckOptions,
) -> Answer<FormChecked> {
    checked(set, text, form, options).map_or_else(Answer::from, Answer::Success)
}

/// The draft letter for a (corrected) form, of `kind` or else of the kind its worst finding calls for,
/// worded as `dixian letter` words it. No finding: a failure saying no letter is needed.
pub fn letter_for_form(
    set: &RuleSet,
    text: &str,
    form: &Form,
    kind: Option<&str>,
) -> Answer<Letter> {
    let run = || -> Result<Letter, LoadError> {
        let imported = from_form(set, text, form)?;
        let checked = check(set, &imported, &CheckOptions::default())?;
        draft(set, &imported.contract, &checked.report, kind)
    };
    run().map_or_else(Answer::from, Answer::Success)
}

/// The letter for a checked contract; shared by documents and YAML contracts.
pub fn draft(
    set: &RuleSet,
    contract: &Contract,
    report: &dixian_core::Report,
    kind: Option<&str>,
) -> Result<Letter, LoadError> {
    let refuse = |m: String| LoadError::one(dixian_core::api::OPTIONS_FILE, 0, 0, m);
    let Some(worst) = report.worst() else {
        return Err(refuse("未发现问题，无需发函".to_owned()));
    };
    let kind = match kind.map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) => LetterKind::parse(k).ok_or_else(|| {
            refuse(format!(
                "“{k}”不是函件种类：应为 提示函、整改意见书 或 处理建议书"
            ))
        })?,
        None => LetterKind::for_severity(worst),
    };
    let text = letter::render(report, contract, set, kind)
        .ok_or_else(|| refuse("未发现问题，无需发函".to_owned()))?;
    Ok(Letter {
        kind: kind.title().to_owned(),
        text,
    })
}

/// The revised draft of a (corrected) form's document: the original `.docx` `bytes` with every change
/// as a Word tracked change, or a `.txt` as UTF-8 text. The same revision `dixian fix` makes, but from
/// the reviewed form, so the officer's corrections count.
pub fn revise_form(
    set: &RuleSet,
    bytes: &[u8],
    text: &str,
    form: &Form,
    options: &crate::fix::Options,
) -> Result<crate::fix::Fixed, LoadError> {
    let file = file_name(&form.file);
    let imported = from_form(set, text, form)?;
    let revision = crate::fix::revision(set, &imported, options)?;
    let (revised, made) = match format_of(Path::new(&file)) {
        _ if revision.edits.is_empty() => (bytes.to_vec(), Vec::new()),
        Some(crate::Format::Docx) => {
            crate::docx_revise::revise(&file, bytes, text, &revision.edits, &options.date)?
        }
        _ => (
            dixian_core::fix::apply(text, &revision.edits).into_bytes(),
            dixian_core::fix::applied(&revision.edits),
        ),
    };
    Ok(revision.made(bytes, revised, &made))
}

/// The name without any folder (a browser gives only the name; a path would leak into letters).
fn file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name).trim();
    if base.is_empty() {
        "合同.txt".to_owned()
    } else {
        base.to_owned()
    }
}

fn overrides(file: &str, o: &ImportOptions) -> Result<Overrides, LoadError> {
    let refuse = |m: String| LoadError::one(file, 0, 0, m);
    Ok(Overrides {
        date: None,
        region: o
            .region
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned),
        signed: o
            .signed
            .as_deref()
            .map(|d| date(d, "签订日期").map_err(refuse))
            .transpose()?,
        term: o
            .term
            .as_ref()
            .map(|w| window(w).map_err(refuse))
            .transpose()?,
    })
}

fn date(text: &str, what: &str) -> Result<chrono::NaiveDate, String> {
    dixian_core::dates::parse_date(text)
        .map_err(|_| format!("{what}“{text}”无效：应写作 YYYY-MM-DD，如 2024-03-08"))
}

fn window(w: &Window) -> Result<ContractTerm, String> {
    let term = ContractTerm {
        start: date(&w.start, "合同期限起始日")?,
        end: date(&w.end, "合同期限终止日")?,
    };
    if term.end < term.start {
        return Err(format!(
            "合同期限终止日 {} 早于起始日 {}",
            term.end, term.start
        ));
    }
    Ok(term)
}

fn checked(
    set: &RuleSet,
    text: &str,
    form: &Form,
    options: &CheckOptions,
) -> Result<FormChecked, LoadError> {
    let imported = from_form(set, text, form)?;
    let checked = check(set, &imported, options)?;
    Ok(FormChecked {
        yaml: crate::yaml_form::to_yaml(&imported, &set.vocabulary),
        checked,
    })
}

fn check(set: &RuleSet, imported: &Imported, options: &CheckOptions) -> Result<Checked, LoadError> {
    let answer =
        dixian_core::api::check_contract(set, imported.contract.clone(), options, |_, report| {
            crate::add_import_findings(report, imported)
        });
    match answer {
        Answer::Success(c) => Ok(c),
        Answer::Failure { errors } => Err(LoadError {
            diagnostics: errors,
        }),
    }
}

/// The form of what was read.
pub fn to_form(imported: &Imported, set: &RuleSet) -> Form {
    let c = &imported.contract;
    let region = dixian_core::region::resolve(set, &c.region)
        .ok()
        .map(|r| r.jurisdiction);
    let src = c.source.as_str();
    let spans = c
        .clauses
        .iter()
        .flat_map(|cl| {
            [cl.id_span, cl.text_span]
                .into_iter()
                .chain(cl.terms.iter().map(|t| t.span))
        })
        .chain(imported.vague.iter().map(|v| v.span))
        .chain(imported.exclusions.iter().map(|v| v.span))
        .chain([c.region_span]);
    let units = utf16::offsets(src, spans.flat_map(|s| [s.start, s.end]));
    let at = |s: Span| -> Option<TextRange> {
        (s.end > s.start).then_some(TextRange {
            start: *units.get(&s.start)?,
            end: *units.get(&s.end)?,
        })
    };
    let vocab = &set.vocabulary;
    Form {
        file: c.file.clone(),
        encoding: imported.encoding.clone(),
        title: c.title.clone(),
        region: c.region.clone(),
        region_at: at(c.region_span),
        signed: c.signed.map(|d| d.to_string()),
        term: Window {
            start: c.term.start.to_string(),
            end: c.term.end.to_string(),
        },
        workforce_total: c.workforce.total,
        workforce_women: c.workforce.women,
        no_term: imported.no_term,
        notes: imported
            .notes
            .iter()
            .filter(|n| n.clause.is_empty())
            .map(|n| n.message.clone())
            .collect(),
        clauses: c
            .clauses
            .iter()
            .map(|cl| FormClause {
                id: cl.id.clone(),
                topic: cl.topic.clone(),
                label_at: at(cl.id_span),
                text_at: at(cl.text_span),
                terms: cl
                    .terms
                    .iter()
                    .map(|t| FormTerm {
                        term: vocab.term_name(t.term).to_owned(),
                        label: region
                            .map_or_else(|| vocab.term_label(t.term), |j| set.term_label(t.term, j))
                            .to_owned(),
                        value: value_text(&t.value, vocab),
                        words: t.written.clone(),
                        at: at(t.span),
                    })
                    .collect(),
                vague: sentences(&imported.vague, &cl.id, &at),
                exclusions: sentences(&imported.exclusions, &cl.id, &at),
                notes: imported
                    .notes
                    .iter()
                    .filter(|n| n.clause == cl.id)
                    .map(|n| n.message.clone())
                    .collect(),
            })
            .collect(),
    }
}

/// The sentences of `clause` among `all`, for the form.
fn sentences(
    all: &[VagueClause],
    clause: &str,
    at: &dyn Fn(Span) -> Option<TextRange>,
) -> Vec<FormVague> {
    all.iter()
        .filter(|v| v.clause == clause)
        .map(|v| FormVague {
            topic: v.topic.clone(),
            words: v.words.clone(),
            at: at(v.span),
        })
        .collect()
}

/// A term's value as a person writes it in the form and in YAML.
pub fn value_text(value: &TermValue, vocab: &dixian_core::vocabulary::Vocabulary) -> String {
    value.written(vocab)
}

/// The contract a form describes, over the document `text`. Every value is read as YAML's would be;
/// what cannot be read is reported at its clause's place in the text.
pub fn from_form(set: &RuleSet, text: &str, form: &Form) -> Result<Imported, LoadError> {
    let file = file_name(&form.file);
    let lines = LineIndex::new(text);
    let ranges = form
        .clauses
        .iter()
        .flat_map(|c| {
            [c.label_at, c.text_at]
                .into_iter()
                .chain(c.terms.iter().map(|t| t.at))
                .chain(c.vague.iter().chain(&c.exclusions).map(|v| v.at))
        })
        .chain([form.region_at]);
    let bytes = byte_offsets(text, ranges.flatten().flat_map(|r| [r.start, r.end]));
    let span = |r: Option<TextRange>| -> Option<Span> {
        let r = r?;
        let (s, e) = (*bytes.get(&r.start)?, *bytes.get(&r.end)?);
        (s <= e).then(|| lines.span(text, s, e))
    };
    let start = Span {
        start: 0,
        end: 0,
        line: 1,
        column: 1,
    };
    let mut errors = Vec::new();
    let mut fail = |at: Span, message: String| {
        errors.extend(LoadError::one(&file, at.line, at.column, message).diagnostics);
    };
    let term = window(&form.term).unwrap_or_else(|m| {
        fail(start, m);
        ContractTerm {
            start: chrono::NaiveDate::MIN,
            end: chrono::NaiveDate::MIN,
        }
    });
    let signed = form
        .signed
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .and_then(|s| date(s, "签订日期").map_err(|m| fail(start, m)).ok());
    let region = form.region.trim();
    if region.is_empty() {
        fail(start, "没有填写地区（如 湖北省武汉市）".to_owned());
    }
    let vocab = &set.vocabulary;
    let mut clauses = Vec::with_capacity(form.clauses.len());
    let mut vague = Vec::new();
    let mut exclusions = Vec::new();
    let mut notes: Vec<Note> = form
        .notes
        .iter()
        .map(|m| Note {
            clause: String::new(),
            line: 1,
            message: m.clone(),
        })
        .collect();
    for fc in &form.clauses {
        let text_span = span(fc.text_at).unwrap_or(start);
        let id_span = span(fc.label_at).unwrap_or(text_span);
        let mut terms: Vec<StatedTerm> = Vec::with_capacity(fc.terms.len());
        for ft in &fc.terms {
            let name = ft.term.trim();
            let Some(id) = vocab.term(name) else {
                fail(id_span, format!("{}：规则词汇中没有条目“{name}”", fc.id));
                continue;
            };
            if terms.iter().any(|t| t.term == id) {
                fail(id_span, format!("{}：条目“{name}”填了两次", fc.id));
                continue;
            }
            match dixian_core::contract::term_value(vocab, id, ft.value.trim()) {
                Ok((value, note)) => terms.push(StatedTerm {
                    term: id,
                    value,
                    note,
                    // A term the reviewer added points at its clause's label.
                    span: span(ft.at).unwrap_or(id_span),
                    written: ft.words.clone(),
                }),
                Err(m) => fail(id_span, format!("{}：{m}", fc.id)),
            }
        }
        for (from, to) in [(&fc.vague, &mut vague), (&fc.exclusions, &mut exclusions)] {
            to.extend(from.iter().map(|v| VagueClause {
                clause: fc.id.clone(),
                topic: v.topic.clone(),
                words: v.words.clone(),
                span: span(v.at).unwrap_or(text_span),
            }));
        }
        notes.extend(fc.notes.iter().map(|m| Note {
            clause: fc.id.clone(),
            line: text_span.line,
            message: m.clone(),
        }));
        clauses.push(Clause {
            id: fc.id.clone(),
            id_span,
            topic: fc.topic.clone(),
            text: text
                .get(text_span.start..text_span.end)
                .unwrap_or("")
                .to_owned(),
            text_span,
            terms,
        });
    }
    if !errors.is_empty() {
        return Err(LoadError {
            diagnostics: errors,
        });
    }
    Ok(Imported {
        contract: Contract {
            file,
            source: text.to_owned(),
            title: form.title.clone().filter(|t| !t.trim().is_empty()),
            region: region.to_owned(),
            region_span: span(form.region_at).unwrap_or(start),
            signed,
            term,
            workforce: Workforce {
                total: form.workforce_total,
                women: form.workforce_women,
            },
            clauses,
        },
        vague,
        exclusions,
        notes,
        no_term: form.no_term,
        encoding: form.encoding.clone(),
    })
}

/// Byte offsets in `text` of UTF-16 offsets, in one pass. An offset inside a surrogate pair or past the
/// end has no byte offset and is left out.
fn byte_offsets(text: &str, units: impl IntoIterator<Item = usize>) -> BTreeMap<usize, usize> {
    let mut wanted: Vec<usize> = units.into_iter().collect();
    dixian_core::sort::sort(&mut wanted);
    wanted.dedup();
    let mut out = BTreeMap::new();
    let mut want = wanted.into_iter().peekable();
    let mut unit = 0usize;
    for (byte, c) in text.char_indices().chain([(text.len(), '\0')]) {
        while let Some(&w) = want.peek() {
            if w > unit {
                break;
            }
            if w == unit {
                out.insert(w, byte);
            }
            want.next();
        }
        unit += c.len_utf16();
    }
    out
}

#[cfg(test)]
mod tests;
