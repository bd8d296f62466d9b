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
        print!("{}", render::explain(&rules, rule, common.lang()));
        return 0;
    }
    let near: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).filter(|id| id.contains(args.rule.as_str()) || args.rule.contains(id.rsplit('.').next().unwrap_or(id))).collect();
    eprintln!("没有规则“{}”。", args.rule);
    if !near.is_empty() {
        eprintln!("相近的规则：{}", near.join("、"));
    }
    eprintln!("用 dixian rules 列出全部规则。");
    2
}
