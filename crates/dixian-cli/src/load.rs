//! Loading the rule set (built-in, optionally with a directory on top), finding the contract files
//! under the paths given, and reading them.

use dixian_core::LoadError;
use dixian_core::rules::{self, RuleSet, RuleSource};
use std::path::{Path, PathBuf};

/// The built-in rules, plus every `*.dixian` file in `extra` when given. A file in `extra` with the
/// same name as a built-in file (`national.dixian`) replaces it; any other is added on top.
pub fn rule_set(extra: Option<&Path>) -> Result<RuleSet, LoadError> {
    rules::load(&rule_sources(extra)?)
}

pub fn rule_sources(extra: Option<&Path>) -> Result<Vec<RuleSource>, LoadError> {
    let mut sources = rules::builtin_sources();
    if let Some(dir) = extra {
        let added = read_rule_dir(dir)?;
        let names: Vec<String> = added.iter().filter_map(|s| file_name(&s.name)).collect();
        sources.retain(|b| file_name(&b.name).is_none_or(|n| !names.contains(&n)));
        sources.extend(added);
    }
    Ok(sources)
}

fn file_name(path: &str) -> Option<String> {
    Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
}

/// Every `*.dixian` file in `dir`, sorted by name.
pub fn read_rule_dir(dir: &Path) -> Result<Vec<RuleSource>, LoadError> {
    let name = dir.display().to_string();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| LoadError::one(&name, 1, 1, format!("无法读取规则目录：{e}")))?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "dixian"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            Ok(RuleSource {
                name: p.display().to_string(),
                text: read_text(p)?,
            })
        })
        .collect()
}

/// A file's text as UTF-8; any other encoding is an error naming the file.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let name = path.display().to_string();
    // Refuse an oversized file from its size alone, before reading it into memory. No text input
    // (contract or rule file) may exceed the contract limit, the larger of the two.
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_file() {
            dixian_core::contract::check_size(&name, meta.len())?;
        }
    }
    let bytes = std::fs::read(path)
        .map_err(|e| LoadError::one(&name, 1, 1, format!("无法读取文件：{e}")))?;
    dixian_core::contract::decode_utf8_owned(&name, bytes)
}

fn is_yaml(p: &Path) -> bool {
    p.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"))
}

/// The files to read, in order: each path as given, a directory replaced by the `*.yaml`/`*.yml`
/// files under it (recursively, sorted). A path that does not exist is kept, so that it is reported
/// as unreadable rather than silently dropped.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    expand_where(paths, &is_yaml)
}

/// Like [`expand`], for contracts: a directory also yields its documents (.docx, .txt) and the files
/// a contract folder often holds that cannot be read (.doc, .pdf, .wps), so that each is reported.
pub fn expand_contracts(paths: &[PathBuf]) -> Vec<PathBuf> {
    expand_where(paths, &|p| {
        is_yaml(p)
            || crate::commands::import::is_document(p)
            || crate::commands::import::unreadable_format(p).is_some()
    })
}

fn expand_where(paths: &[PathBuf], wanted: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, wanted, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, wanted: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let path = e.path();
        // file_type does not follow symlinks: a link loop cannot make the walk run forever.
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&path, wanted, out),
            // Office's lock files (~$合同.docx) are not contracts.
            Ok(_)
                if path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("~$")) => {}
            Ok(_) if wanted(&path) => out.push(path),
            _ => {}
        }
    }
}
