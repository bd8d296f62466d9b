//! `dixian check PATH... [--format human|json|sarif]`: findings for each contract, in input order.
//! Every input file appears exactly once, as a report or as an error. Exit code: the worst over all
//! files — 2 if any could not be read, else 1 if any has a rectify or refer finding, else 0.

use crate::Common;
use crate::batch::{self, Checked};
use crate::load;
use dixian_core::render::{Lang, human, sarif::SarifLog};
use dixian_core::report::Unreadable;

#[derive(clap::Args)]
pub struct Args {
    /// Output format. json: one object for a single file given, else an array in input order.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    inputs: batch::Inputs,
    #[command(flatten)]
    document: super::import::DocumentArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
}

pub fn run(common: &Common, args: &Args) -> u8 {
    let rules = match common.rule_set() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let lang = common.lang();
    let files = load::expand_contracts(&args.inputs.paths);
    let single = args.inputs.paths.len() == 1
        && files.len() == 1
        && !args.inputs.paths.iter().any(|p| p.is_dir());
    let color = batch::color_stdout();
    let mut worst = 0u8;
    let mut sarif = SarifLog::new();
    let (mut checked, mut unreadable) = (0usize, 0usize);
    if args.format == Format::Json && !single {
        crate::output::emit_line("[");
    }
    let mut first = true;
    batch::check_all(
        &rules,
        &files,
        &args.document,
        args.inputs.quiet,
        |c: Checked| {
            let code = match &c.result {
                Ok((_, report)) => u8::try_from(report.exit_code()).unwrap_or(1),
                Err(_) => 2,
            };
            worst = worst.max(code);
            match &c.result {
                Ok(_) => checked += 1,
                Err(_) => unreadable += 1,
            }
            match args.format {
                Format::Human => crate::output::emit(&human_text(&c, color, lang)),
                Format::Json => {
                    let text = json_text(&c);
                    if single {
                        crate::output::emit_line(&text);
                    } else {
                        let sep = if first { "" } else { ",\n" };
                        crate::output::out!("{sep}  {}", text.replace('\n', "\n  "));
                    }
                }
                Format::Sarif => match &c.result {
                    Ok((contract, report)) => sarif.add_report(report, &contract.source, lang),
                    Err(e) => sarif.add_unreadable(&c.file, e),
                },
            }
            first = false;
        },
    );
    match args.format {
        Format::Json if !single => crate::output::emit_line("\n]"),
        Format::Sarif => crate::output::outln!(
            "{}",
            serde_json::to_string_pretty(&sarif.finish(&rules, env!("CARGO_PKG_VERSION")))
                .unwrap_or_default()
        ),
        Format::Human if files.len() > 1 => {
            crate::output::outln!("{}", batch_line(files.len(), checked, unreadable, lang))
        }
        _ => {}
    }
    worst
}

fn human_text(c: &Checked, color: bool, lang: Lang) -> String {
    match &c.result {
        Ok((contract, report)) => format!("{}\n", human::render_in(report, contract, color, lang)),
        Err(e) => {
            let head = if lang == Lang::Zh {
                "无法读取："
            } else {
                "cannot read: "
            };
            let lines: Vec<String> = e.diagnostics.iter().map(|d| format!("{head}{d}")).collect();
            format!("{}\n\n", lines.join("\n"))
        }
    }
}

fn json_text(c: &Checked) -> String {
    match &c.result {
        Ok((_, report)) => report.to_json(),
        Err(e) => Unreadable::new(&c.file, e).to_json(),
    }
}

fn batch_line(files: usize, checked: usize, unreadable: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("共 {files} 个文件：已检查 {checked} 份合同，{unreadable} 个无法读取"),
        Lang::En => format!("{files} files: {checked} contracts checked, {unreadable} unreadable"),
    }
}
