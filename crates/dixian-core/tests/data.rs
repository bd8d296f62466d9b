//! Data tests over the built-in rules: they load, every version is cited, versions never overlap, no
//! regional floor undercuts the national one, and — for every region and every binding quantity floor — a
//! contract at exactly the floor passes while one a unit below fails on that term alone, on both sides of
//! every date where the floors change.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Days, NaiveDate};
use dixian_core::quantity::{Quantity, format_milli, month_days};
use dixian_core::report::{FindingKind, Report};
use dixian_core::rules::{
    self, Check, JurisdictionId, Op, Operand, RuleSet, RuleSource, Severity, Version,
};
use dixian_core::vocabulary::{TermId, UnitId};

fn set() -> RuleSet {
    rules::builtin().expect("built-in rules load")
}

#[test]
fn builtin_set_loads_with_every_province() {
    let set = set();
    let root = set.jurisdiction_by_name("全国").expect("全国");
    let provinces = set
        .jurisdictions
        .iter()
        .filter(|j| j.parent == Some(root))
        .count();
    assert_eq!(provinces, 31);
    for j in &set.jurisdictions {
        assert!(
            set.rules.iter().any(|r| set
                .jurisdiction(r.jurisdiction)
                .is_some_and(|rj| rj.name == j.name)),
            "{} has no rules",
            j.name
        );
    }
}

#[test]
fn every_version_is_cited_and_every_provisional_says_why() {
    let set = set();
    for rule in &set.rules {
        assert!(!rule.versions.is_empty(), "{} has no version", rule.id);
        for v in &rule.versions {
            assert!(
                !v.citation.source.trim().is_empty(),
                "{}: empty citation",
                rule.id
            );
            if let Some(why) = &v.provisional {
                assert!(
                    !why.trim().is_empty(),
                    "{}: provisional without a reason",
                    rule.id
                );
            }
        }
    }
}

fn overlap(a: &Version, b: &Version) -> bool {
    let before = |x: &Version, y: &Version| match (x.from, y.until) {
        (Some(f), Some(u)) => f <= u,
        _ => true,
    };
    before(a, b) && before(b, a)
}

#[test]
fn no_rule_has_overlapping_versions() {
    let set = set();
    for rule in &set.rules {
        for (i, a) in rule.versions.iter().enumerate() {
            if let (Some(f), Some(u)) = (a.from, a.until) {
                assert!(f <= u, "{}: version ends before it starts", rule.id);
            }
            for b in rule.versions.iter().skip(i + 1) {
                assert!(!overlap(a, b), "{}: versions overlap", rule.id);
            }
        }
    }
}

/// The loader's strictest-floor check, on a small synthetic set: a regional 产假 below the national 98
/// days is refused over the dates they share, and accepted where the national floor is not yet in force.
#[test]
fn a_regional_floor_below_the_national_one_is_refused() {
    let vocabulary = rules::BUILTIN_RULES
        .iter()
        .find(|(n, _)| n.ends_with("vocabulary.dixian"))
        .map(|(_, t)| *t)
        .expect("vocabulary");
    let national = r#"jurisdiction 全国 { names "中国" }
rule 全国.产假 { severity rectify version from 2012-04-28 { require 产假 >= 98天 cite "国家" } }"#;
    let load = |regional: &str| {
        let sources = [
            RuleSource {
                name: "vocabulary.dixian".into(),
                text: vocabulary.into(),
            },
            RuleSource {
                name: "national.dixian".into(),
                text: national.into(),
            },
            RuleSource {
                name: "x.dixian".into(),
                text: format!("jurisdiction 某省 {{ parent 全国 }}\n{regional}"),
            },
        ];
        rules::load(&sources)
    };
    let below = load(
        r#"rule 某省.产假 { severity rectify version from 2020-01-01 { require 产假 >= 90天 cite "某省" } }"#,
    );
    let err = below.expect_err("a floor below the national one must be refused");
    assert!(
        err.diagnostics
            .iter()
            .any(|d| d.file == "x.dixian" && d.message.contains("全国")),
        "{err:?}"
    );
    // Sharing a single day is enough to be refused.
    let one_day = load(
        r#"rule 某省.产假 { severity rectify version until 2012-04-28 { require 产假 >= 90天 cite "某省" } }"#,
    );
    assert!(one_day.is_err());
    // Before the national floor existed, the lower figure stands.
    let earlier = load(
        r#"rule 某省.产假 { severity rectify version until 2012-04-27 { require 产假 >= 90天 cite "某省" } }"#,
    );
    assert!(earlier.is_ok(), "{:?}", earlier.err());
    // The built-in rules themselves pass the same check (they load).
    assert!(rules::builtin().is_ok());
}

// ---- floors at and just below, for every region -------------------------------------------------

const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1990, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
const LATEST: NaiveDate = match NaiveDate::from_ymd_opt(2035, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// One quantity bound of the chain, with what the test needs to know about it.
#[derive(Clone, Copy)]
struct Bound<'a> {
    rule: &'a str,
    own: bool,
    version: &'a Version,
    op: Op,
    /// For a calendar sum (98天+3个月): the fewest days that surely meet it (98 + 92).
    milli: i64,
    /// Days between the fewest that surely fail and the fewest that surely meet, less one: where
    /// the answer depends on the months (3 for three months: 89 to 92 days).
    gap: i64,
    quantity: Quantity,
}

impl Bound<'_> {
    fn binding(&self) -> bool {
        self.version.provisional.is_none() && self.version.effective_severity() >= Severity::Rectify
    }

    fn from(&self) -> NaiveDate {
        self.version.from.unwrap_or(EARLIEST).max(EARLIEST)
    }

    fn until(&self) -> NaiveDate {
        self.version.until.unwrap_or(LATEST).min(LATEST)
    }

    /// The requirement as findings write it (不少于158天), from the shared words.
    fn expected(&self, set: &RuleSet) -> String {
        let vocab = &set.vocabulary;
        let term = self.version.check.term().and_then(|t| vocab.term_info(t));
        dixian_core::render::words::requirement(self.op, self.quantity, term, vocab)
    }

    /// The least protective value that still satisfies this bound.
    fn edge(&self) -> i64 {
        match self.op {
            Op::Above => self.milli + 1,
            Op::Below => self.milli - 1,
            _ => self.milli,
        }
    }
}

/// Unconditional quantity bounds on one term in one unit and one direction, from a region's chain.
fn bounds<'a>(
    set: &'a RuleSet,
    chain: &[JurisdictionId],
    own: JurisdictionId,
    term: TermId,
    unit: UnitId,
    ceiling: bool,
) -> Vec<Bound<'a>> {
    let mut out = Vec::new();
    for rule in set.rules.iter().filter(|r| chain.contains(&r.jurisdiction)) {
        for v in &rule.versions {
            let Check::Bound {
                term: t,
                op,
                value: Operand::Quantity(q),
            } = &v.check
            else {
                continue;
            };
            if *t == term
                && q.unit == unit
                && op.lower_protects() == ceiling
                && v.conditions.is_empty()
                && *op != Op::Equals
            {
                let (fewest, most) = month_days(q.months.unsigned_abs());
                out.push(Bound {
                    rule: &rule.id,
                    own: rule.jurisdiction == own,
                    version: v,
                    op: *op,
                    milli: q.milli + most,
                    gap: most - fewest,
                    quantity: *q,
                });
            }
        }
    }
    out
}

/// Contract windows inside every stretch where the same bounds are in force: one at its start and one at
/// its end, so every change is approached from both sides.
fn windows(bounds: &[Bound<'_>]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut cuts: Vec<NaiveDate> = vec![EARLIEST, LATEST.succ_opt().unwrap_or(LATEST)];
    for b in bounds {
        cuts.push(b.from());
        cuts.extend(b.until().succ_opt());
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for pair in cuts.windows(2) {
        let (start, next) = (pair[0], pair[1]);
        let Some(end) = next.pred_opt() else { continue };
        if end < start {
            continue;
        }
        let short = |from: NaiveDate| from.checked_add_days(Days::new(30)).unwrap_or(end).min(end);
        out.push((start, short(start)));
        let tail_start = end
            .checked_sub_days(Days::new(30))
            .unwrap_or(start)
            .max(start);
        out.push((tail_start, end));
    }
    out.dedup();
    out
}

fn contract(region: &str, (start, end): (NaiveDate, NaiveDate), term: &str, value: &str) -> String {
    format!(
        "region: {region}\nterm: {{start: {start}, end: {end}}}\nclauses:\n  - id: 第一条\n    terms:\n      {term}: \"{value}\"\n"
    )
}

fn check(set: &RuleSet, yaml: &str) -> Report {
    dixian_core::check_yaml(set, "generated.yaml", yaml).unwrap_or_else(|e| panic!("{yaml}\n{e:?}"))
}

fn step_for(value: i64) -> i64 {
    if value >= 1000 && value % 1000 == 0 {
        1000
    } else {
        1
    }
}

#[derive(Default)]
struct Tally {
    binding: usize,
    regions: std::collections::BTreeSet<String>,
    notice: usize,
}

/// Checks one term (in one unit and direction) for one region over every window.
fn check_term(
    set: &RuleSet,
    region: JurisdictionId,
    term: TermId,
    unit: UnitId,
    ceiling: bool,
    tally: &mut Tally,
) {
    let chain = set.chain(region);
    let all = bounds(set, &chain, region, term, unit, ceiling);
    if !all.iter().any(|b| b.own) {
        return;
    }
    let region_name = &set.jurisdiction(region).expect("region").name;
    let term_name = set.vocabulary.term_name(term);
    let unit_name = set.vocabulary.unit_name(unit);
    // Larger is more protective; for ceilings, smaller is.
    let strictness = |b: &Bound<'_>| if ceiling { -b.edge() } else { b.edge() };
    let worse = |value: i64, by: i64| if ceiling { value + by } else { value - by };
    for window in windows(&all) {
        let in_force: Vec<Bound<'_>> = all
            .iter()
            .copied()
            .filter(|b| b.version.in_force_on(window.0))
            .collect();
        let binding: Vec<Bound<'_>> = in_force.iter().copied().filter(Bound::binding).collect();
        let describe = |value: i64| {
            format!(
                "{region_name} {term_name}={}{unit_name} {window:?}",
                format_milli(value)
            )
        };
        let on_term = |report: &Report, at_least: Severity| -> Vec<(String, String)> {
            report
                .findings
                .iter()
                .filter(|f| f.term.as_deref() == Some(term_name) && f.severity >= at_least)
                .map(|f| (f.rule.clone(), f.expected.clone()))
                .collect()
        };

        if let Some(strictest) = binding
            .iter()
            .max_by_key(|b| strictness(b))
            .filter(|_| binding.iter().any(|b| b.own))
        {
            let ok = strictest.edge();
            let at = check(
                set,
                &contract(
                    region_name,
                    window,
                    term_name,
                    &format!("{}{unit_name}", format_milli(ok)),
                ),
            );
            assert_eq!(
                on_term(&at, Severity::Rectify),
                vec![],
                "at the floor: {}",
                describe(ok)
            );
            let bad = worse(ok, step_for(ok) + strictest.gap);
            if bad >= 0 {
                let below = check(
                    set,
                    &contract(
                        region_name,
                        window,
                        term_name,
                        &format!("{}{unit_name}", format_milli(bad)),
                    ),
                );
                let found = on_term(&below, Severity::Rectify);
                assert_eq!(
                    found.len(),
                    1,
                    "one unit past the floor: {} → {found:?}",
                    describe(bad)
                );
                let expected: Vec<String> = binding
                    .iter()
                    .filter(|b| strictness(b) == strictness(strictest))
                    .map(|b| b.expected(set))
                    .collect();
                assert!(
                    expected.contains(&found[0].1),
                    "{}: expected one of {expected:?}, got {found:?}",
                    describe(bad)
                );
                assert!(below.findings.iter().any(
                    |f| f.kind == FindingKind::Violated && f.term.as_deref() == Some(term_name)
                ));
                tally.binding += 1;
                tally.regions.insert(region_name.clone());
            }
        }

        // A provisional or permissive figure stricter than every other bound in force yields a notice, never more.
        let Some(top) = in_force.iter().copied().max_by_key(|b| strictness(b)) else {
            continue;
        };
        let unique = in_force
            .iter()
            .filter(|b| strictness(b) == strictness(&top))
            .count()
            == 1;
        if top.own && !top.binding() && unique && matches!(top.op, Op::AtLeast | Op::AtMost) {
            let value = worse(top.milli, step_for(top.milli));
            let passes_binding = binding.iter().all(|b| {
                if ceiling {
                    value <= b.edge()
                } else {
                    value >= b.edge()
                }
            });
            if value >= 0 && passes_binding {
                let report = check(
                    set,
                    &contract(
                        region_name,
                        window,
                        term_name,
                        &format!("{}{unit_name}", format_milli(value)),
                    ),
                );
                assert_eq!(
                    on_term(&report, Severity::Rectify),
                    vec![],
                    "notice-only figure raised more: {}",
                    describe(value)
                );
                let finding = report
                    .findings
                    .iter()
                    .find(|f| f.rule == top.rule)
                    .unwrap_or_else(|| panic!("no notice from {}: {}", top.rule, describe(value)));
                assert_eq!(finding.severity, Severity::Notice);
                assert_eq!(finding.provisional, top.version.provisional.is_some());
                if finding.provisional {
                    assert!(finding.message.contains("暂定"), "{}", finding.message);
                }
                tally.notice += 1;
            }
        }
    }
}

#[test]
fn every_region_every_floor_at_and_just_below() {
    let set = set();
    let mut tally = Tally::default();
    for (i, _) in set.jurisdictions.iter().enumerate() {
        let region = JurisdictionId(u16::try_from(i).expect("few jurisdictions"));
        let mut keys: Vec<(TermId, UnitId, bool)> = set
            .rules
            .iter()
            .filter(|r| r.jurisdiction == region)
            .flat_map(|r| r.versions.iter())
            .filter_map(|v| match &v.check {
                Check::Bound {
                    term,
                    op,
                    value: Operand::Quantity(q),
                } if v.conditions.is_empty() => Some((*term, q.unit, op.lower_protects())),
                _ => None,
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for (term, unit, ceiling) in keys {
            check_term(&set, region, term, unit, ceiling, &mut tally);
        }
    }
    // Every region with an unconditional binding floor of its own was exercised.
    let with_floors: std::collections::BTreeSet<String> = set
        .rules
        .iter()
        .filter(|r| {
            r.versions.iter().any(|v| {
                v.conditions.is_empty()
                    && v.provisional.is_none()
                    && v.effective_severity() >= Severity::Rectify
                    && matches!(
                        v.check,
                        Check::Bound {
                            value: Operand::Quantity(_),
                            ..
                        }
                    )
            })
        })
        .filter_map(|r| set.jurisdiction(r.jurisdiction).map(|j| j.name.clone()))
        .collect();
    assert_eq!(tally.regions, with_floors);
    println!(
        "{} regions, {} binding-floor windows, {} notice-only windows",
        tally.regions.len(),
        tally.binding,
        tally.notice
    );
    assert!(tally.notice > 0);
}
