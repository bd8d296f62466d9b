//! The importer on arbitrary bytes, read both as a text file and as a .docx: it may refuse, never
//! panic, and a zip bomb or deep XML must stay within libFuzzer's time and memory limits.
#![no_main]

use dixian_import::{Format, Overrides, import};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static dixian_core::rules::RuleSet {
    static RULES: OnceLock<dixian_core::rules::RuleSet> = OnceLock::new();
    RULES.get_or_init(|| dixian_core::rules::builtin().unwrap_or_default())
}

fuzz_target!(|data: &[u8]| {
    let overrides = Overrides {
        date: chrono::NaiveDate::from_ymd_opt(2025, 6, 1),
        ..Overrides::default()
    };
    for format in [Format::Text, Format::Docx] {
        if let Ok(imported) = import("fuzz", data, format, rules(), &overrides) {
            if let Ok(mut report) = dixian_core::eval::check(rules(), &imported.contract) {
                dixian_import::add_import_findings(&mut report, &imported);
            }
            let _ = dixian_import::yaml_form::to_yaml(&imported, &rules().vocabulary);
        }
    }
});
