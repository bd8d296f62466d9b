//! `dixian letter FILE [--kind 提示函|整改意见书|处理建议书]`: a draft letter in Markdown. The kind defaults
//! to the one the highest severity found calls for. No finding: says so, writes no letter, exit 0.
//! Exit 2 when the contract cannot be read.

use crate::Common;
use crate::batch;
use dixian_core::render::Lang;
use dixian_core::render::letter::{self, LetterKind};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The contract (YAML, or .docx / .txt read as by `dixian import`).
    file: PathBuf,
    /// 提示函, 整改意见书 or 处理建议书 (default: by the highest severity found).
    #[arg(long, value_parser = parse_kind)]
    kind: Option<LetterKind>,
    #[command(flatten)]
    document: super::import::DocumentArgs,
}

fn parse_kind(s: &str) -> Result<LetterKind, String> {
    LetterKind::parse(s)
        .ok_or_else(|| format!("“{s}”不是函件种类：应为 提示函、整改意见书 或 处理建议书"))
}

pub fn run(common: &Common, args: &Args) -> u8 {
    let rules = match common.rule_set() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let checked = batch::check_file(&rules, &args.file, &args.document);
    let (contract, report) = match checked.result {
        Ok(ok) => ok,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let Some(worst) = report.worst() else {
        match common.lang() {
            Lang::Zh => crate::output::outln!("{}：未发现问题，无需发函。", checked.file),
            Lang::En => {
                crate::output::outln!("{}: no findings; no letter is needed.", checked.file)
            }
        }
        return 0;
    };
    let kind = args.kind.unwrap_or_else(|| LetterKind::for_severity(worst));
    if let Some(text) = letter::render(&report, &contract, &rules, kind) {
        crate::output::emit(&text);
    }
    0
}
