//! `dixian`: lint a draft women workers' special collective contract, or review a folder of them.
#![forbid(unsafe_code)]

mod commands;
mod load;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dixian",
    version,
    about = "检查女职工权益保护专项集体合同是否达到法定底线"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check contracts against the rules in force for their region and term.
    Check(commands::check::Args),
    /// Read a .docx or .txt contract and print its YAML form (clauses and extracted terms) for review.
    Import(commands::import::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => commands::check::run(&args),
        Command::Import(args) => commands::import::run(&args),
    };
    ExitCode::from(code)
}
