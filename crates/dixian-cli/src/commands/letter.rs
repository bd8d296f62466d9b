//! `dixian letter FILE [--kind …] [--format md|txt|docx] [-o PATH]`: a draft letter. The kind defaults
//! to the one the highest severity found calls for. No finding: says so, writes no letter, exit 0.
//! Exit 2 when the contract cannot be read. Text formats go to stdout without `-o`; docx needs `-o`.
//!
//! `dixian letter DIR -o OUTDIR`: one letter per contract of DIR that needs one (named after the
//! contract file), files that cannot be read reported, a summary line; exit codes as `dixian check`.

use crate::Common;
use crate::batch::{self, Checked};
use crate::load;
use dixian_core::api::letter::{self, Drafted, LetterFormat, LetterRequest};
use dixian_core::render::Lang;
use dixian_core::render::letter::LetterKind;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Txt,
    Docx,
}

impl From<Format> for LetterFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Md => Self::Md,
            Format::Txt => Self::Txt,
            Format::Docx => Self::Docx,
        }
    }
}

#[derive(clap::Args)]
pub struct Args {
    /// The contract (YAML, or .docx / .txt read as by `dixian import`), or a directory of them.
    file: PathBuf,
    /// 提示函, 整改意见书 or 处理建议书 (default: by the highest severity found).
    #[arg(long, value_parser = parse_kind)]
    kind: Option<LetterKind>,
    /// md (Markdown), txt (plain text) or docx (Word, laid out per GB/T 9704; needs -o).
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
    /// The file to write (a directory when the input is a directory).
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    document: super::import::DocumentArgs,
}

fn parse_kind(s: &str) -> Result<LetterKind, String> {
    letter::parse_kind(s).map_err(|e| e.first().map(|d| d.message.clone()).unwrap_or_default())
}

impl Args {
    fn request(&self) -> LetterRequest {
        LetterRequest {
            kind: self.kind,
            format: self.format.into(),
        }
    }
}

pub fn run(common: &Common, args: &Args) -> u8 {
    let rules = match common.rule_set() {
        Ok(r) => r,
        Err(code) => return code,
    };
    if args.file.is_dir() {
        return run_dir(common, args, &rules);
    }
    if args.format == Format::Docx && args.output.is_none() {
        eprintln!("Word（docx）格式的函件须用 -o 指定输出文件");
        return 2;
    }
    let checked = batch::check_file(&rules, &args.file, &args.document);
    let (contract, report) = match checked.result {
        Ok(ok) => ok,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let drafted = match letter::letter(&rules, &contract, &report, args.request()) {
        Ok(Some(d)) => d,
        Ok(None) => {
            no_letter(common.lang(), &checked.file);
            return 0;
        }
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    match &args.output {
        Some(path) => match write(drafted, path) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("{e}");
                2
            }
        },
        None => {
            crate::output::emit(&String::from_utf8_lossy(&drafted.bytes));
            0
        }
    }
}

fn no_letter(lang: Lang, file: &str) {
    match lang {
        Lang::Zh => crate::output::outln!("{file}：未发现问题，无需发函。"),
        Lang::En => crate::output::outln!("{file}: no findings; no letter is needed."),
    }
}

fn write(drafted: Drafted, path: &Path) -> Result<(), String> {
    std::fs::write(path, drafted.bytes).map_err(|e| format!("{}：无法写入：{e}", path.display()))
}

/// Every contract of the directory: a letter for each that has findings, in OUTDIR.
fn run_dir(common: &Common, args: &Args, rules: &dixian_core::rules::RuleSet) -> u8 {
    let Some(out_dir) = &args.output else {
        eprintln!(
            "{}：为目录起草函件须用 -o 指定输出目录",
            args.file.display()
        );
        return 2;
    };
    if let Err(e) = std::fs::create_dir_all(out_dir) {
        eprintln!("{}：无法创建输出目录：{e}", out_dir.display());
        return 2;
    }
    let files = load::expand_contracts(std::slice::from_ref(&args.file));
    let (mut written, mut clean, mut unreadable) = (0usize, 0usize, 0usize);
    let mut worst = 0u8;
    batch::check_all(rules, &files, &args.document, args.quiet, |c: Checked| {
        let (contract, report) = match &c.result {
            Ok(ok) => ok,
            Err(e) => {
                unreadable += 1;
                worst = 2;
                eprintln!("{e}");
                return;
            }
        };
        worst = worst.max(u8::try_from(report.exit_code()).unwrap_or(1));
        let drafted = match letter::letter(rules, contract, report, args.request()) {
            Ok(Some(d)) => d,
            Ok(None) => {
                clean += 1;
                return;
            }
            Err(e) => {
                worst = 2;
                eprintln!("{e}");
                return;
            }
        };
        let path = out_dir.join(drafted.file_name(&c.file));
        match write(drafted, &path) {
            Ok(()) => {
                written += 1;
                crate::output::outln!("{} → {}", c.file, path.display());
            }
            Err(e) => {
                worst = 2;
                eprintln!("{e}");
            }
        }
    });
    let total = files.len();
    crate::output::outln!(
        "{}",
        match common.lang() {
            Lang::Zh => format!(
                "共 {total} 份合同：{written} 份需发函（已写入 {}），{clean} 份未发现问题，{unreadable} 份无法读取",
                out_dir.display()
            ),
            Lang::En => format!(
                "{total} contracts: {written} letters written to {}, {clean} without findings, {unreadable} unreadable",
                out_dir.display()
            ),
        }
    );
    worst
}
