//! dixian's benchmarks, one binary: `cargo bench -p dixian-bench [--features peers]`.
//!
//! Each benchmark runs over a fixed set of seeded contracts per iteration (criterion's throughput is
//! set to their number), so the time per contract is the median divided by the set's size;
//! `benches/medians.py` prints that table. See BENCHMARKS.md.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use dixian_bench::{handwritten, plain, rulesets, side};
use dixian_core::contract::Contract;
use dixian_core::rules::RuleSet;
use dixian_core::synth::{self, Dates, Options};
use std::hint::black_box;

const SIZES: [usize; 4] = [10, 30, 100, 300];
/// Contracts per iteration in the per-contract benchmarks.
const SET: u64 = 8;
/// Contracts per iteration in the batch benchmark.
const BATCH: u64 = 256;

/// 湖北 contracts of `clauses` clauses, terms from 2013 to 2027 (so they cross the dates where 湖北's
/// and the national rules change).
fn hubei_yaml(clauses: usize) -> Vec<String> {
    let options = side::hubei(42, clauses, Dates::Varied);
    (0..SET).map(|i| synth::contract(options, i)).collect()
}

fn parsed(rules: &RuleSet, yaml: &[String]) -> Vec<Contract> {
    yaml.iter()
        .map(|y| dixian_core::contract::load_yaml("c.yaml", y, &rules.vocabulary).expect("loads"))
        .collect()
}

fn load(c: &mut Criterion) {
    c.bench_function("load/builtin", |b| {
        b.iter(|| dixian_core::rules::builtin().expect("valid"))
    });
}

fn stages(c: &mut Criterion) {
    let rules = dixian_core::rules::builtin().expect("valid");
    for (group, stage) in [
        ("yaml_baseline", 0),
        ("parse", 1),
        ("eval", 2),
        ("end_to_end", 3),
    ] {
        let mut g = c.benchmark_group(group);
        g.throughput(Throughput::Elements(SET));
        for n in SIZES {
            let yaml = hubei_yaml(n);
            let contracts = parsed(&rules, &yaml);
            g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| match stage {
                0 => b.iter(|| {
                    for y in &yaml {
                        black_box(plain::parse(black_box(y)).expect("parses"));
                    }
                }),
                1 => b.iter(|| {
                    for y in &yaml {
                        black_box(
                            dixian_core::contract::load_yaml(
                                "c.yaml",
                                black_box(y),
                                &rules.vocabulary,
                            )
                            .expect("loads"),
                        );
                    }
                }),
                2 => b.iter(|| {
                    for c in &contracts {
                        black_box(dixian_core::eval::check(&rules, black_box(c)).expect("checks"));
                    }
                }),
                _ => b.iter(|| {
                    for y in &yaml {
                        black_box(
                            dixian_core::check_yaml(&rules, "c.yaml", black_box(y))
                                .expect("checks"),
                        );
                    }
                }),
            });
        }
        g.finish();
    }
}

/// The same 湖北 contracts under rule sets of one region, all built-in regions, and the built-in
/// regions with 50 synthetic copies of each province (1,600 more jurisdictions, none in the chain).
fn regions(c: &mut Criterion) {
    let sets = [
        ("one_region", rulesets::national_and_hubei().expect("valid")),
        ("all_regions", dixian_core::rules::builtin().expect("valid")),
        (
            "plus_1600_regions",
            rulesets::with_synthetic_regions(50).expect("valid"),
        ),
    ];
    let mut g = c.benchmark_group("regions");
    g.throughput(Throughput::Elements(SET));
    for (name, rules) in &sets {
        let contracts = parsed(rules, &hubei_yaml(30));
        g.bench_function(*name, |b| {
            b.iter(|| {
                for c in &contracts {
                    black_box(dixian_core::eval::check(rules, black_box(c)).expect("checks"));
                }
            })
        });
    }
    g.finish();
}

/// Many contracts of every region and varied dates, YAML to report, on one thread and on two.
fn batch(c: &mut Criterion) {
    let rules = dixian_core::rules::builtin().expect("valid");
    let options = Options {
        seed: 7,
        clauses: Some(20),
        ..Options::default()
    };
    let yaml: Vec<String> = (0..BATCH).map(|i| synth::contract(options, i)).collect();
    let run = |part: &[String]| {
        for y in part {
            black_box(dixian_core::check_yaml(&rules, "c.yaml", y).expect("checks"));
        }
    };
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(BATCH));
    g.bench_function("1_thread", |b| b.iter(|| run(&yaml)));
    g.bench_function("2_threads", |b| {
        b.iter(|| {
            let (left, right) = yaml.split_at(yaml.len() / 2);
            std::thread::scope(|s| {
                s.spawn(|| run(left));
                run(right);
            });
        })
    });
    g.finish();
}

/// dixian against the same checks written by hand, in Rego and in Cedar: 湖北 contracts of 30
/// clauses over one date, after checking that all agree on every verdict.
fn side_by_side(c: &mut Criterion) {
    let specs = side::contracts(1, 30, SET);
    side::assert_agreement(&side::contracts(1, 30, 200)).expect("all implementations agree");
    let floors = rulesets::national_and_hubei_floors().expect("valid");
    let all = rulesets::national_and_hubei().expect("valid");
    let yaml: Vec<String> = specs.iter().map(|s| s.to_yaml()).collect();
    let on_floors = parsed(&floors, &yaml);
    let on_all = parsed(&all, &yaml);
    let facts: Vec<handwritten::Facts> = specs.iter().map(handwritten::Facts::from_spec).collect();

    let mut g = c.benchmark_group("side_by_side");
    g.throughput(Throughput::Elements(SET));
    g.bench_function("dixian", |b| {
        b.iter(|| {
            for c in &on_floors {
                black_box(dixian_core::eval::check(&floors, black_box(c)).expect("checks"));
            }
        })
    });
    g.bench_function("handwritten", |b| {
        b.iter(|| {
            for f in &facts {
                black_box(handwritten::check(black_box(f)));
            }
        })
    });
    g.bench_function("dixian_with_wording", |b| {
        b.iter(|| {
            for c in &on_all {
                black_box(dixian_core::eval::check(&all, black_box(c)).expect("checks"));
            }
        })
    });
    g.bench_function("handwritten_with_wording", |b| {
        b.iter(|| {
            for f in &facts {
                black_box(handwritten::check_with_text(black_box(f)));
            }
        })
    });
    #[cfg(feature = "peers")]
    peers(&mut g, &specs);
    g.finish();
}

#[cfg(feature = "peers")]
fn peers(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    specs: &[synth::Spec],
) {
    use dixian_bench::{cedar, input, rego};
    let json: Vec<serde_json::Value> = specs.iter().map(input::json).collect();
    let text: Vec<String> = json.iter().map(serde_json::Value::to_string).collect();

    let mut engine = rego::engine().expect("policy loads");
    let values: Vec<regorus::Value> = json.iter().map(rego::input).collect();
    g.bench_function("regorus", |b| {
        b.iter(|| {
            for v in &values {
                black_box(rego::check(&mut engine, black_box(v)).expect("evaluates"));
            }
        })
    });
    g.bench_function("regorus_from_json", |b| {
        b.iter(|| {
            for t in &text {
                black_box(rego::check_json(&mut engine, black_box(t)).expect("evaluates"));
            }
        })
    });

    let peer = cedar::Peer::new().expect("policies load");
    let requests: Vec<cedar_policy::Request> = json
        .iter()
        .map(|j| peer.request(j).expect("request"))
        .collect();
    g.bench_function("cedar", |b| {
        b.iter(|| {
            for r in &requests {
                black_box(peer.check(black_box(r)));
            }
        })
    });
    g.bench_function("cedar_from_json", |b| {
        b.iter(|| {
            for t in &text {
                black_box(peer.check_json(black_box(t)).expect("evaluates"));
            }
        })
    });
}

criterion_group!(benches, load, stages, regions, batch, side_by_side);
criterion_main!(benches);
