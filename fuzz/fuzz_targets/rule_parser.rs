//! Any text as a rule file: parsed alone, then validated together with the built-in vocabulary and
//! national rules (so names, parents, versions and floors are exercised, not only the grammar).
#![no_main]

use dixian_core::rules::{self, RuleSource};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = rules::parse_file("fuzz.dixian", text);
    let mut sources: Vec<RuleSource> = rules::builtin_sources()
        .into_iter()
        .filter(|s| s.name.ends_with("vocabulary.dixian") || s.name.ends_with("national.dixian"))
        .collect();
    sources.push(RuleSource { name: "fuzz.dixian".into(), text: text.to_owned() });
    let _ = rules::load(&sources);
});
