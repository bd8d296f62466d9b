//! A fixed amount of work for `valgrind --tool=callgrind` (instruction counts are stable on a busy
//! machine, unlike wall-clock time):
//! `cargo build --profile bench -p dixian-bench --example profile` then
//! `valgrind --tool=callgrind target/release/examples/profile STAGE CLAUSES ROUNDS`, where STAGE is
//! one of yaml_baseline, parse, eval, end_to_end, eval_floors, handwritten, load.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use dixian_bench::{handwritten, plain, rulesets, side};
use dixian_core::synth::{self, Dates};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let stage = args.next().unwrap_or_else(|| "eval".to_owned());
    let clauses: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let rules = dixian_core::rules::builtin().expect("valid");
    let options = side::hubei(42, clauses, Dates::Varied);
    let yaml: Vec<String> = (0..8).map(|i| synth::contract(options, i)).collect();
    let contracts: Vec<_> = yaml
        .iter()
        .map(|y| dixian_core::contract::load_yaml("c.yaml", y, &rules.vocabulary).expect("loads"))
        .collect();
    let floors = rulesets::national_and_hubei_floors().expect("valid");
    let specs = side::contracts(1, clauses, 8);
    let side_contracts: Vec<_> = specs
        .iter()
        .map(|s| {
            dixian_core::contract::load_yaml("c.yaml", &s.to_yaml(), &floors.vocabulary)
                .expect("loads")
        })
        .collect();
    let facts: Vec<_> = specs.iter().map(handwritten::Facts::from_spec).collect();
    for _ in 0..rounds {
        match stage.as_str() {
            "yaml_baseline" => yaml.iter().for_each(|y| {
                black_box(plain::parse(y).expect("parses"));
            }),
            "parse" => yaml.iter().for_each(|y| {
                black_box(
                    dixian_core::contract::load_yaml("c.yaml", y, &rules.vocabulary)
                        .expect("loads"),
                );
            }),
            "eval" => contracts.iter().for_each(|c| {
                black_box(dixian_core::eval::check(&rules, c).expect("checks"));
            }),
            "end_to_end" => yaml.iter().for_each(|y| {
                black_box(dixian_core::check_yaml(&rules, "c.yaml", y).expect("checks"));
            }),
            "eval_floors" => side_contracts.iter().for_each(|c| {
                black_box(dixian_core::eval::check(&floors, c).expect("checks"));
            }),
            "handwritten" => facts.iter().for_each(|f| {
                black_box(handwritten::check(f));
            }),
            "load" => {
                black_box(dixian_core::rules::builtin().expect("valid"));
            }
            other => panic!("unknown stage {other}"),
        }
    }
}
