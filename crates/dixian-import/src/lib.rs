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
pub mod fix;
pub mod meta;
pub mod numbers;
pub mod review;
pub mod terms;
pub mod unzip;
pub mod words;
pub mod xml;
pub mod yaml_form;

use chrono::NaiveDate;
use dixian_core::LoadError;
use dixian_core::contract::{Clause, Contract, ContractTerm, StatedTerm, TermValue, Workforce};
use dixian_core::quantity::Quantity;
use dixian_core::report::{Finding, FindingKind, Report};
use dixian_core::rules::{RuleSet, Severity};
use dixian_core::source::{LineIndex, Span};
use dixian_core::vocabulary::{TermKind, Vocabulary};
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
    let value = match (t.value, vocab.term_info(term).map(|i| &i.kind)) {
        (terms::Value::Commitment(b), Some(TermKind::Commitment)) => TermValue::Commitment(b),
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
            TermValue::Quantity(Quantity {
                milli,
                unit,
                months,
            })
        }
        _ => return None,
    };
    Some(StatedTerm {
        term,
        value,
        span: lines.span(text, t.span.0, t.span.1),
        written: text.get(t.span.0..t.span.1).unwrap_or("").to_owned(),
        note: None,
    })
}

/// The rule id under which vague clauses are reported.
pub const VAGUE_RULE: &str = "导入.条款含糊";
/// The rule id under which exclusions of some women from the contract's protection are reported.
pub const EXCLUSION_RULE: &str = "导入.排除部分女职工";
/// The rule id under which a contract that states no term is reported.
pub const NO_TERM_RULE: &str = "导入.未写明期限";

/// The day the 2022 revision of the women's rights law took effect (its article 86).
fn womens_law_2022() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default()
}

/// A notice at `at` (or on the whole contract), over the whole term.
fn notice(c: &Contract, rule: &str, kind: FindingKind, at: Option<&VagueClause>) -> Finding {
    Finding {
        rule: rule.to_owned(),
        severity: Severity::Notice,
        kind,
        term: None,
        term_label: None,
        clause: at.map(|v| v.clause.clone()),
        expected: String::new(),
        actual: at.map(|v| v.words.clone()).unwrap_or_default(),
        citation: String::new(),
        jurisdiction: String::new(),
        provisional: false,
        from: c.term.start.to_string(),
        to: c.term.end.to_string(),
        message: String::new(),
        line: at.map(|v| v.span.line),
        column: at.map(|v| v.span.column),
        bytes: at.map(|v| (v.span.start, v.span.end)),
        suggestion: None,
    }
}

/// Notice findings for the vague clauses, over the whole term.
pub fn vague_findings(imported: &Imported) -> Vec<Finding> {
    let c = &imported.contract;
    imported
        .vague
        .iter()
        .map(|v| Finding {
            expected: "写明具体标准（天数、金额、时间或措施）".to_owned(),
            citation: "无（起草提示：条款未写明可核对的标准，不是法定标准）".to_owned(),
            message: format!(
                "{}提到{}，但只写了“{}”，没有可核对的约定；请写明具体标准",
                v.clause, v.topic, v.words
            ),
            ..notice(c, VAGUE_RULE, FindingKind::Vague, Some(v))
        })
        .collect()
}

/// Notice findings for clauses that exclude some women from the contract's protection. Special
/// protection is owed to every woman worker: 《女职工劳动保护特别规定》第二条 names them all, and from
/// 2023-01-01 《中华人民共和国妇女权益保障法》第四十七条第二款 protects women in the four periods.
pub fn exclusion_findings(imported: &Imported) -> Vec<Finding> {
    let c = &imported.contract;
    let mut citation = "《女职工劳动保护特别规定》（国务院令第619号）第二条".to_owned();
    if c.term.end >= womens_law_2022() {
        citation.push_str("；《中华人民共和国妇女权益保障法》第四十七条第二款");
    }
    imported
        .exclusions
        .iter()
        .map(|v| Finding {
            expected: "对全体女职工一视同仁地给予特殊保护".to_owned(),
            citation: citation.clone(),
            message: format!(
                "{}把部分女职工排除在本合同的保护之外（“{}”）；女职工特殊保护适用于全体女职工，请删去这一限制",
                v.clause, v.words
            ),
            ..notice(c, EXCLUSION_RULE, FindingKind::UnlawfulText, Some(v))
        })
        .collect()
}

/// Adds what the reading itself found to a report of the imported contract: vague clauses,
/// exclusions, a notice when the text states no term, and the contract-level notes; in source order.
pub fn add_import_findings(report: &mut Report, imported: &Imported) {
    report.findings.extend(vague_findings(imported));
    report.findings.extend(exclusion_findings(imported));
    let c = &imported.contract;
    if imported.no_term {
        report.findings.push(Finding {
            expected: "写明合同期限（起止日期）".to_owned(),
            actual: "未写明".to_owned(),
            citation: "无（起草提示：未写明期限的合同只能按一个日期核对）".to_owned(),
            message: format!(
                "合同未写明期限，按 {} 施行的规定核对；签订时请写明起止日期",
                c.term.start
            ),
            ..notice(c, NO_TERM_RULE, FindingKind::Vague, None)
        });
    }
    report.notes.extend(
        imported
            .notes
            .iter()
            .filter(|n| n.clause.is_empty())
            .map(|n| n.message.clone()),
    );
    report.findings.sort_by(|a, b| {
        (a.line.is_none(), a.line, a.column, &a.rule, &a.from).cmp(&(
            b.line.is_none(),
            b.line,
            b.column,
            &b.rule,
            &b.from,
        ))
    });
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
