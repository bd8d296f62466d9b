//! `dixian fix` on arbitrary bytes, through the calls the CLI makes (`fix::fix_bytes`: import, check
//! with the built-in rules, suggestions, the revised .txt in its own encoding or the .docx with
//! tracked changes), then the revised document read again and revised a second time. The bytes are
//! taken as a .txt, as a .docx, as the XML of a valid .docx package, and as text written into one
//! (see `packages.rs`). It may refuse, never panic, and must stay within libFuzzer's limits; what it
//! writes must read back.
#![no_main]

#[path = "packages.rs"]
mod packages;

use dixian_core::fix::Scope;
use dixian_core::render::Lang;
use dixian_import::fix::{Options, fix_bytes};
use dixian_import::{Format, Overrides, import};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static dixian_core::rules::RuleSet {
    static RULES: OnceLock<dixian_core::rules::RuleSet> = OnceLock::new();
    RULES.get_or_init(|| dixian_core::rules::builtin().unwrap_or_default())
}

fn fix(file: &str, bytes: &[u8], format: Format, overrides: &Overrides, scope: Scope) {
    let options = Options {
        scope,
        date: "2026-12-05T17:00:00Z".to_owned(),
        lang: Lang::Zh,
    };
    let Ok(fixed) = fix_bytes(rules(), file, bytes, overrides, &options) else {
        return;
    };
    if fixed.changes == 0 {
        assert_eq!(
            fixed.bytes, bytes,
            "{file}: nothing changed, yet the bytes did"
        );
        return;
    }
    // What `dixian fix` writes, dixian reads, and can revise again.
    if let Err(e) = import(file, &fixed.bytes, format, rules(), overrides) {
        panic!("{file}: the revised document cannot be read again: {e}");
    }
    let _ = fix_bytes(rules(), file, &fixed.bytes, overrides, &options);
}

fuzz_target!(|data: &[u8]| {
    let scope = match data.first() {
        Some(b) if b & 1 == 1 => Scope::Required,
        _ => Scope::All,
    };
    let found = Overrides {
        date: chrono::NaiveDate::from_ymd_opt(2025, 6, 1),
        ..Overrides::default()
    };
    fix("fuzz.txt", data, Format::Text, &found, scope);
    fix("fuzz.docx", data, Format::Docx, &found, scope);
    if let Some(docx) = packages::of_xml(data) {
        fix("fuzz.docx", &docx, Format::Docx, &found, scope);
    }
    // Text written into a package; the region given, so most inputs reach the revision.
    if let Some(docx) = std::str::from_utf8(data).ok().and_then(packages::of_text) {
        let given = Overrides {
            region: Some("湖北省武汉市".to_owned()),
            ..found
        };
        fix("fuzz.docx", &docx, Format::Docx, &given, scope);
    }
});
