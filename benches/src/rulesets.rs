//! The rule sets the benchmarks use: all built-in regions, one region (全国 + 湖北), the same without
//! the forbidden-wording rules (what the peers encode), and the built-in set padded with many
//! synthetic provinces (to show evaluation does not grow with regions outside the contract's chain).

use dixian_core::rules::{Check, RuleSet, RuleSource};

/// The built-in rule files whose names end with one of `files`.
fn builtin_files(files: &[&str]) -> Vec<RuleSource> {
    dixian_core::rules::BUILTIN_RULES
        .iter()
        .filter(|(name, _)| files.iter().any(|f| name.ends_with(f)))
        .map(|(name, text)| RuleSource {
            name: (*name).to_owned(),
            text: (*text).to_owned(),
        })
        .collect()
}

/// 全国 and 湖北 with every rule (the "one region" rule set of the scaling benchmark).
pub fn national_and_hubei() -> Result<RuleSet, dixian_core::LoadError> {
    dixian_core::rules::load(&builtin_files(&[
        "vocabulary.dixian",
        "national.dixian",
        "hubei.dixian",
    ]))
}

/// The rule set the peers encode: [`national_and_hubei`] without the forbidden-text rules (neither
/// Rego nor Cedar has the matcher; the hand-written baseline is compared on them separately).
pub fn national_and_hubei_floors() -> Result<RuleSet, dixian_core::LoadError> {
    let mut set = national_and_hubei()?;
    set.rules.retain(|r| {
        !r.versions
            .iter()
            .any(|v| matches!(v.check, Check::ForbidText { .. }))
    });
    Ok(set)
}

/// The built-in rules plus `copies` renamed copies of every provincial file (模拟1_北京 …), each a
/// province of its own under 全国 with no names or cities, so no contract resolves to them.
pub fn with_synthetic_regions(copies: usize) -> Result<RuleSet, dixian_core::LoadError> {
    let mut sources = dixian_core::rules::builtin_sources();
    let provinces: Vec<(String, String)> = sources
        .iter()
        .filter_map(|s| {
            let head = s.text.split("jurisdiction ").nth(1)?;
            let name = head.split_whitespace().next()?.to_owned();
            (name != "全国").then(|| (name, s.text.clone()))
        })
        .collect();
    for i in 1..=copies {
        for (name, text) in &provinces {
            let copy = format!("模拟{i}_{name}");
            let Some(start) = text.find("jurisdiction ") else {
                continue;
            };
            let Some(len) = text.get(start..).and_then(|t| t.find("\n}")) else {
                continue;
            };
            let body = text.get(start + len + 2..).unwrap_or("");
            sources.push(RuleSource {
                name: format!("rules/{copy}.dixian"),
                text: format!(
                    "jurisdiction {copy} {{ parent 全国 }}\n{}",
                    body.replace(&format!("{name}."), &format!("{copy}."))
                ),
            });
        }
    }
    dixian_core::rules::load(&sources)
}
