//! Any bytes through the whole pipeline: decode, read, resolve the region, evaluate, render both ways.
//! Random bytes seldom make a valid contract, so the same text is also placed inside a valid one (as
//! its region, a clause's words and a term's value), where evaluation is always reached.
#![no_main]

use dixian_core::rules::{self, RuleSet};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| rules::builtin().unwrap_or_default());

fn check(text: &str) {
    let Ok(contract) = dixian_core::contract::load_yaml("fuzz.yaml", text, &RULES.vocabulary) else { return };
    if let Ok(report) = dixian_core::eval::check(&RULES, &contract) {
        let _ = report.to_json();
        let _ = dixian_core::render::human::render(&report, &contract, false);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = dixian_core::contract::decode_utf8("fuzz.yaml", data) else { return };
    check(&text);
    // A JSON string is a valid YAML double-quoted scalar, whatever it holds.
    let q = serde_json::to_string(&text).unwrap_or_default();
    let term = "term: {start: 2021-05-01, end: 2024-04-30}";
    check(&format!("region: {q}\n{term}\nclauses:\n  - id: 第一条\n    terms: {{产假: 98天}}\n"));
    check(&format!("region: 湖北省武汉市\n{term}\nclauses:\n  - id: 第一条\n    text: {q}\n"));
    check(&format!("region: 北京市\n{term}\nworkforce: {{total: 120, women: 70}}\nclauses:\n  - id: {q}\n    terms: {{产假: {q}, 哺乳时间: {q}, 性骚扰防治: {q}}}\n"));
});
