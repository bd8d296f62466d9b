//! `dixian stats PATH... [--format human|json|csv]`: what a committee reports upward. Contracts are
//! folded into per-thread tallies as they are checked, so memory stays flat in the number of files.
//! Exit code 0 when the statistics were produced (unreadable files are counted in them), 2 when the
//! rules cannot be loaded.

use crate::Common;
use crate::batch;
use crate::commands::import::DocumentArgs;
use crate::load;
use dixian_core::render::stats as render;
use dixian_core::rules::RuleSet;
use dixian_core::stats::Stats;
use rayon::prelude::*;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    inputs: batch::Inputs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Csv,
}

pub fn run(common: &Common, args: &Args) -> u8 {
    let rules = match common.rule_set() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let files = load::expand_contracts(&args.inputs.paths);
    let bar = batch::progress(files.len(), args.inputs.quiet);
    let stats = tally(&rules, &files, |path| {
        let checked = batch::check_file(&rules, path, &DocumentArgs::default());
        if let Some(b) = &bar {
            b.inc(1);
        }
        checked
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    match args.format {
        Format::Human => crate::output::emit(&render::human(&stats, common.lang())),
        Format::Json => crate::output::emit_line(&render::json(&stats)),
        Format::Csv => crate::output::emit(&render::csv(&stats)),
    }
    0
}

/// Folds the contracts `check` gives for `items` into statistics, in parallel: per-thread tallies,
/// merged at the end, so no report is kept (also what `POST /v1/stats` answers).
pub fn tally<T: Sync>(
    rules: &RuleSet,
    items: &[T],
    check: impl Fn(&T) -> batch::Checked + Sync + Send,
) -> Stats {
    items
        .par_iter()
        .fold(Stats::default, |mut s, item| {
            let checked = check(item);
            match &checked.result {
                Ok((_, report)) => s.add_report(report, &rules.vocabulary),
                Err(e) => s.add_unreadable(&checked.file, e),
            }
            s
        })
        .reduce(Stats::default, Stats::merge)
        .finish()
}
