//! Any bytes as a contract file: decoded, then read against the built-in vocabulary.
#![no_main]

use dixian_core::rules::{self, RuleSet};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| rules::builtin().unwrap_or_default());

fuzz_target!(|data: &[u8]| {
    let Ok(text) = dixian_core::contract::decode_utf8("fuzz.yaml", data) else { return };
    let _ = dixian_core::contract::load_yaml("fuzz.yaml", &text, &RULES.vocabulary);
});
