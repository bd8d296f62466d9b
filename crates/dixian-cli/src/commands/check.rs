//! `dixian check FILE... [--format human|json]`: findings for each contract.

use crate::load;
use dixian_core::render::human;
use dixian_core::{Report, contract, eval};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Contract files (YAML, or .docx / .txt read by `dixian import`).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// A directory of rule files loaded on top of the built-in rules.
    #[arg(long)]
    rules: Option<PathBuf>,
    #[command(flatten)]
    document: super::import::DocumentArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run(args: &Args) -> u8 {
    let rules = match load::rule_set(args.rules.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut worst = 0u8;
    let mut json: Vec<Report> = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let result = if super::import::is_document(path) {
            super::import::check_document(path, &rules, &args.document)
        } else {
            load::read_text(path).and_then(|text| {
                let c = contract::load_yaml(&name, &text, &rules.vocabulary)?;
                let r = eval::check(&rules, &c)?;
                Ok((c, r))
            })
        };
        match result {
            Ok((c, report)) => {
                worst = worst.max(u8::try_from(report.exit_code()).unwrap_or(1));
                match args.format {
                    Format::Human => anstream::print!("{}", human::render(&report, &c, color)),
                    Format::Json => json.push(report),
                }
            }
            Err(e) => {
                eprintln!("{e}");
                worst = 2;
            }
        }
    }
    if let Format::Json = args.format {
        let out = if args.files.len() == 1 && json.len() == 1 {
            json.first().map(Report::to_json).unwrap_or_default()
        } else {
            serde_json::to_string_pretty(&json).unwrap_or_default()
        };
        println!("{out}");
    }
    worst
}
