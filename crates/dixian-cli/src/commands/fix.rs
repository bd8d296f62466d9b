//! `dixian fix FILE -o OUT`: the contract with every suggestion applied — a YAML contract's clause
//! texts and terms, a `.txt` in its own encoding, a `.docx` as Word tracked changes — and a summary of
//! what changed, on what basis. Exit code 0 when written, 2 when the input cannot be read.

use super::import::DocumentArgs;
use dixian_core::LoadError;
use dixian_core::fix::Scope;
use dixian_import::fix::{Fixed, Options};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The contract: YAML, .txt or .docx.
    file: PathBuf,
    /// Where to write the revised contract (same format as the input).
    #[arg(short, long, value_name = "OUT")]
    output: PathBuf,
    /// Which findings to put right: rectify (整改 and 转办, the default).
    #[arg(long, value_enum, default_value_t = Only::Rectify, conflicts_with = "all")]
    only: Only,
    /// Also the notices (提示): good practice and provisional figures, as suggestions to negotiate.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    document: DocumentArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Only {
    Rectify,
}

pub fn run(common: &crate::Common, args: &Args) -> u8 {
    let scope = if args.all {
        Scope::All
    } else {
        Scope::Required
    };
    let result = common
        .rule_set()
        .map_err(|_| None)
        .and_then(|rules| fix_file(&rules, args, scope, common.lang()).map_err(Some));
    match result {
        Ok(fixed) => {
            crate::output::emit(&fixed.summary);
            0
        }
        Err(Some(e)) => {
            eprintln!("{e}");
            2
        }
        Err(None) => 2,
    }
}

fn fix_file(
    rules: &dixian_core::rules::RuleSet,
    args: &Args,
    scope: Scope,
    lang: dixian_core::render::Lang,
) -> Result<Fixed, LoadError> {
    let path = args.file.as_path();
    let name = path.display().to_string();
    let bytes = dixian_import::api::read_file(path)?;
    let options = Options {
        scope,
        date: now(),
        lang,
    };
    let fixed =
        dixian_import::fix::fix_bytes(rules, &name, &bytes, &args.document.overrides(), &options)?;
    write(&args.output, &fixed.bytes)?;
    Ok(fixed)
}

/// The time now, as Word dates a tracked change.
fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), LoadError> {
    std::fs::write(path, bytes).map_err(|e| {
        LoadError::one(
            &path.display().to_string(),
            1,
            1,
            format!("无法写出修订稿：{e}"),
        )
    })
}
