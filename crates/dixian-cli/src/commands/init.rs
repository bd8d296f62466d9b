//! `dixian init [--region R] [--date D] [-o FILE]`: a contract to fill in, with every term the region's
//! rules in force on the date check, its unit and what the rules require (see
//! `dixian_core::contract::skeleton`). Printed, or written to a new file (never over an existing one).

use crate::Common;
use crate::commands::rules::{parse_date, today};
use chrono::NaiveDate;
use dixian_core::region;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The contract's region, such as 湖北省武汉市: its rules and its parents'. Default: national rules
    /// only, the region left to fill in.
    #[arg(long)]
    region: Option<String>,
    /// The date (YYYY-MM-DD) the rules must be in force on; also the skeleton's signing date. Default:
    /// today.
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Write the skeleton to this new file instead of printing it.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(common: &Common, args: &Args) -> u8 {
    let rules = match common.rule_set() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let region = match args.region.as_deref() {
        None => None,
        Some(name) => match region::resolve(&rules, name) {
            Ok(resolved) => Some((name.trim(), resolved.jurisdiction)),
            Err(e) => {
                eprintln!("{}", e.message);
                return 2;
            }
        },
    };
    let text = dixian_core::contract::skeleton(&rules, region, args.date.unwrap_or_else(today));
    let Some(path) = &args.output else {
        crate::output::emit(&text);
        return 0;
    };
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    match written {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!("{}：文件已存在，未覆盖", path.display());
            2
        }
        Err(e) => {
            eprintln!("{}：无法写入（{e}）", path.display());
            2
        }
    }
}
