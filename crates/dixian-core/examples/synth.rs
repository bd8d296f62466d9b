//! Writes synthetic contracts: `cargo run -p dixian-core --features synth --example synth -- COUNT SEED DIR [BROKEN_EVERY]`.
#![allow(clippy::expect_used)]

use dixian_core::synth::{Options, contract};
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: u64 = args.next().and_then(|a| a.parse().ok()).expect("COUNT");
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).expect("SEED");
    let dir = PathBuf::from(args.next().expect("DIR"));
    let broken_every = args.next().and_then(|a| a.parse().ok());
    std::fs::create_dir_all(&dir).expect("create DIR");
    let options = Options {
        seed,
        broken_every,
        ..Options::default()
    };
    for i in 0..count {
        std::fs::write(dir.join(format!("c{i:06}.yaml")), contract(options, i))
            .expect("write contract");
    }
}
