//! Contract → facts: reading a contract (YAML) into the typed form rules are evaluated over.

mod model;
mod yaml;
mod yaml_error;

pub use model::*;
pub use yaml::{
    Located, MAX_ALIAS_REPLAYED_EVENTS, MAX_ALIASES, MAX_CLAUSES, MAX_CONTRACT_BYTES,
    MAX_YAML_DEPTH, check_size, load_yaml, read_document,
};

pub use crate::encoding::{decode_utf8, decode_utf8_owned};
