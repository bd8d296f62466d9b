//! # dixian-import
//!
//! Reads contracts as unions hold them — plain text (UTF-8, UTF-16, GBK/GB18030) and Word `.docx` —
//! straight into [`dixian_core::contract::Contract`]. The contract's `source` is the document's plain
//! text and every span (clause, term value, region) points into it, so a finding underlines the words
//! of the original. Kept out of dixian-core so the core (and its wasm build) carries no zip or encoding
//! code.
//!
//! - [`decode`] / [`docx`]: bytes → text;
//! - [`clauses`]: text → numbered clauses with their byte ranges;
//! - [`terms`] (with the phrase data in [`words`]): clause wording → terms, additions summed, vague
//!   clauses noticed;
//! - [`meta`]: title, region, signing date, term and workforce from the text;
//! - [`yaml_form`]: the YAML a person reviews and corrects.
#![forbid(unsafe_code)]

pub mod api;
pub mod clauses;
pub mod dates;
pub mod decode;
pub mod docx;
pub mod docx_revise;
pub mod findings;
pub mod fix;
pub mod meta;
pub mod mismatch;
pub mod numbering;
pub mod numbers;
pub mod review;
pub mod rezip;
pub mod terms;
pub mod unzip;
pub mod words;
pub mod xml;
pub mod yaml_form;

pub use findings::{
    EXCLUSION_RULE, NO_TERM_RULE, VAGUE_RULE, add_import_findings, exclusion_findings,
    vague_findings,
};
pub use mismatch::{TEXT_MISMATCH_RULE, add_text_mismatch_findings, text_mismatch_findings};

use chrono::NaiveDate;
use dixian_core::LoadError;
use dixian_core::contract::{Clause, Contract, ContractTerm, StatedTerm, TermValue, Workforce};
use dixian_core::quantity::Quantity;
use dixian_core::rules::RuleSet;
use dixian_core::source::{LineIndex, Span};
use dixian_core::vocabulary::{TermId, TermKind, Vocabulary};
use std::path::Path;

/// The kinds of document this crate reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Docx,
}

/// The format a file name says it is in, or `None` for anything else (YAML is the core's business).
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "docx" => Some(Format::Docx),
        _ => None,
    }
}

/// What the caller knows better than the text: each replaces what was read.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub region: Option<String>,
    pub signed: Option<NaiveDate>,
    pub term: Option<ContractTerm>,
    /// The date a contract that states no term (a template) is checked on; today when absent.
    pub date: Option<NaiveDate>,
}

/// A clause that names a topic but promises nothing checkable (“按国家有关规定执行”).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VagueClause {
    pub clause: String,
    pub topic: String,
    pub words: String,
    pub span: Span,
}

/// Something a reviewer should check in the extraction, placed at its clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub clause: String,
    pub line: u32,
    pub message: String,
}

/// A contract read from a document, with what the reading itself noticed.
#[derive(Clone, Debug)]
pub struct Imported {
    pub contract: Contract,
    pub vague: Vec<VagueClause>,
    /// Sentences that take some women out of the contract's protection (不适用于违反…政策的女职工).
    pub exclusions: Vec<VagueClause>,
    /// Notes on the whole contract (region from a statute, no term) have an empty `clause`.
    pub notes: Vec<Note>,
    /// The text states no term: it was checked on one date (`Overrides::date`, else today).
    pub no_term: bool,
    /// The encoding a text file was read in (UTF-8, GBK …), or "docx".
    pub encoding: String,
}

/// The text of a document: decoded `.txt`, or the paragraphs and table rows of a `.docx`.
pub fn document_text(
    file: &str,
    bytes: &[u8],
    format: Format,
) -> Result<(String, String), LoadError> {
    match format {
        Format::Text => decode::decode(file, bytes).map(|d| (d.text, d.encoding.to_owned())),
        Format::Docx => docx::text(file, bytes).map(|t| (t, "docx".to_owned())),
    }
}

/// [`document_text`] with legacy encodings decoded by `decoder` (the browser's `TextDecoder`).
pub fn document_text_with(
    file: &str,
    bytes: &[u8],
    format: Format,
    decoder: decode::Decoder<'_>,
) -> Result<(String, String), LoadError> {
    match format {
        Format::Text => {
            decode::decode_with(file, bytes, decoder).map(|d| (d.text, d.encoding.to_owned()))
        }
        Format::Docx => docx::text(file, bytes).map(|t| (t, "docx".to_owned())),
    }
}

/// Reads a document into a contract checked against `set`'s vocabulary and regions.
pub fn import(
    file: &str,
    bytes: &[u8],
    format: Format,
    set: &RuleSet,
    overrides: &Overrides,
) -> Result<Imported, LoadError> {
    let (text, encoding) = document_text(file, bytes, format)?;
    import_decoded(file, &text, encoding, set, overrides)
}

/// A document's text, already decoded, read into a contract that records the encoding it came in.
pub fn import_decoded(
    file: &str,
    text: &str,
    encoding: String,
    set: &RuleSet,
    overrides: &Overrides,
) -> Result<Imported, LoadError> {
    let mut imported = import_text(file, text, set, overrides)?;
    imported.encoding = encoding;
    Ok(imported)
}

/// Reads a contract from its plain text (already decoded).
pub fn import_text(
    file: &str,
    text: &str,
    set: &RuleSet,
    overrides: &Overrides,
) -> Result<Imported, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::one(file, 1, 1, "文件为空：没有合同内容"));
    }
    let lines = LineIndex::new(text);
    let raw = clauses::split(text);
    let ranges: Vec<(usize, usize)> = raw.iter().map(|c| c.text).collect();
    let meta = meta::read(text, &ranges, set);

    let mut problems = Vec::new();
    let region = match (&overrides.region, &meta.region) {
        (Some(r), _) => Some((
            r.clone(),
            Span {
                start: 0,
                end: 0,
                line: 1,
                column: 1,
            },
        )),
        (None, Some(found)) => Some((
            found.value.clone(),
            lines.span(text, found.span.0, found.span.1),
        )),
        (None, None) => {
            problems.push("未能从文本中找到地区（企业地址或名称中的省、市）：请用 --region 指明，如 --region 湖北省武汉市");
            None
        }
    };
    let mut notes = Vec::new();
    if let (None, Some(title), Some(found)) =
        (&overrides.region, &meta.region_statute, &meta.region)
    {
        notes.push(Note {
            clause: String::new(),
            line: lines.span(text, found.span.0, found.span.1).line,
            message: format!(
                "合同未写明企业所在地，地区“{}”取自所引地方法规{title}；如有不同，请用 --region 指明",
                found.value
            ),
        });
    }
    let mut no_term = false;
    let term = match (overrides.term, &meta.term) {
        (Some(t), _) => t,
        (None, Some(found)) => ContractTerm {
            start: found.value.0,
            end: found.value.1,
        },
        (None, None) => {
            // A template states no term: it is checked against the rules in force on one date. The
            // caller supplies that date (the CLI: --date, else today); the library reads no clock.
            let Some(on) = overrides.date else {
                return Err(LoadError::one(
                    file,
                    1,
                    1,
                    "未能从文本中找到合同期限（“期限”或“有效期”及起止日期）：请用 --term 指明，如 --term 2021-05-01..2024-04-30；范本可用 --date 指明核对日期",
                ));
            };
            no_term = true;
            notes.push(Note {
                clause: String::new(),
                line: 1,
                message: format!(
                    "合同未写明期限（如为范本），按 {on} 施行的规定核对；正式合同请写明起止日期，或用 --term 指明"
                ),
            });
            ContractTerm { start: on, end: on }
        }
    };
    let Some((region, region_span)) = region else {
        let diagnostics = problems
            .into_iter()
            .flat_map(|m| LoadError::one(file, 1, 1, m).diagnostics)
            .collect();
        return Err(LoadError { diagnostics });
    };
    if term.end < term.start {
        return Err(LoadError::one(
            file,
            1,
            1,
            format!("合同期限终止日 {} 早于起始日 {}", term.end, term.start),
        ));
    }

    let workforce = Workforce {
        total: meta.total,
        women: meta.women,
    };
    let share = match (meta.total, meta.women) {
        (Some(t), Some(w)) if t > 0 && w <= t => Some(i64::from(w) * 100_000 / i64::from(t)),
        _ => None,
    };
    let mut clauses = Vec::with_capacity(raw.len());
    let mut vague = Vec::new();
    let mut exclusions = Vec::new();
    for rc in &raw {
        let found = terms::extract(text, rc.text, share);
        let line = lines.line_col(text, rc.text.0).0;
        let stated = found
            .terms
            .iter()
            .filter_map(|t| stated_term(text, &lines, &set.vocabulary, t, &rc.id, line, &mut notes))
            .collect();
        for v in &found.vague {
            vague.push(VagueClause {
                clause: rc.id.clone(),
                topic: v.topic.to_owned(),
                words: text.get(v.span.0..v.span.1).unwrap_or("").to_owned(),
                span: lines.span(text, v.span.0, v.span.1),
            });
        }
        for &(s, e) in &found.exclusions {
            exclusions.push(VagueClause {
                clause: rc.id.clone(),
                topic: "排除部分女职工".to_owned(),
                words: text.get(s..e).unwrap_or("").to_owned(),
                span: lines.span(text, s, e),
            });
        }
        notes.extend(found.notes.into_iter().map(|message| Note {
            clause: rc.id.clone(),
            line,
            message,
        }));
        clauses.push(Clause {
            id: rc.id.clone(),
            id_span: lines.span(text, rc.label.0, rc.label.1),
            topic: rc.topic.map(str::to_owned),
            text: text.get(rc.text.0..rc.text.1).unwrap_or("").to_owned(),
            text_span: lines.span(text, rc.text.0, rc.text.1),
            terms: stated,
        });
    }
    let contract = Contract {
        file: file.to_owned(),
        source: text.to_owned(),
        title: meta.title,
        region,
        region_span,
        signed: overrides.signed.or(meta.signed.map(|s| s.value)),
        term,
        workforce,
        clauses,
    };
    Ok(Imported {
        contract,
        vague,
        exclusions,
        notes,
        no_term,
        encoding: "UTF-8".to_owned(),
    })
}

/// An extracted value as the engine's, if the vocabulary allows it for `term`.
/// The terms that words state, as the importer reads them: what a model clause written into a
/// contract supplies (对怀孕7个月以上的女职工… → 孕期禁止加班夜班, 孕期禁止加班夜班起始 7个月).
pub fn terms_stated(words: &str, vocab: &Vocabulary) -> Vec<(TermId, TermValue)> {
    terms::extract(words, (0, words.len()), None)
        .terms
        .iter()
        .filter_map(|t| {
            let term = vocab.term(t.term)?;
            Some((term, term_value(vocab, term, t.value)?))
        })
        .collect()
}

fn term_value(vocab: &Vocabulary, term: TermId, value: terms::Value) -> Option<TermValue> {
    match (value, vocab.term_info(term).map(|i| &i.kind)) {
        (terms::Value::Commitment(b), Some(TermKind::Commitment)) => Some(TermValue::Commitment(b)),
        (
            terms::Value::Quantity {
                milli,
                unit,
                months,
            },
            Some(TermKind::Quantity(units)),
        ) => {
            let unit = vocab.unit(unit).filter(|u| units.contains(u))?;
            if months != 0 && Some(unit) != vocab.calendar_day() {
                return None;
            }
            Some(TermValue::Quantity(Quantity {
                milli,
                unit,
                months,
            }))
        }
        _ => None,
    }
}

/// An extracted term as the engine's fact, if the vocabulary knows its name and unit.
fn stated_term(
    text: &str,
    lines: &LineIndex,
    vocab: &Vocabulary,
    t: &terms::Extracted,
    clause: &str,
    line: u32,
    notes: &mut Vec<Note>,
) -> Option<StatedTerm> {
    let Some(term) = vocab.term(t.term) else {
        notes.push(Note {
            clause: clause.to_owned(),
            line,
            message: format!("规则词汇中没有“{}”，未提取", t.term),
        });
        return None;
    };
    let value = term_value(vocab, term, t.value)?;
    Some(StatedTerm {
        term,
        value,
        span: lines.span(text, t.span.0, t.span.1),
        written: text.get(t.span.0..t.span.1).unwrap_or("").to_owned(),
        note: None,
    })
}

/// Parses `--term START..END`.
pub fn parse_term(s: &str) -> Result<ContractTerm, String> {
    let (a, b) = s
        .split_once("..")
        .ok_or_else(|| format!("期限“{s}”应写作 起始日..终止日，如 2021-05-01..2024-04-30"))?;
    let date = |d: &str| {
        NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| format!("“{d}”不是有效日期（YYYY-MM-DD）"))
    };
    let (start, end) = (date(a)?, date(b)?);
    if end < start {
        return Err(format!("期限终止日 {end} 早于起始日 {start}"));
    }
    Ok(ContractTerm { start, end })
}
