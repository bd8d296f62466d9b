//! Which rule data produced a report: the release of the built-in rules (the newest date in
//! `rules/CHANGES.md`, with `+local` when other rule files were loaded beside them) and the SHA-256 of
//! the rule files as loaded. The digest of the built-in files is computed by the build script over the
//! files as written, so the browser build, which embeds them without comments, reports the same one.

use super::sha256::files_digest;
use serde::Serialize;

/// The rule data a report was produced with: `{"version": "2026-12-05", "digest": "…"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RulesVersion {
    pub version: String,
    pub digest: String,
}

impl RulesVersion {
    /// For rule sources: the digest covers each file's name and text, taken in the order of their
    /// names (the order they are given in changes nothing else either), so renaming, adding or
    /// editing any file changes it.
    pub fn of(sources: &[super::RuleSource]) -> Self {
        let builtin = super::BUILTIN_RULES;
        let local = sources
            .iter()
            .any(|s| !builtin.iter().any(|(n, t)| *n == s.name && *t == s.text));
        let mut names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
        crate::sort::sort(&mut names);
        names.dedup();
        let digest = if !local && names.len() == builtin.len() {
            super::BUILTIN_RULES_DIGEST.to_owned()
        } else {
            let files: Vec<(&str, &str)> = sources
                .iter()
                .map(|s| (s.name.as_str(), s.text.as_str()))
                .collect();
            files_digest(&files)
        };
        let release = super::RULES_RELEASE;
        Self {
            version: if local {
                format!("{release}+local")
            } else {
                release.to_owned()
            },
            digest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_digest_is_the_files_as_written() {
        // The native build embeds the files as written, so digesting them here must give the build
        // script's figure, which the browser build (embedding them without comments) reports too.
        let files: Vec<(&str, &str)> = super::super::BUILTIN_RULES.to_vec();
        assert_eq!(super::super::BUILTIN_RULES_DIGEST, files_digest(&files));
        let sources = super::super::builtin_sources();
        assert_eq!(RulesVersion::of(&sources).digest, files_digest(&files));
    }

    #[test]
    fn a_subset_or_an_edit_has_its_own_digest() {
        let mut sources = super::super::builtin_sources();
        let whole = RulesVersion::of(&sources);
        let last = sources.pop();
        assert_ne!(RulesVersion::of(&sources).digest, whole.digest);
        if let Some(mut edited) = last {
            edited.text.push('\n');
            sources.push(edited);
            let changed = RulesVersion::of(&sources);
            assert_ne!(changed.digest, whole.digest);
            assert!(changed.version.ends_with("+local"));
        }
    }
}
