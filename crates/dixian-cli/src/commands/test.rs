//! `dixian test [PATH...]`: run rule tests (default directory `tests/rules`). Prints pass or fail per
//! test, then `N passed, N failed`. Exit 0 when all pass, 1 when any fails, 2 when there is nothing
//! to run or the rules cannot be loaded. `--require-coverage` also fails when a rule is named by no
//! test's `expect`.

use crate::Common;
use crate::load;
use dixian_core::ruletest::{self, Case, ContractSource, Outcome};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Test files or directories of them (*.yaml, *.yml). Default: tests/rules.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Fail unless every rule loaded is named in some test's `expect`.
    #[arg(long)]
    require_coverage: bool,
}

pub fn run(common: &Common, args: &Args) -> u8 {
    let rules = match common.rule_set() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("tests/rules")]
    } else {
        args.paths.clone()
    };
    let files = load::expand(&paths);
    if files.is_empty() {
        eprintln!(
            "没有找到测试文件：{}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("、")
        );
        return 2;
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for path in &files {
        crate::output::emit_line(&path.display().to_string());
        let cases = match load::read_text(path)
            .and_then(|t| ruletest::parse(&path.display().to_string(), &t))
        {
            Ok(cases) => cases,
            Err(e) => {
                crate::output::emit_line("  FAIL  （测试文件无法读取）");
                for d in &e.diagnostics {
                    crate::output::emit_line(&format!("        {d}"));
                }
                failed += 1;
                continue;
            }
        };
        for case in &cases {
            let outcome = run_case(&rules, path, case);
            covered.extend(outcome.covers.iter().cloned());
            if outcome.passed() {
                passed += 1;
                crate::output::outln!("  ok    {}", outcome.name);
            } else {
                failed += 1;
                crate::output::outln!("  FAIL  {}", outcome.name);
                for f in &outcome.failures {
                    crate::output::emit_line(&format!("        {f}"));
                }
            }
        }
    }
    let untested: Vec<&str> = rules
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !covered.contains(*id))
        .collect();
    if !untested.is_empty() {
        crate::output::outln!(
            "\n没有测试的规则（{} 条）：{}",
            untested.len(),
            untested.join("、")
        );
        if args.require_coverage {
            failed += 1;
        }
    }
    crate::output::emit_line(&format!("\n{passed} passed, {failed} failed"));
    u8::from(failed > 0)
}

fn run_case(rules: &dixian_core::rules::RuleSet, test_file: &Path, case: &Case) -> Outcome {
    match &case.contract {
        ContractSource::Inline { text, .. } => {
            ruletest::run_case(rules, case, &test_file.display().to_string(), text)
        }
        ContractSource::File(rel) => {
            let path = test_file.parent().unwrap_or(Path::new(".")).join(rel);
            match load::read_text(&path) {
                Ok(text) => ruletest::run_case(rules, case, &path.display().to_string(), &text),
                Err(e) => Outcome {
                    name: case.name.clone(),
                    failures: e
                        .diagnostics
                        .iter()
                        .map(|d| format!("合同无法读取：{d}"))
                        .collect(),
                    covers: BTreeSet::new(),
                },
            }
        }
    }
}
