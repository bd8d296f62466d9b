//! One finding per problem: a missing commitment is not reported again through the figure that
//! details it (a missing 孕期禁止加班夜班 already says that 孕期禁止加班夜班起始 is missing).

use crate::report::{Finding, FindingKind};
use crate::vocabulary::Vocabulary;

/// Drops the “missing” findings of a detail term (`label … detail_of …` in the vocabulary) whose
/// commitment is itself found missing or refused over an overlapping window.
pub(super) fn drop_dependent_missing(findings: &mut Vec<Finding>, vocab: &Vocabulary) {
    let parent_of = |f: &Finding| {
        let term = vocab.term(f.term.as_deref()?)?;
        let parent = vocab.term_info(term)?.detail_of?;
        Some(vocab.term_name(parent).to_owned())
    };
    let covered: Vec<(usize, String)> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == FindingKind::Missing)
        .filter_map(|(i, f)| parent_of(f).map(|p| (i, p)))
        .filter(|(i, parent)| {
            findings.get(*i).is_some_and(|detail| {
                findings.iter().any(|p| {
                    p.term.as_deref() == Some(parent.as_str())
                        && matches!(p.kind, FindingKind::Missing | FindingKind::Violated)
                        && p.from <= detail.to
                        && detail.from <= p.to
                })
            })
        })
        .collect();
    let mut index = 0;
    findings.retain(|_| {
        let keep = !covered.iter().any(|(i, _)| *i == index);
        index += 1;
        keep
    });
}
