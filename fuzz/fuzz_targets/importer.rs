//! The importer on arbitrary bytes, read both as a text file and as a .docx, and as the XML of a
//! valid .docx package and text written into one (see `packages.rs`: a mutated .docx seldom passes
//! its CRC): it may refuse, never panic, and a zip bomb or deep XML must stay within libFuzzer's time
//! and memory limits.
#![no_main]

#[path = "packages.rs"]
mod packages;

use dixian_import::{Format, Overrides, import};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static dixian_core::rules::RuleSet {
    static RULES: OnceLock<dixian_core::rules::RuleSet> = OnceLock::new();
    RULES.get_or_init(|| dixian_core::rules::builtin().unwrap_or_default())
}

fn read(data: &[u8], format: Format, overrides: &Overrides) {
    if let Ok(imported) = import("fuzz", data, format, rules(), overrides) {
        if let Ok(mut report) = dixian_core::eval::check(rules(), &imported.contract) {
            dixian_import::add_import_findings(&mut report, &imported);
        }
        let _ = dixian_import::yaml_form::to_yaml(&imported, &rules().vocabulary);
    }
}

fuzz_target!(|data: &[u8]| {
    let overrides = Overrides {
        date: chrono::NaiveDate::from_ymd_opt(2025, 6, 1),
        ..Overrides::default()
    };
    read(data, Format::Text, &overrides);
    read(data, Format::Docx, &overrides);
    if let Some(docx) = packages::of_xml(data) {
        read(&docx, Format::Docx, &overrides);
    }
    if let Some(docx) = std::str::from_utf8(data).ok().and_then(packages::of_text) {
        read(&docx, Format::Docx, &overrides);
    }
});
