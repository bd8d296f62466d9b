//! Rule files → validated rule set: `grammar.pest` → `parser` (syntax tree with spans) → `validate`
//! (names, units, citations, dates, strictest-floor checks) → `model::RuleSet`.

pub mod ast;
mod digest;
mod model;
mod parser;
mod sha256;
mod validate;

pub use digest::RulesVersion;
pub use model::*;
pub use parser::{MAX_NESTING, MAX_RULE_FILE_BYTES, MAX_RULES_PER_FILE, parse_file};
pub use sha256::sha256;
pub use validate::{RuleSource, load};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

pub use builtin::{BUILTIN_RULES, BUILTIN_RULES_DIGEST, RULES_RELEASE};

/// The built-in rule files as sources.
pub fn builtin_sources() -> Vec<RuleSource> {
    BUILTIN_RULES
        .iter()
        .map(|(name, text)| RuleSource {
            name: (*name).to_owned(),
            text: (*text).to_owned(),
        })
        .collect()
}

/// The built-in rule set. It is validated by the test suite, so this fails only if the build is broken.
pub fn builtin() -> Result<RuleSet, crate::error::LoadError> {
    load(&builtin_sources())
}
