//! Before anything is timed side by side: every implementation gives the same verdicts on the same
//! generated contracts (全国 + 湖北, terms from 2023 on, 30 clauses).
#![allow(clippy::expect_used, clippy::unwrap_used)]

use dixian_bench::verdict;
use dixian_core::synth::{self, Options};

const CONTRACTS: u64 = 400;

#[test]
fn every_implementation_agrees_with_dixian() {
    // With `--features peers` this includes Rego (regorus) and Cedar.
    let specs = dixian_bench::side::contracts(11, 30, CONTRACTS);
    let with_findings = dixian_bench::side::assert_agreement(&specs).expect("same verdicts");
    // The batch straddles the floors: some contracts pass, most fail something.
    assert!(
        with_findings > 0 && with_findings < specs.len(),
        "{with_findings}"
    );
}

#[test]
fn some_generated_contracts_carry_unlawful_wording() {
    let rules = dixian_bench::rulesets::national_and_hubei().expect("rules load");
    let with_text = dixian_bench::side::contracts(12, 30, CONTRACTS)
        .iter()
        .filter(|spec| {
            dixian_core::check_yaml(&rules, "c.yaml", &spec.to_yaml()).is_ok_and(|r| {
                verdict::from_report(&r)
                    .iter()
                    .any(|v| v.1 == verdict::Kind::Text)
            })
        })
        .count();
    assert!(with_text > 0, "the wording rules are exercised");
}

#[test]
fn generated_contracts_load_in_every_region_and_size() {
    let rules = dixian_core::rules::builtin().expect("rules load");
    for n in [1, 10, 30, 100, 300] {
        for i in 0..20 {
            let text = synth::contract(
                Options {
                    seed: 3,
                    clauses: Some(n),
                    ..Options::default()
                },
                i,
            );
            let report = dixian_core::check_yaml(&rules, "c.yaml", &text);
            assert!(
                report.is_ok(),
                "{n} clauses, contract {i}: {report:?}\n{text}"
            );
        }
    }
}

#[test]
fn broken_contracts_are_refused() {
    let rules = dixian_core::rules::builtin().expect("rules load");
    let o = Options {
        seed: 4,
        broken_every: Some(2),
        clauses: Some(8),
        ..Options::default()
    };
    for i in (1..40).step_by(2) {
        assert!(
            dixian_core::check_yaml(&rules, "c.yaml", &synth::contract(o, i)).is_err(),
            "contract {i}"
        );
    }
}

#[test]
fn plain_baseline_reads_what_dixian_reads() {
    for n in [10, 300] {
        let text = synth::generate(9, n);
        let plain = dixian_bench::plain::parse(&text).expect("plain parse");
        assert_eq!(plain.clauses.len(), n);
    }
}

#[test]
fn synthetic_regions_load_and_leave_hubei_contracts_alone() {
    let padded = dixian_bench::rulesets::with_synthetic_regions(5).expect("padded rules load");
    let builtin = dixian_core::rules::builtin().expect("rules load");
    assert!(padded.jurisdictions.len() > builtin.jurisdictions.len() + 5);
    for spec in dixian_bench::side::contracts(2, 30, 20) {
        let yaml = spec.to_yaml();
        let mut a = dixian_core::check_yaml(&padded, "c.yaml", &yaml).expect("checks");
        let b = dixian_core::check_yaml(&builtin, "c.yaml", &yaml).expect("checks");
        // Only the rule data's identity differs: the padded set has more files.
        assert_eq!(a.rules.version, format!("{}+local", b.rules.version));
        a.rules = b.rules.clone();
        assert_eq!(a, b);
    }
}
