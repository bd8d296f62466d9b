//! `dixian import FILE` — a Word document or text file as the YAML form, for review — and the reading
//! of such documents for `dixian check` (which dispatches here on the file's extension).

use crate::load;
use dixian_core::contract::Contract;
use dixian_core::rules::RuleSet;
use dixian_core::{LoadError, Report};
use dixian_import::{Overrides, api};
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

pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("“{s}”不是有效日期（YYYY-MM-DD）"))
}

impl DocumentArgs {
    pub fn overrides(&self) -> Overrides {
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

/// `check` on one file: a .docx/.txt through the importer (with `document`'s overrides and the
/// importer's own findings), anything else as YAML.
pub fn check_document(
    path: &Path,
    rules: &RuleSet,
    document: &DocumentArgs,
) -> Result<(Contract, Report), LoadError> {
    api::check_path(rules, path, &document.overrides())
}

pub fn run(common: &crate::Common, args: &Args) -> u8 {
    let result = load::rule_set(common.rules.as_deref()).and_then(|rules| {
        let imported = api::import_path(&rules, &args.file, &args.document.overrides())?;
        Ok(api::contract_form(&rules, &imported))
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
