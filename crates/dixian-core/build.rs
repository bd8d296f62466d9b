//! Compiles the rule files in the repository's `rules/` into the library, so the built-in engine needs
//! no files on disk (CLI, wasm and embedders alike).

use std::path::Path;
use std::{env, fs};

#[path = "src/rules/sha256.rs"]
#[allow(dead_code)]
mod sha256;

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
    // The browser carries the rules as text too, where every byte is downloaded: its copy drops the
    // comments and indentation (line numbers kept, strings untouched); the CLI embeds the files as
    // written. Both report the digest of the files as written, computed here.
    let browser = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let out_dir = env::var("OUT_DIR").unwrap_or_default();
    let mut written: Vec<(String, String)> = Vec::new();
    let mut out = String::from(
        "/// The built-in rule files: (name, text).\npub static BUILTIN_RULES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let mut abs = fs::canonicalize(f).unwrap_or_else(|_| f.clone());
        if let Ok(text) = fs::read_to_string(f) {
            if browser {
                let lean = Path::new(&out_dir).join(name);
                if fs::write(&lean, without_comments(&text)).is_ok() {
                    abs = lean;
                }
            }
            written.push((format!("rules/{name}"), text));
        }
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
    let files: Vec<(&str, &str)> = written
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    out.push_str(&format!(
        "/// SHA-256 of the built-in rule files as written (see `RulesVersion`).\npub const BUILTIN_RULES_DIGEST: &str = {:?};\n",
        sha256::files_digest(&files)
    ));
    let dest = Path::new(&out_dir).join("builtin_rules.rs");
    if let Err(e) = fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}

/// The rule text without `#`/`//` comments and leading blanks outside strings; every newline is kept, so
/// a line number in a message still points at the rule file as written.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let (mut in_string, mut line_start) = (false, true);
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if line_start && (c == ' ' || c == '\t') {
            continue;
        }
        line_start = c == '\n';
        let comment = c == '#' || (c == '/' && chars.peek() == Some(&'/'));
        if comment {
            while chars.peek().is_some_and(|&n| n != '\n') {
                chars.next();
            }
            continue;
        }
        in_string = c == '"';
        out.push(c);
    }
    out
}
