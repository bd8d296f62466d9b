//! One entry point for every embedder that reads contracts as files or uploads — the CLI, `dixian
//! serve` and the Python package — so that they all read, check and import the same way: a contract is
//! YAML, or a .docx/.txt document (told apart by its file name) read by this crate; rule directories
//! load on top of the built-in rules.

use crate::{Format, Imported, Overrides, add_import_findings, format_of, import, yaml_form};
use dixian_core::api::{Answer, CheckOptions, OPTIONS_FILE};
use dixian_core::contract::{self, Contract};
use dixian_core::rules::{self, RuleSet, RuleSource};
use dixian_core::{LoadError, Report, eval};
use std::path::{Path, PathBuf};

/// Whether a file of this name is read as a document (.docx/.txt) rather than as YAML.
pub fn is_document(file: &str) -> bool {
    document_format(file).is_some()
}

fn document_format(file: &str) -> Option<Format> {
    format_of(Path::new(file))
}

/// Why a file of this kind cannot be read, for the old and closed formats a contract folder holds.
pub fn unreadable_format(file: &str) -> Option<&'static str> {
    let ext = Path::new(file).extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "doc" => Some("旧版 Word 文件（.doc）无法读取：请在 Word 或 WPS 中另存为 .docx 后再检查"),
        "wps" => Some("WPS 文字文件（.wps）无法读取：请在 WPS 中另存为 .docx 后再检查"),
        "pdf" => {
            Some("PDF 文件无法读取：请用原始的 Word 文件，或把文字另存为 .docx 或 .txt 后再检查")
        }
        _ => None,
    }
}

/// A file's bytes. A text input (anything but a document) larger than the contract limit is refused
/// from its size alone, before it is read into memory.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    let name = path.display().to_string();
    if !is_document(&name) {
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.is_file() {
                contract::check_size(&name, meta.len())?;
            }
        }
    }
    std::fs::read(path).map_err(|e| LoadError::one(&name, 1, 1, format!("无法读取文件：{e}")))
}

/// A text file (a YAML contract, a rule file) as UTF-8; any other encoding is an error naming the file.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let name = path.display().to_string();
    let bytes = read_file(path)?;
    contract::check_size(&name, bytes.len() as u64)?;
    contract::decode_utf8_owned(&name, bytes)
}

/// Checks a contract given as bytes named `file`: a .docx/.txt through the importer (with
/// `overrides`, and the importer's own findings added), a .doc/.pdf/.wps refused by name, anything
/// else as YAML.
pub fn check_bytes(
    set: &RuleSet,
    file: &str,
    bytes: Vec<u8>,
    overrides: &Overrides,
) -> Result<(Contract, Report), LoadError> {
    check_bytes_or_refusal(set, file, bytes, overrides).map_err(Refusal::into_error)
}

/// [`check_bytes`], saying why a contract was not checked: it could not be read, or it was read but
/// names a region the rules do not know (the only way a contract that reads fails its check).
pub fn check_bytes_or_refusal(
    set: &RuleSet,
    file: &str,
    bytes: Vec<u8>,
    overrides: &Overrides,
) -> Result<(Contract, Report), Refusal> {
    let unreadable = Refusal::Unreadable;
    if let Some(why) = unreadable_format(file) {
        return Err(unreadable(LoadError::one(file, 1, 1, why)));
    }
    if let Some(format) = document_format(file) {
        let imported = import(file, &bytes, format, set, overrides).map_err(unreadable)?;
        return check_imported(set, imported).map_err(Refusal::UnknownRegion);
    }
    contract::check_size(file, bytes.len() as u64).map_err(unreadable)?;
    let text = contract::decode_utf8_owned(file, bytes).map_err(unreadable)?;
    let contract = contract::load_yaml(file, &text, &set.vocabulary).map_err(unreadable)?;
    let mut report = eval::check(set, &contract).map_err(Refusal::UnknownRegion)?;
    // A clause that gives both its text and its terms: the text's figures are read and compared.
    crate::add_text_mismatch_findings(&mut report, &contract, &set.vocabulary);
    Ok((contract, report))
}

/// The report of a contract read from a document, with what the reading noticed (vague clauses …).
pub fn check_imported(set: &RuleSet, imported: Imported) -> Result<(Contract, Report), LoadError> {
    let mut report = eval::check(set, &imported.contract)?;
    add_import_findings(&mut report, &imported);
    // The importer's own notices (a vague clause) get their suggestions too.
    dixian_core::suggest::attach(set, &imported.contract, &mut report);
    Ok((imported.contract, report))
}

/// Checks the contract in the file at `path` (see [`check_bytes`]).
pub fn check_path(
    set: &RuleSet,
    path: &Path,
    overrides: &Overrides,
) -> Result<(Contract, Report), LoadError> {
    let name = path.display().to_string();
    if let Some(why) = unreadable_format(&name) {
        return Err(LoadError::one(&name, 1, 1, why));
    }
    check_bytes(set, &name, read_file(path)?, overrides)
}

/// Reads a document (.docx/.txt) named `file` into a contract; anything else is refused by name.
pub fn import_bytes(
    set: &RuleSet,
    file: &str,
    bytes: &[u8],
    overrides: &Overrides,
) -> Result<Imported, LoadError> {
    if let Some(why) = unreadable_format(file) {
        return Err(LoadError::one(file, 1, 1, why));
    }
    let format = document_format(file).ok_or_else(|| not_a_document(file))?;
    import(file, bytes, format, set, overrides)
}

/// Reads the document (.docx/.txt) at `path` into a contract; anything else is refused by name, before
/// it is read.
pub fn import_path(
    set: &RuleSet,
    path: &Path,
    overrides: &Overrides,
) -> Result<Imported, LoadError> {
    let name = path.display().to_string();
    if !is_document(&name) {
        return Err(not_a_document(&name));
    }
    import_bytes(set, &name, &read_file(path)?, overrides)
}

/// A document's contract form: the YAML a person reviews and corrects (what `dixian import` prints).
pub fn contract_form(set: &RuleSet, imported: &Imported) -> String {
    yaml_form::to_yaml(imported, &set.vocabulary)
}

fn not_a_document(file: &str) -> LoadError {
    LoadError::one(file, 1, 1, "只能导入 .docx 或 .txt 文件")
}

/// The built-in rules, plus every `*.dixian` file in `extra` when given. A file in `extra` with the
/// same name as a built-in file (`national.dixian`) replaces it; any other is added on top.
pub fn rule_set(extra: Option<&Path>) -> Result<RuleSet, LoadError> {
    rules::load(&rule_sources(extra)?)
}

/// The sources [`rule_set`] loads.
pub fn rule_sources(extra: Option<&Path>) -> Result<Vec<RuleSource>, LoadError> {
    let mut sources = rules::builtin_sources();
    if let Some(dir) = extra {
        let added = read_rule_dir(dir)?;
        let names: Vec<String> = added.iter().filter_map(|s| file_name(&s.name)).collect();
        sources.retain(|b| file_name(&b.name).is_none_or(|n| !names.contains(&n)));
        sources.extend(added);
    }
    Ok(sources)
}

fn file_name(path: &str) -> Option<String> {
    Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
}

/// Every `*.dixian` file in `dir`, sorted by name.
pub fn read_rule_dir(dir: &Path) -> Result<Vec<RuleSource>, LoadError> {
    let name = dir.display().to_string();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| LoadError::one(&name, 1, 1, format!("无法读取规则目录：{e}")))?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "dixian"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            Ok(RuleSource {
                name: p.display().to_string(),
                text: read_text(p)?,
            })
        })
        .collect()
}

fn is_yaml(p: &Path) -> bool {
    p.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"))
}

/// The files to read, in order: each path as given, a directory replaced by the `*.yaml`/`*.yml`
/// files under it (recursively, sorted). A path that does not exist is kept, so that it is reported
/// as unreadable rather than silently dropped.
pub fn yaml_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    files_where(paths, &is_yaml)
}

/// Like [`yaml_files`], for contracts: a directory also yields its documents (.docx, .txt) and the
/// files a contract folder often holds that cannot be read (.doc, .pdf, .wps), so that each is
/// reported.
pub fn contract_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    files_where(paths, &|p| {
        let name = p.display().to_string();
        is_yaml(p) || is_document(&name) || unreadable_format(&name).is_some()
    })
}

fn files_where(paths: &[PathBuf], wanted: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, wanted, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, wanted: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let path = e.path();
        // file_type does not follow symlinks: a link loop cannot make the walk run forever.
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&path, wanted, out),
            // Office's lock files (~$合同.docx) are not contracts.
            Ok(_)
                if path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("~$")) => {}
            Ok(_) if wanted(&path) => out.push(path),
            _ => {}
        }
    }
}

/// The options a caller may give with a contract, as text (from a form, a query or Python): for
/// YAML, `region` and `date` as `dixian_core::api` reads them (another region; one day only); for a
/// document, `region`, `signed`, `term` (START..END) and `date` (the day a text with no term is checked
/// on, default today), as the CLI's flags.
#[derive(Clone, Debug, Default)]
pub struct Given {
    pub region: Option<String>,
    pub date: Option<String>,
    pub signed: Option<String>,
    pub term: Option<String>,
}

/// Why a contract given with options was not checked.
#[derive(Clone, Debug)]
pub enum Refusal {
    /// The contract, or an option, cannot be read.
    Unreadable(LoadError),
    /// It was read, but its region (or the region asked for) is not one the rules know.
    UnknownRegion(LoadError),
}

impl Refusal {
    pub fn into_error(self) -> LoadError {
        match self {
            Refusal::Unreadable(e) | Refusal::UnknownRegion(e) => e,
        }
    }
}

/// Today's date (UTC), from the system clock: the day a document with no term is checked on.
pub fn today() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(secs / 86_400)))
        .unwrap_or_default()
}

impl Given {
    /// What a document's options say, read as the CLI reads `--region`, `--signed`, `--term`, `--date`.
    pub fn overrides(&self) -> Result<Overrides, LoadError> {
        let bad = |m: String| LoadError::one(OPTIONS_FILE, 0, 0, m);
        let day = |s: &str| {
            chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| bad(format!("“{s}”不是有效日期（YYYY-MM-DD）")))
        };
        Ok(Overrides {
            region: self.region.clone().filter(|r| !r.trim().is_empty()),
            signed: self.signed.as_deref().map(day).transpose()?,
            term: self
                .term
                .as_deref()
                .map(crate::parse_term)
                .transpose()
                .map_err(bad)?,
            date: Some(match self.date.as_deref() {
                Some(d) => day(d)?,
                None => today(),
            }),
        })
    }

    /// A region asked for that the rules do not know.
    fn unknown_region(&self, set: &RuleSet) -> Option<LoadError> {
        let r = self
            .region
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())?;
        dixian_core::region::resolve(set, r)
            .err()
            .map(|e| LoadError::one(OPTIONS_FILE, 0, 0, e.message))
    }
}

/// Checks a contract named `file` with the options given, as `dixian check` would: YAML through
/// `dixian_core::api` (region, date), a document through the importer (its overrides). The report is
/// the one `dixian check --format json` prints; a refusal says whether the input could not be read or
/// named a region the rules do not know.
pub fn check_given(
    set: &RuleSet,
    file: &str,
    bytes: Vec<u8>,
    given: &Given,
) -> Result<Report, Refusal> {
    if let Some(e) = given.unknown_region(set) {
        return Err(Refusal::UnknownRegion(e));
    }
    if let Some(why) = unreadable_format(file) {
        return Err(Refusal::Unreadable(LoadError::one(file, 1, 1, why)));
    }
    if is_document(file) {
        let overrides = given.overrides().map_err(Refusal::Unreadable)?;
        let imported = import_bytes(set, file, &bytes, &overrides).map_err(Refusal::Unreadable)?;
        return check_imported(set, imported)
            .map(|(_, report)| report)
            .map_err(Refusal::UnknownRegion);
    }
    let unreadable = Refusal::Unreadable;
    contract::check_size(file, bytes.len() as u64).map_err(unreadable)?;
    let text = contract::decode_utf8_owned(file, bytes).map_err(unreadable)?;
    let options = CheckOptions {
        region: given.region.clone(),
        date: given.date.clone(),
        file: Some(file.to_owned()),
        ..CheckOptions::default()
    };
    // The YAML is read once. As `dixian check`: a clause whose text states another figure than its
    // terms is noticed, after the checked findings got their suggestions.
    let loaded = contract::load_yaml(file, &text, &set.vocabulary).map_err(unreadable)?;
    let mismatches = crate::text_mismatch_findings(&loaded, &set.vocabulary);
    match dixian_core::api::check_contract(set, loaded, &options, |_, _| {}) {
        Answer::Success(checked) => {
            let mut report = checked.report;
            crate::mismatch::add_found(&mut report, mismatches);
            Ok(report)
        }
        Answer::Failure { errors } => {
            let error = LoadError {
                diagnostics: errors,
            };
            // The contract read: what failed is an option, or the region it names (the rules know
            // no such place).
            if error.first().is_some_and(|d| d.file == OPTIONS_FILE) {
                Err(Refusal::Unreadable(error))
            } else {
                Err(Refusal::UnknownRegion(error))
            }
        }
    }
}
