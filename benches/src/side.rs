//! The side-by-side fixture: the contracts every implementation is given, and the agreement check that
//! runs before anything is timed (in the benchmark binary and in the tests).

use crate::{handwritten, verdict};
use dixian_core::synth::{self, Dates, Options, Spec};

/// 湖北 contracts of `clauses` clauses whose whole term lies in 2023 or later, so the checks in force
/// are those of one date: what the peers encode.
pub fn options(seed: u64, clauses: usize) -> Options {
    hubei(seed, clauses, Dates::Current)
}

/// 湖北 contracts of `clauses` clauses whose terms lie as `dates` says.
pub fn hubei(seed: u64, clauses: usize, dates: Dates) -> Options {
    Options {
        seed,
        clauses: Some(clauses),
        region: Some("湖北省武汉市"),
        dates,
        ..Options::default()
    }
}

pub fn contracts(seed: u64, clauses: usize, count: u64) -> Vec<Spec> {
    (0..count)
        .map(|i| synth::spec(options(seed, clauses), i))
        .collect()
}

/// Checks that dixian, the hand-written function and (with `peers`) Rego and Cedar give the same
/// verdicts on every contract; returns how many contracts had any finding.
pub fn assert_agreement(specs: &[Spec]) -> Result<usize, String> {
    let floors = crate::rulesets::national_and_hubei_floors().map_err(|e| e.to_string())?;
    let all = crate::rulesets::national_and_hubei().map_err(|e| e.to_string())?;
    #[cfg(feature = "peers")]
    let (mut rego, cedar) = (crate::rego::engine()?, crate::cedar::Peer::new()?);
    let mut with_findings = 0;
    for (i, spec) in specs.iter().enumerate() {
        let yaml = spec.to_yaml();
        let report =
            dixian_core::check_yaml(&floors, "c.yaml", &yaml).map_err(|e| e.to_string())?;
        let ours = verdict::from_report(&report);
        let facts = handwritten::Facts::from_spec(spec);
        let differ = |who: &str, theirs: &verdict::Verdicts| {
            format!("contract {i}: dixian {ours:?}\n{who} {theirs:?}\n{yaml}")
        };
        let hand = handwritten::verdicts(&handwritten::check(&facts));
        if hand != ours {
            return Err(differ("hand-written", &hand));
        }
        let report = dixian_core::check_yaml(&all, "c.yaml", &yaml).map_err(|e| e.to_string())?;
        let (ours_text, hand_text) = (
            verdict::from_report(&report),
            handwritten::verdicts(&handwritten::check_with_text(&facts)),
        );
        if ours_text != hand_text {
            return Err(format!(
                "contract {i} with wording rules: dixian {ours_text:?}\nhand-written {hand_text:?}\n{yaml}"
            ));
        }
        #[cfg(feature = "peers")]
        {
            let json = crate::input::json(spec);
            let text = json.to_string();
            let by_rego =
                crate::rego::verdicts(&crate::rego::check(&mut rego, &crate::rego::input(&json))?);
            let by_rego_json = crate::rego::verdicts(&crate::rego::check_json(&mut rego, &text)?);
            let by_cedar = crate::cedar::verdicts(&cedar.check(&cedar.request(&json)?));
            let by_cedar_json = crate::cedar::verdicts(&cedar.check_json(&text)?);
            for (who, theirs) in [
                ("rego", &by_rego),
                ("rego (json)", &by_rego_json),
                ("cedar", &by_cedar),
                ("cedar (json)", &by_cedar_json),
            ] {
                if *theirs != ours {
                    return Err(differ(who, theirs));
                }
            }
        }
        with_findings += usize::from(!ours.is_empty());
    }
    Ok(with_findings)
}
