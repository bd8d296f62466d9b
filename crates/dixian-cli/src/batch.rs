//! Checking many contracts: in parallel (rayon), with results handed on in input order a chunk at a
//! time, so output is ordered while memory stays bounded by the chunk, not the batch.

use crate::commands::import::{self, DocumentArgs};
use dixian_core::contract::Contract;
use dixian_core::rules::RuleSet;
use dixian_core::{LoadError, Report};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The inputs every batch command (`check`, `stats`) takes.
#[derive(clap::Args)]
pub struct Inputs {
    /// Contract files (YAML, or .docx / .txt read as by `dixian import`) and directories (searched
    /// for *.yaml, *.yml, *.docx and *.txt; .doc, .pdf and .wps files found there are reported as
    /// unreadable).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// How many files are checked before their results are handed on in order.
const CHUNK: usize = 512;

/// One input file: its checked contract, or why it could not be read.
pub struct Checked {
    pub file: String,
    pub result: Result<(Contract, Report), LoadError>,
}

/// Checks one file: a .docx/.txt through the importer (with `document`'s overrides), a .doc/.pdf/.wps
/// refused by name, anything else as YAML.
pub fn check_file(rules: &RuleSet, path: &Path, document: &DocumentArgs) -> Checked {
    Checked {
        file: path.display().to_string(),
        result: import::check_document(path, rules, document),
    }
}

/// Checks every file, calling `each` with the results in input order.
pub fn check_all(
    rules: &RuleSet,
    files: &[PathBuf],
    document: &DocumentArgs,
    quiet: bool,
    mut each: impl FnMut(Checked),
) {
    let bar = progress(files.len(), quiet);
    for chunk in files.chunks(CHUNK) {
        let results: Vec<Checked> = chunk
            .par_iter()
            .map(|p| {
                let c = check_file(rules, p, document);
                if let Some(b) = &bar {
                    b.inc(1);
                }
                c
            })
            .collect();
        results.into_iter().for_each(&mut each);
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
}

/// A progress bar on stderr, only when stderr is a terminal and the user did not ask for quiet.
pub fn progress(len: usize, quiet: bool) -> Option<ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() || len < 2 {
        return None;
    }
    let bar = ProgressBar::new(u64::try_from(len).unwrap_or(u64::MAX));
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}") {
        bar.set_style(style);
    }
    Some(bar)
}

/// Colours only on a terminal, and never when NO_COLOR is set (to anything non-empty).
pub fn color_stdout() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
