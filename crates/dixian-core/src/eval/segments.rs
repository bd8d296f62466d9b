//! The contract's term cut at every date where some version of a rule in its chain starts or ends, so
//! that within a segment every rule has one version (or none) in force.

use chrono::NaiveDate;

/// Inclusive day ranges covering `start..=end`, split at every one of `cuts` (sorted, without repeats:
/// the dates a version begins or the day after one ends) inside the term.
pub fn segments(
    start: NaiveDate,
    end: NaiveDate,
    cuts: &[NaiveDate],
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::with_capacity(4);
    let mut from = start;
    for &cut in cuts.iter().filter(|&&d| d > start && d <= end) {
        if let Some(prev) = cut.pred_opt() {
            out.push((from, prev));
        }
        from = cut;
    }
    out.push((from, end));
    out
}
