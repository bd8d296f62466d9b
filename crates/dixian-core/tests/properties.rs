//! Properties of evaluation over generated contracts.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use dixian_core::report::Finding;
use dixian_core::rules::{self, Check, Op, Operand};
use proptest::prelude::*;

const REGIONS: [&str; 5] = ["北京", "湖北省武汉市", "四川", "江苏省南通市", "宁夏"];
/// Quantity terms with their unit, as a contract states them.
const QUANTITIES: [(&str, &str); 10] = [
    ("产假", "天"),
    ("难产假", "天"),
    ("流产假_不满4个月", "天"),
    ("流产假_满4个月", "天"),
    ("陪产假", "天"),
    ("育儿假", "天/年"),
    ("哺乳时间", "小时/日"),
    ("哺乳期", "个月"),
    ("卫生费", "元/月"),
    ("妇科检查", "次/年"),
];

#[derive(Clone, Debug)]
struct Gen {
    region: usize,
    start_year: i32,
    years: i32,
    values: Vec<(usize, u32)>,
}

fn contracts() -> impl Strategy<Value = Gen> {
    (
        0..REGIONS.len(),
        2015..2027i32,
        1..4i32,
        proptest::collection::btree_map(0..QUANTITIES.len(), 0..250u32, 0..QUANTITIES.len()),
    )
        .prop_map(|(region, start_year, years, m)| Gen {
            region,
            start_year,
            years,
            values: m.into_iter().collect(),
        })
}

fn yaml(g: &Gen, order: &[usize]) -> String {
    let mut y = format!(
        "region: {}\nterm: {{start: {}-03-01, end: {}-02-28}}\nworkforce: {{total: 100, women: 40}}\nclauses:\n",
        REGIONS[g.region],
        g.start_year,
        g.start_year + g.years
    );
    for &i in order {
        let (t, v) = g.values[i];
        let (name, unit) = QUANTITIES[t];
        y.push_str(&format!(
            "  - id: 第{i}条\n    terms: {{{name}: {v}{unit}}}\n"
        ));
    }
    y
}

fn key(
    f: &Finding,
) -> (
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
    String,
) {
    (
        f.rule.clone(),
        f.term.clone(),
        f.clause.clone(),
        f.expected.clone(),
        f.actual.clone(),
        f.from.clone(),
        f.to.clone(),
    )
}

fn within(after: &Finding, before: &Finding) -> bool {
    after.rule == before.rule
        && after.term == before.term
        && after.kind == before.kind
        && after.expected == before.expected
        && after.clause == before.clause
        && before.from <= after.from
        && after.to <= before.to
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn raising_a_quantity_never_adds_a_finding(g in contracts(), which in any::<prop::sample::Index>(), by in 1..100u32) {
        prop_assume!(!g.values.is_empty());
        let order: Vec<usize> = (0..g.values.len()).collect();
        let before = check(&yaml(&g, &order));
        let mut raised = g.clone();
        let i = which.index(raised.values.len());
        // 哺乳期 and the pregnancy month are the only terms where a lower figure could protect more;
        // none of the generated terms is a ceiling, so raising is always at least as favourable.
        raised.values[i].1 += by;
        let after = check(&yaml(&raised, &order));
        for f in &after.findings {
            prop_assert!(before.findings.iter().any(|b| within(f, b)), "new finding {f:#?}");
        }
    }

    #[test]
    fn shuffling_clauses_changes_nothing(g in contracts(), seed in any::<u64>()) {
        let mut order: Vec<usize> = (0..g.values.len()).collect();
        let a = check(&yaml(&g, &order));
        let n = order.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let b = check(&yaml(&g, &order));
        let mut ka: Vec<_> = a.findings.iter().map(key).collect();
        let mut kb: Vec<_> = b.findings.iter().map(key).collect();
        ka.sort();
        kb.sort();
        prop_assert_eq!(ka, kb);
        prop_assert_eq!(a.coverage, b.coverage);
    }

    #[test]
    fn every_finding_carries_a_citation_and_a_window_inside_the_term(g in contracts()) {
        let order: Vec<usize> = (0..g.values.len()).collect();
        let r = check(&yaml(&g, &order));
        for f in &r.findings {
            prop_assert!(!f.citation.trim().is_empty());
            prop_assert!(r.contract.term.start <= f.from && f.from <= f.to && f.to <= r.contract.term.end);
        }
    }
}

#[test]
fn shuffling_rule_files_changes_nothing() {
    let text = std::fs::read_to_string(repo().join("fixtures/hubei-wuhan-logistics.yaml")).unwrap();
    let mut sources = rules::builtin_sources();
    let forward = rules::load(&sources).unwrap();
    sources.reverse();
    let backward = rules::load(&sources).unwrap();
    let a = dixian_core::check_yaml(&forward, "c.yaml", &text).unwrap();
    let b = dixian_core::check_yaml(&backward, "c.yaml", &text).unwrap();
    assert_eq!(a.to_json(), b.to_json());
}

/// Lowering each stated quantity of a compliant contract just below its binding floor adds exactly
/// that term's finding and changes nothing else.
#[test]
fn lowering_one_term_below_its_floor_adds_exactly_that_finding() {
    let set = builtin();
    let mut files: Vec<_> = std::fs::read_dir(repo().join("fixtures/compliant"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let region = path.display();
        let contract = dixian_core::contract::load_yaml("c.yaml", &text, &set.vocabulary).unwrap();
        let base = dixian_core::eval::check(set, &contract).unwrap();
        let chain = set.chain(
            dixian_core::region::resolve(set, &contract.region)
                .unwrap()
                .jurisdiction,
        );
        let day = contract.term.start;
        for (ci, clause) in contract.clauses.iter().enumerate() {
            for (ti, stated) in clause.terms.iter().enumerate() {
                let dixian_core::contract::TermValue::Quantity(stated_q) = stated.value else {
                    continue;
                };
                // The strictest verified floor in force on the first day, if any.
                let floor = set
                    .rules
                    .iter()
                    .filter(|r| chain.contains(&r.jurisdiction))
                    .flat_map(|r| r.versions.iter())
                    .filter(|v| {
                        v.in_force_on(day) && v.provisional.is_none() && v.conditions.is_empty()
                    })
                    .filter_map(|v| match &v.check {
                        Check::Bound {
                            term,
                            op: Op::AtLeast,
                            value: Operand::Quantity(q),
                        } if *term == stated.term && q.unit == stated_q.unit => Some(q.milli),
                        _ => None,
                    })
                    .max();
                let Some(floor) = floor else { continue };
                let mut lowered = contract.clone();
                if let dixian_core::contract::TermValue::Quantity(q) =
                    &mut lowered.clauses[ci].terms[ti].value
                {
                    q.milli = floor - 1;
                } else {
                    continue;
                }
                let r = dixian_core::eval::check(set, &lowered).unwrap();
                let name = set.vocabulary.term_name(stated.term);
                let added: Vec<_> = r
                    .findings
                    .iter()
                    .filter(|f| !base.findings.iter().any(|b| key(b) == key(f)))
                    .collect();
                assert!(!added.is_empty(), "{region}: lowering {name} added nothing");
                assert!(
                    added.iter().all(|f| f.term.as_deref() == Some(name)),
                    "{region}: {added:#?}"
                );
                let kept = r
                    .findings
                    .iter()
                    .filter(|f| f.term.as_deref() != Some(name))
                    .count();
                let before = base
                    .findings
                    .iter()
                    .filter(|f| f.term.as_deref() != Some(name))
                    .count();
                assert_eq!(
                    kept, before,
                    "{region}: lowering {name} changed other findings"
                );
            }
        }
    }
}
