//! `dixian`: lint a draft women workers' special collective contract, or review a folder of them.
#![forbid(unsafe_code)]

mod batch;
mod commands;
mod load;
mod output;
mod serve;

use clap::{Parser, Subcommand};
use dixian_core::render::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dixian",
    version,
    about = "检查女职工权益保护专项集体合同是否达到法定底线"
)]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Command,
}

/// Options every command takes.
#[derive(clap::Args, Clone, Debug)]
pub struct Common {
    /// A directory of rule files (*.dixian) loaded on top of the built-in rules; a file named like a
    /// built-in one (national.dixian) replaces it.
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Language of messages: zh (default) or en.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl Common {
    pub fn lang(&self) -> Lang {
        match self.lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }

    /// The rule set, or the exit code after printing why it cannot be loaded.
    pub fn rule_set(&self) -> Result<dixian_core::rules::RuleSet, u8> {
        load::rule_set(self.rules.as_deref()).map_err(|e| {
            eprintln!("{e}");
            2
        })
    }
}

#[derive(Subcommand)]
enum Command {
    /// Check contracts (files or directories) against the rules in force for their region and term.
    Check(commands::check::Args),
    /// Statistics over a batch of contracts: shares by severity, term, 五期 period and region.
    Stats(commands::stats::Args),
    /// Draft the union's letter (提示函, 整改意见书 or 处理建议书) from a contract's findings.
    Letter(commands::letter::Args),
    /// Write a contract to fill in: every term the region's rules check, with its unit and floor.
    Init(commands::init::Args),
    /// List the rules in force for a region on a date; `rules check DIR` validates a rules directory.
    Rules(commands::rules::Args),
    /// Show one rule with all its dated versions, citations and source text.
    Explain(commands::explain::Args),
    /// Run rule tests (YAML files of contracts and the findings they must and must not produce).
    Test(commands::test::Args),
    /// Read a .docx or .txt contract and print its YAML form (clauses and extracted terms) for review.
    Import(commands::import::Args),
    /// Serve the checks over HTTP (JSON) for union platforms: POST /v1/check and more (see /openapi.json).
    Serve(commands::serve::Args),
    /// Write the revised contract: every suggestion applied (YAML, .txt in its encoding, .docx as Word
    /// tracked changes), with a summary of each change and its basis.
    Fix(commands::fix::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let c = &cli.common;
    let code = match &cli.command {
        Command::Check(args) => commands::check::run(c, args),
        Command::Stats(args) => commands::stats::run(c, args),
        Command::Letter(args) => commands::letter::run(c, args),
        Command::Init(args) => commands::init::run(c, args),
        Command::Rules(args) => commands::rules::run(c, args),
        Command::Explain(args) => commands::explain::run(c, args),
        Command::Test(args) => commands::test::run(c, args),
        Command::Import(args) => commands::import::run(c, args),
        Command::Serve(args) => commands::serve::run(c, args),
        Command::Fix(args) => commands::fix::run(c, args),
    };
    ExitCode::from(code)
}
