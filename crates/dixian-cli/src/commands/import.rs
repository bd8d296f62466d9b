//! `dixian import FILE` — a Word document or text file as the YAML form, for review — and the reading
//! of such documents for `dixian check` (which dispatches here on the file's extension).

use crate::load;
use dixian_core::contract::Contract;
use dixian_core::rules::RuleSet;
use dixian_core::{LoadError, Report, eval};
use dixian_import::{Overrides, format_of};
use std::path::{Path, PathBuf};

/// What the text may not say, or says wrongly: given on the command line, it replaces what was read.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct DocumentArgs {
    /// Region, e.g. 湖北省武汉市 (for .txt/.docx; replaces what the text says).
    #[arg(long)]
    region: Option<String>,
    /// Signing date, YYYY-MM-DD (for .txt/.docx).
    #[arg(long, value_parser = parse_date)]
    signed: Option<chrono::NaiveDate>,
    /// Contract term, START..END, e.g. 2021-05-01..2024-04-30 (for .txt/.docx).
    #[arg(long, value_parser = dixian_import::parse_term)]
    term: Option<dixian_core::contract::ContractTerm>,
    /// For a text that states no term (a template): the date whose rules it is checked against,
    /// YYYY-MM-DD. Default: today.
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("“{s}”不是有效日期（YYYY-MM-DD）"))
}

impl DocumentArgs {
    fn overrides(&self) -> Overrides {
        Overrides {
            region: self.region.clone(),
            signed: self.signed,
            term: self.term,
            date: Some(self.date.unwrap_or_else(super::rules::today)),
        }
    }
}

#[derive(clap::Args)]
pub struct Args {
    /// A contract as .docx or .txt (UTF-8 or GBK).
    file: PathBuf,
    #[command(flatten)]
    document: DocumentArgs,
}

/// Why a file of this kind cannot be read, for the old and closed formats a contract folder holds.
pub fn unreadable_format(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "doc" => Some("旧版 Word 文件（.doc）无法读取：请在 Word 或 WPS 中另存为 .docx 后再检查"),
        "wps" => Some("WPS 文字文件（.wps）无法读取：请在 WPS 中另存为 .docx 后再检查"),
        "pdf" => {
            Some("PDF 文件无法读取：请用原始的 Word 文件，或把文字另存为 .docx 或 .txt 后再检查")
        }
        _ => None,
    }
}

/// Whether `check` should read this file as a document rather than as YAML.
pub fn is_document(path: &Path) -> bool {
    format_of(path).is_some()
}

fn read(
    path: &Path,
    rules: &RuleSet,
    document: &DocumentArgs,
) -> Result<dixian_import::Imported, LoadError> {
    let name = path.display().to_string();
    if let Some(why) = unreadable_format(path) {
        return Err(LoadError::one(&name, 1, 1, why));
    }
    let format = format_of(path)
        .ok_or_else(|| LoadError::one(&name, 1, 1, "只能导入 .docx 或 .txt 文件"))?;
    let bytes = std::fs::read(path)
        .map_err(|e| LoadError::one(&name, 1, 1, format!("无法读取文件：{e}")))?;
    dixian_import::import(&name, &bytes, format, rules, &document.overrides())
}

/// `check` on a .docx/.txt: the contract read from the document and its report, vague clauses included.
pub fn check_document(
    path: &Path,
    rules: &RuleSet,
    document: &DocumentArgs,
) -> Result<(Contract, Report), LoadError> {
    let imported = read(path, rules, document)?;
    let mut report = eval::check(rules, &imported.contract)?;
    dixian_import::add_import_findings(&mut report, &imported);
    Ok((imported.contract, report))
}

pub fn run(common: &crate::Common, args: &Args) -> u8 {
    let result = load::rule_set(common.rules.as_deref()).and_then(|rules| {
        let imported = read(&args.file, &rules, &args.document)?;
        Ok(dixian_import::yaml_form::to_yaml(
            &imported,
            &rules.vocabulary,
        ))
    });
    match result {
        Ok(yaml) => {
            use std::io::Write;
            // A closed pipe (`dixian import x.docx | head`) is not an error worth a panic.
            let _ = std::io::stdout().lock().write_all(yaml.as_bytes());
            0
        }
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}
