//! Before anything is timed side by side: every implementation gives the same verdicts on the same
//! generated contracts (全国 + 湖北, terms from 2023 on, 30 clauses).
#![allow(clippy::expect_used, clippy::unwrap_used)]

use dixian_bench::synth::{self, Dates, Options};
use dixian_bench::{handwritten, verdict};

const CONTRACTS: u64 = 400;

fn options(seed: u64) -> Options {
    Options {
        seed,
        clauses: 30,
        region: Some("湖北省武汉市"),
        dates: Dates::Current,
        ..Options::default()
    }
}

#[test]
fn handwritten_agrees_with_dixian_on_floors_and_commitments() {
    let rules = verdict::national_and_hubei_floors().expect("rules load");
    let mut with_findings = 0;
    for i in 0..CONTRACTS {
        let spec = synth::spec(options(11), i);
        let report = dixian_core::check_yaml(&rules, "c.yaml", &spec.to_yaml()).expect("loads");
        let ours = verdict::from_report(&report);
        let theirs =
            handwritten::verdicts(&handwritten::check(&handwritten::Facts::from_spec(&spec)));
        assert_eq!(ours, theirs, "contract {i}:\n{}", spec.to_yaml());
        with_findings += usize::from(!ours.is_empty());
    }
    // The batch straddles the floors: some contracts pass, most fail something.
    assert!(
        with_findings > 0 && with_findings < CONTRACTS as usize,
        "{with_findings}"
    );
}

#[test]
fn handwritten_agrees_with_dixian_including_forbidden_wording() {
    let rules = verdict::national_and_hubei().expect("rules load");
    let mut with_text = 0;
    for i in 0..CONTRACTS {
        let spec = synth::spec(options(12), i);
        let report = dixian_core::check_yaml(&rules, "c.yaml", &spec.to_yaml()).expect("loads");
        let ours = verdict::from_report(&report);
        let theirs = handwritten::verdicts(&handwritten::check_with_text(
            &handwritten::Facts::from_spec(&spec),
        ));
        assert_eq!(ours, theirs, "contract {i}:\n{}", spec.to_yaml());
        with_text += usize::from(ours.iter().any(|v| v.1 == verdict::Kind::Text));
    }
    assert!(with_text > 0, "some contracts carry unlawful wording");
}

#[test]
fn generated_contracts_load_in_every_region_and_size() {
    let rules = dixian_core::rules::builtin().expect("rules load");
    for n in [1, 10, 30, 100, 300] {
        for i in 0..20 {
            let text = synth::contract(
                Options {
                    seed: 3,
                    clauses: n,
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
