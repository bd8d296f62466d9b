//! `dixian rules [--region R] [--date D] [--format human|json|markdown]`: the rules in force for a
//! region (default: every jurisdiction) on a date (default: today). `dixian rules check DIR`: validate
//! a rules directory (with the built-in rules beneath it) without checking a contract; errors carry
//! file, line and column, exit 2. `dixian rules --version`: which rule data this is (release and
//! SHA-256 of the rule files, as JSON reports carry it under `rules`).

use crate::Common;
use crate::load;
use chrono::NaiveDate;
use dixian_core::render::{Lang, rules as render};
use dixian_core::{catalog, region};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    sub: Option<Sub>,
    /// A region such as 湖北省武汉市: its chain of jurisdictions (全国 → 湖北). Default: all.
    #[arg(long)]
    region: Option<String>,
    /// The date (YYYY-MM-DD) the rules must be in force on. Default: today.
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Print the release and SHA-256 digest of the rule data (with --rules: of the files as loaded).
    #[arg(long = "version")]
    show_version: bool,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// Validate a rules directory (its *.dixian files on top of the built-in rules).
    Check {
        /// The directory of *.dixian files.
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Markdown,
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("“{s}”不是有效日期（应为 YYYY-MM-DD）"))
}

/// Today's date (UTC), from the system clock.
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(secs / 86_400)))
        .unwrap_or_default()
}

pub fn run(common: &Common, args: &Args) -> u8 {
    if let Some(Sub::Check { dir }) = &args.sub {
        return check(dir, common.lang());
    }
    let rules = match common.rule_set() {
        Ok(r) => r,
        Err(code) => return code,
    };
    if args.show_version {
        let data = &rules.data;
        match (args.format, common.lang()) {
            (Format::Json, _) => {
                crate::output::outln!("{}", serde_json::to_string_pretty(data).unwrap_or_default())
            }
            (_, Lang::Zh) => {
                crate::output::outln!("规则数据版本：{}\nSHA-256：{}", data.version, data.digest)
            }
            (_, Lang::En) => crate::output::outln!(
                "rule data version: {}\nSHA-256: {}",
                data.version,
                data.digest
            ),
        }
        return 0;
    }
    let date = args.date.unwrap_or_else(today);
    let jurisdiction = match args.region.as_deref().map(|r| region::resolve(&rules, r)) {
        None => None,
        Some(Ok(resolved)) => Some(resolved.jurisdiction),
        Some(Err(e)) => {
            eprintln!("{}", e.message);
            return 2;
        }
    };
    let rows = catalog::rules_in_force(&rules, jurisdiction, Some(date));
    match args.format {
        Format::Human => crate::output::emit(&render::human(&rows, common.lang())),
        Format::Markdown => crate::output::emit(&render::markdown(&rows, common.lang())),
        Format::Json => crate::output::outln!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        ),
    }
    0
}

fn check(dir: &std::path::Path, lang: Lang) -> u8 {
    let own = match load::read_rule_dir(dir) {
        Ok(own) => own,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    match load::rule_set(Some(dir)) {
        Ok(set) => {
            let names: Vec<&str> = own.iter().map(|s| s.name.as_str()).collect();
            let mine = set
                .rules
                .iter()
                .filter(|r| names.contains(&r.file.as_str()))
                .count();
            match lang {
                Lang::Zh => crate::output::outln!(
                    "规则目录有效：{}（{} 个文件，{mine} 条规则；连同内置规则共 {} 条）",
                    dir.display(),
                    own.len(),
                    set.rules.len()
                ),
                Lang::En => crate::output::outln!(
                    "rules directory is valid: {} ({} files, {mine} rules; {} with the built-in rules)",
                    dir.display(),
                    own.len(),
                    set.rules.len()
                ),
            }
            0
        }
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}
