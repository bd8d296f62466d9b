//! Benchmarks for dixian (`cargo bench -p dixian-bench`), and what they need (contracts come from
//! `dixian_core::synth`): the YAML-only baseline, and the same checks written other ways to compare against
//! (`handwritten` always; Rego and Cedar with `--features peers`). See BENCHMARKS.md.
#![forbid(unsafe_code)]

#[cfg(feature = "peers")]
pub mod cedar;
pub mod handwritten;
pub mod input;
pub mod plain;
#[cfg(feature = "peers")]
pub mod rego;
pub mod rulesets;
pub mod side;
pub mod verdict;
