//! `dixian explain RULE`: one rule with all its dated versions, citations and source text.

use crate::Common;
use dixian_core::render::rules as render;

#[derive(clap::Args)]
pub struct Args {
    /// The rule's id, such as 湖北.产假.
    rule: String,
}

pub fn run(common: &Common, args: &Args) -> u8 {
    let rules = match common.rule_set() {
        Ok(r) => r,
        Err(code) => return code,
    };
    if let Some(rule) = rules.rule(&args.rule) {
        crate::output::emit(&render::explain(&rules, rule, common.lang()));
        return 0;
    }
    // Near: the same jurisdiction (湖北.…) or the same name in another (….产假).
    let (place, name) = args
        .rule
        .split_once('.')
        .unwrap_or((args.rule.as_str(), args.rule.as_str()));
    let near: Vec<&str> = rules
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| {
            id.split_once('.')
                .is_some_and(|(p, n)| p == place || n == name)
        })
        .collect();
    eprintln!("没有规则“{}”。", args.rule);
    if !near.is_empty() {
        eprintln!("相近的规则：{}", near.join("、"));
    }
    eprintln!("用 dixian rules 列出全部规则。");
    2
}
