//! The contract's term cut at every date where some version of a rule in its chain starts or ends, so
//! that within a segment every rule has one version (or none) in force.

use crate::rules::Rule;
use chrono::NaiveDate;

/// Inclusive day ranges covering `start..=end`, split wherever a version of `rules` begins or ends.
pub fn segments<'r>(
    start: NaiveDate,
    end: NaiveDate,
    rules: impl Iterator<Item = &'r Rule>,
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut cuts: Vec<NaiveDate> = Vec::new();
    for v in rules.flat_map(|r| r.versions.iter()) {
        if let Some(f) = v.from {
            cuts.push(f);
        }
        if let Some(next) = v.until.and_then(|u| u.succ_opt()) {
            cuts.push(next);
        }
    }
    cuts.retain(|&d| d > start && d <= end);
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut from = start;
    for cut in cuts {
        if let Some(prev) = cut.pred_opt() {
            out.push((from, prev));
        }
        from = cut;
    }
    out.push((from, end));
    out
}
