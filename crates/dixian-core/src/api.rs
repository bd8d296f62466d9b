//! The JSON-shaped API every embedder shares (the browser build, and the CLI when it wants one call):
//! plain serde values in, plain serde values out, never a panic. Modelled on Cedar's `ffi` module: each
//! call answers `{"type": "success", …}` or `{"type": "failure", "errors": [{file, line, column,
//! message}]}`.
//!
//! A successful check carries the same [`Report`] `dixian check --format json` prints, unchanged, plus
//! what a page needs to draw it: for each finding, where its words and its clause are in the YAML the
//! caller passed, as UTF-16 offsets (JavaScript string indices).

pub mod letter;
pub mod utf16;

use crate::contract::{Contract, ContractTerm};
use crate::error::{Diagnostic, LoadError};
use crate::report::Report;
use crate::rules::{RuleSet, RuleSource, Severity};
use crate::{catalog, eval, region, rules};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The `file` of diagnostics about the options rather than the contract (their line and column are 0).
pub const OPTIONS_FILE: &str = "options";
/// The name a contract goes by when the caller gives none.
pub const DEFAULT_FILE: &str = "合同.yaml";

/// How to check: every field is optional and defaults to what the contract says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckOptions {
    /// Check under this region instead of the contract's own (`湖北省武汉市`, `北京` …).
    pub region: Option<String>,
    /// Check one day only (`YYYY-MM-DD`): the contract's term is narrowed to that day.
    pub date: Option<String>,
    /// Language of messages. Only Chinese (`zh`) exists today; anything else is refused, not ignored.
    pub lang: Option<String>,
    /// The name diagnostics and the report give the contract.
    pub file: Option<String>,
    /// Rule files loaded on top of the built-in ones, like the CLI's `--rules`.
    pub rules: Vec<RuleFile>,
}

/// One rule file's name and text.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub name: String,
    pub text: String,
}

/// Every call's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Answer<T> {
    Success(T),
    Failure { errors: Vec<Diagnostic> },
}

impl<T> From<LoadError> for Answer<T> {
    fn from(e: LoadError) -> Self {
        Self::Failure {
            errors: e.diagnostics,
        }
    }
}

impl<T: Serialize> Answer<T> {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A check that ran: the report, and where each finding sits in the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Checked {
    pub report: Report,
    /// `locations[i]` belongs to `report.findings[i]`.
    pub locations: Vec<Location>,
    /// The region and term the contract itself states (the report's may be overridden by the options).
    pub contract_region: String,
    pub contract_term: crate::report::TermWindow,
}

/// Where a finding is in the YAML text the caller passed, in UTF-16 code units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The offending words (a term's value, or the unlawful phrase in a clause's text).
    pub value: Option<TextRange>,
    /// The whole clause the finding is about, from the start of its first line to the end of its last.
    pub clause: Option<TextRange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Regions {
    pub regions: Vec<Region>,
}

/// A jurisdiction with rules of its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Region {
    pub name: String,
    pub parent: Option<String>,
    pub names: Vec<String>,
    pub cities: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InForce {
    /// From the root (全国) down to the region.
    pub jurisdictions: Vec<String>,
    pub date: String,
    pub rules: Vec<RuleInForce>,
    pub notes: Vec<String>,
}

/// One rule with the version in force on the day asked about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleInForce {
    pub id: String,
    pub title: Option<String>,
    pub jurisdiction: String,
    pub severity: Severity,
    pub provisional: bool,
    /// The term with what it requires (`产假 ≥158天`): see [`catalog::CatalogRow::term_and_requirement`].
    pub requirement: String,
    pub conditions: Vec<String>,
    pub citation: String,
    pub from: Option<String>,
    pub until: Option<String>,
}

/// The built-in rules, validated once per process (or wasm instance).
pub fn builtin() -> Result<&'static RuleSet, LoadError> {
    static BUILTIN: OnceLock<Result<RuleSet, LoadError>> = OnceLock::new();
    BUILTIN
        .get_or_init(rules::builtin)
        .as_ref()
        .map_err(Clone::clone)
}

/// Checks a contract (YAML text) as `dixian check --format json` would, with the options applied.
pub fn check(contract_yaml: &str, opts: &CheckOptions) -> Answer<Checked> {
    match try_check(contract_yaml, opts) {
        Ok(c) => Answer::Success(c),
        Err(e) => e.into(),
    }
}

/// Checks a contract against a rule set the caller already holds (a server's, or a Python `Rules`),
/// loaded once rather than per call. Extra rules belong in that set: `opts.rules` is refused here.
pub fn check_with(set: &RuleSet, contract_yaml: &str, opts: &CheckOptions) -> Answer<Checked> {
    let run = || {
        if !opts.rules.is_empty() {
            return Err(option_error(
                "规则已随规则集加载：此处不再接受附加规则（rules）",
            ));
        }
        check_in(set, contract_yaml, opts)
    };
    match run() {
        Ok(c) => Answer::Success(c),
        Err(e) => e.into(),
    }
}

fn extra_sources(opts: &CheckOptions) -> impl Iterator<Item = RuleSource> + '_ {
    opts.rules.iter().map(|r| RuleSource {
        name: r.name.clone(),
        text: r.text.clone(),
    })
}

fn try_check(yaml: &str, opts: &CheckOptions) -> Result<Checked, LoadError> {
    if opts.rules.is_empty() {
        return check_in(builtin()?, yaml, opts);
    }
    let mut sources = rules::builtin_sources();
    sources.extend(extra_sources(opts));
    check_in(&rules::load(&sources)?, yaml, opts)
}

fn check_in(set: &RuleSet, yaml: &str, opts: &CheckOptions) -> Result<Checked, LoadError> {
    check_lang(opts.lang.as_deref())?;
    let date = opts.date.as_deref().map(parse_date).transpose()?;
    let file = opts.file.as_deref().unwrap_or(DEFAULT_FILE);
    let contract = crate::contract::load_yaml(file, yaml, &set.vocabulary)?;
    check_loaded(
        set,
        contract,
        opts,
        date,
        yaml.starts_with('\u{feff}'),
        |_, _| {},
    )
}

/// Checks a contract already read (from YAML, or from a document by dixian-import) with the options'
/// region and date applied; `add` may put further findings into the report (the importer's notices),
/// which are then located like the rest. Locations are into `contract.source`.
pub fn check_contract(
    set: &RuleSet,
    contract: Contract,
    opts: &CheckOptions,
    add: impl FnOnce(&Contract, &mut Report),
) -> Answer<Checked> {
    let run = || {
        check_lang(opts.lang.as_deref())?;
        let date = opts.date.as_deref().map(parse_date).transpose()?;
        check_loaded(set, contract, opts, date, false, add)
    };
    match run() {
        Ok(c) => Answer::Success(c),
        Err(e) => e.into(),
    }
}

fn check_loaded(
    set: &RuleSet,
    mut contract: Contract,
    opts: &CheckOptions,
    date: Option<NaiveDate>,
    had_bom: bool,
    add: impl FnOnce(&Contract, &mut Report),
) -> Result<Checked, LoadError> {
    let file = contract.file.clone();
    let file = file.as_str();
    let contract_region = contract.region.clone();

    let contract_term = window(contract.term);
    let mut notes = Vec::new();
    let resolved = match opts
        .region
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty() && *r != contract_region)
    {
        Some(r) => {
            let resolved = region::resolve(set, r).map_err(|e| option_error(e.message))?;
            notes.push(format!(
                "按所选地区“{r}”检查（合同写的是“{contract_region}”）"
            ));
            contract.region = r.to_owned();
            resolved
        }
        None => region::resolve(set, &contract.region).map_err(|e| {
            LoadError::one(
                file,
                contract.region_span.line,
                contract.region_span.column,
                e.message,
            )
        })?,
    };
    if let Some(day) = date {
        let ContractTerm { start, end } = contract.term;
        if day < start || day > end {
            notes.push(format!(
                "所选日期 {day} 不在合同期限（{start} 至 {end}）内；按该日适用的规则检查"
            ));
        } else {
            notes.push(format!(
                "只检查 {day} 当日适用的规则（合同期限 {start} 至 {end}）"
            ));
        }
        contract.term = ContractTerm {
            start: day,
            end: day,
        };
    }
    let mut report = eval::evaluate(set, &contract, resolved.jurisdiction, resolved.note);
    report.notes.extend(notes);
    add(&contract, &mut report);
    // After `add`: what the caller adds (the importer's vague clauses) gets its suggestion too.
    crate::suggest::attach(set, &contract, &mut report);
    let locations = locate(&contract, &report, had_bom);
    Ok(Checked {
        report,
        locations,
        contract_region,
        contract_term,
    })
}

/// The regions the built-in rules know, root first.
pub fn regions() -> Answer<Regions> {
    match builtin() {
        Ok(set) => Answer::Success(regions_with(set)),
        Err(e) => e.into(),
    }
}

/// The regions `set` knows, root first.
pub fn regions_with(set: &RuleSet) -> Regions {
    Regions {
        regions: region_list(set),
    }
}

fn region_list(set: &RuleSet) -> Vec<Region> {
    set.jurisdictions
        .iter()
        .map(|j| Region {
            name: j.name.clone(),
            parent: j
                .parent
                .and_then(|p| set.jurisdiction(p))
                .map(|p| p.name.clone()),
            names: j.names.clone(),
            cities: j.cities.clone(),
        })
        .collect()
}

/// The built-in rules in force in `region` on `date` (`YYYY-MM-DD`), root jurisdiction first.
pub fn rules_in_force(region_name: &str, date: &str) -> Answer<InForce> {
    match builtin() {
        Ok(set) => rules_in_force_with(set, region_name, date),
        Err(e) => e.into(),
    }
}

/// The rules of `set` in force in `region` on `date` (`YYYY-MM-DD`), root jurisdiction first.
pub fn rules_in_force_with(set: &RuleSet, region_name: &str, date: &str) -> Answer<InForce> {
    let run = || -> Result<InForce, LoadError> {
        let day = parse_date(date)?;
        let resolved = region::resolve(set, region_name).map_err(|e| option_error(e.message))?;
        let chain = set.chain(resolved.jurisdiction);
        let rules = catalog::rules_in_force(set, Some(resolved.jurisdiction), Some(day))
            .into_iter()
            .map(|row| RuleInForce {
                requirement: row.term_and_requirement(),
                id: row.rule,
                title: row.title,
                jurisdiction: row.jurisdiction,
                severity: row.severity,
                provisional: row.provisional.is_some(),
                conditions: row.conditions,
                citation: row.citation,
                from: row.since.map(|d| d.to_string()),
                until: row.until.map(|d| d.to_string()),
            })
            .collect();
        Ok(InForce {
            jurisdictions: chain
                .iter()
                .filter_map(|j| set.jurisdiction(*j))
                .map(|j| j.name.clone())
                .collect(),
            date: day.to_string(),
            rules,
            notes: resolved.note.into_iter().collect(),
        })
    };
    match run() {
        Ok(v) => Answer::Success(v),
        Err(e) => e.into(),
    }
}

fn check_lang(lang: Option<&str>) -> Result<(), LoadError> {
    match lang.map(str::trim) {
        None | Some("" | "zh" | "zh-CN" | "zh-Hans" | "zh-cn") => Ok(()),
        Some(other) => Err(option_error(format!(
            "暂不支持语言“{other}”：目前只有中文（zh）"
        ))),
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, LoadError> {
    // dates::parse_date rather than chrono's format parser, which would add its strftime machinery
    // (~10 KB gzipped) to the browser build for this one pattern.
    crate::dates::parse_date(text).map_err(|_| {
        option_error(format!(
            "日期“{text}”无效：应写作 YYYY-MM-DD，如 2024-03-08"
        ))
    })
}

fn option_error(message: impl Into<String>) -> LoadError {
    LoadError::one(OPTIONS_FILE, 0, 0, message)
}

fn window(t: ContractTerm) -> crate::report::TermWindow {
    crate::report::TermWindow {
        start: t.start.to_string(),
        end: t.end.to_string(),
    }
}

/// Byte ranges of each finding's words and clause in the contract's source, as UTF-16 ranges into the
/// text the caller passed (one unit further on when a BOM was stripped before parsing).
fn locate(contract: &Contract, report: &Report, had_bom: bool) -> Vec<Location> {
    /// A byte range in the contract's source.
    type Bytes = Option<(usize, usize)>;
    let src = contract.source.as_str();
    let clause_bytes: Vec<Bytes> = contract
        .clauses
        .iter()
        .map(|c| clause_range(src, c))
        .collect();
    let bytes: Vec<(Bytes, Bytes)> = report
        .findings
        .iter()
        .map(|f| {
            let clause = contract
                .clauses
                .iter()
                .zip(&clause_bytes)
                .find(|(c, range)| match (f.bytes, range) {
                    (Some((s, _)), Some((cs, ce))) => *cs <= s && s <= *ce,
                    _ => f.clause.as_deref() == Some(c.id.as_str()),
                })
                .and_then(|(_, r)| *r);
            (f.bytes, clause)
        })
        .collect();
    let all = bytes
        .iter()
        .flat_map(|(v, c)| v.iter().chain(c).flat_map(|&(s, e)| [s, e]));
    let units = utf16::offsets(src, all);
    let shift = usize::from(had_bom);
    let range = |r: Option<(usize, usize)>| {
        let (s, e) = r?;
        Some(TextRange {
            start: units.get(&s)? + shift,
            end: units.get(&e)? + shift,
        })
    };
    bytes
        .into_iter()
        .map(|(v, c)| Location {
            value: range(v),
            clause: range(c),
        })
        .collect()
}

/// A clause's extent in the source: from the line of its first span to the end of the line of its last.
fn clause_range(src: &str, clause: &crate::contract::Clause) -> Option<(usize, usize)> {
    let spans = [clause.id_span, clause.text_span]
        .into_iter()
        .chain(clause.terms.iter().map(|t| t.span));
    let (start, end) = spans.fold(None, |acc: Option<(usize, usize)>, s| match acc {
        None => Some((s.start, s.end)),
        Some((a, b)) => Some((a.min(s.start), b.max(s.end))),
    })?;
    Some(crate::source::lines_around(src, start, end))
}

#[cfg(test)]
mod tests;
