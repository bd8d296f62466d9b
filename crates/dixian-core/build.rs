//! Compiles the rule files in the repository's `rules/` into the library, so the built-in engine needs
//! no files on disk (CLI, wasm and embedders alike).

use std::path::Path;
use std::{env, fs};

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let rules = Path::new(&manifest).join("../../rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    let mut files: Vec<_> = fs::read_dir(&rules)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "dixian"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from(
        "/// The built-in rule files: (name, text).\npub static BUILTIN_RULES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let abs = fs::canonicalize(f).unwrap_or_else(|_| f.clone());
        out.push_str(&format!(
            "    (\"rules/{name}\", include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    // The release of the rule data: the newest entry of rules/CHANGES.md (a `## YYYY-MM-DD` heading).
    let changes = rules.join("CHANGES.md");
    println!("cargo:rerun-if-changed={}", changes.display());
    let release = fs::read_to_string(&changes)
        .ok()
        .and_then(|text| {
            text.lines()
                .filter_map(|l| l.strip_prefix("## "))
                .map(|l| l.split_whitespace().next().unwrap_or_default().to_owned())
                .next()
        })
        .unwrap_or_else(|| "unreleased".to_owned());
    out.push_str(&format!(
        "/// The release of the built-in rule data (the newest date in rules/CHANGES.md).\npub const RULES_RELEASE: &str = {release:?};\n"
    ));
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("builtin_rules.rs");
    if let Err(e) = fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}
