//! Any text as a quantity. What parses must print back to text that parses to the same quantity.
#![no_main]

use dixian_core::quantity::parse_quantity;
use dixian_core::rules::{self, RuleSet};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| rules::builtin().unwrap_or_default());

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let vocab = &RULES.vocabulary;
    if let Ok(q) = parse_quantity(text, vocab) {
        let printed = q.display(vocab);
        assert_eq!(parse_quantity(&printed, vocab), Ok(q), "{text:?} printed as {printed:?}");
    }
});
