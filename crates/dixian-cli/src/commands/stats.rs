//! `dixian stats PATH... [--format human|json|csv|xlsx|html] [-o FILE]`: what a committee reports
//! upward. Contracts are folded into per-thread tallies as they are checked, so memory stays flat in the
//! number of files; the workbook and the page also keep a short row per contract (never whole reports).
//! Exit code 0 when the statistics were produced (unreadable files are counted in them), 2 when the
//! rules cannot be loaded or the output cannot be written.

mod chart;
mod html;
mod rows;
mod tables;
mod xlsx;

use crate::Common;
use crate::batch;
use crate::commands::import::DocumentArgs;
use crate::load;
use dixian_core::render::stats as render;
use dixian_core::rules::RuleSet;
use dixian_core::stats::Stats;
use rayon::prelude::*;
use rows::ContractRow;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write to this file instead of standard output (required for xlsx; html is best written to a
    /// file too: 统计.html).
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    #[command(flatten)]
    inputs: batch::Inputs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A table to read in the terminal.
    Human,
    /// The stable shape other systems read (documented in the README).
    Json,
    /// One `section,key,contracts,percent,findings,detail` table for spreadsheets.
    Csv,
    /// An Excel workbook: summary, one sheet per table, 合同 (a row per contract), 问题 (a row per finding).
    Xlsx,
    /// One self-contained HTML page (opens offline, prints on A4): a bar chart per breakdown with
    /// its table below, and a list of the contracts.
    Html,
}

impl Format {
    /// Whether the output lists contracts and findings one by one, not only the tallies.
    fn lists_rows(self) -> bool {
        matches!(self, Format::Xlsx | Format::Html)
    }
}

pub fn run(common: &Common, args: &Args) -> u8 {
    let rules = match common.rule_set() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let files = load::expand_contracts(&args.inputs.paths);
    let bar = batch::progress(files.len(), args.inputs.quiet);
    let keep_rows = args.format.lists_rows();
    let (stats, contracts) = gather(&rules, &files, keep_rows, |path| {
        let checked = batch::check_file(&rules, path, &DocumentArgs::default());
        if let Some(b) = &bar {
            b.inc(1);
        }
        checked
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let text = match args.format {
        Format::Human => render::human(&stats, common.lang()),
        Format::Json => render::json(&stats) + "\n",
        Format::Csv => render::csv(&stats),
        Format::Xlsx => {
            let mut tables = report_tables(&stats, &contracts);
            tables.push(tables::finding_table(&contracts));
            return write_workbook(&tables, args.output.as_deref());
        }
        Format::Html => html::page(&report_tables(&stats, &contracts), super::rules::today()),
    };
    match &args.output {
        None => {
            crate::output::emit(&text);
            0
        }
        Some(path) => write_file(path, text.as_bytes()),
    }
}

/// The tallies and the list of contracts: what both the workbook and the page show.
fn report_tables(stats: &Stats, contracts: &[ContractRow]) -> Vec<tables::Table> {
    let mut all = tables::tally_tables(stats);
    all.push(tables::contract_table(contracts));
    all
}

fn write_workbook(tables: &[tables::Table], output: Option<&Path>) -> u8 {
    let Some(path) = output else {
        eprintln!("错误：Excel 工作簿须用 -o 指定输出文件，例如 -o 统计.xlsx");
        return 2;
    };
    match xlsx::write(tables, path) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("错误：无法写入 {}：{e}", path.display());
            2
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> u8 {
    match std::fs::write(path, bytes) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("错误：无法写入 {}：{e}", path.display());
            2
        }
    }
}

/// Folds the contracts `check` gives for `items` into statistics, in parallel: per-thread tallies,
/// merged at the end, so no report is kept (also what `POST /v1/stats` answers).
pub fn tally<T: Sync>(
    rules: &RuleSet,
    items: &[T],
    check: impl Fn(&T) -> batch::Checked + Sync + Send,
) -> Stats {
    gather(rules, items, false, check).0
}

/// [`tally`], and with `keep_rows` also a short row per readable contract (with its findings), in
/// file order.
fn gather<T: Sync>(
    rules: &RuleSet,
    items: &[T],
    keep_rows: bool,
    check: impl Fn(&T) -> batch::Checked + Sync + Send,
) -> (Stats, Vec<ContractRow>) {
    let (stats, mut rows) = items
        .par_iter()
        .fold(
            || (Stats::default(), Vec::new()),
            |(mut s, mut rows), item| {
                let checked = check(item);
                match &checked.result {
                    Ok((_, report)) => {
                        s.add_report(report, &rules.vocabulary);
                        if keep_rows {
                            rows.push(ContractRow::of(report));
                        }
                    }
                    Err(e) => s.add_unreadable(&checked.file, e),
                }
                (s, rows)
            },
        )
        .reduce(
            || (Stats::default(), Vec::new()),
            |(a, mut ra), (b, rb)| {
                ra.extend(rb);
                (a.merge(b), ra)
            },
        );
    rows.sort_by(|a, b| a.file.cmp(&b.file));
    (stats.finish(), rows)
}
