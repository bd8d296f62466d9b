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
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("builtin_rules.rs");
    if let Err(e) = fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}
