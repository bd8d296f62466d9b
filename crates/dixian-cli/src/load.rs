//! Loading the rule set (built-in, optionally with a directory on top) and reading input files.

use dixian_core::LoadError;
use dixian_core::rules::{self, RuleSet, RuleSource};
use std::path::Path;

/// The built-in rules, plus every `*.dixian` file in `extra` when given.
pub fn rule_set(extra: Option<&Path>) -> Result<RuleSet, LoadError> {
    let mut sources = rules::builtin_sources();
    if let Some(dir) = extra {
        sources.extend(read_rule_dir(dir)?);
    }
    rules::load(&sources)
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
    let bytes = std::fs::read(path)
        .map_err(|e| LoadError::one(&name, 1, 1, format!("无法读取文件：{e}")))?;
    dixian_core::contract::decode_utf8(&name, &bytes)
}
