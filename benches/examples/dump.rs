//! Prints the JSON report of many generated contracts (every region, varied dates, 1 to 100
//! clauses), one per line: run before and after a change to the core and diff the output to show
//! the change keeps behaviour identical. `cargo run -p dixian-bench --example dump > reports.jsonl`
#![allow(clippy::expect_used)]

use dixian_core::synth::{self, Options};

fn main() {
    let rules = dixian_core::rules::builtin().expect("valid");
    for clauses in [1, 3, 10, 30, 100] {
        for i in 0..300 {
            let options = Options {
                seed: 1000 + clauses as u64,
                clauses: Some(clauses),
                ..Options::default()
            };
            let yaml = synth::contract(options, i);
            match dixian_core::check_yaml(&rules, "c.yaml", &yaml) {
                Ok(report) => println!("{}", serde_json::to_string(&report).unwrap_or_default()),
                Err(e) => println!("error: {e:?}"),
            }
        }
    }
}
